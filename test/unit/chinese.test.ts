import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumeral, serialNumber } from '../../src/render/chinese.js';
import { authorLine } from '../../src/render/author-line.js';

describe('Chinese dates and numerals', () => {
  it('writes dates without leading zeros', () => {
    expect(chineseDate('2020-03-10')).toBe('2020年3月10日');
    expect(chineseDate('2021-12-01')).toBe('2021年12月1日');
  });

  it.each([
    [1, '一'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [1001, '一千零一'],
    [2020, '二千零二十'],
  ])('%i → %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });

  it('pads copy numbers to six digits', () => {
    expect(serialNumber(128)).toBe('000128');
  });
});

describe('author line', () => {
  it('puts honours first and joins affiliation to post', () => {
    expect(
      authorLine([
        { name: '张三', title: '中国科学院院士、研究员', affiliation: '某研究所' },
        { name: '李四', title: '教授', affiliation: '某大学' },
      ]),
    ).toBe('（中国科学院院士、某研究所研究员 张三；某大学教授 李四）');
    expect(authorLine([{ name: '王某', title: '某所研究员' }])).toBe('（某所研究员 王某）');
  });
});

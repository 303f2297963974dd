/** 份号 for numbered copies: stable as the list grows, never given twice. */
import { describe, expect, it } from 'vitest';
import { assignSerials } from '../../src/copies/numbers.js';
import type { Recipient } from '../../src/copies/recipients.js';

const r = (name: string, copies = 1, group = '报'): Recipient => ({ name, group, copies });
const serials = (x: ReturnType<typeof assignSerials>) => x.copies.map((c) => `${c.recipient.name}:${c.serial}`);

describe('assignSerials', () => {
  it('numbers from 1, or from serialStart, in the list order, a recipient with copies taking several', () => {
    expect(serials(assignSerials(undefined, [r('甲'), r('乙', 2), r('丙')]))).toEqual(['甲:1', '乙:2', '乙:3', '丙:4']);
    expect(serials(assignSerials(undefined, [r('甲'), r('乙')], 101))).toEqual(['甲:101', '乙:102']);
  });

  it('keeps every number when the list grows, wherever the new recipient stands', () => {
    const first = assignSerials(undefined, [r('甲'), r('乙'), r('丙')]);
    const grown = assignSerials(first.record, [r('丁'), r('甲'), r('乙'), r('丙')]);
    expect(serials(grown)).toEqual(['丁:4', '甲:1', '乙:2', '丙:3']);
  });

  it('never gives a number again: not after a recipient leaves, nor after one takes fewer copies', () => {
    const first = assignSerials(undefined, [r('甲'), r('乙', 3), r('丙')]);
    const fewer = assignSerials(first.record, [r('甲'), r('乙', 1), r('戊')]);
    expect(serials(fewer)).toEqual(['甲:1', '乙:2', '戊:6']);
    const back = assignSerials(fewer.record, [r('甲'), r('乙', 2), r('丙'), r('戊')]);
    expect(serials(back)).toEqual(['甲:1', '乙:2', '乙:3', '丙:5', '戊:6']);
  });

  it('tells one recipient from another by group and name', () => {
    expect(serials(assignSerials(undefined, [r('科技部', 1, '报'), r('科技部', 1, '送')]))).toEqual(['科技部:1', '科技部:2']);
  });

  it('refuses to pass 999999', () => {
    expect(() => assignSerials(undefined, [r('甲', 2)], 999_999)).toThrow(RangeError);
  });
});

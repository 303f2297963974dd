/** The author line: where it may break, and when each author takes a line of their own. */
import { describe, expect, it } from 'vitest';
import { authorLine, authorLines, authorPieces } from '../../src/render/author-line.js';
import { AUTHOR_LINE_EMS } from '../../src/layout/page.js';
import { widthEm } from '../../src/layout/title-lines.js';

const three = [
  { name: '许国平', title: '中国工程院院士', affiliation: '某工程研究院' },
  { name: '冯婉清', title: '研究员', affiliation: '某省科技发展战略研究院' },
  { name: '刘䶮', title: '副研究员', affiliation: '某研究院战略研究所' },
];

describe('the author line', () => {
  it('keeps each name on the piece of its description, so no name opens a line on its own', () => {
    const pieces = authorPieces(three);
    expect(pieces).toEqual([['（中国工程院院士、', '某工程研究院 许国平；'], ['某省科技发展战略研究院研究员 冯婉清；'], ['某研究院战略研究所副研究员 刘䶮）']]);
    // A name without a description is a piece of its own, brackets and all.
    expect(authorPieces([{ name: '张三' }])).toEqual([['（张三）']]);
  });

  it('is one line when it fits, and else one line an author', () => {
    const short = [{ name: '张三', title: '教授', affiliation: '某大学' }];
    expect(authorLines(short)).toEqual([authorLine(short)]);
    expect(widthEm(authorLine(three))).toBeGreaterThan(AUTHOR_LINE_EMS);
    expect(authorLines(three)).toEqual([
      '（中国工程院院士、某工程研究院 许国平；',
      '某省科技发展战略研究院研究员 冯婉清；',
      '某研究院战略研究所副研究员 刘䶮）',
    ]);
    expect(authorLines(three).join('')).toBe(authorLine(three).replace(/ (?=[^ ]*$)/, ' '));
  });
});

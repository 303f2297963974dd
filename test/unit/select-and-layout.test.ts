/** Issue selectors, the layout read from print marks, and the text checks: pure logic, no browser. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { checkText } from '../../src/content/checks.js';
import type { Marks } from '../../src/print/marks.js';
import { layoutFromMarks, notesRight } from '../../src/print/print-issue.js';
import { selectIssues } from '../../src/workspace/select.js';
import { makeIssue } from '../helpers/factories.js';

const bulletins = defaultConfig('/ws').bulletins;

describe('issue selectors', () => {
  const issues = [
    makeIssue({ publication: 'jianyi', year: 2026, number: 1 }),
    { ...makeIssue({ publication: 'jianyi', year: 2026, number: 12 }), file: 'briefs/issues/jianyi/2026/012.md' },
    makeIssue({ publication: 'jianyi', year: 2026, number: 1, supplement: true }),
    makeIssue({ publication: 'qingkuang', year: 2025, number: 3 }),
  ];
  const pick = (...sel: string[]) => selectIssues(issues, sel, bulletins, '/ws', '/ws').map((i) => i.id);

  it('takes bulletin/year/number, zero-padded, by id or by name, a supplement, a year, a bulletin, a file', () => {
    expect(pick('jianyi/2026/12')).toEqual(['jianyi/2026/12']);
    expect(pick('jianyi/2026/012')).toEqual(['jianyi/2026/12']);
    expect(pick('科技工作者建议/2026/1')).toEqual(['jianyi/2026/1']);
    expect(pick('jianyi/2026/s1')).toEqual(['jianyi/2026/s1']);
    expect(pick('jianyi/2026')).toEqual(['jianyi/2026/1', 'jianyi/2026/12', 'jianyi/2026/s1']);
    expect(pick('qingkuang')).toEqual(['qingkuang/2025/3']);
    expect(pick('briefs/issues/jianyi/2026/012.md')).toEqual(['jianyi/2026/12']);
    expect(pick()).toHaveLength(4);
  });

  it('names a selector that matches nothing, and keeps the issues in their order', () => {
    expect(() => pick('jianyi/1999/7')).toThrow(/no issue matches "jianyi\/1999\/7"/);
    expect(() => pick('nosuch/2026/1')).toThrow(/no issue matches/);
    expect(pick('qingkuang/2025/3', 'jianyi/2026/1')).toEqual(['jianyi/2026/1', 'qingkuang/2025/3']);
  });
});

describe('the page notes the print marks show', () => {
  const FOOT = (35 * 72) / 25.4 + 0.5;
  const marks = (notes: Marks['notes'], noteRefs: Marks['noteRefs']): Marks => ({ articlePages: [1], pages: 3, notes, noteRefs });
  it('are right on their page, at the foot, with their references; over the 报尾 anywhere on that page', () => {
    expect(notesRight(marks([{ block: 1, want: 2, last: false, page: 2, y: FOOT + 0.4 }], [{ block: 1, page: 2 }]))).toBe(true);
    expect(notesRight(marks([{ block: 1, want: 3, last: true, page: 3, y: 300 }], [{ block: 1, page: 3 }]))).toBe(true);
  });
  it('are wrong on another page, off the foot, or away from a reference', () => {
    expect(notesRight(marks([{ block: 1, want: 2, last: false, page: 3, y: FOOT }], []))).toBe(false);
    expect(notesRight(marks([{ block: 1, want: 2, last: false, page: 2, y: FOOT + 20 }], []))).toBe(false);
    expect(
      notesRight(
        marks(
          [{ block: 1, want: 2, last: false, page: 2, y: FOOT }],
          [
            { block: 1, page: 2 },
            { block: 1, page: 1 },
          ],
        ),
      ),
    ).toBe(false);
  });
});

describe('the layout the print marks call for', () => {
  const FOOT = (35 * 72) / 25.4 + 0.5;
  it('puts the 报尾 on the foot of the page where the articles end, when it fits there', () => {
    // The articles end 400 pt up page 2; the 报尾 is 100 pt tall, printed without a push.
    const layout = layoutFromMarks({
      articlePages: [1, 2],
      pages: 2,
      notes: [],
      noteRefs: [],
      contentEnd: { page: 2, y: 400 },
      distributionTop: { page: 2, y: 400 - 57.96 },
      distributionBottom: { page: 2, y: 400 - 57.96 - 100 },
    });
    expect(layout!.articlePages).toEqual([1, 2]);
    // Its foot at FOOT: the push is the room between the articles' end, less the gap, and the 报尾.
    expect(layout!.distributionPush).toBeCloseTo(400 - 2 * 28.98 - 100 - FOOT, 1);
  });

  it('moves the 报尾 to the foot of a new page when it does not fit under the articles', () => {
    const layout = layoutFromMarks({
      articlePages: [1],
      pages: 1,
      notes: [],
      noteRefs: [],
      contentEnd: { page: 1, y: 150 },
      distributionTop: { page: 1, y: 140 },
      distributionBottom: { page: 1, y: 40 },
    });
    expect(layout!.distributionPush).toBeCloseTo(841.92 - 105 - 100 - FOOT, 1);
  });

  it('asks for another print when the 报尾 was split over two pages, and takes a missing article as page 0', () => {
    expect(
      layoutFromMarks({
        articlePages: [1],
        pages: 2,
        notes: [],
        noteRefs: [],
        contentEnd: { page: 1, y: 150 },
        distributionTop: { page: 1, y: 60 },
        distributionBottom: { page: 2, y: 700 },
      }),
    ).toBeUndefined();
    expect(layoutFromMarks({ articlePages: [1, undefined as unknown as number], pages: 1, notes: [], noteRefs: [] })).toEqual({
      articlePages: [1, 0],
      distributionPush: 0,
    });
  });
});

describe('text checks', () => {
  const check = (body: string) => checkText({ file: 's.md', body, bodyLine: 10 }, bulletins.jianyi).map((d) => `${d.code}@${d.line}:${d.column ?? ''}`);

  it('finds half-width punctuation in Chinese, but not in code, links, URLs or numbers', () => {
    expect(check('研究,发展。\n`a,b` 与 [链接](https://x.org/a,b) 及 https://x.org/?a=1,2 增长2.68%。\n研究(试点)')).toEqual([
      'halfwidth-punctuation@10:3',
      'halfwidth-punctuation@12:3',
      'halfwidth-punctuation@12:6',
    ]);
  });

  it('finds straight quotes touching Chinese, mixed or not, an empty body and a text too long', () => {
    expect(check('他说"卡脖子"与“堵点”。')).toEqual(['halfwidth-punctuation@10:3', 'halfwidth-punctuation@10:7']);
    expect(check('他说"卡脖子"。')).toEqual(['halfwidth-punctuation@10:3', 'halfwidth-punctuation@10:7']);
    expect(check('  \n')).toEqual(['empty-body@10:']);
    expect(check('研'.repeat(bulletins.jianyi.maxChars + 1))).toEqual(['too-long@10:']);
  });
});

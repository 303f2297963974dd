import { describe, expect, it } from 'vitest';
import { nextNumber } from '../../src/assemble/numbering.js';
import { hanCount, planIssues, unplaced } from '../../src/assemble/plan.js';
import { defaultConfig } from '../../src/config/defaults.js';
import type { IssueFile, Submission } from '../../src/content/model.js';
import { makeIssue } from '../helpers/factories.js';

const issue = (publication: string, year: number, number: number, extra: Partial<IssueFile> = {}): IssueFile =>
  makeIssue({ publication, year, number, ...extra });

describe('numbering', () => {
  it('starts each year at 1 and continues the total across years', () => {
    expect(nextNumber([], 'jianyi', 2026, false)).toEqual({ number: 1 });
    const issues = [
      issue('jianyi', 2025, 11, { total: 511 }),
      issue('jianyi', 2025, 12, { total: 512 }),
      issue('jianyi', 2026, 1, { total: 513 }),
      issue('qingkuang', 2026, 7, { total: 90 }),
    ];
    expect(nextNumber(issues, 'jianyi', 2026, false)).toEqual({ number: 2, total: 514 });
    expect(nextNumber(issues, 'jianyi', 2027, false)).toEqual({ number: 1, total: 514 });
    expect(nextNumber(issues, 'qingkuang', 2026, false)).toEqual({ number: 8, total: 91 });
  });

  it('numbers supplements on their own, without a total, and leaves the regular series alone', () => {
    const issues = [issue('jianyi', 2026, 3, { total: 40 }), issue('jianyi', 2026, 1, { supplement: true })];
    expect(nextNumber(issues, 'jianyi', 2026, true)).toEqual({ number: 2 });
    expect(nextNumber(issues, 'jianyi', 2026, false)).toEqual({ number: 4, total: 41 });
  });
});

describe('planning issues from accepted submissions', () => {
  const { bulletins } = defaultConfig('/ws');
  const sub = (id: string, submitted: string, topic: string | undefined, chars: number, extra: Partial<Submission> = {}): Submission => ({
    id,
    file: `${id}.md`,
    title: id,
    publication: 'qingkuang',
    authors: [{ name: '甲' }],
    submitted,
    topic,
    status: 'accepted',
    body: '字'.repeat(chars),
    bodyLine: 1,
    ...extra,
  });
  const all = [
    sub('c', '2026-03-01', '动态', 1000),
    sub('a', '2026-01-01', '建言', 2000),
    sub('b', '2026-02-01', '动态', 3000),
    sub('d', '2026-01-15', '建言', 2500),
    sub('placed', '2025-12-01', '动态', 100),
    sub('waiting', '2025-12-02', '动态', 100, { status: 'submitted' }),
    sub('other', '2025-12-03', '动态', 100, { publication: 'jianyi' }),
  ];
  const placed = [issue('qingkuang', 2026, 1, { submissions: ['placed'] })];

  it('takes accepted pieces in no issue, topics by their oldest piece, oldest first within', () => {
    expect(unplaced(all, placed, bulletins.qingkuang).map((s) => s.id)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('fills each issue up to its budget and never splits a piece', () => {
    const plan = planIssues(unplaced(all, placed, bulletins.qingkuang), { maxArticles: 5, maxChars: 5000 });
    expect(plan.map((p) => [p.submissions.map((s) => s.id), p.chars])).toEqual([
      [['a', 'd'], 4500],
      [['b', 'c'], 4000],
    ]);
    expect(planIssues([sub('huge', '2026-01-01', undefined, 9000)], { maxArticles: 5, maxChars: 5000 }).map((p) => p.chars)).toEqual([9000]);
  });

  it('puts one suggestion in each jianyi issue, oldest first', () => {
    const jy = [sub('j2', '2026-02-01', undefined, 10, { publication: 'jianyi' }), sub('j1', '2026-01-01', undefined, 10, { publication: 'jianyi' })];
    const plan = planIssues(unplaced(jy, [], bulletins.jianyi), { maxArticles: bulletins.jianyi.issueArticles, maxChars: bulletins.jianyi.issueChars });
    expect(plan.map((p) => p.submissions.map((s) => s.id))).toEqual([['j1'], ['j2']]);
    expect(hanCount('一二三abc。')).toBe(3);
  });
});

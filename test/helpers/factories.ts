import type { IssueFile } from '../../src/content/model.js';

/** An issue file as parsing would give it, with the fields a test cares about set. */
export function makeIssue(extra: Partial<IssueFile> = {}): IssueFile {
  const submissions = extra.submissions ?? [];
  const publication = extra.publication ?? 'qingkuang';
  const year = extra.year ?? 2020;
  const number = extra.number ?? 1;
  return {
    id: `${publication}/${year}/${extra.supplement ? 's' : ''}${number}`,
    file: 'i/1.md',
    publication,
    year,
    number,
    date: `${year}-03-10`,
    submissions,
    submissionLines: submissions.map((_, i) => 8 + i),
    status: 'final',
    distribution: { 报: [], 送: [], 发: [] },
    supplement: false,
    note: '',
    noteLine: 1,
    ...extra,
  };
}

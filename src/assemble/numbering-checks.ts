/**
 * Checks of the numbers across a bulletin's issue files, reported on the file to fix. Pure.
 * - numbering-gap: a number missing from a year's sequence (supplements counted apart);
 * - duplicate-total: two issues of one bulletin with the same 总期号 (both in error);
 * - total-order: a 总期号 lower than that of an earlier issue;
 * - file-number: a file named 005.md that holds number: 7;
 * - date-order: a later number dated before an earlier one of the same year.
 */
import path from 'node:path';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { IssueFile } from '../content/model.js';
import { pushTo } from '../group.js';
import { diagnostic } from '../messages/say.js';

/** Bulletin ids → the names a person reads (科技工作者建议); an id with no name stands as itself. */
export type BulletinNames = Readonly<Record<string, string>>;

/** 《科技工作者建议》2026年第2期: how a person names an issue. */
export function describeIssue(issue: IssueFile, names: BulletinNames = {}, number = issue.number): string {
  return `《${Object.hasOwn(names, issue.publication) ? names[issue.publication] : issue.publication}》${issue.year}年${issue.supplement ? '增刊' : ''}第${number}期`;
}

/** Regular issues before supplements of the same year, each in number order. */
const byPlace = (a: IssueFile, b: IssueFile) => a.year - b.year || Number(a.supplement) - Number(b.supplement) || a.number - b.number;

export function numberingChecks(issues: readonly IssueFile[], names: BulletinNames = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bulletins = new Map<string, IssueFile[]>();
  for (const i of issues) pushTo(bulletins, i.publication, i);
  for (const list of bulletins.values()) {
    const sorted = [...list].sort(byPlace);
    out.push(...gaps(sorted, names), ...totals(sorted, names), ...dates(sorted, names));
  }
  for (const i of issues) out.push(...fileName(i));
  return out;
}

function series(sorted: readonly IssueFile[]): IssueFile[][] {
  const map = new Map<string, IssueFile[]>();
  for (const i of sorted) {
    pushTo(map, `${i.year}/${i.supplement}`, i);
  }
  return [...map.values()];
}

function gaps(sorted: readonly IssueFile[], names: BulletinNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const list of series(sorted)) {
    // One warning a run of missing numbers, on the issue after it: a typo such as
    // number: 30000 makes one warning, not thirty thousand. Numbers before the first file
    // are not asked for: a workspace may start in the middle of a year.
    for (let k = 1; k < list.length; k++) {
      const from = list[k - 1].number + 1;
      const next = list[k];
      if (next.number <= from) continue;
      const to = next.number - 1;
      const missing = from === to ? `${from}` : `${from}–${to}`;
      out.push(
        diagnostic(
          'numbering-gap',
          { severity: 'warning', file: next.file, line: next.lines?.number, field: 'number' },
          { missing, next: next.number, v2: describeIssue(next, names).replace(/第\d+期$/, `第${missing}期`), v3: from === to ? 'is' : 'are' },
        ),
      );
    }
  }
  return out;
}

function totals(sorted: readonly IssueFile[], names: BulletinNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<number, IssueFile>();
  let highest: IssueFile | undefined;
  for (const i of sorted) {
    if (i.total === undefined || i.supplement) continue;
    const other = seen.get(i.total);
    if (other) {
      for (const [self, them] of [
        [i, other],
        [other, i],
      ]) {
        out.push(
          diagnostic(
            'duplicate-total',
            { severity: 'error', file: self.file, line: self.lines?.total, field: 'total' },
            { total: self.total!, other: them.file },
          ),
        );
      }
      continue;
    }
    seen.set(i.total, i);
    if (highest && i.total < highest.total!) {
      out.push(
        diagnostic(
          'total-order',
          { severity: 'warning', file: i.file, line: i.lines?.total, field: 'total' },
          { total: i.total, earlier: highest.total!, issue: describeIssue(highest, names) },
        ),
      );
    } else highest = i;
  }
  return out;
}

function dates(sorted: readonly IssueFile[], names: BulletinNames): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const list of series(sorted)) {
    let latest: IssueFile | undefined;
    for (const i of list) {
      if (latest && i.date < latest.date && i.number > latest.number) {
        out.push(
          diagnostic(
            'date-order',
            { severity: 'warning', file: i.file, line: i.lines?.date, field: 'date' },
            { issue: describeIssue(i, names), date: i.date, earlier: describeIssue(latest, names), earlierDate: latest.date },
          ),
        );
      }
      if (!latest || i.date > latest.date) latest = i;
    }
  }
  return out;
}

/** 005.md, 5.md or s2.md (a supplement) say a number; it should be the file's own. */
function fileName(i: IssueFile): Diagnostic[] {
  const m = /^(s?)0*(\d+)$/i.exec(path.posix.basename(i.file, '.md'));
  if (!m || (Number(m[2]) === i.number && (m[1] !== '') === i.supplement)) return [];
  if (m[1] === '' && i.supplement && Number(m[2]) === i.number) return [];
  return [
    diagnostic(
      'file-number',
      { severity: 'warning', file: i.file, line: i.lines?.number, field: 'number' },
      { name: path.posix.basename(i.file), number: i.number },
    ),
  ];
}

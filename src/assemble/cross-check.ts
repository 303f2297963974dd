/**
 * Checks that span files: ids, which submission is in which issue, numbering. Pure.
 * Problems are reported on the issue file where the editor can fix them.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import type { IssueFile, Submission } from '../content/model.js';
import { describeIssue, numberingChecks, type BulletinNames } from './numbering-checks.js';
import { pushTo } from '../group.js';
import { diagnostic } from '../messages/say.js';

/**
 * Every file claiming each id, and the ids claimed once: the only ones that stand for a
 * submission. A duplicated id stands for none (never first-wins).
 */
export function submissionIds(submissions: readonly Submission[]): { claims: Map<string, Submission[]>; byId: Map<string, Submission> } {
  const claims = new Map<string, Submission[]>();
  for (const s of submissions) pushTo(claims, s.id, s);
  const byId = new Map<string, Submission>();
  for (const [id, list] of claims) if (list.length === 1) byId.set(id, list[0]);
  return { claims, byId };
}

/** `unusable`: submission files with errors of their own, by the id they claim (see content/workspace.ts). */
export function crossCheck(
  submissions: readonly Submission[],
  issues: readonly IssueFile[],
  unusable: ReadonlyMap<string, string> = new Map(),
  names: BulletinNames = {},
): Diagnostic[] {
  const describe = (i: IssueFile) => describeIssue(i, names);
  const name = (id: string) => `《${Object.hasOwn(names, id) ? names[id] : id}》`;
  const out: Diagnostic[] = [];
  // A duplicated id belongs to no one: never first-wins, or a new file whose path sorts first
  // could take a printed article's place. Every file that claims it is in error, and so is
  // every issue that names it.
  const { claims, byId } = submissionIds(submissions);
  for (const [id, list] of claims) {
    if (list.length === 1) continue;
    for (const s of list) {
      const others = list
        .filter((o) => o !== s)
        .map((o) => o.file)
        .join(', ');
      out.push(diagnostic('duplicate-id', { severity: 'error', file: s.file, line: s.lines?.id ?? 1, field: 'id' }, { id, other: others }));
    }
  }

  const placed = new Map<string, IssueFile>();
  const numbers = new Map<string, IssueFile>();
  for (const issue of issues) {
    const other = numbers.get(issue.id);
    if (other) {
      // Both files are in error: either would print to the same PDF, so neither may.
      for (const [self, them] of [
        [issue, other],
        [other, issue],
      ]) {
        out.push(
          diagnostic(
            'duplicate-issue',
            { severity: 'error', file: self.file, line: self.lines?.number, field: 'number' },
            { other: them.file, issue: describe(self) },
          ),
        );
      }
    } else numbers.set(issue.id, issue);

    issue.submissions.forEach((id, i) => {
      const line = issue.submissionLines[i];
      const s = byId.get(id);
      if (!s && (claims.get(id)?.length ?? 0) > 1) {
        const others = claims
          .get(id)!
          .map((o) => o.file)
          .join(', ');
        out.push(diagnostic('duplicate-id', { severity: 'error', file: issue.file, line, field: 'submissions' }, { id, other: others }, 'unprinted'));
        return;
      }
      if (!s && unusable.has(id)) {
        const other = unusable.get(id)!;
        out.push(diagnostic('submission-invalid', { severity: 'error', file: issue.file, line, field: 'submissions' }, { id, other }));
        return;
      }
      if (!s) {
        // A draft is still being put together (a submission deleted, or not come yet): it
        // prints without it, and says so. A final issue must have every one.
        const draft = issue.status !== 'final';
        const near = closest(id, byId);
        out.push(
          diagnostic(
            'unknown-submission',
            { severity: draft ? 'warning' : 'error', file: issue.file, line, field: 'submissions' },
            near ? { id, near } : { id },
            draft ? (near ? 'draft-near' : 'draft') : near ? 'near' : undefined,
          ),
        );
        return;
      }
      const first = placed.get(id);
      if (first && first !== issue) {
        out.push(diagnostic('submission-in-two-issues', { severity: 'error', file: issue.file, line, field: 'submissions' }, { id, other: first.file }));
      } else if (first === issue) {
        out.push(diagnostic('submission-repeated', { severity: 'error', file: issue.file, line, field: 'submissions' }, { id }));
      } else placed.set(id, issue);
      if (s.publication !== issue.publication) {
        out.push(
          diagnostic(
            'wrong-bulletin',
            { severity: 'error', file: issue.file, line, field: 'submissions' },
            { id, from: name(s.publication), to: name(issue.publication), file: s.file },
          ),
        );
      }
      if (s.status === 'rejected') {
        out.push(diagnostic('rejected-in-issue', { severity: 'error', file: issue.file, line, field: 'submissions' }, { id, other: s.file }));
      }
    });
  }
  out.push(...numberingChecks(issues, names));
  return out;
}

/** An id the one written may have meant (one contains the other). */
function closest(id: string, byId: Map<string, Submission>): string | undefined {
  return [...byId.keys()].find((k) => k.includes(id) || id.includes(k));
}

/**
 * Checks that span files: ids, which submission is in which issue, numbering. Pure.
 * Problems are reported on the issue file where the editor can fix them.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import type { IssueFile, Submission } from '../content/model.js';
import { describeIssue, numberingChecks, type BulletinNames } from './numbering-checks.js';
import { pushTo } from '../group.js';

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
      out.push({
        severity: 'error',
        code: 'duplicate-id',
        file: s.file,
        line: s.lines?.id ?? 1,
        field: 'id',
        message: `the submission id "${id}" is also used by ${others}`,
        data: { id, other: others },
        hint: 'give all but one of them another file name or id:',
      });
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
        out.push({
          severity: 'error',
          code: 'duplicate-issue',
          file: self.file,
          line: self.lines?.number,
          field: 'number',
          message: `${them.file} is also ${describe(self)}`,
          data: { other: them.file, issue: describe(self) },
          hint: 'give one of them another number',
        });
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
        out.push({
          severity: 'error',
          code: 'duplicate-id',
          file: issue.file,
          line,
          field: 'submissions',
          message: `the submission id "${id}" is used by ${others}: none of them is printed`,
          data: { id, other: others },
          hint: 'give all but one of them another file name or id:',
        });
        return;
      }
      if (!s && unusable.has(id)) {
        const other = unusable.get(id)!;
        out.push({
          severity: 'error',
          code: 'submission-invalid',
          file: issue.file,
          line,
          field: 'submissions',
          message: `the submission "${id}" cannot be used: ${other} has errors`,
          hint: `fix the errors reported for ${other}`,
          data: { id, other },
        });
        return;
      }
      if (!s) {
        // A draft is still being put together (a submission deleted, or not come yet): it
        // prints without it, and says so. A final issue must have every one.
        const draft = issue.status !== 'final';
        out.push({
          severity: draft ? 'warning' : 'error',
          code: 'unknown-submission',
          file: issue.file,
          line,
          field: 'submissions',
          message: `no submission has the id "${id}"${draft ? ': the draft prints without it' : ''}`,
          hint: draft ? `${closest(id, byId)}; or take "${id}" out of submissions:` : closest(id, byId),
          data: { id },
        });
        return;
      }
      const first = placed.get(id);
      if (first && first !== issue) {
        out.push({
          severity: 'error',
          code: 'submission-in-two-issues',
          file: issue.file,
          line,
          field: 'submissions',
          message: `"${id}" is already in ${first.file}`,
          data: { id, other: first.file },
          hint: 'a submission is printed in one issue only: remove it from one of them',
        });
      } else if (first === issue) {
        out.push({
          severity: 'error',
          code: 'submission-repeated',
          file: issue.file,
          line,
          field: 'submissions',
          message: `"${id}" is listed twice in this issue`,
          data: { id },
          hint: 'list each submission once',
        });
      } else placed.set(id, issue);
      if (s.publication !== issue.publication) {
        out.push({
          severity: 'error',
          code: 'wrong-bulletin',
          file: issue.file,
          line,
          field: 'submissions',
          message: `"${id}" was submitted to ${name(s.publication)}, but this is an issue of ${name(issue.publication)}`,
          data: { id, from: name(s.publication), to: name(issue.publication) },
          hint: `move it to an issue of ${name(s.publication)}, or change publication: in ${s.file}`,
        });
      }
      if (s.status === 'rejected') {
        out.push({
          severity: 'error',
          code: 'rejected-in-issue',
          file: issue.file,
          line,
          field: 'submissions',
          message: `"${id}" is marked rejected (已退回) in ${s.file}`,
          data: { id, other: s.file },
          hint: 'remove it from the issue, or change its status',
        });
      }
    });
  }
  out.push(...numberingChecks(issues, names));
  return out;
}

function closest(id: string, byId: Map<string, Submission>): string {
  const near = [...byId.keys()].find((k) => k.includes(id) || id.includes(k));
  return near ? `did you mean "${near}"?` : 'check the id against the file names under briefs/submissions';
}

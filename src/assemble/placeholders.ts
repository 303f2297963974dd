/**
 * placeholder-left: a submission that still holds the form's placeholder text (see
 * submission-file.ts). An error when the submission is in a final issue, which would print it;
 * a warning otherwise, for the editor to chase. Pure.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';
import type { IssueFile, Submission } from '../content/model.js';
import { PLACEHOLDERS } from './submission-file.js';

export function placeholderChecks(submissions: readonly Submission[], issues: readonly IssueFile[]): Diagnostic[] {
  const final = new Set(issues.filter((i) => i.status === 'final').flatMap((i) => i.submissions));
  const out: Diagnostic[] = [];
  for (const s of submissions) {
    const severity = final.has(s.id) ? 'error' : 'warning';
    const report = (field: string, value: string, line: number | undefined) =>
      out.push(diagnostic('placeholder-left', { severity, file: s.file, line, field }, { value }, severity === 'error' ? 'final' : undefined));
    s.authors.forEach((a) => {
      const line = s.lines?.authors;
      if (a.name === PLACEHOLDERS.name) report('authors.name', a.name, line);
      if (a.title === PLACEHOLDERS.title) report('authors.title', a.title, line);
      if (a.affiliation === PLACEHOLDERS.affiliation) report('authors.affiliation', a.affiliation, line);
    });
    s.body.split('\n').forEach((text, i) => {
      const bare = text.replace(/^#+\s*/, '').trim();
      if ((PLACEHOLDERS.body as readonly string[]).includes(bare)) report('body', bare, s.bodyLine + i);
    });
  }
  return out;
}

/** An issue file → an IssueFile, or diagnostics that say why not. Pure: text in, data out. */
import { invisibleNameProblem } from './controls.js';
import type { BulletinConfig } from '../config/types.js';
import { bulletinChoices, resolveBulletin } from './bulletin.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';
import { DISTRIBUTION_FIELDS, ISSUE_FIELDS, ISSUE_STATUS, RECIPIENT_FIELDS, aliasTable } from './fields.js';
import { missingFrontMatter, parseFrontMatter } from './front-matter.js';
import { issueId, type Distribution, type IssueFile } from './model.js';
import { FieldReader } from './values.js';

export function parseIssue(text: string, file: string, bulletins: Record<string, BulletinConfig>, diagnostics: Diagnostic[]): IssueFile | undefined {
  const before = diagnostics.length;
  const fm = parseFrontMatter(text, file, diagnostics);
  if (!fm.hasFrontMatter) {
    diagnostics.push(missingFrontMatter(file, 'issue file', 'publication, year, number, date, submissions'));
    return undefined;
  }
  if (diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;

  const r = new FieldReader(file, diagnostics, fm.data, fm.positions, ISSUE_FIELDS, 'issue', text);
  r.requireAll();
  const publicationName = r.string('publication');
  const bulletin = publicationName === undefined ? undefined : resolveBulletin(publicationName, bulletins);
  if (publicationName !== undefined && bulletin === undefined) {
    r.fail('publication', 'unknown-bulletin', { value: publicationName, choices: bulletinChoices(bulletins) });
  }
  const year = r.integer('year', 1949, 2100);
  const number = r.integer('number', 1, 999);
  const date = r.date('date');
  if (year !== undefined && date !== undefined && Number(date.slice(0, 4)) !== year) {
    r.fail('date', 'date-outside-year', { date, year });
  }
  const submissions = r.stringList('submissions') ?? [];
  const submissionLines = submissions.map((_, i) => fm.positions.get(`${r.keyOf('submissions')}[${i}]`)?.line ?? r.where('submissions')?.line ?? 1);
  const status = r.oneOf('status', ISSUE_STATUS) ?? 'draft';
  // A draft may wait for its submissions (`briefs new issue` writes one so); a final issue may not.
  if (r.present('submissions') && submissions.length === 0) {
    const where = r.where('submissions');
    r.report(status === 'final' ? 'error' : 'warning', 'empty-issue', r.keyOf('submissions'), where);
  }
  // In a final issue a misspelt field (distrubution:, edtior:) is an error: it would print
  // without what the field holds (the 报/送/发 lines, the editor). A draft only warns.
  if (status === 'final')
    diagnostics.forEach((d, i) => {
      if (i >= before && d.code === 'unknown-field' && d.data?.guess !== undefined && d.severity === 'warning')
        diagnostics[i] = diagnostic('unknown-field', { ...d, severity: 'error' }, d.data, 'final');
    });
  const supplement = r.boolean('supplement') ?? false;
  const result: Partial<IssueFile> = {
    file,
    publication: bulletin?.id,
    year,
    number,
    total: r.integer('total', 1, 99_999),
    date,
    submissions,
    submissionLines,
    status,
    editor: r.string('editor'),
    approver: r.string('approver'),
    ...readDistribution(r),
    copies: r.integer('copies', 1, 1_000_000),
    classification: r.string('classification'),
    supplement,
    serial: r.integer('serial', 1, 999_999),
    serialStart: r.integer('serialStart', 1, 999_999),
    recipients: r.string('recipients'),
    note: fm.body,
    noteLine: fm.bodyLine,
    lines: r.lines(),
  };
  if (diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  result.id = issueId(result.publication!, year!, number!, supplement);
  return result as IssueFile;
}

/** A recipient's name with a character that prints nothing: it would look like another's. */
function invisibleRecipient(r: FieldReader, name: string): void {
  const problem = invisibleNameProblem(name);
  if (problem) r.fail('distribution', 'recipient-invisible', problem);
}

function readDistribution(r: FieldReader): { distribution: Distribution; copiesOf?: Record<string, number> } {
  const distribution: Distribution = { 报: [], 送: [], 发: [] };
  const copiesOf: Record<string, number> = {};
  const raw = r.raw('distribution');
  if (raw === undefined || raw === null) return { distribution };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    r.fail('distribution', 'invalid-type', { field: r.keyOf('distribution') }, 'distribution');
    return { distribution };
  }
  const table = aliasTable(DISTRIBUTION_FIELDS);
  const entryTable = aliasTable(RECIPIENT_FIELDS);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const name = table.get(key.replace(/[：:]$/, '')) as keyof Distribution | undefined;
    if (!name) {
      r.fail('distribution', 'unknown-field', { key }, 'distribution-line');
      continue;
    }
    const list = typeof value === 'string' ? value.split(/[，,、]/) : value;
    // An entry is a name, or {name, copies} for a recipient that gets more than one copy.
    const names: string[] = [];
    const entries = Array.isArray(list) ? list : [undefined];
    for (const x of entries) {
      if (typeof x === 'string') {
        if (x.trim()) names.push(x.trim());
        continue;
      }
      const entry =
        x !== null && typeof x === 'object' && !Array.isArray(x)
          ? Object.fromEntries(Object.entries(x as Record<string, unknown>).map(([k, v]) => [entryTable.get(k) ?? k, v]))
          : undefined;
      const copies = entry?.copies ?? 1;
      if (
        !entry ||
        typeof entry.name !== 'string' ||
        !entry.name.trim() ||
        !Number.isInteger(copies) ||
        (copies as number) < 1 ||
        (copies as number) > 10_000
      ) {
        r.fail('distribution', 'invalid-type', { key }, 'distribution-line');
        break;
      }
      names.push(entry.name.trim());
      if ((copies as number) > 1) copiesOf[entry.name.trim()] = copies as number;
    }
    for (const n of names) invisibleRecipient(r, n);
    distribution[name] = names;
  }
  return Object.keys(copiesOf).length > 0 ? { distribution, copiesOf } : { distribution };
}

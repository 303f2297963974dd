/**
 * Who gets a numbered copy of an issue: its distribution (报/送/发, each entry a name or
 * {name, copies}), or the list in the file its `recipients:` names (YAML or CSV, inside the
 * workspace, with name, group and copies; Chinese keys work as English ones). Problems come
 * back as diagnostics with the file and line.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { invisibleNameProblem } from '../content/controls.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { RECIPIENT_FIELDS, aliasTable } from '../content/fields.js';
import type { IssueFile } from '../content/model.js';
import { isInside } from '../files/inside.js';
import { readRegular } from '../files/read-regular.js';
import { diagnostic, type Variant } from '../messages/say.js';

export interface Recipient {
  name: string;
  /** 报, 送 or 发 for a distribution entry; whatever the list says for a file's. */
  group: string;
  copies: number;
}

export const recipientKey = (r: Pick<Recipient, 'group' | 'name'>) => `${r.group}\u0000${r.name}`;

function fromDistribution(issue: IssueFile): Recipient[] {
  return (['报', '送', '发'] as const).flatMap((group) => issue.distribution[group].map((name) => ({ name, group, copies: issue.copiesOf?.[name] ?? 1 })));
}

const MAX_LIST_BYTES = 4 * 1024 * 1024;

/**
 * The recipients of an issue for `briefs copies` (and `validate`, which reports the same before
 * anything is printed), with what is wrong in its list: a name listed twice included.
 */
export async function recipientsOf(issue: IssueFile, root: string, diagnostics: Diagnostic[]): Promise<Recipient[]> {
  const list = await listed(issue, root, diagnostics);
  const seen = new Set<string>();
  for (const r of list) {
    const key = recipientKey(r);
    if (seen.has(key))
      diagnostics.push(
        diagnostic(
          'recipients-invalid',
          {
            severity: 'error',
            file: issue.recipients ?? issue.file,
            line: issue.recipients ? undefined : issue.lines?.distribution,
            field: issue.recipients ? undefined : 'distribution',
          },
          { name: r.name, group: r.group ? ` (${r.group})` : '' },
        ),
      );
    seen.add(key);
  }
  return list;
}

async function listed(issue: IssueFile, root: string, diagnostics: Diagnostic[]): Promise<Recipient[]> {
  if (!issue.recipients) return fromDistribution(issue);
  const line = issue.lines?.recipients;
  const fail = (variant?: Variant<'recipients-unreadable'>, data: Record<string, string> = {}) => {
    diagnostics.push(
      diagnostic('recipients-unreadable', { severity: 'error', file: issue.file, line, field: 'recipients' }, { path: issue.recipients!, ...data }, variant),
    );
    return [];
  };
  const file = path.resolve(root, issue.recipients);
  if (!isInside(root, file)) return fail('outside');
  const kind = path.extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.csv'].includes(kind)) return fail('kind');
  const read = await readRegular(file, { maxBytes: MAX_LIST_BYTES, noFollow: true });
  if ('problem' in read) return fail(undefined, { problem: read.problem });
  const rel = path.relative(root, file).split(path.sep).join('/');
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  return kind === '.csv' ? fromCsv(text, rel, diagnostics) : fromYaml(text, rel, diagnostics);
}

const FIELDS = aliasTable(RECIPIENT_FIELDS);

/** One row of a list, its keys made canonical; a problem names the row's line. */
function entry(raw: Record<string, unknown>, file: string, line: number, diagnostics: Diagnostic[]): Recipient | undefined {
  const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [FIELDS.get(String(k).trim()) ?? String(k).trim(), v]));
  const name = typeof row.name === 'string' ? row.name.trim() : '';
  const copies = row.copies === undefined || row.copies === '' ? 1 : Number(row.copies);
  const bad = (variant: Variant<'recipients-invalid'>, data: Record<string, string> = {}) => {
    diagnostics.push(diagnostic('recipients-invalid', { severity: 'error', file, line }, { name: name || '?', ...data }, variant));
    return undefined;
  };
  if (!name) return bad('no-name');
  const group = row.group === undefined ? '' : (typeof row.group === 'string' ? row.group : JSON.stringify(row.group)).trim();
  for (const text of [name, group]) {
    const problem = invisibleNameProblem(text);
    if (problem) {
      diagnostics.push(diagnostic('recipient-invisible', { severity: 'error', file, line }, problem));
      return undefined;
    }
  }
  if (!Number.isInteger(copies) || copies < 1 || copies > 10_000) return bad('copies', { copies: String(row.copies) });
  return { name, group, copies };
}

function fromYaml(text: string, file: string, diagnostics: Diagnostic[]): Recipient[] {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  const list: unknown = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 50 });
  if (!Array.isArray(list)) {
    const line = doc.errors[0]?.linePos?.[0].line ?? 1;
    diagnostics.push(
      doc.errors.length
        ? diagnostic('recipients-invalid', { severity: 'error', file, line }, { detail: doc.errors[0].message.split('\n')[0] }, 'yaml')
        : diagnostic('recipients-invalid', { severity: 'error', file, line }, {}, 'not-a-list'),
    );
    return [];
  }
  const lines = text.split('\n');
  let from = 0;
  return list.flatMap((item) => {
    // The line of the item: the next line that starts a list entry.
    while (from < lines.length && !/^\s*-/.test(lines[from])) from++;
    const line = ++from;
    const raw =
      typeof item === 'string' ? { name: item } : item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : {};
    const r = entry(raw, file, line, diagnostics);
    return r ? [r] : [];
  });
}

function fromCsv(text: string, file: string, diagnostics: Diagnostic[]): Recipient[] {
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv<(typeof rows)[number]>(text, { columns: true, skip_empty_lines: true, trim: true, info: true, bom: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    diagnostics.push(diagnostic('recipients-invalid', { severity: 'error', file, line }, { message: (e as Error).message }, 'csv'));
    return [];
  }
  return rows.flatMap(({ record, info }) => {
    const r = entry(record, file, info.lines, diagnostics);
    return r ? [r] : [];
  });
}

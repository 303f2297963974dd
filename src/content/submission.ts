/** A submission file → a Submission, or diagnostics that say why not. Pure: text in, data out. */
import path from 'node:path';
import type { BulletinConfig } from '../config/types.js';
import { bulletinChoices, resolveBulletin } from './bulletin.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { AUTHOR_FIELDS, SUBMISSION_FIELDS, SUBMISSION_STATUS, aliasTable } from './fields.js';
import { missingFrontMatter, parseFrontMatter } from './front-matter.js';
import type { Author, HeldText, Submission } from './model.js';
import { joinTitleLines, widthEm } from '../layout/title-lines.js';
import { ARTICLE_TITLE_EMS } from '../layout/page.js';
import { FieldReader } from './values.js';
import { diagnostic } from '../messages/say.js';

export function parseSubmission(
  text: string,
  file: string,
  bulletins: Record<string, BulletinConfig>,
  diagnostics: Diagnostic[],
  /** Given the text of a submission that cannot be used, so that it is checked all the same. */
  hold: (t: HeldText) => void = () => undefined,
): Submission | undefined {
  const before = diagnostics.length;
  const fm = parseFrontMatter(text, file, diagnostics);
  if (!fm.hasFrontMatter) {
    diagnostics.push(missingFrontMatter(file, 'submission', 'title, publication, authors, submitted'));
    return undefined;
  }
  // The text is known once the front matter is split from it, whatever the front matter holds;
  // not when it could not be split (unclosed, or of another language: refused unread).
  const split = !diagnostics
    .slice(before)
    .some((d) => d.code === 'frontmatter-unclosed' || d.code === 'frontmatter-language' || d.code === 'frontmatter-syntax');
  const held = () => {
    if (!split) return undefined;
    const named = fm.data.publication ?? fm.data['刊物'];
    hold({ file, body: fm.body, bodyLine: fm.bodyLine, publication: typeof named === 'string' ? resolveBulletin(named, bulletins)?.id : undefined });
    return undefined;
  };
  if (diagnostics.length > before && diagnostics.slice(before).some((d) => d.severity === 'error')) return held();

  const r = new FieldReader(file, diagnostics, fm.data, fm.positions, SUBMISSION_FIELDS, 'submission', text);
  r.requireAll();
  const { title, titleLines } = readTitle(r, file, diagnostics);
  const publicationName = r.string('publication');
  const publication = publicationName === undefined ? undefined : resolveBulletin(publicationName, bulletins);
  if (publicationName !== undefined && publication === undefined) {
    r.fail('publication', 'unknown-bulletin', { value: publicationName, choices: bulletinChoices(bulletins) });
  }
  const authors = readAuthors(r);
  const submitted = r.date('submitted');
  const status = r.oneOf('status', SUBMISSION_STATUS) ?? 'submitted';
  const id = r.string('id') ?? path.basename(file).replace(/\.md$/i, '');
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(id)) {
    r.fail('id', 'invalid-id', { value: id });
  }
  const result = {
    id,
    file,
    title,
    ...(titleLines ? { titleLines } : {}),
    publication: publication?.id,
    authors,
    submitted,
    topic: r.string('topic'),
    status,
    summary: r.string('summary'),
    contact: r.string('contact'),
    body: fm.body,
    bodyLine: fm.bodyLine,
    lines: r.lines(),
  };
  if (diagnostics.slice(before).some((d) => d.severity === 'error')) return held();
  return result as Submission;
}

/**
 * Authors come as a list of {name, title, affiliation} (in either language) or as one string
 * such as 王某（中国科学院院士、某研究所研究员）; a list of such strings works too.
 */
function readAuthors(r: FieldReader): Author[] {
  const raw = r.raw('authors');
  if (raw === undefined || raw === null || raw === '') return [];
  const items = Array.isArray(raw) ? raw : [raw];
  const table = aliasTable(AUTHOR_FIELDS);
  const authors: Author[] = [];
  for (const item of items) {
    if (typeof item === 'string') {
      authors.push(...authorsFromString(item));
      continue;
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      r.fail('authors', 'invalid-type', { field: r.keyOf('authors') }, 'author');
      continue;
    }
    const author: Partial<Author> = {};
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      const name = table.get(key);
      if (name === undefined) {
        r.fail('authors', 'unknown-field', { key }, 'author-field');
        continue;
      }
      if (typeof value !== 'string' || value.trim() === '') {
        r.fail('authors', 'invalid-type', { key }, 'author-field');
        continue;
      }
      (author as Record<string, string>)[name] = value.trim();
    }
    if (!author.name) {
      r.fail('authors', 'missing-field', {}, 'author-name');
      continue;
    }
    authors.push(author as Author);
  }
  if (authors.length === 0) r.fail('authors', 'missing-field', {}, 'no-author');
  return authors;
}

/** 王某（中国科学院院士、某研究所研究员）, or several separated by ；/ ; */
export function authorsFromString(text: string): Author[] {
  return text
    .split(/[；;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.+?)\s*[（(](.+)[）)]\s*$/.exec(s);
      return m ? { name: m[1].trim(), title: m[2].trim() } : { name: s };
    });
}

/**
 * A title may give its printed lines by hand, one a line in a YAML block scalar (title: |).
 * The lines print as given; everywhere else (metadata, outline, list) they are one text.
 * A line longer than the measure is warned about: the browser would wrap it again.
 */
function readTitle(r: FieldReader, file: string, diagnostics: Diagnostic[]): { title?: string; titleLines?: string[] } {
  const raw = r.string('title');
  if (raw === undefined || !raw.includes('\n')) return { title: raw };
  const lines = raw
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length < 2) return { title: lines[0] ?? raw.trim() };
  const at = r.where('title');
  lines.forEach((line, i) => {
    const width = widthEm(line);
    if (width > ARTICLE_TITLE_EMS) {
      diagnostics.push(
        diagnostic(
          'title-line-too-long',
          { severity: 'warning', file, line: at ? at.line + 1 + i : undefined, field: 'title' },
          { text: line, width: Math.ceil(width), limit: ARTICLE_TITLE_EMS },
        ),
      );
    }
  });
  return { title: joinTitleLines(lines), titleLines: lines };
}

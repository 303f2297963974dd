/**
 * Splits a Markdown file into YAML front matter and body, keeping the line of every top-level
 * key so that diagnostics can point at it.
 *
 * gray-matter finds the fences; plain front matter is read by simple-yaml.ts, and the rest by
 * `yaml` with the 1.2 core schema,
 * which knows no executable tags and leaves dates as strings (js-yaml's timestamps silently
 * turn 2020-13-45 into a valid date). Any other front matter language (---js, ---coffee …) is
 * refused before gray-matter sees it, because gray-matter would evaluate it.
 */
import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Pair } from 'yaml';
import type { Diagnostic } from '../messages/diagnostic.js';
import { parseSimpleYaml, type Position } from './simple-yaml.js';
import { displayWidth } from './text-width.js';
import { diagnostic, type Variant } from '../messages/say.js';

export type { Position } from './simple-yaml.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Canonical-or-raw key as written → where it stands in the file (1-based). */
  positions: Map<string, Position>;
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyLine: number;
  hasFrontMatter: boolean;
}

const refuse = (lang: string) => () => {
  throw new Error(`front matter language "${lang}" is not allowed`);
};

/** Engines gray-matter would otherwise provide; each is replaced by a refusal. */
const REFUSED_ENGINES = Object.fromEntries(
  ['js', 'javascript', 'coffee', 'coffeescript', 'cson', 'json', 'toml'].map((l) => [l, { parse: refuse(l), stringify: refuse(l) }]),
);

/** The error for a file that should start with front matter and does not. */
export function missingFrontMatter(file: string, kind: 'submission' | 'issue file', fields: string): Diagnostic {
  return diagnostic('frontmatter-missing', { severity: 'error', file, line: 1 }, { kind, fields });
}

export function parseFrontMatter(text: string, file: string, diagnostics: Diagnostic[]): FrontMatter {
  const empty: FrontMatter = { data: {}, positions: new Map(), body: text, bodyLine: 1, hasFrontMatter: false };
  const firstLine = text.split('\n', 1)[0].replace(/\r$/, '');
  if (!/^---/.test(firstLine)) return empty;

  const lang = firstLine.slice(3).trim();
  if (lang !== '' && lang.toLowerCase() !== 'yaml' && lang.toLowerCase() !== 'yml') {
    diagnostics.push(diagnostic('frontmatter-language', { severity: 'error', file, line: 1, column: 4 }, { lang }));
    return { ...empty, body: '', hasFrontMatter: true };
  }

  let yamlSource = '';
  let body: string;
  let closed: boolean;
  try {
    const parsed = matter(text, {
      language: 'yaml',
      engines: {
        ...REFUSED_ENGINES,
        yaml: {
          parse: (s: string) => {
            yamlSource = s;
            return {};
          },
          stringify: refuse('yaml'),
        },
      },
    });
    body = parsed.content;
    // Closed when a line starts with --- after the opening one (what gray-matter looks for).
    closed = /^---[^\n]*\r?\n(?:---|[\s\S]*?\n---)/.test(text);
  } catch (cause) {
    diagnostics.push(diagnostic('frontmatter-syntax', { severity: 'error', file, line: 1 }, { message: (cause as Error).message }));
    return { ...empty, body: '', hasFrontMatter: true };
  }
  if (!closed) {
    diagnostics.push(diagnostic('frontmatter-unclosed', { severity: 'error', file, line: 1 }));
    return { ...empty, body: '', hasFrontMatter: true };
  }

  const bodyLine = text.slice(0, text.length - body.length).split('\n').length;
  // The YAML starts on line 2 of the file, after the opening fence.
  const offset = yamlSource.startsWith('\n') ? 0 : 1;
  // Most front matter is plain key: value lines and lists, read here ten times faster; the rest,
  // and anything wrong, goes to the full parser below.
  const simple = parseSimpleYaml(yamlSource);
  if (simple) {
    const positions = new Map([...simple.positions].map(([key, p]) => [key, { line: p.line + offset, column: p.column }]));
    return { data: simple.data, positions, body, bodyLine, hasFrontMatter: true };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlSource, { lineCounter, schema: 'core', uniqueKeys: true, prettyErrors: true });
  const positions = new Map<string, Position>();

  // One mistake often yields several errors on the same line: report each line once.
  const seen = new Set<string>();
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    const key = `${pos?.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = pos ? pos.line + offset : 2;
    const frame = pos ? codeFrame(text.split('\n'), pos.line + offset, pos.col) : undefined;
    diagnostics.push(
      diagnostic('yaml-syntax', { severity: 'error', file, line, column: pos?.col, frame }, { detail: firstSentence(error.message) }, yamlHint(error.code)),
    );
  }
  if (doc.errors.length > 0) return { data: {}, positions, body, bodyLine, hasFrontMatter: true };

  const contents = doc.contents;
  if (contents !== null && !isMap(contents)) {
    diagnostics.push(diagnostic('frontmatter-not-a-map', { severity: 'error', file, line: 2 }));
    return { data: {}, positions, body, bodyLine, hasFrontMatter: true };
  }
  if (isMap(contents)) {
    for (const item of contents.items as Pair[]) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const range = (item.key as { range?: [number, number, number] } | null)?.range;
      if (range) {
        const { line, col } = lineCounter.linePos(range[0]);
        positions.set(key, { line: line + offset, column: col });
      }
      // List items get their own positions (key[0], key[1] …): an issue's submission ids.
      if (isSeq(item.value)) {
        item.value.items.forEach((node, i) => {
          const r = (node as { range?: [number, number, number] } | null)?.range;
          if (!r) return;
          const { line, col } = lineCounter.linePos(r[0]);
          positions.set(`${key}[${i}]`, { line: line + offset, column: col });
        });
      }
    }
  }
  let data: Record<string, unknown>;
  try {
    data = (doc.toJS({ maxAliasCount: 50 }) ?? {}) as Record<string, unknown>;
  } catch (cause) {
    // An alias bomb (&a [*b, *b …] nested) is refused by the parser's alias limit: a problem of
    // this file, with its place, not an exception that stops the run.
    const detail = firstSentence((cause as Error).message);
    diagnostics.push(diagnostic('yaml-syntax', { severity: 'error', file, line: 2 }, { detail }, 'alias'));
    return { data: {}, positions, body, bodyLine, hasFrontMatter: true };
  }
  return { data, positions, body, bodyLine, hasFrontMatter: true };
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The wording of a YAML error's advice (the catalogue's variants of yaml-syntax), by the parser's code. */
function yamlHint(code: string): Variant<'yaml-syntax'> | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate-key';
    case 'TAB_AS_INDENT':
      return 'tab';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'indent';
    default:
      return undefined;
  }
}

/** Two lines of context and a caret under the column, numbered as lines of the file. */
export function codeFrame(lines: string[], line: number, column: number, offset = 0): string {
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line + 1);
  const width = String(to + offset).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n + offset).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(displayWidth([...(lines[n - 1] ?? '')].slice(0, Math.max(0, column - 1)).join('')))}^`);
  }
  return out.join('\n');
}

/**
 * generate keeps the files it parsed in the output folder (`.briefs-parse-cache.json`), so that
 * a rerun parses only the files that changed (YAML front matter was a third of a run with
 * nothing to print), and the titles it broke, so that it breaks only new ones
 * (layout/title-lines.ts). An entry is found by the file's path and a hash of its text; the whole
 * cache is dropped when the parsing code (briefs' content modules, hashed, so a change without
 * a new version counts too), the bulletins' settings or the encoding differ. Only generate
 * uses it: validate and preview parse everything and write nothing. A cache that cannot be
 * read is no cache.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/types.js';
import type { ParsedFile, ParseMemo } from '../content/workspace.js';
import { VERSION } from '../version.js';
import { writeAtomic } from '../files/write-atomic.js';
import { brokenTitles } from '../layout/title-lines.js';

const PARSE_CACHE = '.briefs-parse-cache.json';

export interface ParseCache extends ParseMemo {
  /** Writes the entries used by this run (files gone since are dropped). */
  save(): Promise<void>;
}

const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The code that parses files: the modules of content/ and layout/ (title checks), beside this module's folder. */
async function parserCode(): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of ['../content/', '../layout/']) {
    const dir = fileURLToPath(new URL(folder, import.meta.url));
    const names = (await readdir(dir)).filter((n) => /\.[jt]s$/.test(n)).sort();
    for (const n of names) hash.update(`${folder}${n}\n`).update(await readFile(path.join(dir, n)));
  }
  return hash.digest('hex');
}

export async function openParseCache(config: Config, outDir: string): Promise<ParseCache> {
  const file = path.join(outDir, PARSE_CACHE);
  const stamp = createHash('sha256')
    .update(JSON.stringify([VERSION, await parserCode(), config.bulletins, config.encoding]))
    .digest('hex');
  const old = Object.create(null) as Record<string, ParsedFile>;
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { stamp?: string; files?: Record<string, ParsedFile>; titles?: unknown };
    if (data.stamp === stamp && typeof data.files === 'object' && data.files !== null) {
      // Entries of the wrong shape are dropped one by one: each costs a parse, never a crash.
      for (const [k, entry] of Object.entries(data.files)) if (wellShaped(k.split('\n')[0], entry)) old[k] = entry;
      // Titles broken by the last run (the stamp holds the breaker's code): only well-shaped ones.
      if (Array.isArray(data.titles))
        brokenTitles.seed(data.titles.filter((t): t is [string, string[]] => Array.isArray(t) && t.length === 2 && isStr(t[0]) && strs(t[1])));
    }
  } catch {
    // none yet, or unreadable: parse everything
  }
  const used: Record<string, ParsedFile> = {};
  let changed = false;
  const titlesKnown = brokenTitles.size;
  const key = (name: string, text: string) => `${name}\n${textHash(text)}`;
  return {
    get(name, text) {
      const k = key(name, text);
      const hit = old[k];
      if (hit) used[k] = hit;
      return hit;
    },
    set(name, text, parsed) {
      used[key(name, text)] = structuredClone(parsed);
      changed = true;
    },
    async save() {
      if (!changed && Object.keys(used).length === Object.keys(old).length && brokenTitles.size === titlesKnown) return;
      await writeAtomic(file, `${JSON.stringify({ stamp, files: used, titles: brokenTitles.entries() })}\n`);
    },
  };
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const strs = (v: unknown) => Array.isArray(v) && v.every(isStr);
const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a cached entry has the shape the parsers give: a cache edited by hand, cut short or
 * written by another version must never reach the code that trusts parsed values.
 */
function wellShaped(file: string, entry: unknown): entry is ParsedFile {
  if (!obj(entry) || !Array.isArray(entry.diagnostics)) return false;
  const diagnosticsOk = entry.diagnostics.every(
    (d) => obj(d) && (d.severity === 'error' || d.severity === 'warning') && isStr(d.code) && d.file === file && isStr(d.message),
  );
  if (!diagnosticsOk) return false;
  const h = entry.held;
  if (h !== undefined && !(obj(h) && h.file === file && isStr(h.body) && isNum(h.bodyLine) && (h.publication === undefined || isStr(h.publication))))
    return false;
  const v = entry.value;
  if (v === null) return true;
  if (!obj(v) || v.file !== file || !isStr(v.id) || !isStr(v.publication) || (v.lines !== undefined && !obj(v.lines))) return false;
  if ('body' in v) {
    return (
      isStr(v.title) &&
      (v.titleLines === undefined || strs(v.titleLines)) &&
      isStr(v.submitted) &&
      isStr(v.body) &&
      isNum(v.bodyLine) &&
      ['submitted', 'accepted', 'rejected'].includes(v.status as string) &&
      Array.isArray(v.authors) &&
      v.authors.every((a) => obj(a) && isStr(a.name))
    );
  }
  const d = v.distribution;
  return (
    isNum(v.year) &&
    isNum(v.number) &&
    isStr(v.date) &&
    strs(v.submissions) &&
    Array.isArray(v.submissionLines) &&
    v.submissionLines.every(isNum) &&
    (v.status === 'draft' || v.status === 'final') &&
    typeof v.supplement === 'boolean' &&
    isStr(v.note) &&
    isNum(v.noteLine) &&
    obj(d) &&
    strs(d['报']) &&
    strs(d['送']) &&
    strs(d['发'])
  );
}

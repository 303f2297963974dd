/**
 * generate keeps the files it parsed in the output folder (`.briefs-parse-cache.json`), so that
 * a rerun parses only the files that changed: YAML front matter was a third of a run with
 * nothing to print. An entry is found by the file's path and a hash of its text; the whole
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
import { writeAtomic } from './write-atomic.js';

export const PARSE_CACHE = '.briefs-parse-cache.json';

export interface ParseCache extends ParseMemo {
  /** Writes the entries used by this run (files gone since are dropped). */
  save(): Promise<void>;
}

const textHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** The code that parses files: the modules of content/, next to this module's folder. */
async function parserCode(): Promise<string> {
  const dir = fileURLToPath(new URL('../content/', import.meta.url));
  const names = (await readdir(dir)).filter((n) => /\.[jt]s$/.test(n)).sort();
  const hash = createHash('sha256');
  for (const n of names) hash.update(`${n}\n`).update(await readFile(path.join(dir, n)));
  return hash.digest('hex');
}

export async function openParseCache(config: Config, outDir: string): Promise<ParseCache> {
  const file = path.join(outDir, PARSE_CACHE);
  const stamp = createHash('sha256').update(JSON.stringify([VERSION, await parserCode(), config.bulletins, config.encoding])).digest('hex');
  let old: Record<string, ParsedFile> = {};
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { stamp?: string; files?: Record<string, ParsedFile> };
    if (data.stamp === stamp && data.files) old = data.files;
  } catch {
    // none yet, or unreadable: parse everything
  }
  const used: Record<string, ParsedFile> = {};
  let changed = false;
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
      if (!changed && Object.keys(used).length === Object.keys(old).length) return;
      await writeAtomic(file, `${JSON.stringify({ stamp, files: used })}\n`);
    },
  };
}

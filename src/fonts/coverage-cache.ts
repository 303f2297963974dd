/**
 * What the served faces can print, kept between runs: building it reads every unicode-range of
 * the shipped faces and every code point of the fallback faces (20 ms of every run, one with
 * nothing to print included). It is kept as the glyph check's pattern, under the versions of
 * the shipped packages and the identity of each fallback and office face, beside the faces'
 * own caches (fallback.ts).
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { userTempDir, writeOnce } from '../files/user-temp.js';
import { Coverage } from './coverage.js';
import type { FallbackFace } from './fallback.js';
import type { OfficeFace } from './office.js';

const CACHE_DIR = userTempDir('fonts');

/** Only the shape the pattern is made in: a class of \u{…} runs and the fixed tail. */
const WELL_FORMED = /^\[\^(?:\\u\{[0-9a-f]{1,6}\}(?:-\\u\{[0-9a-f]{1,6}\})?)*\\s\\p\{Default_Ignorable_Code_Point\}\\p\{Cc\}\]$/;

export async function keptCoverage(
  shipped: string,
  fallback: readonly FallbackFace[],
  office: readonly OfficeFace[],
  build: () => Coverage,
): Promise<Coverage> {
  const key = createHash('sha256')
    .update(JSON.stringify([shipped, fallback.map((f) => [f.file, f.stamp]), office.map((f) => [f.rel, f.sha256])]))
    .digest('hex')
    .slice(0, 32);
  const file = path.join(CACHE_DIR, `coverage-${key}.txt`);
  const kept = await readFile(file, 'utf8').catch(() => undefined);
  if (kept !== undefined && WELL_FORMED.test(kept)) return Coverage.fromMissing(kept);
  const coverage = build();
  try {
    // One that is not of the pattern's shape (cut short, or not written by briefs) is replaced.
    if (kept !== undefined) rmSync(file, { force: true });
    writeOnce(file, () => coverage.missingSource());
  } catch {
    // a cache that cannot be written costs the next run the work, nothing else
  }
  return coverage;
}

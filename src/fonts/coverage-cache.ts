/**
 * What the served faces can print, kept between runs: building it reads every unicode-range of
 * the shipped faces and every code point of the fallback faces (20 ms of every run, one with
 * nothing to print included). It is kept as the glyph check's pattern, under the versions of
 * the shipped packages and the identity of each fallback and office face (files/user-temp.ts).
 */
import { kept } from '../files/user-temp.js';
import { Coverage } from './coverage.js';
import type { FallbackFace } from './fallback.js';
import type { OfficeFace } from './office.js';

/** Only the shape the pattern is made in: a class of \u{…} runs and the fixed tail. */
const WELL_FORMED = /^\[\^(?:\\u\{[0-9a-f]{1,6}\}(?:-\\u\{[0-9a-f]{1,6}\})?)*\\s\\p\{Default_Ignorable_Code_Point\}\\p\{Cc\}\]$/;

const pattern = (v: unknown): v is string => typeof v === 'string' && WELL_FORMED.test(v);

export async function keptCoverage(
  shipped: string,
  fallback: readonly FallbackFace[],
  office: readonly OfficeFace[],
  build: () => Coverage,
): Promise<Coverage> {
  const key = [shipped, fallback.map((f) => [f.file, f.stamp]), office.map((f) => [f.rel, f.sha256])];
  return Coverage.fromMissing(await kept('fonts', 'coverage', key, pattern, () => build().missingSource()));
}

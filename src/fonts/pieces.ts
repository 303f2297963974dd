/**
 * The pieces a web font package cuts a weight into: each woff2 file its stylesheet names and the
 * characters its unicode-range gives it, read once a run. fontsource writes
 * url(./files/x.woff2) …; and lxgw-wenkai-webfont url('./files/x.woff2') … }: both are read.
 * The copies' stamp face and the Word edition's faces take their pieces from here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unicodeRangePairs } from './coverage.js';
import { fontPackageDir } from './css.js';

export interface Piece {
  file: string;
  /** Its characters; undefined when the stylesheet gives no range (the piece may hold any). */
  coverage?: Ranges;
}

/**
 * A piece's unicode-range as sorted ranges, looked up by halving. (A bit per code point, as
 * fonts/coverage.ts keeps for the whole of what Chromium can print, is 136 KB: for the six
 * stylesheets of a Word edition's pieces that was 80 MB, and a tenth of its time spent
 * clearing it.)
 */
export class Ranges {
  private readonly bounds: Uint32Array;

  /** CSS unicode-range syntax: "U+1f1e9-1f1f5,U+1f21a", with "?" wildcards. */
  constructor(css: string) {
    const pairs = unicodeRangePairs(css);
    pairs.sort((a, b) => a[0] - b[0]);
    this.bounds = Uint32Array.from(pairs.flat());
  }

  has(cp: number): boolean {
    let [lo, hi] = [0, this.bounds.length / 2 - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < this.bounds[mid * 2]) hi = mid - 1;
      else if (cp > this.bounds[mid * 2 + 1]) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

const read = new Map<string, Piece[]>();

/** The pieces of `sheet` in package `pkg` (as fonts/css.ts names them), in the stylesheet's order; none if it cannot be read. */
export function stylesheetPieces(pkg: string, sheet: string): Piece[] {
  const key = `${pkg}\0${sheet}`;
  let pieces = read.get(key);
  if (!pieces) {
    const dir = fontPackageDir(pkg);
    let css = '';
    try {
      css = readFileSync(path.join(dir, sheet), 'utf8');
    } catch {
      // No such stylesheet: no pieces.
    }
    pieces = [];
    for (const face of css.split('@font-face').slice(1)) {
      const file = /url\(['"]?\.\/files\/([^)'"]+\.woff2)['"]?\)/.exec(face)?.[1];
      const range = /unicode-range:\s*([^;}]+)/.exec(face)?.[1];
      if (!file) continue;
      pieces.push({ file: path.join(dir, 'files', file), coverage: range ? new Ranges(range) : undefined });
    }
    read.set(key, pieces);
  }
  return pieces;
}

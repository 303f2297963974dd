/**
 * The pieces a web font package cuts a weight into: each woff2 file its stylesheet names and the
 * characters its unicode-range gives it, read once a run. fontsource writes
 * url(./files/x.woff2) …; and lxgw-wenkai-webfont url('./files/x.woff2') … }: both are read.
 * The copies' stamp face and the Word edition's faces take their pieces from here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Coverage } from './coverage.js';
import { fontPackageDir } from './css.js';

export interface Piece {
  file: string;
  /** Its characters; undefined when the stylesheet gives no range (the piece may hold any). */
  coverage?: Coverage;
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
      let coverage: Coverage | undefined;
      if (range) {
        coverage = new Coverage();
        coverage.addUnicodeRange(range);
      }
      pieces.push({ file: path.join(dir, 'files', file), coverage });
    }
    read.set(key, pieces);
  }
  return pieces;
}

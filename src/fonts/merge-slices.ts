/**
 * One TrueType face from the pieces a web font package cuts a face into (fontsource and
 * lxgw-wenkai-webfont ship each weight as about a hundred woff2 files by unicode-range): the
 * glyphs of the characters asked for, taken from the pieces that hold them, with the first
 * piece's metrics, under a family name of our choosing. The Word edition embeds it, as Word
 * embeds one file a face. harfbuzz (subset-font) subsets one font and cannot merge, and no
 * maintained package on the registry merges TrueType fonts in Node; the format is small enough
 * to write here: glyphs are copied as they are, composite glyphs' components renumbered.
 * Every piece is cut from the same face (same units per em, ascent, descent), which is what
 * lets their glyphs stand side by side. Pure but for nothing: bytes in, bytes out.
 */
import { characterMap, tableDirectory } from './sfnt-read.js';
import { assemble, checksum, cmapTable, nameTable } from './sfnt-write.js';

interface Piece {
  bytes: Uint8Array;
  tables: Map<string, { offset: number; length: number }>;
  view: DataView;
  glyphFor(cp: number): number;
}

/** Pieces read once however many documents of a run take glyphs from them (their bytes are kept by woff2.ts). */
const read = new WeakMap<Uint8Array, Piece>();

function piece(bytes: Uint8Array): Piece {
  let p = read.get(bytes);
  if (!p) {
    const map = characterMap(bytes);
    p = { bytes, tables: tableDirectory(bytes), view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), glyphFor: (cp) => map.get(cp) ?? 0 };
    read.set(bytes, p);
  }
  return p;
}

function table(p: Piece, tag: string): { offset: number; length: number } {
  const t = p.tables.get(tag);
  if (!t) throw new Error(`a font piece has no ${tag} table`);
  return t;
}

/** A glyph's bytes in its piece (empty for a glyph with no outline). */
function glyphBytes(p: Piece, gid: number): Uint8Array {
  const head = table(p, 'head');
  const long = p.view.getInt16(head.offset + 50) === 1;
  const loca = table(p, 'loca').offset;
  const at = (i: number) => (long ? p.view.getUint32(loca + i * 4) : p.view.getUint16(loca + i * 2) * 2);
  const glyf = table(p, 'glyf').offset;
  return p.bytes.subarray(glyf + at(gid), glyf + at(gid + 1));
}

/** Characters that print nothing: given an empty glyph where the pieces have none. */
const INVISIBLE = new Set([0x200b, 0x2060, 0xfeff]);

function metrics(p: Piece, gid: number): [advance: number, lsb: number] {
  if (gid < 0) return [0, 0];
  const n = p.view.getUint16(table(p, 'hhea').offset + 34);
  const hmtx = table(p, 'hmtx').offset;
  if (gid < n) return [p.view.getUint16(hmtx + gid * 4), p.view.getInt16(hmtx + gid * 4 + 2)];
  return [p.view.getUint16(hmtx + (n - 1) * 4), p.view.getInt16(hmtx + n * 4 + (gid - n) * 2)];
}

/** The component glyph ids of a composite glyph, and where each is written. */
function components(g: Uint8Array): { at: number; gid: number }[] {
  const view = new DataView(g.buffer, g.byteOffset, g.byteLength);
  if (g.length < 10 || view.getInt16(0) >= 0) return [];
  const out: { at: number; gid: number }[] = [];
  let at = 10;
  for (;;) {
    const flags = view.getUint16(at);
    out.push({ at: at + 2, gid: view.getUint16(at + 2) });
    at += 4 + (flags & 0x0001 ? 4 : 2) + (flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0);
    if (!(flags & 0x0020)) return out;
  }
}

export interface MergedFace {
  /** The family and style names the face carries (Word finds an embedded face by them). */
  family: string;
  style: 'Regular' | 'Bold';
  /** Characters asked for that no piece holds. */
  missing: number[];
  bytes: Uint8Array;
}

/**
 * The face holding `codepoints`, each taken from the first of `pieces` (TrueType bytes) that
 * has it. The glyphs are in code point order after .notdef, so the same characters give the
 * same bytes.
 */
export function mergeSlices(pieces: readonly Uint8Array[], codepoints: Iterable<number>, family: string, style: 'Regular' | 'Bold'): MergedFace {
  const parsed = pieces.map(piece);
  const glyphs: { p: Piece; gid: number; bytes: Uint8Array }[] = [{ p: parsed[0], gid: 0, bytes: glyphBytes(parsed[0], 0) }];
  const ids = new Map<Piece, Map<number, number>>();
  const add = (p: Piece, gid: number): number => {
    const known = ids.get(p)?.get(gid);
    if (known !== undefined) return known;
    const id = glyphs.length;
    if (!ids.has(p)) ids.set(p, new Map());
    ids.get(p)!.set(gid, id);
    const bytes = new Uint8Array(glyphBytes(p, gid));
    glyphs.push({ p, gid, bytes });
    // A composite's parts come along, renumbered where they now stand.
    const view = new DataView(bytes.buffer);
    for (const c of components(bytes)) view.setUint16(c.at, add(p, c.gid));
    return id;
  };
  const cmap: [number, number][] = [];
  const missing: number[] = [];
  for (const cp of [...new Set(codepoints)].sort((a, b) => a - b)) {
    const p = parsed.find((x) => x.glyphFor(cp) !== 0);
    if (p) cmap.push([cp, add(p, p.glyphFor(cp))]);
    else if (INVISIBLE.has(cp)) {
      // The word joiner that keeps a number with its unit (docx/runs.ts): no outline, no width,
      // in this face, or an office takes another face for it.
      cmap.push([cp, glyphs.length]);
      glyphs.push({ p: parsed[0], gid: -1, bytes: new Uint8Array(0) });
    } else missing.push(cp);
  }
  return { family, style, missing, bytes: sfnt(parsed[0], parsed, glyphs, cmap, family, style) };
}

function sfnt(
  first: Piece,
  all: readonly Piece[],
  glyphs: { p: Piece; gid: number; bytes: Uint8Array }[],
  cmap: [number, number][],
  family: string,
  style: string,
): Uint8Array {
  const copy = (tag: string) => new Uint8Array(first.bytes.subarray(table(first, tag).offset, table(first, tag).offset + table(first, tag).length));
  // glyf and loca (long offsets), each glyph on a 4-byte boundary.
  const sizes = glyphs.map((g) => (g.bytes.length + 3) & ~3);
  const glyf = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  const loca = new DataView(new ArrayBuffer((glyphs.length + 1) * 4));
  let at = 0;
  glyphs.forEach((g, i) => {
    loca.setUint32(i * 4, at);
    glyf.set(g.bytes, at);
    at += sizes[i];
  });
  loca.setUint32(glyphs.length * 4, at);
  const hmtx = new DataView(new ArrayBuffer(glyphs.length * 4));
  let widest = 0;
  glyphs.forEach((g, i) => {
    const [advance, lsb] = metrics(g.p, g.gid);
    hmtx.setUint16(i * 4, advance);
    hmtx.setInt16(i * 4 + 2, lsb);
    widest = Math.max(widest, advance);
  });
  const head = copy('head');
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0);
  headView.setInt16(50, 1);
  const hhea = copy('hhea');
  new DataView(hhea.buffer).setUint16(10, widest);
  new DataView(hhea.buffer).setUint16(34, glyphs.length);
  const maxp = copy('maxp');
  const maxpView = new DataView(maxp.buffer);
  maxpView.setUint16(4, glyphs.length);
  // The largest of each limit over the pieces (points, contours, component depth …).
  if (maxp.length >= 32)
    for (let o = 6; o < 32; o += 2) for (const p of all) maxpView.setUint16(o, Math.max(maxpView.getUint16(o), p.view.getUint16(table(p, 'maxp').offset + o)));
  const post = copy('post').subarray(0, 32);
  new DataView(post.buffer, post.byteOffset).setUint32(0, 0x00030000);
  const out: [string, Uint8Array][] = [
    ['OS/2', copy('OS/2')],
    ['cmap', cmapTable(cmap)],
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', new Uint8Array(hmtx.buffer)],
    ['loca', new Uint8Array(loca.buffer)],
    ['maxp', maxp],
    ['name', nameTable(family, style)],
    ['post', new Uint8Array(post)],
  ];
  if (first.tables.has('prep')) out.push(['prep', copy('prep')]);
  out.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const font = assemble(out);
  // head.checkSumAdjustment: the whole font sums to 0xB1B0AFBA.
  const headAt = tableDirectory(font).get('head')!.offset;
  new DataView(font.buffer).setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

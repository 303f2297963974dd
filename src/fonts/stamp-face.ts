/**
 * The face a copy is stamped in: the shipped Noto Serif SC, the 份号's face (宋体, as the
 * masthead sets it). fontsource ships it cut by unicode-range into about a hundred woff2 files;
 * each character is looked up in its file, and each file used is cut down by harfbuzz
 * (subset-font) to the few characters a copy needs, as a TrueType font that pdf-lib embeds
 * whole. Handing a whole woff2 to pdf-lib's own subsetter was measured at about 40 times
 * slower, with each copy several MB. Subsets are kept for the run, by file and characters.
 */
import { createHash } from 'node:crypto';
import subsetFont from 'subset-font';
import { truetype } from './woff2.js';
import { stylesheetPieces, type Ranges } from './pieces.js';

interface Chunk {
  file: string;
  coverage: Ranges;
}

/** Noto Serif SC's regular pieces, each with the characters it holds. */
function loadChunks(): Chunk[] {
  return stylesheetPieces('noto-serif-sc', '400.css').filter((p): p is Chunk => p.coverage !== undefined);
}

/**
 * The PostScript name a subset is embedded under: a tag of six capitals and +, as subsets are
 * named (ISO 32000-1 §9.6.4), the tag from the font's bytes. pdf-lib's own name ends in a random
 * number, and a stamped copy or a volume must be the same bytes each time.
 */
export function subsetName(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest();
  return `${Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('')}+NotoSerifSC-Regular`;
}

export interface StampFont {
  /** TrueType bytes of a subset holding `text`'s characters. */
  bytes: Uint8Array;
  text: string;
}

/**
 * Subsets by file and characters, the most recently used kept: the fixed words of the trace and
 * the characters recipients share come back with every copy, a name's own digits never. Bounded,
 * so memory stays flat however many copies a run makes (the fonts read from a subset and its
 * deflated streams are keyed by its bytes, weakly, and go with it).
 */
const cache = new Map<string, Promise<Uint8Array>>();
const CACHED_SUBSETS = 64;
/**
 * Each text cut into runs, each run with the subset font that prints it. One subset a file
 * serves all the texts (a copy's 份号, recipient and trace share their fonts: fewer to embed).
 * Characters no file has are left out (they cannot print in this face) and listed.
 */
export async function stampFonts(texts: readonly string[]): Promise<{ runs: StampFont[][]; missing: string[] }> {
  const all = loadChunks();
  const byChunk = new Map<Chunk, string>();
  const missing: string[] = [];
  const cut = texts.map((text) => {
    const runs: { chunk: Chunk; text: string }[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const chunk = all.find((c) => c.coverage.has(cp));
      if (!chunk) {
        if (ch.trim()) missing.push(ch);
        continue;
      }
      byChunk.set(chunk, (byChunk.get(chunk) ?? '') + ch);
      const last = runs[runs.length - 1];
      if (last?.chunk === chunk) last.text += ch;
      else runs.push({ chunk, text: ch });
    }
    return runs;
  });
  const fonts = new Map<Chunk, Promise<Uint8Array>>();
  for (const [chunk, chars] of byChunk) {
    const set = [...new Set(chars)].sort().join('');
    const key = `${chunk.file}\u0000${set}`;
    let font = cache.get(key);
    if (font) cache.delete(key);
    else {
      font = truetype(chunk.file)
        .then((ttf) => subsetFont(ttf, set, { targetFormat: 'truetype' }))
        .then((b: Buffer) => new Uint8Array(b));
      if (cache.size >= CACHED_SUBSETS) cache.delete(cache.keys().next().value!);
    }
    cache.set(key, font);
    fonts.set(chunk, font);
  }
  const runs = await Promise.all(cut.map((list) => Promise.all(list.map(async (r) => ({ bytes: await fonts.get(r.chunk)!, text: r.text })))));
  return { runs, missing };
}

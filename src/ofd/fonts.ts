/**
 * The OFD edition's fonts: the subsets Chromium embedded in the PDF, named and described from
 * their own files, with their character maps made to give the glyphs the print drew.
 *
 * A PDF names glyphs; OFD text names characters, and a reader finds each character's glyph
 * through the font's character map, unless a CGTransform names the glyph. Chromium's shaping
 * sometimes prints another glyph than the map gives: the Chinese form of a dash (U+2014 drawn
 * as the centred em dash of 第1—2期, through the font's locl feature), a figure's width form. Many
 * readers, ofd.js among them, draw the map's glyph and ignore CGTransform, so each embedded
 * subset's map is rewritten to give the glyph the print drew for each character it printed
 * (the first, when one font printed one character in two forms); CGTransform stays where the
 * map still cannot say it (those second forms, ligatures).
 */
import { characterMap, faceNames, tableDirectory } from '../fonts/sfnt-read.js';
import { assemble, cmapTable } from '../fonts/sfnt-write.js';
import type { PageModel } from './model.js';
import type { PdfFont } from './read-pdf.js';

/** Each PDF font's file as the OFD embeds it, and the character map that file has. */
export function printedGlyphs(
  fonts: ReadonlyMap<string, PdfFont>,
  pages: readonly PageModel[],
): Map<string, { file: Uint8Array; packed?: Uint8Array; map: Map<number, number> }> {
  const printed = new Map<string, Map<number, number>>();
  for (const page of pages)
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      let m = printed.get(item.font);
      if (!m) printed.set(item.font, (m = new Map<number, number>()));
      for (const g of item.glyphs) {
        const chars = Array.from(g.text);
        if (chars.length === 1 && !m.has(chars[0].codePointAt(0)!)) m.set(chars[0].codePointAt(0)!, g.gid);
      }
    }
  const out = new Map<string, { file: Uint8Array; packed?: Uint8Array; map: Map<number, number> }>();
  for (const [name, font] of fonts) {
    if (!font.file) continue;
    let map: Map<number, number>;
    try {
      map = characterMap(font.file);
    } catch {
      out.set(name, { file: font.file, packed: font.packed, map: new Map() });
      continue;
    }
    const differ = [...(printed.get(name) ?? [])].filter(([cp, gid]) => map.get(cp) !== gid);
    // A CFF-flavoured OpenType file keeps its own map: this writer makes TrueType files.
    if (differ.length === 0 || String.fromCharCode(...font.file.subarray(0, 4)) === 'OTTO') {
      out.set(name, { file: font.file, packed: font.packed, map });
      continue;
    }
    for (const [cp, gid] of differ) map.set(cp, gid);
    const cmap = cmapTable([...map].sort((a, b) => a[0] - b[0]));
    const tables = [...tableDirectory(font.file)].map(([tag, t]): [string, Uint8Array] => [
      tag,
      tag === 'cmap' ? cmap : font.file!.subarray(t.offset, t.offset + t.length),
    ]);
    out.set(name, { file: assemble(tables), map });
  }
  return out;
}

const described = new WeakMap<PdfFont, { fontName: string; family: string; weight: number; bold: boolean; serif: boolean; ext: string }>();
const WEIGHT_WORDS = /(\s+(Thin|Hairline|ExtraLight|UltraLight|Light|Regular|Book|Medium|SemiBold|DemiBold|Bold|ExtraBold|UltraBold|Black|Heavy))+$/i;

/** A font's name without its subset tag, its family, weight and kind, as its own file says. */
export function describe(font: PdfFont) {
  let d = described.get(font);
  if (d) return d;
  const fontName = font.original.replace(/^[A-Z]{6}\+/, '');
  let family = fontName.replace(/-.*$/, '');
  let weight = /bold|black|heavy/i.test(fontName) ? 700 : /medium/i.test(fontName) ? 500 : 400;
  let ext = 'ttf';
  if (font.file) {
    try {
      const names = faceNames(font.file);
      family = names.family || family;
      weight = names.weight ?? weight;
      ext = String.fromCharCode(...font.file.subarray(0, 4)) === 'OTTO' ? 'otf' : 'ttf';
    } catch {
      // A font whose tables cannot be read keeps the names its PDF gave it.
    }
  }
  // The shipped faces are static cuts of variable fonts that keep the default instance's
  // family ("Noto Sans SC Thin Medium"): the family is the name without its weight words.
  family = family.replace(WEIGHT_WORDS, '').trim() || family;
  d = { fontName, family, weight, bold: weight >= 600, serif: /serif|song|ming|宋/i.test(family) && !/sans/i.test(family), ext };
  described.set(font, d);
  return d;
}

/**
 * A printed PDF's fonts as the OFD edition reads their text: each font resource's codes to glyph
 * ids, widths (thousandths of an em) and characters (its ToUnicode map), read once a document;
 * and its embedded program, kept under a name of its own (Chromium tags its subsets AAAAAA+,
 * BAAAAA+ … afresh in every PDF, so a bound volume holds different subsets under one name).
 * CID TrueType fonts (Identity-H) and simple TrueType fonts are followed; a Type 3 font is not.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { characterMap } from '../fonts/sfnt-read.js';
import { toUnicode } from '../pdf/content-stream.js';
import { N, decoded, lookupDict, numbersOf, rawDeflate } from './pdf-objects.js';
import type { PdfFont } from './read-pdf.js';
import type { ShownGlyph } from './interpret.js';

/** What the fonts of one document share: the fonts met, each resource read, the names taken. */
export interface FontShelf {
  fonts: Map<string, PdfFont>;
  readings: Map<PDFObject, FontReading | null>;
  names: Set<string>;
}

/** A font as its text is read: codes to glyph ids, widths (thousandths of an em) and text. */
export interface FontReading {
  name: string;
  twoBytes: boolean;
  gid: (code: number, text: string) => number;
  width: (code: number) => number;
  text: (code: number) => string;
}

/** A font resource read once a document: its codes, widths, text and glyph ids; null for what is not followed (Type 3). */
export function fontReading(doc: PDFDocument, ref: PDFObject, shared: FontShelf): FontReading | undefined {
  const known = shared.readings.get(ref);
  if (known !== undefined) return known ?? undefined;
  const dict = lookupDict(doc, ref);
  const reading = dict ? readFont(doc, dict, shared) : undefined;
  shared.readings.set(ref, reading ?? null);
  return reading;
}

function readFont(doc: PDFDocument, dict: PDFDict, shared: FontShelf): FontReading | undefined {
  const subtype = dict.get(N('Subtype'));
  if (subtype !== N('Type0') && subtype !== N('TrueType') && subtype !== N('Type1')) return undefined;
  const base = dict.get(N('BaseFont')) instanceof PDFName ? (dict.get(N('BaseFont')) as PDFName).decodeText() : 'Unnamed';
  const kids = dict.lookup(N('DescendantFonts'));
  const descendant = kids instanceof PDFArray ? lookupDict(doc, kids.get(0)) : undefined;
  const holder = descendant ?? dict;
  const descriptor = lookupDict(doc, holder.get(N('FontDescriptor')));
  let program = descriptor?.lookup(N('FontFile2'));
  if (!(program instanceof PDFRawStream)) {
    const ff3 = descriptor?.lookup(N('FontFile3'));
    if (ff3 instanceof PDFRawStream && ff3.dict.get(N('Subtype')) === N('OpenType')) program = ff3;
  }
  const file = program instanceof PDFRawStream ? decoded(program) : undefined;
  const packed = program instanceof PDFRawStream && file ? rawDeflate(program, file) : undefined;
  // Chromium tags its subsets AAAAAA+, BAAAAA+ … afresh in every PDF: a bound volume holds different
  // subsets under one name, which are kept apart.
  let name = base;
  for (let n = 2; shared.names.has(name); n++) name = `${base}~${n}`;
  shared.names.add(name);
  shared.fonts.set(name, { name, original: base, ...(file ? { file } : {}), ...(packed ? { packed } : {}) });

  const unicode = dict.lookup(N('ToUnicode'));
  const cmap = unicode instanceof PDFRawStream ? toUnicode(decoded(unicode)).map : new Map<number, string>();
  const twoBytes = subtype === N('Type0');
  if (twoBytes) {
    const widths = new Map<number, number>();
    const dw = holder.lookup(N('DW'));
    const fallback = dw instanceof PDFNumber ? dw.asNumber() : 1000;
    const w = holder.lookup(N('W'));
    if (w instanceof PDFArray) {
      const items = w.asArray().map((x) => doc.context.lookup(x) ?? x);
      for (let k = 0; k < items.length;) {
        const first = items[k];
        const second = items[k + 1];
        if (!(first instanceof PDFNumber)) break;
        if (second instanceof PDFArray) {
          second.asArray().forEach((x, j) => x instanceof PDFNumber && widths.set(first.asNumber() + j, x.asNumber()));
          k += 2;
        } else if (second instanceof PDFNumber && items[k + 2] instanceof PDFNumber) {
          for (let c = first.asNumber(); c <= second.asNumber(); c++) widths.set(c, (items[k + 2] as PDFNumber).asNumber());
          k += 3;
        } else break;
      }
    }
    const map = holder.lookup(N('CIDToGIDMap'));
    const gids = map instanceof PDFRawStream ? decoded(map) : undefined;
    return {
      name,
      twoBytes,
      gid: (code) => (gids ? (gids[2 * code] ?? 0) * 256 + (gids[2 * code + 1] ?? 0) : code),
      width: (code) => widths.get(code) ?? fallback,
      text: (code) => cmap.get(code) ?? '',
    };
  }
  const first = dict.lookup(N('FirstChar'));
  const list = numbersOf(dict.lookup(N('Widths'))) ?? [];
  const firstChar = first instanceof PDFNumber ? first.asNumber() : 0;
  const glyphs = file ? safeMap(file) : new Map<number, number>();
  const text = (code: number) => cmap.get(code) ?? (code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '');
  return {
    name,
    twoBytes,
    gid: (code, t) => glyphs.get(t.codePointAt(0) ?? 0) ?? 0,
    width: (code) => list[code - firstChar] ?? 0,
    text,
  };
}

function safeMap(file: Uint8Array): Map<number, number> {
  try {
    return characterMap(file);
  } catch {
    return new Map();
  }
}

/** A string shown in a font, as the glyphs interpret.ts draws. */
export function glyphsOf(font: FontReading, s: Uint8Array): ShownGlyph[] {
  const out: ShownGlyph[] = [];
  const step = font.twoBytes ? 2 : 1;
  for (let k = 0; k + step - 1 < s.length; k += step) {
    const code = step === 2 ? s[k] * 256 + s[k + 1] : s[k];
    const text = font.text(code);
    // Word spacing applies to the single-byte code 32 only (9.3.3).
    out.push({ text, gid: font.gid(code, text), width: font.width(code), isSpace: step === 1 && code === 32 });
  }
  return out;
}

/**
 * The shipped Noto faces come from variable fonts, and their static cuts keep the default
 * instance's PostScript name: the PDF said "NotoSerifSCExtraLight-Regular" and
 * "NotoSansSCThin-Medium" for faces printed at 400 and 500, which puzzles prepress. The names
 * in the font dictionaries and descriptors are set to what the faces are.
 */
import { PDFDict, PDFName, type PDFDocument } from '@cantoo/pdf-lib';

const RENAMED: [RegExp, string][] = [
  [/^([A-Z]{6}\+)?NotoSerifSCExtraLight-/, 'NotoSerifSC-'],
  [/^([A-Z]{6}\+)?NotoSansSCThin-/, 'NotoSansSC-'],
];

export function renameShippedFonts(doc: PDFDocument): void {
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    for (const key of ['BaseFont', 'FontName']) {
      const value = obj.get(PDFName.of(key));
      if (!(value instanceof PDFName)) continue;
      const name = value.decodeText();
      for (const [from, to] of RENAMED) {
        const m = from.exec(name);
        if (m) obj.set(PDFName.of(key), PDFName.of(`${m[1] ?? ''}${to}${name.slice(m[0].length)}`));
      }
    }
  }
}

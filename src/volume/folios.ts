/**
 * The volume's own folio on the issues' pages (folio: volume | both). With `volume`, each
 * issue's "— N —" is cut out of its page (content-text.ts) and the volume's page number set in
 * its place, in the same size, at the outer corner the volume's page takes (GB/T 9704 §7.5:
 * odd pages at the right, even at the left, one character in). With `both`, the issue's folio
 * stays and the volume's page stands centred at the foot, smaller, as 总第N页. The face is the
 * shipped Noto Serif SC (宋体), cut to the characters used, as copies stamp theirs.
 */
import fontkit from '@pdf-lib/fontkit';
import {
  PDFArray,
  PDFName,
  PDFRawStream,
  beginMarkedContent,
  decodePDFRawStream,
  endMarkedContent,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { stampFonts, subsetName } from '../fonts/stamp-face.js';
import { TEXT_FOOT, TEXT_LEFT, TEXT_RIGHT } from '../print/geometry.js';
import { cutRanges, textObjects } from './content-text.js';

export type FolioMode = 'issue' | 'volume' | 'both';

/** Where the folio's baseline falls when the cannot be read: 7 mm under the text block, 14 pt type. */
const FOLIO_BASELINE = 66.4;
const FOLIO_SIZE = 14;

/**
 * Cuts the text set below the text block out of the page (the folio), and gives the
 * baseline it had; undefined when the page has none, or a stream this cannot read.
 */
function cutFolio(doc: PDFDocument, page: PDFPage): number | undefined {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  const streams = refs.map((r) => doc.context.lookup(r));
  if (streams.length === 0 || !streams.every((s) => s instanceof PDFRawStream)) return undefined;
  const parts = streams.map((s) => decodePDFRawStream(s).decode());
  // One stream: the parts joined by a line end, as a reader joins them (§7.8.2).
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    joined[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  const objects = textObjects(joined);
  if (!objects) return undefined;
  const folio = objects.filter((o) => o.points.length > 0 && o.points.every((p) => p.y < TEXT_FOOT - 2 && p.y > 0));
  if (folio.length === 0) return undefined;
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(cutRanges(joined, folio))));
  return Math.min(...folio.flatMap((o) => o.points.map((p) => p.y)));
}

/**
 * Sets the volume's folios on the issues' pages: `pages` are the volume's pages from the first
 * issue page on, numbered from 1. Gives the pages whose own folio was not found (`volume` only).
 */
export async function setFolios(doc: PDFDocument, pages: readonly PDFPage[], mode: Exclude<FolioMode, 'issue'>): Promise<number[]> {
  const texts = pages.map((_, k) => (mode === 'volume' ? `— ${k + 1} —` : `总第${k + 1}页`));
  // The digits all go into the subsets, so the volume's fonts do not change with its length.
  const {
    runs: [, ...runs],
  } = await stampFonts(['— 0123456789 —总第页', ...texts]);
  doc.registerFontkit(fontkit);
  const embedded = new Map<Uint8Array, PDFFont>();
  const fontOf = async (bytes: Uint8Array) => {
    let font = embedded.get(bytes);
    if (!font) {
      font = await doc.embedFont(bytes, { subset: false, customName: subsetName(bytes) });
      embedded.set(bytes, font);
    }
    return font;
  };
  const missing: number[] = [];
  for (const [k, page] of pages.entries()) {
    const number = k + 1;
    let baseline = FOLIO_BASELINE;
    if (mode === 'volume') {
      const found = cutFolio(doc, page);
      if (found === undefined) missing.push(number);
      else baseline = found;
    }
    const size = mode === 'volume' ? FOLIO_SIZE : 10.5;
    let width = 0;
    for (const run of runs[k]) width += (await fontOf(run.bytes)).widthOfTextAtSize(run.text, size);
    const { width: pageWidth } = page.getSize();
    // Odd pages at the right of the text block, even at the left, one character (14 pt) in.
    let x = number % 2 === 1 ? TEXT_RIGHT - FOLIO_SIZE - width : TEXT_LEFT + FOLIO_SIZE;
    if (mode === 'both') x = (pageWidth - width) / 2;
    page.pushOperators(beginMarkedContent('Artifact'));
    for (const run of runs[k]) {
      const font = await fontOf(run.bytes);
      page.drawText(run.text, { x, y: baseline, size, font });
      x += font.widthOfTextAtSize(run.text, size);
    }
    page.pushOperators(endMarkedContent());
  }
  return missing;
}

/**
 * Text positions and sizes read back from a PDF with pdf.js: where each run of text was
 * printed, in millimetres from the top-left corner of the page, and at what size.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const PT = 25.4 / 72; // millimetres in a point

export interface TextRun {
  text: string;
  /** Left edge and baseline, mm from the page's top-left. */
  x: number;
  baseline: number;
  /** Right edge, mm. */
  right: number;
  /** Font size in points. */
  size: number;
}

export interface PageText {
  page: number;
  widthMm: number;
  heightMm: number;
  runs: TextRun[];
}

export async function readLayout(file: string): Promise<PageText[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PageText[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , w, h] = page.view;
    const content = await page.getTextContent();
    const runs: TextRun[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , , e, f] = item.transform as number[];
      runs.push({ text: item.str, x: e * PT, baseline: (h - f) * PT, right: (e + item.width) * PT, size: Math.round(Math.hypot(a, b) * 100) / 100 });
    }
    pages.push({ page: n, widthMm: w * PT, heightMm: h * PT, runs });
  }
  await doc.destroy();
  return pages;
}

/** Runs grouped into lines by baseline (within 0.5 mm), top to bottom, each sorted left to right. */
export function lines(runs: readonly TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x - q.x);
  const out: TextRun[][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0].baseline - r.baseline) < 0.5) last.push(r);
    else out.push([r]);
  }
  return out.map((l) => l.sort((p, q) => p.x - q.x));
}

export interface StreamRun {
  page: number;
  text: string;
  /** The embedded font's PostScript name, subset tag removed: NotoSerifSC…-Bold, HanaMinA. */
  font: string;
}

/**
 * Text in content-stream order (not sorted by position): the order in which copying a page,
 * search indexers and archive systems read it. Each run with the name of its font.
 */
export async function readStream(file: string): Promise<StreamRun[]> {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(file)),
    useSystemFonts: false,
    isEvalSupported: false,
    fontExtraProperties: true,
    verbosity: 0,
  }).promise;
  const out: StreamRun[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    await page.getOperatorList(); // loads the fonts into commonObjs, with their names
    const content = await page.getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const font = page.commonObjs.has(item.fontName) ? ((page.commonObjs.get(item.fontName) as { name?: string }).name ?? item.fontName) : item.fontName;
      out.push({ page: n, text: item.str, font: font.replace(/^[A-Z]{6}\+/, '') });
    }
  }
  await doc.destroy();
  return out;
}

/**
 * The long image of an issue for chat apps (generate --png): its printed pages one under the
 * other, 1080 pixels wide (a phone's screen), a thin grey gap between them. Drawn from the PDF
 * itself, so it shows what was printed: pdf.js in a page of the run's Chromium renders each PDF
 * page to a canvas, and Chromium encodes the stack as one PNG (the same pixels and bytes for the
 * same PDF on the same machine). No file, server or network is reached: the PDF goes in as
 * bytes, pdf.js as the text of its two modules (copied into lib/pdfjs/ by the build), and its
 * worker runs on the page's own thread. A canvas is at most 32,767 pixels tall in Chromium: an
 * issue of more pages than that holds (about twenty) is drawn in parts, stacked here.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { TOOL_ROOT } from '../render/template-files.js';

/** A phone's width, in pixels; the grey gap between pages. */
const LONG_IMAGE = { width: 1080, gap: 24, gapColour: '#d9d9d9' } as const;
/** Pages drawn on one canvas: 20 A4 pages at 1080 px (1,527 px each) and their gaps stay under 32,767 px. */
const PAGES_A_CANVAS = 20;

let modules: { lib: string; worker: string } | undefined;

/** pdf.js's two modules: from lib/pdfjs/ (an install), else from the development package. */
function pdfjs(): { lib: string; worker: string } {
  if (!modules) {
    const built = path.join(TOOL_ROOT, 'lib/pdfjs');
    const dir = existsSync(path.join(built, 'pdf.min.mjs')) ? built : path.join(TOOL_ROOT, 'node_modules/pdfjs-dist/build');
    modules = { lib: readFileSync(path.join(dir, 'pdf.min.mjs'), 'utf8'), worker: readFileSync(path.join(dir, 'pdf.worker.min.mjs'), 'utf8') };
  }
  return modules;
}

/** Draws pages [first, last] of the PDF as one PNG; runs in the page. */
async function draw(lib: string, worker: string, data: string, first: number, last: number, width: number, gap: number, gapColour: string): Promise<string> {
  type PdfPage = {
    getViewport(o: { scale: number }): { width: number; height: number };
    render(o: { canvasContext: CanvasRenderingContext2D; viewport: unknown; intent: string; transform?: number[]; background?: string }): {
      promise: Promise<void>;
    };
  };
  type Pdfjs = { getDocument(o: object): { promise: Promise<{ getPage(n: number): Promise<PdfPage>; destroy(): Promise<void> }> } };
  const blob = (text: string) => URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
  // import() spelt as text: a bundler or test runner rewrites the keyword in code it compiles,
  // and this function runs in the browser, where its rewrite does not exist.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const load = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;
  const g = globalThis as unknown as { briefsPdfjs?: Pdfjs; pdfjsWorker?: unknown };
  if (!g.briefsPdfjs) {
    g.briefsPdfjs = (await load(blob(lib))) as Pdfjs;
    // pdf.js runs its worker's code on this thread when it finds it here: no worker to start.
    g.pdfjsWorker = await load(blob(worker));
  }
  const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
  const doc = await g.briefsPdfjs.getDocument({ data: bytes, isEvalSupported: false, enableXfa: false, verbosity: 0 }).promise;
  // Each page drawn straight into the one canvas, at its place: no canvas a page to copy.
  const pages: { page: PdfPage; viewport: { width: number; height: number } }[] = [];
  for (let n = first; n <= last; n++) {
    const page = await doc.getPage(n);
    pages.push({ page, viewport: page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width }) });
  }
  const all = document.createElement('canvas');
  all.width = width;
  all.height = pages.reduce((h, p) => h + Math.round(p.viewport.height), 0) + gap * (pages.length - 1);
  const ctx = all.getContext('2d')!;
  ctx.fillStyle = gapColour;
  ctx.fillRect(0, 0, all.width, all.height);
  let y = 0;
  for (const { page, viewport } of pages) {
    const height = Math.round(viewport.height);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, y, width, height);
    // The print intent: pdf.js paces a display render by animation frames, which a page the
    // browser keeps in the background (two pages draw at once) never gets.
    // pdf.js fills the whole canvas with the background before a page: none here, the white is ours.
    await page.render({ canvasContext: ctx, viewport, intent: 'print', transform: [1, 0, 0, 1, 0, y], background: 'rgba(0,0,0,0)' }).promise;
    y += height + gap;
  }
  await doc.destroy();
  return all.toDataURL('image/png');
}

/** The long image of a PDF of `pages` pages, as PNG bytes. */
export async function longImage(page: Page, pdf: Uint8Array, pages: number): Promise<Uint8Array> {
  const { lib, worker } = pdfjs();
  const { width, gap, gapColour } = LONG_IMAGE;
  // A page of its own: nothing of the print's shell (its stylesheets, its request rules)
  // applies. A page that drew the last image is kept as it is, pdf.js already loaded in it
  // (loading it again took about 150 ms an issue).
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  const data = Buffer.from(pdf).toString('base64');
  const parts: Buffer[] = [];
  for (let first = 1; first <= pages; first += PAGES_A_CANVAS) {
    const url = await page.evaluate(draw, lib, worker, data, first, Math.min(pages, first + PAGES_A_CANVAS - 1), width, gap, gapColour);
    parts.push(Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
  }
  if (parts.length === 1) return parts[0];
  return stack(parts, gap);
}

/** PNG parts one under the other, the gap between them (an issue of more than twenty pages). */
async function stack(parts: Buffer[], gap: number): Promise<Uint8Array> {
  const { PNG } = await import('pngjs');
  const images = parts.map((p) => PNG.sync.read(p));
  const out = new PNG({ width: images[0].width, height: images.reduce((h, i) => h + i.height, 0) + gap * (images.length - 1) });
  for (let i = 0; i < out.data.length; i += 4) out.data.set([0xd9, 0xd9, 0xd9, 0xff], i);
  let y = 0;
  for (const image of images) {
    PNG.bitblt(image, out, 0, 0, image.width, image.height, 0, y);
    y += image.height + gap;
  }
  return PNG.sync.write(out);
}

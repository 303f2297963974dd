/**
 * What the OFD edition takes from a printed PDF: each page's operators read by pdf.js (the
 * legacy build, which runs in Node 20, its worker on this thread), turned into page models
 * (ofd/interpret.ts); the font files the pages print in, as Chromium embedded them (subsets
 * that keep their character maps and glyph ids, read with pdf-lib); the images as PNG; the
 * outline; the document's title and author.
 */
import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFName, PDFRawStream, decodePDFRawStream, PDFDocument } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';
import { interpretPage, type Op } from './interpret.js';
import type { PageModel } from './model.js';

export interface PdfFont {
  /** Its name in this reading: the BaseFont, made unique where a bound volume repeats one. */
  name: string;
  /** The BaseFont name the PDF gives it, subset tag and all ("AAAAAA+NotoSerifSC-Regular"). */
  original: string;
  /** The embedded font program (TrueType or OpenType), or none when the PDF has none. */
  file?: Uint8Array;
}

export interface OutlineEntry {
  title: string;
  /** 0-based page, and the top of the place in millimetres from the page's top. */
  page: number;
  top?: number;
  children: OutlineEntry[];
}

export interface PdfContent {
  pages: PageModel[];
  fonts: Map<string, PdfFont>;
  outline: OutlineEntry[];
  info: { title?: string; author?: string; subject?: string; keywords?: string };
}

type PdfjsModule = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfjsModule> | undefined;

/** pdf.js with its worker's code on this thread: no worker file to find, in the bundle or out. */
function loadPdfjs(): Promise<PdfjsModule> {
  pdfjs ??= (async () => {
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

const MM = 25.4 / 72;

export async function readPdf(printed: Uint8Array): Promise<PdfContent> {
  const lib = await loadPdfjs();
  const { bytes, files } = await uniqueFonts(printed);
  const names = Object.fromEntries(Object.entries(lib.OPS).map(([k, v]) => [v, k])) as Record<number, string>;
  // pdf.js takes its input's buffer for its own: it gets a copy.
  const doc = await lib.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    fontExtraProperties: true,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const fonts = new Map<string, PdfFont>();
    const pages: PageModel[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const list = await page.getOperatorList();
      const [x0, y0, x1, y1] = page.view;
      const ops: Op[] = list.fnArray.map((fn, i) => ({ fn: names[fn], args: list.argsArray[i] as unknown }));
      // An image's pixels are decoded after the operator list is made: each is awaited first.
      const images = new Map<string, { png: Uint8Array; key: string } | undefined>();
      for (const { fn, args } of ops) {
        if (fn !== 'paintImageXObject') continue;
        const id = (args as [string])[0];
        if (images.has(id)) continue;
        const store = id.startsWith('g_') ? page.commonObjs : page.objs;
        const data = await new Promise<unknown>((resolve) => {
          store.get(id, resolve);
        });
        images.set(id, pngOf(data as RawImage | undefined));
      }
      pages.push(
        interpretPage({
          width: x1 - x0,
          height: y1 - y0,
          ops,
          font: (loaded) => {
            const f = page.commonObjs.get(loaded) as { name?: string; fontMatrix?: number[] } | undefined;
            if (!f?.name) return undefined;
            if (!fonts.has(f.name)) {
              const known = files.get(f.name);
              fonts.set(f.name, { name: f.name, original: known?.original ?? f.name, ...(known?.file ? { file: known.file } : {}) });
            }
            return { name: f.name, unitsPerEm: f.fontMatrix?.[0] ?? 0.001 };
          },
          image: (id) => images.get(id),
        }),
      );
      page.cleanup();
    }
    const outline = await readOutline(doc, pages);
    const meta = (await doc.getMetadata()).info as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    return {
      pages,
      fonts,
      outline,
      info: { title: str(meta.Title), author: str(meta.Author), subject: str(meta.Subject), keywords: str(meta.Keywords) },
    };
  } finally {
    await doc.destroy();
  }
}

interface RawImage {
  width: number;
  height: number;
  /** 1: 1 bit grey, 2: RGB, 3: RGBA (pdf.js's ImageKind). */
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** pdf.js's decoded pixels as a PNG (the same bytes for the same pixels: zlib at a set level). */
function pngOf(image: RawImage | undefined): { png: Uint8Array; key: string } | undefined {
  if (!image?.data || !image.width || !image.height) return undefined;
  const { width, height, kind, data } = image;
  const png = new PNG({ width, height, colorType: kind === 3 ? 6 : 2, inputColorType: kind === 3 ? 6 : 2, inputHasAlpha: kind === 3 });
  if (kind === 1) {
    // One bit a pixel, rows padded to bytes, 1 white: spread to RGB.
    const rgb = Buffer.alloc(width * height * 3);
    const row = (width + 7) >> 3;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) rgb.fill((data[y * row + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0, (y * width + x) * 3, (y * width + x) * 3 + 3);
    png.data = rgb;
  } else if (kind === 2 || kind === 3) png.data = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  else return undefined;
  const bytes = PNG.sync.write(png, { colorType: kind === 3 ? 6 : 2, inputColorType: kind === 3 ? 6 : 2, inputHasAlpha: kind === 3, deflateLevel: 9 });
  return { png: new Uint8Array(bytes), key: createHash('sha256').update(bytes).digest('hex').slice(0, 16) };
}

/**
 * Each font's embedded program, by a name that is its own. Chromium tags its subsets AAAAAA+,
 * BAAAAA+ … afresh in every PDF, so a volume, bound from several, holds different subsets under
 * one name; pdf.js names fonts by their BaseFont, so such fonts are renamed (a suffix after the
 * name) in a copy that pdf.js reads, and `original` keeps the name the PDF gave.
 */
async function uniqueFonts(bytes: Uint8Array): Promise<{ bytes: Uint8Array; files: Map<string, { original: string; file?: Uint8Array }> }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const files = new Map<string, { original: string; file?: Uint8Array }>();
  let renamed = false;
  const name = (d: PDFDict | undefined, key: string) => {
    const v = d?.get(PDFName.of(key));
    return v instanceof PDFName ? v.decodeText() : undefined;
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font') || obj.get(PDFName.of('Subtype')) === PDFName.of('CIDFontType2'))
      continue;
    const base = name(obj, 'BaseFont');
    if (!base) continue;
    // A composite font's program hangs from its descendant's descriptor; a simple font's from its own.
    const kids = obj.lookup(PDFName.of('DescendantFonts'));
    const descendant = kids instanceof PDFArray ? kids.lookup(0) : undefined;
    const holder = descendant instanceof PDFDict ? descendant : obj;
    const descriptor = holder.lookup(PDFName.of('FontDescriptor'));
    let program = descriptor instanceof PDFDict ? descriptor.lookup(PDFName.of('FontFile2')) : undefined;
    if (!(program instanceof PDFRawStream) && descriptor instanceof PDFDict) {
      const ff3 = descriptor.lookup(PDFName.of('FontFile3'));
      if (ff3 instanceof PDFRawStream && ff3.dict.get(PDFName.of('Subtype')) === PDFName.of('OpenType')) program = ff3;
    }
    const file = program instanceof PDFRawStream ? decodePDFRawStream(program).decode() : undefined;
    let unique = base;
    for (let n = 2; files.has(unique); n++) unique = `${base}~${n}`;
    if (unique !== base) {
      renamed = true;
      obj.set(PDFName.of('BaseFont'), PDFName.of(unique));
      if (holder !== obj) holder.set(PDFName.of('BaseFont'), PDFName.of(unique));
      if (descriptor instanceof PDFDict) descriptor.set(PDFName.of('FontName'), PDFName.of(unique));
    }
    files.set(unique, { original: base, ...(file ? { file } : {}) });
  }
  return { bytes: renamed ? await doc.save({ useObjectStreams: false }) : bytes, files };
}

type PdfjsDocument = Awaited<ReturnType<PdfjsModule['getDocument']>['promise']>;

async function readOutline(doc: PdfjsDocument, pages: PageModel[]): Promise<OutlineEntry[]> {
  const items = (await doc.getOutline()) ?? [];
  const entry = async (item: (typeof items)[number]): Promise<OutlineEntry | undefined> => {
    const dest = typeof item.dest === 'string' ? await doc.getDestination(item.dest) : item.dest;
    let page: number | undefined;
    let top: number | undefined;
    if (Array.isArray(dest) && dest[0] && typeof dest[0] === 'object') {
      page = await doc.getPageIndex(dest[0] as { num: number; gen: number });
      const kind = (dest[1] as { name?: string } | undefined)?.name;
      if (kind === 'XYZ' && typeof dest[3] === 'number') top = pages[page].height - dest[3] * MM;
    } else if (Array.isArray(dest) && typeof dest[0] === 'number') page = dest[0];
    const children = (await Promise.all((item.items ?? []).map(entry))).filter((e): e is OutlineEntry => !!e);
    if (page === undefined) return undefined;
    return { title: item.title, page, ...(top !== undefined ? { top: Math.max(0, top) } : {}), children };
  };
  return (await Promise.all(items.map(entry))).filter((e): e is OutlineEntry => !!e);
}

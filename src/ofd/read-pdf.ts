/**
 * What the OFD edition takes from a printed PDF, read with pdf-lib and pdf/content-stream.ts:
 * each page's drawing (pdf-operators.ts draws its operators on interpret.ts's PageDrawing), the
 * font files the pages print in as the PDF embeds them (subsets that keep their character maps
 * and glyph ids), the images (PNG, or the JPEG the PDF holds), the outline, the document's title,
 * author, subject and keywords.
 *
 * What it follows is what Chromium writes and the volume binds: CID TrueType fonts (Identity-H)
 * and simple TrueType fonts with their ToUnicode maps, DeviceRGB, DeviceGray, DeviceCMYK and
 * ICC-based colours, form XObjects, 8-bit images in Flate or DCT with a soft mask. What it does
 * not (a Type 3 font, an inline image, a predictor) is counted as left out, for the run to say.
 */
import { PDFDict, PDFDocument, PDFHexString, PDFString, type PDFObject } from '@cantoo/pdf-lib';
import { destinations } from '../pdf/destinations.js';
import type { FontReading } from './pdf-fonts.js';
import { readPage } from './pdf-operators.js';
import { N } from './pdf-objects.js';
import type { PageModel } from './model.js';

export interface PdfFont {
  /** Its name in this reading: the BaseFont, made unique where a bound volume repeats one. */
  name: string;
  /** The BaseFont name the PDF gives it, subset tag and all ("AAAAAA+NotoSerifSC-Regular"). */
  original: string;
  /** The embedded font program (TrueType or OpenType), or none when the PDF has none. */
  file?: Uint8Array;
  /** The program as the PDF deflated it (raw deflate), when it can go into the zip as it is. */
  packed?: Uint8Array;
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

const MM = 25.4 / 72;

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // Parsed without pausing for the event loop (pdf-lib pauses every 100 objects by default).
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
  const fonts = new Map<string, PdfFont>();
  const readings = new Map<PDFObject, FontReading | null>();
  const images = new Map<string, { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined>();
  const names = new Set<string>();
  const shared = { fonts, readings, images, names, unreferenced: 0 };
  const pages = doc.getPages().map((page) => readPage(doc, page, shared));
  const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const field = (key: string) => (info instanceof PDFDict ? text(info.lookup(N(key))) || undefined : undefined);
  return {
    pages,
    fonts,
    outline: readOutline(doc, pages),
    info: { title: field('Title'), author: field('Author'), subject: field('Subject'), keywords: field('Keywords') },
  };
}

/** The outline as a tree: each entry's title, page and height on it. */
function readOutline(doc: PDFDocument, pages: PageModel[]): OutlineEntry[] {
  const root = doc.catalog.lookup(N('Outlines'));
  if (!(root instanceof PDFDict)) return [];
  const where = destinations(doc);
  const seen = new Set<PDFObject>();
  const list = (first: PDFObject | undefined): OutlineEntry[] => {
    const out: OutlineEntry[] = [];
    let ref = first;
    while (ref) {
      const item = doc.context.lookup(ref);
      if (!(item instanceof PDFDict) || seen.has(item)) break;
      seen.add(item);
      const title = item.lookup(N('Title'));
      let dest = item.get(N('Dest'));
      if (!dest) {
        const action = item.lookup(N('A'));
        if (action instanceof PDFDict) dest = action.get(N('D'));
      }
      const place = where(dest);
      const children = list(item.get(N('First')));
      if ((title instanceof PDFString || title instanceof PDFHexString) && place.page !== undefined)
        out.push({
          title: title.decodeText(),
          page: place.page - 1,
          ...(place.top !== undefined && pages[place.page - 1] ? { top: Math.max(0, pages[place.page - 1].height - place.top * MM) } : {}),
          children,
        });
      else out.push(...children);
      ref = item.get(N('Next'));
    }
    return out;
  };
  return list(root.get(N('First')));
}

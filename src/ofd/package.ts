/**
 * The OFD edition of a printed PDF (GB/T 33190-2016): a zip holding OFD.xml (the document's
 * entry, with its DocInfo), Doc_0/Document.xml (page area, pages, outline), the resource
 * lists (PublicRes.xml: fonts; DocumentRes.xml: images), the font files and images under
 * Doc_0/Res/, and one Content.xml a page. Its pages are the print's pages: glyphs, places,
 * colours, rules and images are read from the PDF Chromium printed (ofd/read-pdf.ts), so that
 * an OFD page shows what the PDF page shows, and the fonts are the subsets the PDF embeds.
 *
 * The same PDF gives the same bytes: ids are given in the order things are met, the date is
 * the issue's, and every zip entry carries it. No seal (电子签章, GB/T 38540) is written.
 */
import { VERSION } from '../version.js';
import { pageContent } from './content.js';
import type { ImageItem } from './model.js';
import { describe, printedGlyphs } from './fonts.js';
import { readPdf, type OutlineEntry, type PdfFont } from './read-pdf.js';
import { el, num, part, root, text } from './xml.js';
import { zip, type ZipEntry } from './zip.js';

export interface OfdOptions {
  /** The document's identifier: the fingerprint (hex), of which 32 digits are kept. */
  docId: string;
  /** The date, YYYY-MM-DD: the document's creation date and every entry's time. */
  date: string;
}

export interface OfdResult {
  bytes: Uint8Array;
  pages: number;
  /** What the pages drew that the OFD pages do not carry, by kind (empty for briefs' own pages). */
  dropped: Record<string, number>;
}

/** A4 as GB/T 9704 sets it; a printed page within half a millimetre of it is written as A4. */
const A4 = { w: 210, h: 297 };

export async function pdfToOfd(pdf: Uint8Array, opts: OfdOptions): Promise<OfdResult> {
  const content = await readPdf(pdf);
  let last = 0;
  const next = () => ++last;

  // Each font's character map made to give the glyphs the print drew (fonts.ts).
  const embedded = printedGlyphs(content.fonts, content.pages);
  // Fonts and images get their ids as they are first used, in page order.
  const fonts = new Map<string, { id: number; font: PdfFont; map: Map<number, number> }>();
  const fontIds = (name: string) => {
    let f = fonts.get(name);
    if (!f) {
      const given = embedded.get(name);
      const font: PdfFont = {
        name,
        original: content.fonts.get(name)?.original ?? name,
        ...(given ? { file: given.file, ...(given.packed ? { packed: given.packed } : {}) } : {}),
      };
      fonts.set(name, (f = { id: next(), font, map: given?.map ?? new Map<number, number>() }));
    }
    return { id: f.id, weight: describe(f.font).weight, glyphOf: (cp: number) => f.map.get(cp) };
  };
  const images = new Map<string, { id: number; png: Uint8Array; format: 'PNG' | 'JPEG' }>();
  const imageId = (item: ImageItem) => {
    let m = images.get(item.key);
    if (!m) images.set(item.key, (m = { id: next(), png: item.png, format: item.format }));
    return m.id;
  };

  const first = content.pages[0];
  const area = first && Math.abs(first.width - A4.w) < 0.5 && Math.abs(first.height - A4.h) < 0.5 ? A4 : { w: first?.width ?? A4.w, h: first?.height ?? A4.h };
  const pageIds: number[] = [];
  const contents: string[] = [];
  const dropped: Record<string, number> = {};
  for (const page of content.pages) {
    pageIds.push(next());
    contents.push(pageContent(page.items, { next, font: fontIds, image: imageId }));
    for (const [k, v] of Object.entries(page.dropped)) dropped[k] = (dropped[k] ?? 0) + v;
  }

  const files: ZipEntry[] = [];
  const put = (name: string, data: string | Uint8Array, deflate = true, deflated?: Uint8Array) => {
    files.push({ name, data: typeof data === 'string' ? new TextEncoder().encode(data) : data, deflate, ...(deflated ? { deflated } : {}) });
  };
  put('OFD.xml', ofdXml(content.info, opts));
  put('Doc_0/Document.xml', documentXml(last, area, pageIds, content.outline));
  put(
    'Doc_0/PublicRes.xml',
    part(
      root(
        'Res',
        { BaseLoc: 'Res' },
        fonts.size > 0 &&
          el(
            'Fonts',
            {},
            ...[...fonts.values()].map(({ id, font }) => {
              const about = describe(font);
              return el(
                'Font',
                { ID: id, FontName: about.fontName, FamilyName: about.family, Bold: about.bold || undefined, Serif: about.serif || undefined },
                font.file && el('FontFile', {}, text(`font_${id}.${about.ext}`)),
              );
            }),
          ),
      ),
    ),
  );
  put(
    'Doc_0/DocumentRes.xml',
    part(
      root(
        'Res',
        { BaseLoc: 'Res' },
        images.size > 0 &&
          el(
            'MultiMedias',
            {},
            ...[...images.values()].map(({ id, format }) =>
              el('MultiMedia', { ID: id, Type: 'Image', Format: format }, el('MediaFile', {}, text(`image_${id}.${format === 'PNG' ? 'png' : 'jpg'}`))),
            ),
          ),
      ),
    ),
  );
  for (const { id, font } of fonts.values()) if (font.file) put(`Doc_0/Res/font_${id}.${describe(font).ext}`, font.file, true, font.packed);
  for (const { id, png, format } of images.values()) put(`Doc_0/Res/image_${id}.${format === 'PNG' ? 'png' : 'jpg'}`, png, false);
  contents.forEach((xml, i) => put(`Doc_0/Pages/Page_${i}/Content.xml`, xml));
  return { bytes: zip(files, entryTime(opts.date)), pages: content.pages.length, dropped };
}

/** A zip entry's time: the date at noon, in the local time zip keeps, whatever the zone. */
function entryTime(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  // zip cannot hold a time before 1980.
  return m ? new Date(Math.max(1980, Number(m[1])), Number(m[2]) - 1, Number(m[3]), 12, 0, 0) : new Date(1980, 0, 1, 12, 0, 0);
}

function ofdXml(info: { title?: string; author?: string; subject?: string; keywords?: string }, opts: OfdOptions): string {
  const docId = (opts.docId.replace(/[^0-9a-f]/gi, '') + '0'.repeat(32)).slice(0, 32).toLowerCase();
  const keywords = info.keywords
    ?.split(/[\s,，;；]+/)
    .map((k) => k.trim())
    .filter(Boolean);
  return part(
    root(
      'OFD',
      { Version: '1.0', DocType: 'OFD' },
      el(
        'DocBody',
        {},
        el(
          'DocInfo',
          {},
          el('DocID', {}, docId),
          info.title && el('Title', {}, text(info.title)),
          info.author && el('Author', {}, text(info.author)),
          info.subject && el('Subject', {}, text(info.subject)),
          /^\d{4}-\d{2}-\d{2}$/.test(opts.date) && el('CreationDate', {}, opts.date),
          keywords && keywords.length > 0 && el('Keywords', {}, ...keywords.map((k) => el('Keyword', {}, text(k)))),
          el('Creator', {}, 'briefs'),
          el('CreatorVersion', {}, text(VERSION)),
        ),
        el('DocRoot', {}, 'Doc_0/Document.xml'),
      ),
    ),
  );
}

function documentXml(maxId: number, area: { w: number; h: number }, pageIds: number[], outline: OutlineEntry[]): string {
  const outlineElem = (e: OutlineEntry): string =>
    el(
      'OutlineElem',
      { Title: e.title },
      pageIds[e.page] !== undefined &&
        el('Actions', {}, el('Action', { Event: 'CLICK' }, el('Goto', {}, el('Dest', { Type: 'XYZ', PageID: pageIds[e.page], Left: 0, Top: e.top ?? 0 })))),
      ...e.children.map(outlineElem),
    );
  return part(
    root(
      'Document',
      {},
      el(
        'CommonData',
        {},
        el('MaxUnitID', {}, String(maxId)),
        el('PageArea', {}, el('PhysicalBox', {}, `0 0 ${num(area.w)} ${num(area.h)}`)),
        el('PublicRes', {}, 'PublicRes.xml'),
        el('DocumentRes', {}, 'DocumentRes.xml'),
      ),
      el('Pages', {}, ...pageIds.map((id, i) => el('Page', { ID: id, BaseLoc: `Pages/Page_${i}/Content.xml` }))),
      outline.length > 0 && el('Outlines', {}, ...outline.map(outlineElem)),
    ),
  );
}

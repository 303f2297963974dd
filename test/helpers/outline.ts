/**
 * Reads the outline (bookmarks) Chromium writes from the headings of a tagged PDF: each entry's
 * title, the page it points to and the height on that page. The tests check the PDF's outline
 * with it.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from '@cantoo/pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1-based page index. */
  page: number;
  /** Distance from the bottom of the page, in points (PDF user space); NaN when the destination names none. */
  top: number;
}

export async function readOutline(bytes: Uint8Array): Promise<OutlineEntry[]> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i + 1]));
  const entries: OutlineEntry[] = [];
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (ref: unknown) => {
    let node = ref instanceof PDFRef ? doc.context.lookup(ref, PDFDict) : undefined;
    while (node) {
      const title = node.lookup(PDFName.of('Title'));
      const dest = node.lookup(PDFName.of('Dest'));
      if (dest instanceof PDFArray && (title instanceof PDFString || title instanceof PDFHexString)) {
        const page = index.get(dest.get(0).toString());
        const top = dest.lookup(3);
        // A destination without a height (XYZ null) keeps the page's place: NaN.
        if (page !== undefined) entries.push({ title: title.decodeText(), page, top: top instanceof PDFNumber ? top.asNumber() : NaN });
      }
      visit(node.get(PDFName.of('First')));
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookup(next, PDFDict) : undefined;
    }
  };
  if (root) visit(root.get(PDFName.of('First')));
  return entries;
}

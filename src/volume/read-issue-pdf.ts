/**
 * What the volume needs of an issue's PDF: its pages, and the page each article starts on,
 * read from the outline generate wrote (one entry an article title, mended by outline.ts),
 * whose destinations are named or explicit.
 */
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { destinations } from '../pdf/destinations.js';

const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/** Title → 1-based page of each outline entry. */
export function outlinePages(doc: PDFDocument): Map<string, number> {
  const where = destinations(doc);
  const pageOf = (dest: PDFObject | undefined) => where(dest).page;
  const out = new Map<string, number>();
  const seen = new Set<PDFObject>();
  const visit = (ref: PDFObject | undefined) => {
    const item = ref === undefined ? undefined : doc.context.lookup(ref);
    if (!(item instanceof PDFDict) || seen.has(item)) return;
    seen.add(item);
    const title = text(item.get(PDFName.of('Title')));
    let dest: PDFObject | undefined = item.get(PDFName.of('Dest'));
    if (!dest) {
      const action = item.lookup(PDFName.of('A'));
      if (action instanceof PDFDict) dest = action.get(PDFName.of('D'));
    }
    const page = pageOf(dest);
    if (title !== undefined && page !== undefined && !out.has(title)) out.set(title, page);
    visit(item.get(PDFName.of('First')));
    visit(item.get(PDFName.of('Next')));
  };
  const root = doc.catalog.lookup(PDFName.of('Outlines'));
  if (root instanceof PDFDict) visit(root.get(PDFName.of('First')));
  return out;
}

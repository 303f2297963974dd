/**
 * Chromium builds the PDF's outline (bookmarks) from the headings, and a heading that a keep
 * pushed onto the next page comes out with the lines it had before the push in front of its
 * text: "关于深度参与国家科技治理和国家重点关于深度参与……的建议". (The page text is right; only
 * the bookmark is not.) An entry that is a known title with a piece of its own beginning in
 * front is set back to the title.
 */
import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

export function mendOutline(doc: PDFDocument, titles: readonly string[]): void {
  const known = new Set(titles);
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject | undefined): void => {
    const item = obj === undefined ? undefined : doc.context.lookup(obj);
    if (!(item instanceof PDFDict) || seen.has(item)) return;
    seen.add(item);
    const raw = item.get(PDFName.of('Title'));
    const text = raw instanceof PDFString || raw instanceof PDFHexString ? raw.decodeText() : undefined;
    if (text !== undefined && !known.has(text)) {
      const title = titles.find((t) => text.length > t.length && text.endsWith(t) && t.startsWith(text.slice(0, text.length - t.length)));
      if (title) item.set(PDFName.of('Title'), PDFHexString.fromText(title));
    }
    visit(item.get(PDFName.of('First')));
    visit(item.get(PDFName.of('Next')));
  };
  visit(doc.catalog.get(PDFName.of('Outlines')));
}

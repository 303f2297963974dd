/**
 * What the volume needs of an issue's PDF: its pages, and the page each article starts on,
 * read from the outline generate wrote (one entry an article title, mended by outline.ts),
 * whose destinations are named or explicit.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

/**
 * Where a destination goes: its 1-based page and, for an /XYZ one, the height on the page (PDF
 * units, from the bottom); named destinations are looked up in /Dests and the /Names tree.
 */
export function destinations(doc: PDFDocument): (dest: PDFObject | undefined) => { page?: number; top?: number } {
  const pageIndex = new Map<string, number>(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const named = new Map<string, PDFObject>();
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (dests instanceof PDFDict) for (const [k, v] of dests.entries()) named.set(k.decodeText(), v);
  const names = doc.catalog.lookup(PDFName.of('Names'));
  const tree = names instanceof PDFDict ? names.lookup(PDFName.of('Dests')) : undefined;
  const walkTree = (node: PDFObject | undefined) => {
    const n = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(n instanceof PDFDict)) return;
    const list = n.lookup(PDFName.of('Names'));
    if (list instanceof PDFArray) for (let i = 0; i + 1 < list.size(); i += 2) named.set(text(list.lookup(i)) ?? '', list.get(i + 1));
    const kids = n.lookup(PDFName.of('Kids'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) walkTree(kids.get(i));
  };
  walkTree(tree);
  return (dest) => {
    let d = dest instanceof PDFRef ? doc.context.lookup(dest) : dest;
    if (d instanceof PDFName) d = named.get(d.decodeText());
    else if (d instanceof PDFString || d instanceof PDFHexString) d = named.get(d.decodeText());
    if (d instanceof PDFRef) d = doc.context.lookup(d);
    if (d instanceof PDFDict) d = d.lookup(PDFName.of('D'));
    if (!(d instanceof PDFArray) || !(d.get(0) instanceof PDFRef)) return {};
    const top = d.get(1) === PDFName.of('XYZ') ? d.lookup(3) : undefined;
    return { page: pageIndex.get(d.get(0).toString()), ...(top instanceof PDFNumber ? { top: top.asNumber() } : {}) };
  };
}

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

/**
 * Where a PDF's destinations go, named or explicit (ISO 32000-1, 12.3.2): the volume finds the
 * page each article starts on from an issue's outline, the OFD edition the place each outline
 * entry goes to. Pure over a pdf-lib document.
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

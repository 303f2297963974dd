/**
 * Chromium's tagged PDF names structure elements that others point at (table header cells,
 * for /Headers) after the DOM node IDs of the renderer process: a counter that runs on across
 * every document the process has laid out. The same issue printed alone or after others would
 * differ in these names and nothing else. They are numbered again here, 1, 2, 3… in their
 * original order, so the name tree (/IDTree) stays sorted and the bytes depend on the issue
 * alone. Only the structure entries that hold such names are touched: a structure element's
 * /ID, a table cell's /Headers, and the keys and limits of /IDTree. A bookmark or a text that
 * reads "node12345" is the expert's, and stays as written.
 */
import { PDFArray, PDFDict, PDFName, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

const NODE_ID = /^node(\d+)$/;

interface Use {
  parent: PDFDict | PDFArray;
  key: PDFName | number;
  id: number;
}

export function renumberNodeIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const uses: Use[] = [];
  const note = (parent: PDFDict | PDFArray, key: PDFName | number, value: PDFObject | undefined) => {
    const m = value instanceof PDFString ? NODE_ID.exec(value.decodeText()) : null;
    if (m) uses.push({ parent, key, id: Number(m[1]) });
  };
  const look = (obj: PDFObject | undefined) => (obj === undefined ? undefined : doc.context.lookup(obj));
  const seen = new Set<PDFObject>();

  // The name tree: keys at the even places of /Names, both ends of /Limits, and /Kids below.
  const idTree = (node: PDFObject | undefined): void => {
    if (!(node instanceof PDFDict) || seen.has(node)) return;
    seen.add(node);
    const names = look(node.get(PDFName.of('Names')));
    if (names instanceof PDFArray) for (let i = 0; i < names.size(); i += 2) note(names, i, names.get(i));
    const limits = look(node.get(PDFName.of('Limits')));
    if (limits instanceof PDFArray) for (let i = 0; i < limits.size(); i++) note(limits, i, limits.get(i));
    const kids = look(node.get(PDFName.of('Kids')));
    if (kids instanceof PDFArray) kids.asArray().forEach((k) => idTree(look(k)));
  };
  idTree(look(root.get(PDFName.of('IDTree'))));

  // Structure elements, from the root down /K: their /ID, and /Headers in their attributes.
  const attributes = (a: PDFObject | undefined): void => {
    if (a instanceof PDFArray) return a.asArray().forEach((x) => attributes(look(x)));
    if (!(a instanceof PDFDict)) return;
    const headers = look(a.get(PDFName.of('Headers')));
    if (headers instanceof PDFArray) for (let i = 0; i < headers.size(); i++) note(headers, i, headers.get(i));
  };
  const element = (obj: PDFObject | undefined): void => {
    if (obj instanceof PDFArray) return obj.asArray().forEach((x) => element(look(x)));
    if (!(obj instanceof PDFDict) || seen.has(obj)) return;
    seen.add(obj);
    note(obj, PDFName.of('ID'), obj.get(PDFName.of('ID')));
    attributes(look(obj.get(PDFName.of('A'))));
    element(look(obj.get(PDFName.of('K'))));
  };
  element(look(root.get(PDFName.of('K'))));

  const order = [...new Set(uses.map((u) => u.id))].sort((a, b) => a - b);
  const renamed = new Map(order.map((id, i) => [id, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]));
  for (const u of uses) {
    const name = renamed.get(u.id)!;
    if (u.parent instanceof PDFArray) u.parent.set(u.key as number, name);
    else u.parent.set(u.key as PDFName, name);
  }
}

/**
 * Chromium's tagged PDF names structure elements that others point at (table header cells,
 * for /Headers) after the DOM node IDs of the renderer process: a counter that runs on across
 * every document the process has laid out. The same issue printed alone or after others would
 * differ in these names and nothing else. They are numbered again here, 1, 2, 3… in their
 * original order, so the name tree (/IDTree) stays sorted and the bytes depend on the issue
 * alone.
 */
import { PDFArray, PDFDict, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const NODE_ID = /^node(\d+)$/;

export function renumberNodeIds(doc: PDFDocument): void {
  const uses: { parent: PDFDict | PDFArray; key: Parameters<PDFDict['set']>[0] | number; id: number }[] = [];
  const seen = new Set<PDFObject>();
  const visit = (obj: PDFObject, parent?: PDFDict | PDFArray, key?: Parameters<PDFDict['set']>[0] | number): void => {
    if (obj instanceof PDFString) {
      const m = NODE_ID.exec(obj.decodeText());
      if (m && parent && key !== undefined) uses.push({ parent, key, id: Number(m[1]) });
      return;
    }
    if (seen.has(obj)) return;
    seen.add(obj);
    if (obj instanceof PDFDict) for (const [k, v] of obj.entries()) visit(v, obj, k);
    else if (obj instanceof PDFArray) obj.asArray().forEach((v, i) => visit(v, obj, i));
  };
  for (const [, obj] of doc.context.enumerateIndirectObjects()) visit(obj);
  const order = [...new Set(uses.map((u) => u.id))].sort((a, b) => a - b);
  const renamed = new Map(order.map((id, i) => [id, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]));
  for (const u of uses) {
    const name = renamed.get(u.id)!;
    if (u.parent instanceof PDFArray) u.parent.set(u.key as number, name);
    else u.parent.set(u.key as Parameters<PDFDict['set']>[0], name);
  }
}

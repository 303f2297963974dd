/**
 * The print marks read back from a PDF: the empty links the templates put at the head of each
 * article and at the foot of the 报尾 come out as link annotations whose rectangles say where
 * they were printed. Chromium has no target-counter() and no way to ask where an element was
 * printed; this is how briefs learns it. `stripMarks` removes them from the finished PDF.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString } from '@cantoo/pdf-lib';

/** The templates' mark links point here: a name that can never resolve (RFC 2606 .invalid). */
const PREFIX = 'https://briefs.invalid/mark/';

export interface Marks {
  /** Page (1-based) of each article's head, by article index - 1. */
  articlePages: number[];
  /** The 报尾's foot and head, and the end of the articles before it: page and height above the bottom edge, in points. */
  distributionBottom?: { page: number; y: number };
  distributionTop?: { page: number; y: number };
  contentEnd?: { page: number; y: number };
  pages: number;
  /** Each block of page notes: the page it was set for and where its foot came out; and the pages of its references. */
  notes: { block: number; want: number; last: boolean; page: number; y: number }[];
  noteRefs: { block: number; page: number }[];
  /** A copies master's 份号 place: its left edge and baseline, in points from the bottom left. */
  serialSlot?: { page: number; x: number; y: number };
}

function markName(annot: PDFDict): string | undefined {
  const action = annot.lookup(PDFName.of('A'));
  if (!(action instanceof PDFDict)) return undefined;
  const uri = action.lookup(PDFName.of('URI'));
  const text = uri instanceof PDFString ? uri.decodeText() : undefined;
  return text?.startsWith(PREFIX) ? text.slice(PREFIX.length) : undefined;
}

/** The PDF, parsed once for its marks and then finished (pdf-metadata.ts) without a second parse. */
export async function loadPrint(bytes: Uint8Array): Promise<{ doc: PDFDocument; marks: Marks }> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
  return { doc, marks: marksOf(doc) };
}

function marksOf(doc: PDFDocument): Marks {
  const marks: Marks = { articlePages: [], pages: doc.getPageCount(), notes: [], noteRefs: [] };
  doc.getPages().forEach((page, i) => {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) return;
    for (const ref of annots.asArray()) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      const name = markName(annot);
      if (!name) continue;
      const m = /^article-(\d+)$/.exec(name);
      if (m && marks.articlePages[Number(m[1]) - 1] === undefined) marks.articlePages[Number(m[1]) - 1] = i + 1;
      const rect = () =>
        annot
          .lookup(PDFName.of('Rect'), PDFArray)
          .asArray()
          .map((n) => (n as PDFNumber).asNumber());
      // Marks at a foot are read at their lower edge, marks at a head at their upper edge.
      if (name === 'distribution-bottom') marks.distributionBottom = { page: i + 1, y: Math.min(...rect().filter((_, k) => k % 2 === 1)) };
      if (name === 'content-end') marks.contentEnd = { page: i + 1, y: Math.min(...rect().filter((_, k) => k % 2 === 1)) };
      const notes = /^notes-(\d+)-p(\d+)(-last)?$/.exec(name);
      if (notes) {
        const y = Math.min(...rect().filter((_, k) => k % 2 === 1));
        marks.notes.push({ block: Number(notes[1]), want: Number(notes[2]), last: !!notes[3], page: i + 1, y });
      }
      const noteRef = /^note-ref-(\d+)$/.exec(name);
      if (noteRef) marks.noteRefs.push({ block: Number(noteRef[1]), page: i + 1 });
      if (name === 'serial-slot') {
        const r = rect();
        marks.serialSlot = { page: i + 1, x: Math.min(r[0], r[2]), y: Math.min(r[1], r[3]) };
      }
      if (name === 'distribution-top') marks.distributionTop = { page: i + 1, y: Math.max(...rect().filter((_, k) => k % 2 === 1)) };
    }
  });
  return marks;
}

/**
 * Removes the print marks from the PDF: their annotations from the pages, their entries from
 * the tagged structure (Chromium files each link there as an object reference), and the
 * objects themselves, so nothing of them is left in the file.
 */
export function stripMarks(doc: PDFDocument): void {
  const removed = new Set<string>();
  for (const page of doc.getPages()) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    const keep = annots.asArray().filter((ref) => {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict && markName(annot))) return true;
      if (ref instanceof PDFRef) {
        removed.add(ref.toString());
        const action = annot.get(PDFName.of('A'));
        if (action instanceof PDFRef) doc.context.delete(action);
        doc.context.delete(ref);
      }
      return false;
    });
    if (keep.length === 0) page.node.delete(PDFName.of('Annots'));
    else page.node.set(PDFName.of('Annots'), doc.context.obj(keep));
  }
  if (removed.size === 0) return;
  const isRemovedObjr = (item: unknown) => {
    const dict = item instanceof PDFRef ? doc.context.lookup(item) : item;
    return dict instanceof PDFDict && dict.get(PDFName.of('Type')) === PDFName.of('OBJR') && removed.has(String(dict.get(PDFName.of('Obj'))));
  };
  const seen = new Set<unknown>();
  const clean = (node: unknown): void => {
    const dict = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!(dict instanceof PDFDict) || seen.has(dict)) return;
    seen.add(dict);
    const kids = dict.get(PDFName.of('K'));
    const resolved = kids instanceof PDFRef ? doc.context.lookup(kids) : kids;
    if (resolved instanceof PDFArray) {
      const keep = resolved.asArray().filter((k) => !isRemovedObjr(k));
      keep.forEach(clean);
      dict.set(PDFName.of('K'), doc.context.obj(keep));
    } else if (resolved !== undefined) {
      if (isRemovedObjr(resolved)) dict.delete(PDFName.of('K'));
      else clean(resolved);
    }
  };
  clean(doc.catalog.get(PDFName.of('StructTreeRoot')));
}

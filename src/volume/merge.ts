/**
 * The volume's PDF: the front matter, then every issue's pages, merged with pdf-lib. Its
 * outline (the year, each issue, its articles), its page labels (封面, i, ii …, then 3-1, 3-2 …
 * for issue 3), and the front matter's links: Chromium writes them as links to
 * https://briefs.invalid/goto/<page>, which become explicit destinations of the merged pages
 * (Chromium's named destinations would not survive a merge). The issues' tagged structure is
 * not carried over: pdf-lib copies pages, not structure trees.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString, type PDFRef } from '@cantoo/pdf-lib';
import { setDocumentInfo } from '../print/pdf-metadata.js';
import { flattenImages, makeArchival, usesTransparency } from '../print/pdfa/archival.js';
import { renameShippedFonts } from '../fonts/pdf-names.js';
import type { VolumeContents } from './contents.js';
import type { FolioMode } from './folios.js';

export const GOTO = 'https://briefs.invalid/goto/';

export interface VolumeInfo {
  title: string;
  author: string;
  subject: string;
  date: Date;
  producer: string;
  id: string;
  year: number;
  /** Whose page numbers the issues' pages print: each issue's own, the volume's, or both. */
  folio: FolioMode;
  /** Added to every page a front-matter link names: the front matter was printed for a length it did not come out at. */
  linkShift?: number;
  /** Made PDF/A-1b (print/pdfa/archival.ts): a volume of final issues. */
  archival?: boolean;
}

/** `issues` are the issues' documents, loaded once by the caller (it read their pages and outlines). */
export async function mergeVolume(
  front: Uint8Array,
  issues: readonly PDFDocument[],
  contents: VolumeContents,
  info: VolumeInfo,
): Promise<{ bytes: Uint8Array; pages: number; folioNotFound: number[]; pdfa: '1b' | null }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const frontDoc = await PDFDocument.load(front, { updateMetadata: false });
  // The front matter's faces named as the issues' are (fonts/pdf-names.ts): it is printed apart from them.
  renameShippedFonts(frontDoc);
  for (const page of await doc.copyPages(frontDoc, frontDoc.getPageIndices())) doc.addPage(page);
  const frontPages = frontDoc.getPageCount();
  for (const src of issues) for (const page of await doc.copyPages(src, src.getPageIndices())) doc.addPage(page);
  const pages = doc.getPages();
  const dest = (page: number) => doc.context.obj([pages[Math.min(pages.length, Math.max(1, page)) - 1].ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]);

  // The faces and the content-stream reader load only for the volume's own folios.
  const folioNotFound = info.folio === 'issue' ? [] : await (await import('./folios.js')).setFolios(doc, pages.slice(frontPages), info.folio);

  // The front matter's links: to their pages.
  for (const page of pages.slice(0, frontPages)) {
    const annots = page.node.lookup(PDFName.of('Annots'));
    if (!(annots instanceof PDFArray)) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookup(i);
      if (!(annot instanceof PDFDict)) continue;
      const action = annot.lookup(PDFName.of('A'));
      const uri = action instanceof PDFDict ? action.lookup(PDFName.of('URI')) : undefined;
      const target = uri instanceof PDFString || uri instanceof PDFHexString ? uri.decodeText() : '';
      if (!target.startsWith(GOTO)) continue;
      annot.delete(PDFName.of('A'));
      annot.set(PDFName.of('Dest'), dest(Number(target.slice(GOTO.length)) + (info.linkShift ?? 0)));
    }
  }

  // The outline: the year, each issue, its articles.
  const outlineRoot = doc.context.nextRef();
  const made: { ref: PDFRef; dict: PDFDict }[] = [];
  const item = (title: string, page: number, parent: PDFRef, kids: { ref: PDFRef; dict: PDFDict }[] = []) => {
    const ref = doc.context.nextRef();
    const dict = doc.context.obj({ Title: PDFHexString.fromText(title), Parent: parent, Dest: dest(page) });
    if (kids.length) {
      dict.set(PDFName.of('First'), kids[0].ref);
      dict.set(PDFName.of('Last'), kids[kids.length - 1].ref);
      dict.set(PDFName.of('Count'), PDFNumber.of(-kids.length));
      kids.forEach((k, i) => {
        k.dict.set(PDFName.of('Parent'), ref);
        if (i > 0) k.dict.set(PDFName.of('Prev'), kids[i - 1].ref);
        if (i + 1 < kids.length) k.dict.set(PDFName.of('Next'), kids[i + 1].ref);
      });
    }
    made.push({ ref, dict });
    return { ref, dict };
  };
  const issueItems = contents.issues.map((issue) => {
    const articles = issue.articles.map((a) => item(a.title, a.page, outlineRoot));
    return item(`${issue.label}（${issue.dateText}）`, issue.firstPage, outlineRoot, articles);
  });
  const year = item(`${info.year}年`, 1, outlineRoot, issueItems);
  year.dict.set(PDFName.of('Count'), PDFNumber.of(issueItems.length));
  for (const x of made) doc.context.assign(x.ref, x.dict);
  doc.context.assign(outlineRoot, doc.context.obj({ Type: 'Outlines', First: year.ref, Last: year.ref, Count: 1 + issueItems.length }));
  doc.catalog.set(PDFName.of('Outlines'), outlineRoot);

  // Page labels, as the pages are numbered in print: 封面, ii, iii … (the cover is page i of
  // the front matter's roman folios, unprinted), then <issue>-1 … or the volume's 1, 2 ….
  const nums: (number | PDFDict)[] = [0, doc.context.obj({ P: PDFHexString.fromText('封面') })];
  if (frontPages > 1) nums.push(1, doc.context.obj({ S: 'r', St: 2 }));
  if (info.folio === 'issue')
    for (const issue of contents.issues) {
      const prefix = `${issue.label.replace(/^第|期$/g, '').replace('增刊第', 's')}-`;
      nums.push(issue.firstPage - 1, doc.context.obj({ S: 'D', P: PDFHexString.fromText(prefix), St: 1 }));
    }
  else nums.push(frontPages, doc.context.obj({ S: 'D', St: 1 }));
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: nums.map((n) => (typeof n === 'number' ? PDFNumber.of(n) : n)) }));

  setDocumentInfo(doc, { ...info, keywords: [] });
  let pdfa: '1b' | null = null;
  if (info.archival) {
    // The folios' faces are embedded when the document is flushed: before their CIDSets are made.
    await doc.flush();
    flattenImages(doc);
    if (!usesTransparency(doc)) {
      makeArchival(doc, { title: info.title, author: info.author, subject: info.subject, keywords: '', producer: info.producer, date: info.date });
      pdfa = '1b';
    }
  }
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, pages: pages.length, folioNotFound, pdfa };
}

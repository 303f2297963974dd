/**
 * Finishes a PDF that Chromium printed: document information (title, author, subject,
 * keywords, language) and dates taken from the issue, not from the clock, so the same input
 * gives the same bytes. Chromium's own Creator/Producer name the browser build; briefs
 * names itself instead.
 */
import { PDFDocument, PDFHexString, PDFName } from '@cantoo/pdf-lib';
import { stripMarks } from './marks.js';
import { renameShippedFonts } from '../fonts/pdf-names.js';
import { mendOutline } from './outline.js';
import { renumberNodeIds } from './node-ids.js';
import { flattenImages, makeArchival, usesTransparency } from './pdfa/archival.js';

export interface PdfInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date. */
  date: Date;
  producer: string;
  /** The document ID: derived from the content, so identical input gives identical bytes. */
  id: string;
  /** The titles of the articles, for mending the outline (see outline.ts). */
  headings?: string[];
  /** Made archival, PDF/A-1b (pdfa/archival.ts): a final issue, unless the config says pdfa: false. */
  archival?: boolean;
}

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  /** '1b' when made PDF/A-1b; null when not asked, or when something on its pages is transparent and cannot be flattened. */
  pdfa: '1b' | null;
}

/** Title, author, subject, keywords, dates, language, the outline shown on opening, and the ID. */
export function setDocumentInfo(doc: PDFDocument, info: Omit<PdfInfo, 'headings'>): void {
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setKeywords(info.keywords);
  doc.setCreator('briefs');
  doc.setProducer(info.producer);
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage('zh-CN');
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const id = PDFHexString.of(info.id.slice(0, 32).toUpperCase());
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}

/** `input`: the PDF, or the print's own parse of it (print-issue.ts), which is changed here. */
export async function finishPdf(input: Uint8Array | PDFDocument, info: PdfInfo): Promise<FinishedPdf> {
  const doc = input instanceof PDFDocument ? input : await PDFDocument.load(input, { updateMetadata: false, parseSpeed: Infinity });
  stripMarks(doc);
  renumberNodeIds(doc);
  mendOutline(doc, info.headings ?? []);
  renameShippedFonts(doc);
  setDocumentInfo(doc, info);
  const pdfa = info.archival ? archival(doc, info) : null;
  // No object or cross-reference streams: PDF/A-1 is PDF 1.4, which has neither.
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  return { bytes, pages: doc.getPageCount(), pdfa };
}

function archival(doc: PDFDocument, info: PdfInfo): '1b' | null {
  flattenImages(doc);
  if (usesTransparency(doc)) return null;
  makeArchival(doc, {
    title: info.title,
    author: info.author,
    subject: info.subject,
    keywords: info.keywords.join(' '),
    producer: info.producer,
    date: info.date,
  });
  return '1b';
}

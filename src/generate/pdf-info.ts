/**
 * The document information of an issue's PDF, from the issue itself (never the clock): the
 * same for generate's PDF and for the master of its numbered copies.
 */
import type { AssembledIssue } from '../assemble/issue.js';
import { pdfDate } from '../print/pdf-date.js';
import type { PdfInfo } from '../print/pdf-metadata.js';
import { VERSION } from '../version.js';

export function pdfInfo(assembled: AssembledIssue, title: string): Omit<PdfInfo, 'id'> {
  return {
    title,
    author: assembled.bulletin.publisher,
    subject: assembled.bulletin.name,
    keywords: [...new Set(assembled.articles.map((a) => a.submission.topic).filter((t): t is string => !!t))],
    date: pdfDate(assembled.issue.date),
    producer: `briefs ${VERSION}`,
    headings: assembled.articles.map((a) => a.submission.title),
  };
}

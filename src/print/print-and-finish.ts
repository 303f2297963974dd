/**
 * What generate makes of an issue's HTML: printed in a page of the pool (print-issue.ts), then
 * finished (pdf-metadata.ts) once the page is free for the next issue. The same steps run in a
 * run's own browser and in the resident printer (resident/print-session.ts), which sends the
 * result back over its socket: so the result is plain data, the parsed document left behind.
 */
import type { MeasuredLayout } from '../render/document.js';
import type { BrowserPool } from './browser.js';
import type { FinishedPdf, PdfInfo } from './pdf-metadata.js';
import { printIssue } from './print-issue.js';
import type { PrintServer } from './print-server.js';

export interface FinishedPrint extends FinishedPdf {
  /** Where the articles fell and the 报尾's push, as printed. */
  layout: MeasuredLayout;
  /** Prints it took: 1 when the first guess at the page breaks held. */
  prints: number;
  /** What the page was refused, and what it could not load (print-html.ts). */
  blocked: string[];
  failed: string[];
  /** The notes closed their articles (print-issue.ts). */
  notesAtEnd?: boolean;
}

/**
 * Prints `html` (the issue with its marks) and finishes the PDF with `info`. `printed` is called
 * once the page is let go: the caller may then close the browser while the PDF is finished.
 */
export async function printAndFinish(
  pool: BrowserPool,
  html: string,
  server: PrintServer,
  timeout: number,
  info: PdfInfo,
  printed: () => void = () => undefined,
): Promise<FinishedPrint> {
  // Loaded beside the print, not before it (pdf-lib's PDF/A and writing code).
  const finishing = import('./pdf-metadata.js');
  const print = await pool.withPage((page) => printIssue(page, html, server, timeout), { retryOnCrash: true });
  printed();
  const { finishPdf } = await finishing;
  const finished = await finishPdf(print.doc, info);
  return {
    ...finished,
    layout: print.layout,
    prints: print.prints,
    blocked: print.blocked,
    failed: print.failed,
    ...(print.notesAtEnd ? { notesAtEnd: true } : {}),
  };
}

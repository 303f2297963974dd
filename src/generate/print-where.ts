/**
 * Where generate prints an issue: in the resident printer when the run has a print link to it
 * (resident/print-link.ts), else in the run's own pool of pages. An issue the printer could not
 * answer for, having gone away, is printed in the pool.
 */
import type { BrowserPool } from '../print/browser.js';
import type { PdfInfo } from '../print/pdf-metadata.js';
import type { FinishedPrint } from '../print/print-and-finish.js';
import type { PrintServer } from '../print/print-server.js';
import type { PrintLink } from '../print/resident/print-link.js';

export interface PrintPlaces {
  /** The resident printer's print link, when the run has one. */
  resident?: () => Promise<PrintLink | undefined>;
  pool: BrowserPool;
  /** The run's print server (the printer's while the link holds: link.ts's residentServer). */
  server: PrintServer;
  timeout: number;
}

/** `html`: the issue with its marks; `printed` is called once no page of the run holds it. */
export async function printIssueHere(
  at: PrintPlaces,
  html: string,
  info: PdfInfo,
  printed: () => void,
): Promise<FinishedPrint & { printer: 'resident' | 'own' }> {
  const link = await at.resident?.();
  // The run's server "listens" through the link: the printer gets the run's stylesheets first.
  if (link) await at.server.listen();
  const there = link && (await link.print(html, info, at.timeout));
  if (there) {
    printed();
    return { ...there, printer: 'resident' };
  }
  // Loaded on the first print: puppeteer and pdf-lib take half a second to load, which a run
  // with nothing to print (or printing in the resident printer) should not pay.
  const { printAndFinish } = await import('../print/print-and-finish.js');
  const done = await printAndFinish(at.pool, html, at.server, at.timeout, info, printed);
  return { ...done, printer: at.pool.resident ? 'resident' : 'own' };
}

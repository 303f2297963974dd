/**
 * HTML → PDF in one page of the pool. The document is served from a reserved origin
 * (briefs.invalid never resolves) and every request is answered by briefs itself: the
 * document, the shipped fonts, the workspace's images. Anything else, http(s) or file, is
 * refused and reported. Page scripts are off by the document's Content-Security-Policy; the
 * tool's own evaluation still runs through the DevTools protocol.
 */
import type { HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { PRINT_ORIGIN, readResource, resolveResource } from './resources.js';

export interface PrintRequest {
  html: string;
  /** Workspace root: images are served from inside it only. */
  root: string;
  timeout: number;
}

export interface OpenDocument {
  /** Prints the page as it now is. */
  pdf(): Promise<Uint8Array>;
  /** URLs the page asked for and did not get. */
  blocked: string[];
  /** Resources that exist in the document but failed to load (missing images). */
  failed: string[];
  close(): void;
}

export type PrintResult = Pick<OpenDocument, 'blocked' | 'failed'> & { pdf: Uint8Array };

const DOCUMENT_URL = `${PRINT_ORIGIN}/issue.html`;

/**
 * Loads the document into the page, fonts and images included, ready to be measured and
 * printed as often as needed. A page of the pool serves many documents: each answers its own
 * requests only, so the handler leaves with `close`.
 */
export async function openDocument(page: Page, req: PrintRequest): Promise<OpenDocument> {
  const blocked: string[] = [];
  const failed: string[] = [];
  await page.setRequestInterception(true);
  const handler = (request: HTTPRequest) => {
    void answer(request, req, blocked, failed).catch(() => request.abort('failed').catch(() => undefined));
  };
  page.on('request', handler);
  const close = () => void page.off('request', handler);
  try {
    await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: req.timeout });
    await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    });
  } catch (e) {
    close();
    throw e;
  }
  const options: PDFOptions = {
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
    timeout: req.timeout,
    waitForFonts: true,
  };
  return { pdf: () => page.pdf(options), blocked, failed, close };
}

/** Loads and prints once. */
export async function printHtml(page: Page, req: PrintRequest): Promise<PrintResult> {
  const doc = await openDocument(page, req);
  try {
    return { pdf: await doc.pdf(), blocked: doc.blocked, failed: doc.failed };
  } finally {
    doc.close();
  }
}

async function answer(request: HTTPRequest, req: PrintRequest, blocked: string[], failed: string[]): Promise<void> {
  const url = request.url();
  if (url === DOCUMENT_URL) {
    await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: req.html });
    return;
  }
  if (url.startsWith(`${PRINT_ORIGIN}/`)) {
    const resource = await resolveResource(new URL(url).pathname, req.root);
    if (resource) {
      await request.respond({ status: 200, contentType: resource.contentType, body: await readResource(resource) });
      return;
    }
    failed.push(url);
    await request.respond({ status: 404, body: '' });
    return;
  }
  if (url.startsWith('data:')) {
    await request.continue();
    return;
  }
  blocked.push(url);
  await request.abort('blockedbyclient');
}

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

export interface PrintResult {
  pdf: Uint8Array;
  /** URLs the page asked for and did not get. */
  blocked: string[];
  /** Resources that exist in the document but failed to load (missing images). */
  failed: string[];
}

const DOCUMENT_URL = `${PRINT_ORIGIN}/issue.html`;

export async function printHtml(page: Page, req: PrintRequest): Promise<PrintResult> {
  const blocked: string[] = [];
  const failed: string[] = [];
  await page.setRequestInterception(true);
  // A page of the pool prints more than once (measuring, then final): each print answers its
  // own requests only, so the handler leaves with the print.
  const handler = (request: HTTPRequest) => {
    void answer(request, req, blocked, failed).catch(() => request.abort('failed').catch(() => undefined));
  };
  page.on('request', handler);
  try {
    return await printLoaded(page, req, blocked, failed);
  } finally {
    page.off('request', handler);
  }
}

async function printLoaded(page: Page, req: PrintRequest, blocked: string[], failed: string[]): Promise<PrintResult> {
  await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: req.timeout });
  await page.evaluate(async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
  });
  const options: PDFOptions = {
    preferCSSPageSize: true,
    printBackground: true,
    displayHeaderFooter: false,
    tagged: true,
    outline: true,
    timeout: req.timeout,
    waitForFonts: true,
  };
  const pdf = await page.pdf(options);
  return { pdf, blocked, failed };
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

/**
 * HTML → PDF in one page of the pool. The document comes from the run's print server
 * (127.0.0.1, see print-server.ts), and its Content-Security-Policy lets it load the shipped
 * fonts and the workspace's images from there and nothing else, and run no script; the tool's
 * own evaluation still runs through the DevTools protocol. What the page was refused, or could
 * not load, is reported.
 */
import type { ConsoleMessage, HTTPRequest, HTTPResponse, Page, PDFOptions } from 'puppeteer-core';
import type { PrintServer } from './print-server.js';

export interface PrintRequest {
  html: string;
  server: PrintServer;
  timeout: number;
}

export interface OpenDocument {
  /** Prints the page as it now is. */
  pdf(): Promise<Uint8Array>;
  /** URLs the page asked for and was refused (outside what the policy allows). */
  blocked: string[];
  /** Resources of the document that failed to load (missing images). */
  failed: string[];
  close(): void;
}

export type PrintResult = Pick<OpenDocument, 'blocked' | 'failed'> & { pdf: Uint8Array };

/**
 * Loads the document into the page, fonts and images included, ready to be measured and
 * printed as often as needed. A page of the pool serves many documents: the listeners leave
 * with `close`.
 */
export async function openDocument(page: Page, req: PrintRequest): Promise<OpenDocument> {
  const blocked: string[] = [];
  const failed: string[] = [];
  const doc = req.server.register(req.html);
  // The policy blocks a request before it leaves. Chromium says so on the console (and not
  // always as a failed request), so both are heard; each URL is reported once.
  const block = (url: string) => {
    if (!url.startsWith('data:') && !blocked.includes(url)) blocked.push(url);
  };
  const onFailed = (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith(`${req.server.origin}/`)) failed.push(url.slice(req.server.origin.length));
    else block(url);
  };
  const onConsole = (msg: ConsoleMessage) => {
    const m = /(?:Refused to (?:load|connect to|frame)|Loading)[^']*'([^']+)'.*Content Security Policy/.exec(msg.text());
    if (m) block(m[1]);
  };
  const onResponse = (res: HTTPResponse) => {
    if (res.status() >= 400 && res.url() !== doc.url) failed.push(res.url().replace(req.server.origin, ''));
  };
  page.on('requestfailed', onFailed);
  page.on('console', onConsole);
  page.on('response', onResponse);
  const close = () => {
    page.off('requestfailed', onFailed);
    page.off('console', onConsole);
    page.off('response', onResponse);
    doc.release();
  };
  try {
    await page.goto(doc.url, { waitUntil: 'load', timeout: req.timeout });
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

/**
 * Takes an issue's HTML into a page of the pool, ready to be measured and printed as often as
 * needed. The page loads the print server's empty shell once (print-server.ts); each issue then
 * replaces the shell's content without a navigation. Head elements equal to the ones already
 * there are kept, so the @font-face rules, the same for every issue of a run, stay, and with
 * them the fonts the page has already loaded and decoded. Loading an issue by navigation cost
 * about 1.3 s, most of it decoding the same fonts again (LXGW WenKai alone is one 8 MB file);
 * taken into the shell it costs about 0.15 s, and the PDF is the same to the byte.
 * The shell's Content-Security-Policy header lets the page load the shipped fonts and the
 * workspace's images and nothing else, and run no script; the tool's own evaluation still runs
 * through the DevTools protocol. What the page was refused, or could not load, is reported.
 */
import type { ConsoleMessage, Frame, HTTPRequest, HTTPResponse, Page, PDFOptions } from 'puppeteer-core';
import type { PrintServer } from './print-server.js';
import { within } from './bounded.js';

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
 * Runs inside the page (serialised: no imports, no closures). Parsed by DOMParser, the issue's
 * scripts are inert; the policy would refuse them anyway. Waits for the fonts and images the
 * new content needs: a layout first, since fonts load when text is laid out in them.
 */
async function takeIn(html: string): Promise<void> {
  const next = new DOMParser().parseFromString(html, 'text/html');
  // A refresh, in a workspace template's head or body, would take the page off the print
  // server once inserted; no policy stops a navigation, so the element never gets in.
  for (const meta of Array.from(next.querySelectorAll('meta[http-equiv]'))) {
    if (/^\s*refresh\s*$/i.test(meta.getAttribute('http-equiv') ?? '')) meta.remove();
  }
  const have = Array.from(document.head.children);
  const want = Array.from(next.head.children);
  // A new style that imports a stylesheet (the run's @font-face rules) is waited for: until it
  // has loaded, the text would be laid out, and the fonts counted ready, without those faces.
  const loading: Promise<unknown>[] = [];
  want.forEach((el, i) => {
    if (have[i]?.isEqualNode(el)) return;
    const copy = document.importNode(el, true);
    if (copy instanceof HTMLStyleElement && copy.textContent?.includes('@import')) {
      loading.push(
        new Promise((resolve) => {
          copy.addEventListener('load', resolve, { once: true });
          copy.addEventListener('error', resolve, { once: true });
        }),
      );
    }
    if (have[i]) have[i].replaceWith(copy);
    else document.head.append(copy);
  });
  await Promise.all(loading);
  for (const el of have.slice(want.length)) el.remove();
  const root = document.documentElement;
  for (const a of Array.from(root.attributes)) root.removeAttribute(a.name);
  for (const a of Array.from(next.documentElement.attributes)) root.setAttribute(a.name, a.value);
  document.body.replaceWith(document.importNode(next.body, true));
  window.scrollTo(0, 0);
  void document.body.offsetHeight;
  await document.fonts.ready;
  await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
}

/**
 * Loads the document into the page, fonts and images included. A page of the pool serves many
 * documents: the listeners leave with `close`. A page that failed here is closed by the pool,
 * so a half-loaded document never serves the next issue.
 */
export async function openDocument(page: Page, req: PrintRequest): Promise<OpenDocument> {
  const blocked: string[] = [];
  const failed: string[] = [];
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
    if (res.status() >= 400) failed.push(res.url().replace(req.server.origin, ''));
  };
  // Any other way off the shell (none is known) fails the print instead of printing a stranger.
  let left: string | undefined;
  const onNavigated = (frame: Frame) => {
    if (frame === page.mainFrame() && frame.url() !== req.server.shellUrl) left ??= frame.url();
  };
  const close = () => {
    page.off('requestfailed', onFailed);
    page.off('console', onConsole);
    page.off('response', onResponse);
    page.off('framenavigated', onNavigated);
  };
  try {
    await req.server.listen();
    if (page.url() !== req.server.shellUrl) await page.goto(req.server.shellUrl, { waitUntil: 'load', timeout: req.timeout });
    page.on('requestfailed', onFailed);
    page.on('console', onConsole);
    page.on('response', onResponse);
    page.on('framenavigated', onNavigated);
    await within(req.timeout, 'loading the issue', page.evaluate(takeIn, req.html));
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
  const stayed = () => {
    if (left !== undefined) throw new Error(`the page left the print server for ${left} (a template that navigates?)`);
  };
  return {
    async pdf() {
      stayed();
      const bytes = await page.pdf(options);
      stayed();
      return bytes;
    },
    blocked,
    failed,
    close,
  };
}

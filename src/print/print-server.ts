/**
 * Serves what the run's browser prints from: an empty shell document, and the fonts and images
 * the issues use, from 127.0.0.1 on a port of its own. Each page of the pool loads the shell
 * once and then takes one issue after another into it (print-html.ts), so the fonts it has
 * loaded stay loaded. Fonts and workspace images go through the same traversal-safe resolver as
 * the preview. The shell's Content-Security-Policy, sent as a header, lets it load nothing else
 * and run no script.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendResource } from './resources.js';

/**
 * Page scripts never run: only the tool's styles, fonts and the workspace's images load. Styles
 * from the server itself are the run's @font-face rules (`stylesheet`); a submission cannot
 * name a stylesheet (its HTML is sanitised) and the server serves no workspace file as CSS.
 */
export const PRINT_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:";

// The icon link keeps Chromium from asking for /favicon.ico.
const SHELL = '<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>';

export interface PrintServer {
  origin: string;
  /** The empty document a page loads before it takes in issues. */
  shellUrl: string;
  /**
   * Serves `css` at a path named by its hash and gives the @import rule that loads it. The
   * @font-face rules of a run are 700 KB of CSS (a unicode-range for each chunk of the shipped
   * faces and the fallback's tens of thousands of code points): written into every issue's
   * HTML, they crossed the DevTools connection and were parsed again for every issue.
   */
  stylesheet(css: string): string;
  close(): Promise<void>;
}

export async function startPrintServer(root: string): Promise<PrintServer> {
  let host = '';
  const sheets = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    // Only Chromium, asking for this very address: a web page that rebinds a name to
    // 127.0.0.1 sends its own Host and is refused.
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/shell.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': PRINT_CSP });
      res.end(SHELL);
      return;
    }
    const sheet = sheets.get(pathname);
    if (sheet !== undefined) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
      res.end(sheet);
      return;
    }
    sendResource(res, pathname, root).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const origin = `http://${host}`;
  return {
    origin,
    shellUrl: `${origin}/shell.html`,
    stylesheet(css) {
      const at = `/_print/${createHash('sha256').update(css).digest('hex').slice(0, 32)}.css`;
      sheets.set(at, css);
      return `@import url("${at}");`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

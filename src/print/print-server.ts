/**
 * Serves what the run's browser prints from: an empty shell document, and the fonts and images
 * the issues use, from 127.0.0.1 on a port of its own. Each page of the pool loads the shell
 * once and then takes one issue after another into it (print-html.ts), so the fonts it has
 * loaded stay loaded. Fonts and workspace images go through the same traversal-safe resolver as
 * the preview, and only to the page that loaded the shell (a cookie, below). The shell's
 * Content-Security-Policy, sent as a header, lets it load nothing else and run no script.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendResource } from './resources.js';
import { cookieHolds, sameSecret } from './secret.js';

/**
 * Page scripts never run: only the tool's styles, fonts and the workspace's images load. Styles
 * from the server itself are the run's @font-face rules (`stylesheet`); a submission cannot
 * name a stylesheet (its HTML is sanitised) and the server serves no workspace file as CSS.
 */
export const PRINT_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:";

// The icon link keeps Chromium from asking for /favicon.ico.
const SHELL = '<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body></body></html>';

export interface PrintServer {
  /** The server's address: only once it listens (`listen`). */
  readonly origin: string;
  /** The empty document a page loads before it takes in issues, its secret in the query; only once it listens. */
  readonly shellUrl: string;
  /**
   * Starts listening, once however often it is called. A run that prints nothing never
   * listens, and never loads node:http (a few ms of a rerun with nothing to do).
   */
  listen(): Promise<void>;
  /**
   * Serves `css` at a path named by its hash and gives the @import rule that loads it. The
   * @font-face rules of a run are 700 KB of CSS (a unicode-range for each chunk of the shipped
   * faces and the fallback's tens of thousands of code points): written into every issue's
   * HTML, they crossed the DevTools connection and were parsed again for every issue.
   */
  stylesheet(css: string): string;
  close(): Promise<void>;
}

/**
 * Everything is served only to the pages briefs itself opened. The shell's address carries the
 * server's secret (`shellUrl`), which only briefs knows (it reaches Chromium over its pipe, and
 * a run over the resident printer's private socket); the shell sets a cookie with the same
 * secret, which Chromium sends with every request of the page. The `Host` check stops web
 * pages; the secret stops the machine's other users, who can reach 127.0.0.1 too, from reading
 * the workspace's images and the office's fonts while the server lives (a run, or a resident
 * printer's half hour).
 */
const COOKIE = 'briefs-print';

/** A print server that listens when first asked to (`listen`). */
export function createPrintServer(root: string): PrintServer {
  const key = randomBytes(16).toString('hex');
  let host = '';
  let server: Server | undefined;
  let listening: Promise<void> | undefined;
  let closed = false;
  const sheets = new Map<string, string>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // Only Chromium, asking for this very address: a web page that rebinds a name to
    // 127.0.0.1 sends its own Host and is refused.
    if (req.headers.host !== host || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    const [pathname, query] = (req.url ?? '/').split('?');
    if (pathname === '/shell.html' && query?.startsWith('k=') && sameSecret(query.slice(2), key)) {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': PRINT_CSP,
        'set-cookie': `${COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end(SHELL);
      return;
    }
    if (!cookieHolds(req.headers.cookie, COOKIE, key)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
      return;
    }
    const sheet = sheets.get(pathname);
    if (sheet !== undefined) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
      res.end(sheet);
      return;
    }
    sendResource(res, pathname, root).catch(() => res.writeHead(500).end());
  };
  const address = () => {
    if (!host) throw new Error('the print server is not listening yet');
    return `http://${host}`;
  };
  return {
    get origin() {
      return address();
    },
    get shellUrl() {
      return `${address()}/shell.html?k=${key}`;
    },
    listen() {
      // A warm-up still under way when the run ends must not start a server nobody closes.
      if (closed) return Promise.reject(new Error('the print server is closed'));
      listening ??= new Promise<void>((resolve, reject) => {
        const s = process.getBuiltinModule('node:http').createServer(handle);
        server = s;
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
          host = `127.0.0.1:${(s.address() as AddressInfo).port}`;
          resolve();
        });
      });
      return listening;
    },
    stylesheet(css) {
      const at = `/_print/${createHash('sha256').update(css).digest('hex').slice(0, 32)}.css`;
      sheets.set(at, css);
      return `@import url("${at}");`;
    },
    async close() {
      closed = true;
      const s = server;
      if (!s) return;
      await listening?.catch(() => undefined);
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    },
  };
}

/** A print server, listening. */
export async function startPrintServer(root: string): Promise<PrintServer> {
  const server = createPrintServer(root);
  await server.listen();
  return server;
}

/**
 * Serves the documents being printed, and the fonts and images they use, from 127.0.0.1 on a
 * port of its own, for the run's browser. Chromium fetches and caches the fonts itself: a
 * request interception that answered each of some sixty font requests a page through the
 * DevTools protocol cost more than the print. Each document has an unguessable address and is
 * served while it prints; fonts and workspace images go through the same traversal-safe
 * resolver as the preview. The documents' Content-Security-Policy lets them load nothing else.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readResource, resolveResource } from './resources.js';

export interface PrintServer {
  origin: string;
  /** Serves the HTML at a new address until release() is called. */
  register(html: string): { url: string; release(): void };
  close(): Promise<void>;
}

export async function startPrintServer(root: string): Promise<PrintServer> {
  const documents = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0];
    const doc = /^\/doc\/([0-9a-f]{32})\.html$/.exec(pathname);
    if (doc && documents.has(doc[1])) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(documents.get(doc[1]));
      return;
    }
    void resolveResource(pathname, root)
      .then(async (resource) => {
        if (!resource) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': resource.contentType, 'cache-control': pathname.startsWith('/_fonts/') ? 'max-age=31536000, immutable' : 'no-cache' });
        res.end(await readResource(resource));
      })
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    register(html) {
      const token = randomBytes(16).toString('hex');
      documents.set(token, html);
      return { url: `${origin}/doc/${token}.html`, release: () => void documents.delete(token) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

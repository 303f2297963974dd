/**
 * Server-sent events: each open preview tab keeps one stream, and hears the workspace's version
 * each time it changes. The number of streams is bounded: a tab keeps one, so hundreds are a
 * page gone wrong, not editors.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The worker each preview tab starts (client.ts) to hold its stream and pass each version on:
 * a stream opened by the page itself counts as the page's network for as long as it is open,
 * and tools that wait for a page's network to go idle (puppeteer's networkidle0) never saw it.
 */
export const LIVE_WORKER = `const events = new EventSource('/_events');
events.addEventListener('version', (e) => postMessage(e.data));
`;

/** Live-reload streams open at once (one per preview tab). */
export const MAX_EVENT_CLIENTS = 64;

export class LiveEvents {
  private readonly clients = new Set<ServerResponse>();

  /** Opens a stream that starts with `version`; false (and nothing sent) when the bound is reached. */
  accept(req: IncomingMessage, res: ServerResponse, version: number): boolean {
    if (this.clients.size >= MAX_EVENT_CLIENTS) return false;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`event: version\ndata: ${version}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
    return true;
  }

  broadcast(version: number): void {
    for (const res of this.clients) res.write(`event: version\ndata: ${version}\n\n`);
  }

  close(): void {
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}

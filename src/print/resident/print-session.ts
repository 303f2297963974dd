/**
 * The printer's side of a print connection (print-link.ts). The printer connects puppeteer to
 * its own Chromium, through the same pipe and session bookkeeping as a relayed run, and prints
 * each issue the run sends in a pool of its pages, by the same steps as a run's own browser
 * (print-and-finish.ts): so the bytes are the same. When the connection ends, puppeteer lets
 * Chromium go and the printer cleans up as after any run (daemon.ts).
 *
 * The run is the same user's (the socket is theirs alone, place.ts), and a relayed run may do
 * anything DevTools can; still, a request is checked field by field, and one that is not a print
 * request as print-link.ts writes it is refused with a reason, not printed.
 */
import type { ConnectionTransport } from 'puppeteer-core';
import { BrowserPool } from '../browser.js';
import type { PdfInfo } from '../pdf-metadata.js';
import { printAndFinish } from '../print-and-finish.js';
import type { PrintServer } from '../print-server.js';
import type { ChromiumPipe } from './chromium-pipe.js';
import type { ResidentLink } from './link.js';
import type { PrintAnswer } from './print-link.js';

export interface PrintSession {
  /** Chromium's messages, for this session's puppeteer. */
  deliver: (frame: Buffer) => void;
  /** A message of the run: a print request (answered through `reply`) or a stylesheet. */
  handle(msg: { briefs?: unknown } & Record<string, unknown>): void;
  /** Lets Chromium go; prints under way fail, unanswered. */
  close(): Promise<void>;
}

/** How many pages a run may print in at once here, and for how long at most a print may take. */
const MAX_JOBS = 8;
const MAX_TIMEOUT_MS = 30 * 60_000;

const isString = (v: unknown): v is string => typeof v === 'string';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isCount = (v: unknown, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= max;

/** The request's document information, or undefined when a field is missing or of another type. */
function pdfInfo(v: unknown): PdfInfo | undefined {
  const i = v as Record<string, unknown> | null;
  if (typeof i !== 'object' || i === null) return undefined;
  const date = new Date(isString(i.date) ? i.date : NaN);
  const fine =
    isString(i.title) &&
    isString(i.author) &&
    isString(i.subject) &&
    isStrings(i.keywords) &&
    isString(i.producer) &&
    isString(i.id) &&
    (i.headings === undefined || isStrings(i.headings)) &&
    (i.archival === undefined || typeof i.archival === 'boolean') &&
    !Number.isNaN(date.getTime());
  if (!fine) return undefined;
  return {
    title: i.title as string,
    author: i.author as string,
    subject: i.subject as string,
    keywords: i.keywords as string[],
    producer: i.producer as string,
    id: i.id as string,
    date,
    ...(i.headings ? { headings: i.headings as string[] } : {}),
    ...(i.archival !== undefined ? { archival: i.archival as boolean } : {}),
  };
}

/** A page's timeout when the greeting names none that fits: generate's own default for --timeout. */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * `hello`: the connection's greeting, with the pages it may print in at once and a page's
 * timeout (its run's --jobs and --timeout), checked here like every request after it.
 */
export function printSession(
  chromium: Pick<ChromiumPipe, 'send'>,
  server: PrintServer,
  executable: string,
  hello: { jobs?: unknown; timeout?: unknown },
  reply: (answer: PrintAnswer) => void,
): PrintSession {
  const jobs = isCount(hello.jobs, MAX_JOBS) ? hello.jobs : 1;
  const timeout = isCount(hello.timeout, MAX_TIMEOUT_MS) ? hello.timeout : DEFAULT_TIMEOUT_MS;
  let closed = false;
  const transport: ConnectionTransport = {
    send(message) {
      if (!closed) chromium.send(Buffer.from(message, 'utf8'));
    },
    close() {
      if (closed) return;
      closed = true;
      queueMicrotask(() => transport.onclose?.());
    },
  };
  const link: ResidentLink = {
    transport,
    origin: server.origin,
    shellUrl: server.shellUrl,
    sheet: (css) => void server.stylesheet(css),
    get closed() {
      return closed;
    },
  };
  // The printer's Chromium or none: a pool that may not launch a browser of its own.
  const pool = new BrowserPool({ executablePath: executable, jobs, timeout, resident: () => Promise.resolve(link), borrowOnly: true });
  // The page an earlier run left has the shell loaded; a first run's page loads it now.
  pool.warm(async (page) => {
    if (page.url() !== server.shellUrl) await page.goto(server.shellUrl, { waitUntil: 'load' });
  });

  const print = (msg: Record<string, unknown>) => {
    const n = msg.n;
    if (!Number.isSafeInteger(n)) return;
    const info = pdfInfo(msg.info);
    if (!isString(msg.html) || !info || !isCount(msg.timeout, MAX_TIMEOUT_MS)) {
      reply({ briefs: 'print-failed', n: n as number, message: 'the resident printer was sent a print request it does not understand' });
      return;
    }
    printAndFinish(pool, msg.html, server, msg.timeout, info).then(
      ({ bytes, ...rest }) => reply({ briefs: 'printed', n: n as number, ...rest, pdf: Buffer.from(bytes).toString('base64') }),
      (e: unknown) => {
        // The session is over (the run left, or Chromium died and the printer stopped, closing
        // the connection): no answer. A run that loses its link prints the issue itself.
        if (closed) return;
        reply({ briefs: 'print-failed', n: n as number, message: e instanceof Error ? e.message : String(e) });
      },
    );
  };

  return {
    deliver(frame) {
      if (!closed) transport.onmessage?.(frame.toString('utf8'));
    },
    handle(msg) {
      if (msg.briefs === 'print') print(msg);
      else if (msg.briefs === 'sheet' && isString(msg.css)) server.stylesheet(msg.css);
    },
    close: () => pool.close(),
  };
}

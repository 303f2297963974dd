/**
 * A run's side of the resident printer: when the workspace has one (its socket is there), the
 * run greets it and, on its "ok", prints there instead of launching a browser. Two ways:
 * - `relay`: the printer relays DevTools, and the run drives Chromium with puppeteer over the
 *   socket (volume, copies, and generate when it draws long images);
 * - `print`: the run sends each issue's HTML and gets its finished PDF back (print-link.ts), so
 *   it loads neither puppeteer nor pdf-lib, and the printer's code, compiled by earlier runs,
 *   does the printing and finishing (generate).
 * Anything else (no answer, busy with another run, a printer that no longer fits and stops)
 * and the run prints with a browser of its own, as without a printer.
 */
import { existsSync } from 'node:fs';
import type net from 'node:net';
import type { ConnectionTransport } from 'puppeteer-core';
import type { PrintServer } from '../print-server.js';
import { greet } from './control.js';
import { frameReader, NUL } from './frames.js';
import type { Identity, Mismatch } from './identity.js';
import { printerSocket, privateFolder } from './place.js';
import { printLink, type PrintLink } from './print-link.js';

/** What either kind of link gives the run's print server (residentServer below). */
export interface PrinterLink {
  /** The printer's print server, and its shell's address (with the server's secret). */
  origin: string;
  shellUrl: string;
  /** Hands the printer's print server a stylesheet of the run (print-server.ts's stylesheet). */
  sheet(css: string): void;
  readonly closed: boolean;
}

export interface ResidentLink extends PrinterLink {
  /** DevTools over the socket, for puppeteer.connect. */
  transport: ConnectionTransport;
}

/** Hears why the printer was passed over (`stopped`: it stopped, being of another build). */
export type PrinterNote = (why: Mismatch, stopped: boolean) => void;

/** What a run asks of the printer: a link, once; after the link is gone, nothing (own browser). */
export type ResidentChoice<L extends PrinterLink = ResidentLink> = () => Promise<L | undefined>;

/**
 * How a run prints there; for `print`, the pages the printer may print in at once and how long
 * its pages may take (the run's --jobs and --timeout).
 */
export type ResidentMode = { mode: 'relay' } | { mode: 'print'; jobs: number; timeout: number };

/** The workspace's resident printer, when it has one; `say` hears why one was passed over. */
export function residentPrinter(root: string, want: () => Identity, say?: PrinterNote): ResidentChoice<ResidentLink> | undefined;
export function residentPrinter(
  root: string,
  want: () => Identity,
  say: PrinterNote | undefined,
  how: ResidentMode & { mode: 'print' },
): ResidentChoice<PrintLink> | undefined;
export function residentPrinter(
  root: string,
  want: () => Identity,
  say: PrinterNote = () => undefined,
  how: ResidentMode = { mode: 'relay' },
): ResidentChoice<ResidentLink | PrintLink> | undefined {
  let socket: string;
  try {
    socket = printerSocket(root);
  } catch {
    return undefined;
  }
  if (!existsSync(socket) || !privateFolder(false)) return undefined;
  let tried: Promise<ResidentLink | PrintLink | undefined> | undefined;
  return async () => {
    // Any failure here (no browser found, no answer) leaves the run to its own browser, whose
    // launch then says what is wrong.
    tried ??= Promise.resolve()
      .then(() => connect(socket, want(), say, how))
      .catch(() => undefined);
    const link = await tried;
    return link && !link.closed ? link : undefined;
  };
}

async function connect(socket: string, identity: Identity, say: PrinterNote, how: ResidentMode): Promise<ResidentLink | PrintLink | undefined> {
  const { answer, conn } = await greet(socket, { briefs: 'hello', identity, ...how });
  if (answer.briefs !== 'ok' || typeof answer.origin !== 'string' || typeof answer.shell !== 'string' || !answer.shell.startsWith(`${answer.origin}/`)) {
    conn.destroy();
    if (answer.briefs === 'stale' || answer.briefs === 'other') say(answer.why as Mismatch, answer.briefs === 'stale');
    return undefined;
  }
  return how.mode === 'print' ? printLink(conn, answer.origin, answer.shell) : socketLink(conn, answer.origin, answer.shell);
}

function socketLink(conn: net.Socket, origin: string, shellUrl: string): ResidentLink {
  let closed = false;
  const transport: ConnectionTransport = {
    send(message) {
      conn.write(message);
      conn.write(NUL);
    },
    close() {
      conn.end();
    },
  };
  conn.on(
    'data',
    frameReader((frame) => transport.onmessage?.(frame.toString('utf8'))),
  );
  conn.on('error', () => conn.destroy());
  conn.once('close', () => {
    closed = true;
    transport.onclose?.();
  });
  conn.resume();
  return {
    transport,
    origin,
    shellUrl,
    sheet(css) {
      if (closed) return;
      conn.write(JSON.stringify({ briefs: 'sheet', css }));
      conn.write(NUL);
    },
    get closed() {
      return closed;
    },
  };
}

/**
 * The run's print server seen through the printer: while the link holds, pages load from the
 * printer's server (whose address, and so whose loaded fonts, outlive the run); once it is gone,
 * from the run's own, which holds every stylesheet too.
 */
export function residentServer(local: PrintServer, choose: ResidentChoice<PrinterLink>): PrintServer {
  let current: PrinterLink | undefined;
  const sheets = new Set<string>();
  const live = () => (current && !current.closed ? current : undefined);
  return {
    get origin() {
      return live()?.origin ?? local.origin;
    },
    get shellUrl() {
      return live()?.shellUrl ?? local.shellUrl;
    },
    async listen() {
      const link = await choose();
      if (link) {
        if (current !== link) for (const css of sheets) link.sheet(css);
        current = link;
        return;
      }
      current = undefined;
      await local.listen();
    },
    stylesheet(css) {
      const rule = local.stylesheet(css);
      if (!sheets.has(css)) {
        sheets.add(css);
        live()?.sheet(css);
      }
      return rule;
    },
    close: () => local.close(),
  };
}

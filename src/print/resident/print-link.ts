/**
 * A run's side of a print connection to the resident printer (the `print` mode of link.ts):
 * each issue's HTML goes over as one message and its finished PDF comes back as one, numbered,
 * so that several of the run's issues may print at once in the printer's pages. The run loads
 * neither puppeteer nor pdf-lib for this (about 0.15 s of a one-change run), and the printing
 * and finishing run in code the printer compiled for earlier runs.
 *
 * The PDF comes back as base64 inside the JSON message, the framing every message of the socket
 * has (frames.ts); a 1 MB PDF costs a few milliseconds each way.
 */
import type net from 'node:net';
import type { PdfInfo } from '../pdf-metadata.js';
import type { FinishedPrint } from '../print-and-finish.js';
import { frameReader, NUL, parseFrame } from './frames.js';
import type { PrinterLink } from './link.js';

export interface PrintLink extends PrinterLink {
  /**
   * Prints and finishes an issue in the printer. Undefined when the printer went away before it
   * answered (the run then prints the issue itself); rejects with the printer's reason when the
   * print failed there.
   */
  print(html: string, info: PdfInfo, timeout: number): Promise<FinishedPrint | undefined>;
  /** Ends the connection (the run is over, or interrupted): prints still waiting get undefined. */
  close(): void;
}

/** A print request as it goes over the socket; the printer checks each field (print-session.ts). */
interface PrintRequest {
  briefs: 'print';
  n: number;
  html: string;
  /** PdfInfo with its date as an ISO string. */
  info: Omit<PdfInfo, 'date'> & { date: string };
  timeout: number;
}

/** The printer's answer: the finished print with its PDF in base64, or why it failed. */
export type PrintAnswer =
  ({ briefs: 'printed'; n: number; pdf: string } & Omit<FinishedPrint, 'bytes'>) | { briefs: 'print-failed'; n: number; message: string };

/** The longest answer the run takes: a PDF of 190 MB in base64. */
const MAX_ANSWER = 256 * 1024 * 1024;

export function printLink(conn: net.Socket, origin: string, shellUrl: string): PrintLink {
  let closed = false;
  let next = 0;
  const waiting = new Map<number, { resolve: (done: FinishedPrint | undefined) => void; reject: (e: Error) => void }>();
  const send = (msg: object) => {
    conn.write(JSON.stringify(msg));
    conn.write(NUL);
  };
  const gone = () => {
    closed = true;
    for (const { resolve } of waiting.values()) resolve(undefined);
    waiting.clear();
  };
  conn.on(
    'data',
    frameReader(
      (frame) => {
        const answer = parseFrame(frame) as PrintAnswer | undefined;
        const asked = answer && waiting.get(answer.n);
        if (!answer || !asked) return;
        waiting.delete(answer.n);
        if (answer.briefs === 'printed') {
          const { briefs: _, n: __, pdf, ...rest } = answer;
          asked.resolve({ ...rest, bytes: new Uint8Array(Buffer.from(pdf, 'base64')) });
        } else asked.reject(new Error(String(answer.message)));
      },
      MAX_ANSWER,
      () => conn.destroy(),
    ),
  );
  conn.on('error', () => conn.destroy());
  conn.once('close', gone);
  conn.resume();
  return {
    origin,
    shellUrl,
    sheet(css) {
      if (!closed) send({ briefs: 'sheet', css });
    },
    print(html, info, timeout) {
      if (closed) return Promise.resolve(undefined);
      const n = next++;
      return new Promise((resolve, reject) => {
        waiting.set(n, { resolve, reject });
        send({ briefs: 'print', n, html, info: { ...info, date: info.date.toISOString() }, timeout } satisfies PrintRequest);
      });
    },
    close() {
      gone();
      conn.end();
    },
    get closed() {
      return closed;
    },
  };
}

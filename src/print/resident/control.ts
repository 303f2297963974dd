/**
 * Talking to a resident printer: one message and its answer (status, stop), or the greeting
 * with which a run asks to print there. Nothing answering within a short time counts as no
 * printer: a run then prints with a browser of its own, as it would without one.
 */
import net from 'node:net';
import { alive } from '../../files/alive.js';
import { frameReader, NUL, parseFrame } from './frames.js';

export interface PrinterStatus {
  briefs: 'status';
  pid: number;
  root: string;
  /** When it started (ms since the epoch). */
  started: number;
  /** Runs it has printed for. */
  runs: number;
  /** A run is printing there now. */
  busy: boolean;
  /** When it stops unless a run comes first (ms since the epoch); none while busy. */
  stopsAt?: number;
  /** Chromium's pages, and how many of them a connection holds (none between runs). */
  pages: number;
  attached: number;
}

/** A printer's answer is a line of status: anything longer is not one. */
const MAX_ANSWER = 1024 * 1024;

export type Answer = { briefs: string } & Record<string, unknown>;

/**
 * Connects and sends `msg`; resolves with the first answer and the open socket, paused (the
 * caller ends it, or keeps it to relay DevTools messages over, and resumes it once it listens:
 * the printer says nothing more until the run speaks). Rejects when nothing listens.
 */
export function greet(socket: string, msg: object, timeoutMs = 3000): Promise<{ answer: Answer; conn: net.Socket }> {
  return new Promise((resolve, reject) => {
    const conn = net.connect(socket);
    const timer = setTimeout(() => {
      conn.destroy();
      reject(new Error('the resident printer did not answer'));
    }, timeoutMs);
    let answer: Answer | undefined;
    const read = frameReader(
      (frame) => {
        if (answer) return;
        clearTimeout(timer);
        const said = parseFrame(frame) as Answer | undefined;
        if (typeof said?.briefs !== 'string') {
          conn.destroy();
          reject(new Error('the resident printer answered nonsense'));
          return;
        }
        answer = said;
        conn.pause();
        conn.off('data', read);
        conn.off('error', fail);
        resolve({ answer, conn });
      },
      MAX_ANSWER,
      () => {
        clearTimeout(timer);
        conn.destroy();
        reject(new Error('the resident printer answered nonsense'));
      },
    );
    const fail = (e: Error) => {
      clearTimeout(timer);
      reject(e);
    };
    conn.on('data', read);
    conn.once('error', fail);
    conn.write(JSON.stringify(msg));
    conn.write(NUL);
  });
}

/** One message and its answer. */
export async function ask(socket: string, msg: object, timeoutMs?: number): Promise<Answer> {
  const { answer, conn } = await greet(socket, msg, timeoutMs);
  conn.destroy();
  return answer;
}

/** Stops the printer at `socket`, if one answers, and waits (up to 5 s) until its process is gone. */
export async function stopPrinter(socket: string): Promise<PrinterStatus | undefined> {
  const status = (await ask(socket, { briefs: 'status' }).catch(() => undefined)) as PrinterStatus | undefined;
  if (!status) return undefined;
  await ask(socket, { briefs: 'stop' }).catch(() => undefined);
  for (let i = 0; i < 100 && alive(status.pid); i++) await new Promise((r) => setTimeout(r, 50));
  return status;
}

/**
 * The resident printer: one Chromium kept running for a workspace between runs, so that a run
 * which prints one issue finds the browser started, the print shell loaded and the fonts
 * decoded (about 1 s of a 1.6 s one-change run on a 2-core machine). It is briefs' own
 * process, started by `briefs printer start`, and it stops after a time without work.
 *
 * Chromium still speaks DevTools only over its pipe, to this process (chromium-pipe.ts): nothing
 * else on the machine can reach it. Runs reach it through a Unix socket in a folder only the user
 * can open (place.ts), and the printer relays their DevTools messages to Chromium and back
 * unchanged, one run at a time. The print server it runs for the workspace keeps one address,
 * so the pages' loaded fonts stay valid from one run to the next. When a run leaves, the printer
 * detaches what the run attached and turns off what it turned on, so the next run starts as from
 * a fresh browser except for the page it finds ready.
 *
 * A connection's first message says what it wants (control.ts): `status`, `stop`, or `hello`
 * with the run's identity, answered `ok`, `busy`, `other` (the run does not fit: another browser
 * or other fonts) or `stale` (the printer is of another build, or its Chromium was upgraded: it
 * stops). After `ok`, a connection that said `mode: 'print'` sends issues and gets their
 * finished PDFs back (print-session.ts); any other relays DevTools.
 */
import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import { usageError } from '../../errors.js';
import { newProfile, removeQuietly } from '../profiles.js';
import { startPrintServer } from '../print-server.js';
import { launchChromium } from './chromium-pipe.js';
import { ask, type PrinterStatus } from './control.js';
import { frameReader, NUL, parseFrame } from './frames.js';
import { identity, mismatch, type Identity } from './identity.js';
import { printerLog, privateFolderOrFail } from './place.js';
import { printSession, type PrintSession } from './print-session.js';
import { settlesWithin } from '../bounded.js';

export interface PrinterOptions {
  root: string;
  executable: string;
  systemFonts: boolean;
  socket: string;
  /** Milliseconds without a run after which the printer stops. */
  idleMs: number;
}

/**
 * The longest message a run may send: a DevTools command, or the run's @font-face rules (under a
 * megabyte). One that never ends is cut off here with its connection, not held.
 */
const MAX_CLIENT_FRAME = 64 * 1024 * 1024;

/** How long Chromium may take to answer its first command. */
const START_TIMEOUT_MS = 60_000;

/** How a run's stylesheet for the print server (print-server.ts) comes over the relay. */
const CONTROL = Buffer.from('{"briefs":"');

/** A message from a connection: what it asks, and with what. */
const parse = (frame: Buffer) =>
  (parseFrame(frame) ?? {}) as { briefs?: string; identity?: Identity; css?: unknown; mode?: unknown; jobs?: unknown; timeout?: unknown };

/** Runs the printer until it stops (idle, `briefs printer stop`, a signal, or Chromium gone). */
export async function servePrinter(o: PrinterOptions): Promise<void> {
  privateFolderOrFail();
  if (await ask(o.socket, { briefs: 'status' }).catch(() => undefined))
    throw usageError('printer-running', 'this workspace already has a resident printer', {
      hint: 'briefs printer stop stops it',
      zh: ['这个工作区已有常驻印制进程', '用 briefs printer stop 停止它'],
    });
  rmSync(o.socket, { force: true });

  const own: Identity = identity(o.root, o.executable, o.systemFonts);
  const profile = newProfile();
  const chromium = await launchChromium(o.executable, o.systemFonts, profile);
  const server = await startPrintServer(o.root);

  const started = Date.now();
  let runs = 0;
  let client: net.Socket | undefined;
  /** Where Chromium's messages go: to the relayed run, or to the print session's puppeteer. */
  let deliver: ((frame: Buffer) => void) | undefined;
  let idleSince = Date.now();
  let idleTimer: NodeJS.Timeout | undefined;
  let cleaning: Promise<void> = Promise.resolve();
  let stopping: Promise<void> | undefined;
  let stopped = () => {};
  const over = new Promise<void>((resolve) => (stopped = resolve));

  /**
   * Leaves Chromium as a new connection finds it: nothing attached, nothing watched, and one page
   * with the print shell and the fonts its issues needed. A page holds 150–200 MB after a batch,
   * and the run that waits on the printer, one changed issue, prints in one; a batch makes its
   * others.
   */
  const cleanUp = async () => {
    await chromium.detachAll();
    const pages = await chromium.pages();
    const keep = pages.find((t) => t.url === server.shellUrl) ?? pages[0];
    const closing = pages.filter((t) => t !== keep);
    await Promise.all(closing.map((t) => chromium.command('Target.closeTarget', { targetId: t.targetId })));
    // Chromium answers closeTarget before the page is gone: on a busy machine the next run, or a
    // status, still found it. Clean means gone, so wait for that (a second at most).
    const closed = new Set(closing.map((t) => t.targetId));
    for (let waited = 0; closed.size > 0 && waited < 1000; waited += 20) {
      if (!(await chromium.pages()).some((t) => closed.has(t.targetId))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  const idle = () => {
    // A run's connection closed by stop() must not set a new idle timer: it would hold the
    // stopped printer's process for the whole idle time (30 minutes).
    if (stopping) return;
    idleSince = Date.now();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void stop(), o.idleMs);
  };

  const status = async (): Promise<PrinterStatus> => {
    // Chromium's own word on its pages: how many wait, and how many a connection still holds
    // (once the last run's are let go).
    await cleaning;
    const pages = await chromium.pages();
    return {
      briefs: 'status',
      pid: process.pid,
      root: o.root,
      started,
      runs,
      busy: client !== undefined,
      stopsAt: client ? undefined : idleSince + o.idleMs,
      pages: pages.length,
      attached: pages.filter((t) => t.attached).length,
    };
  };

  chromium.onMessage = (frame) => deliver?.(frame);

  const sockets = net.createServer((conn) => {
    let relaying = false;
    let session: PrintSession | undefined;
    const reply = (msg: object) => {
      conn.write(JSON.stringify(msg));
      conn.write(NUL);
    };
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (client !== conn) return;
      client = undefined;
      const ending = session;
      // A print session's puppeteer lets go first, still hearing Chromium (a connect under way
      // waits for its answers), within two seconds; then nothing of it is left attached.
      const letGo = ending ? settlesWithin(ending.close(), 2000) : Promise.resolve();
      cleaning = letGo.then(() => {
        deliver = undefined;
        return cleanUp();
      });
      idle();
    });
    conn.on(
      'data',
      frameReader(
        (frame) => {
          if (session) {
            session.handle(parse(frame));
            return;
          }
          if (relaying) {
            if (!frame.subarray(0, CONTROL.length).equals(CONTROL)) chromium.send(frame);
            else {
              const msg = parse(frame);
              if (msg.briefs === 'sheet' && typeof msg.css === 'string') server.stylesheet(msg.css);
            }
            return;
          }
          const msg = parse(frame);
          if (msg.briefs === 'status') {
            void status().then((st) => {
              reply(st);
              conn.end();
            });
          } else if (msg.briefs === 'stop') {
            reply({ briefs: 'stopping' });
            conn.end();
            void stop();
          } else if (msg.briefs === 'hello' && msg.identity) {
            const differs = mismatch(msg.identity, own) ?? (chromium.replaced() ? { why: 'upgraded' as const, stale: true } : undefined);
            if (differs?.stale || stopping) {
              // A printer that no longer fits its workspace serves nobody: it stops.
              reply({ briefs: 'stale', why: differs?.why ?? 'stopping' });
              conn.end();
              void stop();
            } else if (differs) {
              reply({ briefs: 'other', why: differs.why });
              conn.end();
            } else if (client) {
              reply({ briefs: 'busy' });
              conn.end();
            } else {
              client = conn;
              clearTimeout(idleTimer);
              conn.pause();
              void cleaning.then(() => {
                runs++;
                if (conn.destroyed) return;
                if (msg.mode === 'print') {
                  session = printSession(chromium, server, o.executable, msg, reply);
                  deliver = session.deliver;
                } else {
                  relaying = true;
                  deliver = (frame) => {
                    conn.cork();
                    conn.write(frame);
                    conn.write(NUL);
                    conn.uncork();
                  };
                }
                reply({ briefs: 'ok', origin: server.origin, shell: server.shellUrl });
                conn.resume();
              });
            }
          } else conn.destroy();
        },
        MAX_CLIENT_FRAME,
        () => conn.destroy(),
      ),
    );
  });

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearTimeout(idleTimer);
      sockets.close();
      rmSync(o.socket, { force: true });
      client?.destroy();
      await chromium.close();
      await server.close();
      removeQuietly(profile);
      stopped();
    })());

  void chromium.exited.then(() => stop());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());
  // Runs are let in once Chromium answers: a printer that answers is one that can print. One
  // that does not answer within a minute (hung at start) is killed, and the printer stops.
  let deaf: NodeJS.Timeout | undefined;
  await Promise.race([
    chromium.command('Browser.getVersion'),
    over,
    new Promise<void>((resolve) => {
      deaf = setTimeout(() => void stop().then(resolve), START_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(deaf);
  if (!stopping) {
    await new Promise<void>((resolve, reject) => {
      sockets.once('error', reject);
      sockets.listen(o.socket, () => resolve());
    });
    // The folder is private already; the socket is made the user's alone as well.
    chmodSync(o.socket, 0o600);
    idle();
  }
  await over;
  const lost = await chromium.exited;
  // A printer that ends as it should leaves no log behind; one whose Chromium quit writes why.
  if (!lost) rmSync(printerLog(o.socket), { force: true });
  if (lost)
    throw usageError('browser-launch', `the browser at ${o.executable} quit (${lost[0]})`, {
      hint: 'check that it is a working Chrome or Chromium (run it with --version)',
      zh: [`${o.executable} 处的浏览器退出了（${lost[1]}）`, '检查它是否为可用的 Chrome 或 Chromium（用 --version 运行试试）'],
    });
}

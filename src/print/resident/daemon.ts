/**
 * The resident printer: one Chromium kept running for a workspace between runs, so that a run
 * which prints one issue finds the browser started, the print shell loaded and the fonts
 * decoded (about 1 s of a 1.7 s one-change run on a 2-core machine). It is briefs' own
 * process, started by `briefs printer start`, and it stops after a time without work.
 *
 * Chromium still speaks DevTools only over its pipe, to this process: nothing else on the
 * machine can reach it. Runs reach it through a Unix socket in a folder only the user can open
 * (place.ts), and the printer relays their DevTools messages to Chromium and back unchanged, one
 * run at a time. The print server it runs for the workspace keeps one address, so the pages'
 * loaded fonts stay valid from one run to the next. When a run leaves, the printer detaches
 * what the run attached and turns off what it turned on, so the next run starts as from a
 * fresh browser except for the pages it finds ready.
 */
import { spawn } from 'node:child_process';
import { chmodSync, readlinkSync, rmSync } from 'node:fs';
import net from 'node:net';
import type { Readable, Writable } from 'node:stream';
import { usageError } from '../../errors.js';
import { chromiumArgs, newProfile, removeQuietly } from '../browser.js';
import { chromiumFontconfig } from '../fontconfig.js';
import { startPrintServer } from '../print-server.js';
import { frameReader, NUL } from './frames.js';
import { identity, mismatch, type Identity } from './identity.js';
import { privateFolderOrFail } from './place.js';
import { ask, type PrinterStatus } from './control.js';

export interface PrinterOptions {
  root: string;
  executable: string;
  systemFonts: boolean;
  socket: string;
  /** Milliseconds without a run after which the printer stops. */
  idleMs: number;
}

/** Ids of the printer's own DevTools commands: far above any a run's connection reaches. */
const OWN_IDS = 1_000_000_000;
const CONTROL = Buffer.from('{"briefs":"');

function parse(frame: Buffer): unknown {
  try {
    return JSON.parse(frame.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Runs the printer until it stops (idle, `briefs printer stop`, a signal, or Chromium gone). */
export async function servePrinter(o: PrinterOptions): Promise<void> {
  privateFolderOrFail();
  if (await ask(o.socket, { briefs: 'status' }).catch(() => undefined))
    throw usageError('printer-running', 'this workspace already has a resident printer', 'briefs printer stop stops it', undefined, [
      '这个工作区已有常驻印制进程',
      '用 briefs printer stop 停止它',
    ]);
  rmSync(o.socket, { force: true });

  const own: Identity = identity(o.root, o.executable, o.systemFonts);
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = newProfile();
  // The same arguments puppeteer.launch gives Chromium (the PDFs must be the same to the byte).
  const args = [...puppeteer.defaultArgs({ headless: true, userDataDir: profile, args: chromiumArgs(process.getuid?.() === 0) }), '--remote-debugging-pipe'];
  const chromium = spawn(o.executable, args, {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, FONTCONFIG_FILE: chromiumFontconfig(o.systemFonts) },
  });
  const toChromium = chromium.stdio[3] as Writable;
  const fromChromium = chromium.stdio[4] as Readable;
  toChromium.on('error', () => undefined);
  const server = await startPrintServer(o.root);

  const started = Date.now();
  let runs = 0;
  let client: net.Socket | undefined;
  let idleSince = Date.now();
  let idleTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  let stopped = () => {};
  const over = new Promise<void>((resolve) => (stopped = resolve));
  let cleaning: Promise<void> = Promise.resolve();
  /** DevTools sessions the current or last run attached (with flatten, each names its page). */
  const sessions = new Set<string>();
  const waitingFor = new Map<number, (result: unknown) => void>();
  let nextId = OWN_IDS;

  /** Sends a command of the printer's own; resolves with its result (undefined on an error). */
  const command = (method: string, params: object, sessionId?: string): Promise<unknown> => {
    const id = nextId++;
    return new Promise((resolve) => {
      waitingFor.set(id, resolve);
      toChromium.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      toChromium.write(NUL);
    });
  };

  fromChromium.on(
    'data',
    frameReader((frame) => {
      const head = frame.subarray(0, 64).toString('latin1');
      const id = /^\{"id":(\d+)/.exec(head);
      if (id && Number(id[1]) >= OWN_IDS) {
        const answered = waitingFor.get(Number(id[1]));
        waitingFor.delete(Number(id[1]));
        answered?.((parse(frame) as { result?: unknown } | undefined)?.result);
        return;
      }
      if (head.includes('"Target.attachedToTarget"') || head.includes('"Target.detachedFromTarget"')) {
        const event = parse(frame) as { method: string; params: { sessionId: string } } | undefined;
        if (event?.method === 'Target.attachedToTarget') sessions.add(event.params.sessionId);
        else if (event) sessions.delete(event.params.sessionId);
      }
      if (client) {
        client.cork();
        client.write(frame);
        client.write(NUL);
        client.uncork();
      }
    }),
  );

  /** Chromium's pages, as it lists them (none when it does not answer within a second). */
  const pageTargets = async () => {
    const listed = (await Promise.race([command('Target.getTargets', {}), new Promise((r) => setTimeout(r, 1000))])) as
      { targetInfos?: { targetId: string; type: string; url: string; attached: boolean }[] } | undefined;
    return (listed?.targetInfos ?? []).filter((t) => t.type === 'page');
  };

  /**
   * Leaves Chromium as a new connection finds it: nothing attached, nothing watched, and one page
   * with the print shell and the fonts it decoded. A page holds 150–200 MB after a batch, and the
   * run that waits on the printer, one changed issue, prints in one; a batch makes its others.
   */
  const cleanUp = async () => {
    const detach = [...sessions].map((sessionId) => command('Target.detachFromTarget', { sessionId }));
    sessions.clear();
    const done = Promise.all([
      ...detach,
      command('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false }),
      command('Target.setDiscoverTargets', { discover: false }),
    ]);
    await Promise.race([done, new Promise((r) => setTimeout(r, 2000))]);
    const pages = await pageTargets();
    const keep = pages.find((t) => t.url === `${server.origin}/shell.html`) ?? pages[0];
    await Promise.all(pages.filter((t) => t !== keep).map((t) => command('Target.closeTarget', { targetId: t.targetId })));
  };

  const idle = () => {
    idleSince = Date.now();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void stop(), o.idleMs);
  };

  /** Chromium's file replaced on disk (an upgrade): Linux names the running one "(deleted)". */
  const replaced = (): boolean => {
    try {
      return readlinkSync(`/proc/${chromium.pid}/exe`).endsWith(' (deleted)');
    } catch {
      return false;
    }
  };

  const status = async (): Promise<PrinterStatus> => {
    // Chromium's own word on its pages: how many wait, and how many a connection still holds
    // (once the last run's are let go).
    await cleaning;
    const pages = await pageTargets();
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

  const sockets = net.createServer((conn) => {
    let relaying = false;
    const reply = (msg: object) => {
      conn.write(JSON.stringify(msg));
      conn.write(NUL);
    };
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (client !== conn) return;
      client = undefined;
      cleaning = cleanUp();
      idle();
    });
    conn.on(
      'data',
      frameReader((frame) => {
        if (relaying) {
          if (frame.subarray(0, CONTROL.length).equals(CONTROL)) {
            const msg = parse(frame) as { briefs?: string; css?: unknown } | undefined;
            if (msg?.briefs === 'sheet' && typeof msg.css === 'string') server.stylesheet(msg.css);
            return;
          }
          toChromium.write(frame);
          toChromium.write(NUL);
          return;
        }
        const msg = (parse(frame) ?? {}) as { briefs?: string; identity?: Identity };
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
          const differs = mismatch(msg.identity, own) ?? (replaced() ? { why: 'upgraded' as const, stale: true } : undefined);
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
              relaying = true;
              reply({ briefs: 'ok', origin: server.origin });
              conn.resume();
            });
          }
        } else conn.destroy();
      }),
    );
  });

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearTimeout(idleTimer);
      sockets.close();
      rmSync(o.socket, { force: true });
      client?.destroy();
      const exited = new Promise((r) => (chromium.exitCode !== null ? r(undefined) : chromium.once('exit', r)));
      void command('Browser.close', {});
      const late = setTimeout(() => chromium.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(late);
      await server.close();
      removeQuietly(profile);
      stopped();
    })());

  /** Why Chromium went away, when the printer did not close it. */
  let lost: [string, string] | undefined;
  chromium.once('exit', (code, signal) => {
    if (!stopping) lost = signal ? [`killed by ${signal}`, `被 ${signal} 终止`] : [`exit code ${code}`, `退出码 ${code}`];
    void stop();
  });
  chromium.once('error', (e) => {
    lost = [e.message, e.message];
    void stop();
  });
  // Runs are let in once Chromium answers: a printer that answers is one that can print.
  await Promise.race([command('Browser.getVersion', {}), over]);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop());

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
  if (lost)
    throw usageError(
      'browser-launch',
      `the browser at ${o.executable} quit (${lost[0]})`,
      'check that it is a working Chrome or Chromium (run it with --version)',
      undefined,
      [`${o.executable} 处的浏览器退出了（${lost[1]}）`, '检查它是否为可用的 Chrome 或 Chromium（用 --version 运行试试）'],
    );
}

/**
 * The resident printer's Chromium: launched as puppeteer.launch would launch it, talking over
 * its pipe. The printer relays the runs' messages through `send` and `onMessage`; its own
 * commands (`command`) take ids no run reaches, and their answers are never relayed. It watches
 * the stream for the sessions a run attaches, so that it can detach them when the run leaves.
 */
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { chromiumArgs } from '../launch.js';
import { chromiumEnv } from '../../fonts/fontconfig.js';
import { frameReader, NUL, parseFrame } from './frames.js';
import { settlesWithin, within } from '../bounded.js';

/** Ids of the printer's own DevTools commands: far above any a run's connection reaches. */
const OWN_IDS = 1_000_000_000;

interface PageTarget {
  targetId: string;
  type: string;
  url: string;
  attached: boolean;
}

export interface ChromiumPipe {
  /** Relays one message of a run to Chromium. */
  send(frame: Buffer): void;
  /** Where Chromium's messages for the run go (none between runs: they are dropped). */
  onMessage?: (frame: Buffer) => void;
  /** A command of the printer's own; resolves with its result (undefined on an error). */
  command(method: string, params?: object): Promise<unknown>;
  /** Chromium's pages, as it lists them (none when it does not answer within a second). */
  pages(): Promise<PageTarget[]>;
  /** Detaches what runs attached and turns off what they turned on. */
  detachAll(): Promise<void>;
  /** Chromium's file was replaced on disk (an upgrade): Linux names the running one "(deleted)". */
  replaced(): boolean;
  /** Resolves when Chromium has exited; with why, when nobody asked it to. */
  exited: Promise<[string, string] | undefined>;
  /** Asks Chromium to close, and kills it when it has not within 3 s. */
  close(): Promise<void>;
}

export async function launchChromium(executable: string, systemFonts: boolean, userDataDir: string): Promise<ChromiumPipe> {
  const { default: puppeteer } = await import('puppeteer-core');
  // The same arguments puppeteer.launch gives Chromium (the PDFs must be the same to the byte).
  const args = [...puppeteer.defaultArgs({ headless: true, userDataDir, args: chromiumArgs(process.getuid?.() === 0) }), '--remote-debugging-pipe'];
  const chromium = spawn(executable, args, {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    env: chromiumEnv(systemFonts),
  });
  const toChromium = chromium.stdio[3] as Writable;
  const fromChromium = chromium.stdio[4] as Readable;
  toChromium.on('error', () => undefined);

  let closing = false;
  const exited = new Promise<[string, string] | undefined>((resolve) => {
    chromium.once('exit', (code, signal) =>
      resolve(closing ? undefined : signal ? [`killed by ${signal}`, `被 ${signal} 终止`] : [`exit code ${code}`, `退出码 ${code}`]),
    );
    chromium.once('error', (e) => resolve([e.message, e.message]));
  });

  /** Sessions runs attached (with flatten, each names its page or worker). */
  const sessions = new Set<string>();
  const waitingFor = new Map<number, (result: unknown) => void>();
  let nextId = OWN_IDS;
  const write = (frame: Buffer | string) => {
    toChromium.write(frame);
    toChromium.write(NUL);
  };

  const pipe: ChromiumPipe = {
    send: write,
    command(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve) => {
        waitingFor.set(id, resolve);
        write(JSON.stringify({ id, method, params }));
      });
    },
    async pages() {
      const listed = (await within(1000, 'listing the pages', pipe.command('Target.getTargets')).catch(() => undefined)) as
        { targetInfos?: PageTarget[] } | undefined;
      return (listed?.targetInfos ?? []).filter((t) => t.type === 'page');
    },
    async detachAll() {
      const detach = [...sessions].map((sessionId) => pipe.command('Target.detachFromTarget', { sessionId }));
      sessions.clear();
      const done = Promise.all([
        ...detach,
        pipe.command('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false }),
        pipe.command('Target.setDiscoverTargets', { discover: false }),
      ]);
      await settlesWithin(done, 2000);
    },
    replaced() {
      try {
        return readlinkSync(`/proc/${chromium.pid}/exe`).endsWith(' (deleted)');
      } catch {
        return false;
      }
    },
    exited,
    async close() {
      closing = true;
      if (chromium.exitCode === null && chromium.signalCode === null) {
        void pipe.command('Browser.close');
        const late = setTimeout(() => chromium.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(late);
      }
    },
  };

  fromChromium.on(
    'data',
    frameReader((frame) => {
      const head = frame.subarray(0, 64).toString('latin1');
      const id = /^\{"id":(\d+)/.exec(head);
      if (id && Number(id[1]) >= OWN_IDS) {
        const answered = waitingFor.get(Number(id[1]));
        waitingFor.delete(Number(id[1]));
        answered?.((parseFrame(frame) as { result?: unknown } | undefined)?.result);
        return;
      }
      if (head.includes('"Target.attachedToTarget"') || head.includes('"Target.detachedFromTarget"')) {
        const event = parseFrame(frame) as { method: string; params: { sessionId: string } } | undefined;
        if (event?.method === 'Target.attachedToTarget') sessions.add(event.params.sessionId);
        else if (event) sessions.delete(event.params.sessionId);
      }
      pipe.onMessage?.(frame);
    }),
  );
  return pipe;
}

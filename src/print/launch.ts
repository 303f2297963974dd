/**
 * A browser of the run's own (not the resident printer's), launched as puppeteer.launch does, with
 * the flags, profile and environment briefs gives Chromium. The launch is bounded, and ended with
 * the run: a browser that never answers (a font folder holding a FIFO hung one for minutes, deaf
 * to SIGTERM) is killed, its whole process group, instead of being waited for.
 */
import type { Browser, LaunchOptions } from 'puppeteer-core';
import { usageError } from '../errors.js';
import { chromiumEnv } from '../fonts/fontconfig.js';
import { settlesWithin } from './bounded.js';

/**
 * Flags for a quiet, repeatable headless Chromium: no sandbox as root (Chromium refuses to
 * start otherwise), no background networking (nothing may leave the machine), and no font
 * hinting, so glyph metrics do not depend on the machine's settings.
 */
export function chromiumArgs(isRoot: boolean): string[] {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--font-render-hinting=none',
    '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
  ];
}

/**
 * How long a browser may take to start: the run's --timeout, but never less than 10 s, since
 * --timeout is what a page may take (a test sets 1 ms to make a page time out) and Chromium
 * takes a second or two to start on a busy machine.
 */
const launchBound = (timeout: number) => Math.max(timeout, 10_000);

export interface OwnLaunch {
  browser: Promise<Browser>;
  /** Kills the browser if it is still starting (the run ends first). */
  abort(): void;
}

export function launchOwn(
  puppeteer: { launch(options: LaunchOptions): Promise<Browser> },
  executablePath: string,
  o: { userDataDir: string; timeout: number; systemFonts: boolean },
): OwnLaunch {
  const starting = new AbortController();
  let settled = false;
  const bound = launchBound(o.timeout);
  const timer = setTimeout(() => starting.abort(new Error('timeout')), bound);
  let ended = false;
  const browser = puppeteer
    .launch({
      executablePath,
      headless: true,
      userDataDir: o.userDataDir,
      args: chromiumArgs(process.getuid?.() === 0),
      env: chromiumEnv(o.systemFonts),
      // DevTools over a pipe: no port that another local process could connect to.
      pipe: true,
      // The command closes the browser itself, after the pool is drained.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: Math.max(60_000, o.timeout * 2),
      timeout: bound,
      signal: starting.signal,
    })
    .catch((cause: unknown) => {
      if (starting.signal.aborted && !ended)
        throw usageError('browser-launch', `the browser at ${executablePath} did not start within ${bound} ms`, {
          hint: 'check that it starts (run it with --version); a font folder that holds something other than fonts can hang it; on a slow machine raise --timeout',
          cause,
          zh: [
            `${executablePath} 处的浏览器未能在 ${bound} 毫秒内启动`,
            '检查它能否启动（用 --version 运行试试）；字体文件夹中若有字体以外的东西可能使其挂起；机器较慢时请调大 --timeout',
          ],
        });
      throw cause;
    })
    .finally(() => {
      settled = true;
      clearTimeout(timer);
    });
  return {
    browser,
    abort() {
      ended = true;
      if (!settled) starting.abort(new Error('closed'));
    },
  };
}

/**
 * How long a browser of the run's own may take to shut down when asked, before its process
 * group is killed. It takes 0.1–0.15 s; but puppeteer's close waits for the process to exit
 * without a bound, and a Chromium whose child processes did not finish held a run (and the
 * suite's tests) for minutes at its very end.
 */
const CLOSE_GRACE_MS = 5_000;

/**
 * Closes a browser the run launched: asked first, then whatever is left of its process group
 * is killed. Left is what did not go in time, and also a renderer stuck in its work, which
 * outlives a browser that closed: it holds the run's DevTools pipe open, and the run would never
 * exit.
 */
export async function closeOwn(browser: Browser): Promise<void> {
  const pid = browser.process()?.pid;
  const closing = browser.close();
  const closed = await settlesWithin(closing, CLOSE_GRACE_MS);
  if (pid !== undefined) killGroup(pid);
  // Killed, Chromium's pipe closes and puppeteer's close settles; not waited for past a bound.
  if (!closed) await settlesWithin(closing, 2_000);
}

/**
 * puppeteer starts Chromium as the leader of its own process group; the group outlives its
 * leader while any member lives, so this kills what is left even of a browser that exited. Only
 * the group: the leader's own pid, once it has exited, may be another process's.
 */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // nothing of it is left
  }
}

/**
 * One browser per run, launched on first use (or borrowed from the workspace's resident printer,
 * print/resident/), and a bounded pool of pages. A page that did its work goes back to the pool
 * for the next (it keeps the fonts it loaded, see print-html.ts); a page whose work failed is
 * closed, whatever state it was left in. `close` is called by the command's finally and on
 * signals: it closes a browser of the run's own, and leaves a borrowed one running.
 */
import v8 from 'node:v8';
import type { Browser, Page } from 'puppeteer-core';
import { BriefsError, usageError } from '../errors.js';
import { findBrowser } from './find-browser.js';
import { closeOwn, launchOwn, type OwnLaunch } from './launch.js';
import { newProfile, removeQuietly } from './profiles.js';
import type { ResidentChoice } from './resident/link.js';

export interface BrowserOptions {
  executablePath?: string;
  /** Pages printing at once. */
  jobs: number;
  /** Milliseconds a page may take to load and print. */
  timeout: number;
  /** How many times a browser that crashed is started again (default 0). */
  restarts?: number;
  /** The workspace names installed font families: Chromium must see the machine's fonts (see fontconfig.ts). */
  systemFonts?: boolean;
  /** The workspace's resident printer, tried before launching a browser (resident/link.ts). */
  resident?: ResidentChoice;
  /** Only the resident printer's browser: never launch one (the printer's own pool, resident/print-session.ts). */
  borrowOnly?: boolean;
}

/** The flags every Chromium of briefs gets (launch.ts), for the tests, the bench and the resident printer. */
export { chromiumArgs } from './launch.js';

/**
 * Each printed issue passes through the process as a PDF parsed and written again: hundreds of
 * megabytes of short-lived objects over a batch, about 25 MB alive at any time. V8 lets the old
 * generation grow to four times what is alive before collecting it, so the process's peak rose
 * with the length of the batch (160 MB at 50 issues, 200 MB at 200). Growing it by a quarter
 * keeps the peak near 140 MB at 50 issues and at 200, for a few per cent more collector time.
 * V8 reads the flag at each collection, so it is set when a run first needs a browser: a run
 * with nothing to print (a rerun, 0.17 s) is spared the extra collections, about 8 ms.
 *
 * The young generation, likewise, is kept at its starting size: V8 grows it up to 16 MB a
 * semi-space as a process allocates, and the grown nursery was about 35 MB of generate's peak
 * (50 issues: 160 MB → 124 MB, 200 issues: 138 MB) for no measured loss of speed. Its maximum
 * cannot change once V8 runs; its growth factor can. validate, which prints nothing, keeps V8's
 * default: it allocates in a burst and was 9 % slower without it.
 */
function boundHeap(): void {
  v8.setFlagsFromString('--heap-growing-percent=25');
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

export class BrowserPool {
  /** Profile folders of this pool's browsers, removed on close. */
  private readonly profiles: string[] = [];
  private browser?: Promise<Browser>;
  private active = 0;
  private waiting: (() => void)[] = [];
  /** Pages that finished their work, with the browser generation they belong to. */
  private idle: { page: Page; generation: number }[] = [];
  /** A page being made ready ahead of the work (warm): the first work waits for it rather than make its own. */
  private warming?: Promise<unknown>;
  /** Set by the first close, which every later one waits for. */
  private closing?: Promise<void>;
  private get closed(): boolean {
    return this.closing !== undefined;
  }
  /** No more work will come (`finish`): the browser closes once its pages are idle. */
  private finishing = false;
  /** Each launch is a generation; the ones that crashed are remembered. */
  private generation = 0;
  /** The browser is the resident printer's: the run leaves it running, its pages ready. */
  private borrowed = false;
  private readonly crashed = new Set<number>();
  /** A launch under way: aborted (its browser killed) when the pool closes first. */
  private starting?: OwnLaunch;

  /** The browser is the resident printer's (its DevTools relayed), not one of the run's own. */
  get resident(): boolean {
    return this.borrowed;
  }

  /** Browsers that crashed (each is started again at most `restarts` times in all). */
  get crashes(): number {
    return this.crashed.size;
  }

  constructor(private readonly opts: BrowserOptions) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      boundHeap();
      const generation = ++this.generation;
      const found = findBrowser({ explicit: this.opts.executablePath });
      // puppeteer loads when a browser is needed, not with the command (see generate.ts).
      this.browser = Promise.all([import('puppeteer-core'), this.opts.resident?.()])
        .then(async ([{ default: puppeteer }, link]) => {
          if (link) {
            try {
              const browser = await puppeteer.connect({
                transport: link.transport,
                // puppeteer.launch's own default, so that pages lay out alike either way
                defaultViewport: { width: 800, height: 600 },
                protocolTimeout: Math.max(60_000, this.opts.timeout * 2),
              });
              this.borrowed = true;
              return browser;
            } catch {
              // the printer went away while greeting: the run starts its own browser
              link.transport.close();
            }
          }
          if (this.opts.borrowOnly) throw new Error("the resident printer's browser does not answer");
          this.borrowed = false;
          // A profile folder only for a browser of the run's own (making one sweeps the dead).
          const userDataDir = newProfile();
          this.profiles.push(userDataDir);
          const own = launchOwn(puppeteer, found.executablePath, { userDataDir, timeout: this.opts.timeout, systemFonts: this.opts.systemFonts ?? false });
          this.starting = own;
          return own.browser.finally(() => {
            if (this.starting === own) this.starting = undefined;
          });
        })
        .then(async (browser) => {
          // The tab Chromium opens with serves as the first page (a new one costs 40–60 ms); a
          // resident printer's pages are the ones earlier runs left, the print shell loaded.
          for (const page of await browser.pages()) {
            page.setDefaultTimeout(this.opts.timeout);
            page.setDefaultNavigationTimeout(this.opts.timeout);
            this.idle.push({ page, generation });
          }
          browser.once('disconnected', () => {
            // Not closed by us: Chromium crashed or was killed. The next page starts a new one.
            if (this.closed) return;
            this.crashed.add(generation);
            if (this.generation === generation) this.browser = undefined;
          });
          return browser;
        })
        .catch((cause: unknown) => {
          if (cause instanceof BriefsError) throw cause;
          throw usageError('browser-launch', `cannot start the browser at ${found.executablePath}`, {
            hint: 'check that it is a working Chrome or Chromium (run it with --version); as root it needs --no-sandbox, which briefs adds',
            cause,
          });
        });
    }
    return this.browser;
  }

  /**
   * Starts the browser and makes a page ready (`prepare`: load the print shell) while the
   * command still reads the workspace, so the first issue finds it waiting. Nothing is reported
   * from here: a browser that cannot start fails the work that needs it, with its message.
   */
  warm(prepare: (page: Page) => Promise<void>): void {
    if (this.closed || this.browser) return;
    const warming = this.withPage(prepare).catch(() => undefined);
    this.warming = warming.finally(() => {
      if (this.warming === warming) this.warming = undefined;
    });
  }

  /**
   * Runs fn with a page of its own. With retryOnCrash, work that a browser crash took down is
   * run again once in a new browser, as long as the pool's restarts allow.
   */
  async withPage<T>(fn: (page: Page) => Promise<T>, opts: { retryOnCrash?: boolean } = {}): Promise<T> {
    const used: { generation: number; browser?: Browser } = { generation: 0 };
    try {
      return await this.onPage(fn, used);
    } catch (e) {
      // The page's error may arrive before the browser's 'disconnected' event: ask the browser.
      if (used.browser && !used.browser.connected && !this.closed) {
        this.crashed.add(used.generation);
        if (this.generation === used.generation) this.browser = undefined;
      }
      const tookDown = this.crashed.has(used.generation);
      if (!opts.retryOnCrash || !tookDown || this.closed || this.crashed.size > (this.opts.restarts ?? 0)) throw e;
      return this.onPage(fn, used);
    }
  }

  private async onPage<T>(fn: (page: Page) => Promise<T>, used: { generation: number; browser?: Browser }): Promise<T> {
    if (this.closed) throw new BriefsError('interrupted', 'the run was interrupted', { exitCode: 2 });
    while (this.active >= this.opts.jobs) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    let page: Page | undefined;
    let ok = false;
    try {
      if (this.warming) {
        // The warm-up's page is nearly ready: wait for it, its slot freed for the wait. (The
        // warm-up's own call gets here before `warming` is set.)
        this.active--;
        await this.warming;
        this.active++;
      }
      const browser = await this.launch();
      used.generation = this.generation;
      used.browser = browser;
      page = this.reusable(used.generation);
      if (!page) {
        page = await browser.newPage();
        page.setDefaultTimeout(this.opts.timeout);
        page.setDefaultNavigationTimeout(this.opts.timeout);
      }
      const result = await fn(page);
      ok = true;
      return result;
    } finally {
      if (page && ok && !this.closed && !page.isClosed()) this.idle.push({ page, generation: used.generation });
      else if (page) await page.close().catch(() => undefined);
      this.active--;
      this.waiting.shift()?.();
      this.closeIfDone();
    }
  }

  /**
   * Says no more work will come: the browser closes as soon as no page is working, while the
   * command finishes its files (Chromium takes 0.1–0.15 s to shut down). Work asked of the pool
   * after this fails as interrupted.
   */
  finish(): void {
    this.finishing = true;
    this.closeIfDone();
  }

  private closeIfDone(): void {
    if (this.finishing && this.active === 0 && this.waiting.length === 0) void this.close();
  }

  /** An idle page of the running browser; idle pages of a browser that crashed are dropped. */
  private reusable(generation: number): Page | undefined {
    this.idle = this.idle.filter((p) => p.generation === generation && !p.page.isClosed());
    return this.idle.pop()?.page;
  }

  /** Closes the browser (lets a borrowed one go); called again, waits for the same close. */
  close(): Promise<void> {
    return (this.closing ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.idle = [];
    this.starting?.abort();
    const browser = this.browser;
    this.browser = undefined;
    const running = await browser?.catch(() => undefined);
    if (running && this.borrowed) await running.disconnect().catch(() => undefined);
    else if (running) await closeOwn(running);
    // A browser still shutting down may write into its folder: what is left, the next run removes.
    for (const dir of this.profiles.splice(0)) removeQuietly(dir);
  }
}

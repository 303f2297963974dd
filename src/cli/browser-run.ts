/**
 * The frame of every command that prints (generate, volume, copies): the workspace read through
 * the parse cache, without validate's Markdown checks; one browser pool and print server (the
 * workspace's resident printer's, when one runs and fits the run); Chromium started (or the
 * printer greeted) at once when the run will probably print (something is newer than the last
 * run's manifest), so that it starts while the workspace is read (about 0.6 s of a one-change
 * run); and everything closed however the run ends. A run that asks (`printThere`: generate,
 * unless it draws long images) sends its issues to the resident printer to print and finish
 * (`resident`), and keeps the pool for what the printer cannot do for it.
 */
import type { Config } from '../config/types.js';
import { namesSystemFonts } from '../config/types.js';
import { likelyChanged } from '../generate/likely-changed.js';
import { openParseCache } from '../generate/parse-cache.js';
import { BrowserPool } from '../print/browser.js';
import { findBrowser } from '../print/find-browser.js';
import { createPrintServer, type PrintServer } from '../print/print-server.js';
import { identity } from '../print/resident/identity.js';
import { residentPrinter, residentServer, type PrinterNote, type ResidentChoice } from '../print/resident/link.js';
import type { PrintLink } from '../print/resident/print-link.js';
import { loadProject, type Project } from '../workspace/project.js';

export interface BrowserRun {
  project: Project;
  pool: BrowserPool;
  server: PrintServer;
  /** The resident printer, to print and finish issues in (asked for with `printThere`). */
  resident?: ResidentChoice<PrintLink>;
}

export async function withBrowserRun<T>(
  config: Config,
  outDir: string,
  opts: { jobs: number; timeout: number; force: boolean; outputs?: string[]; note?: PrinterNote; printThere?: boolean },
  work: (run: BrowserRun) => Promise<T>,
): Promise<T> {
  const systemFonts = namesSystemFonts(config);
  // A resident printer (`briefs printer start`) prints instead of a browser of the run's own:
  // the issues sent to it whole, or the run's DevTools relayed to its Chromium.
  const want = () => identity(config.root, findBrowser({ explicit: config.browser }).executablePath, systemFonts);
  const greetToPrint = opts.printThere ? residentPrinter(config.root, want, opts.note, { mode: 'print', jobs: opts.jobs, timeout: opts.timeout }) : undefined;
  // The print link, once asked for, is closed when the run ends. (The choice keeps the link
  // itself, and gives none once it has closed: the printer gone, the run prints on its own.)
  let asked = false;
  const printThere =
    greetToPrint &&
    (() => {
      asked = true;
      return greetToPrint();
    });
  const relay = printThere ? undefined : residentPrinter(config.root, want, opts.note);
  const pool = new BrowserPool({ executablePath: config.browser, jobs: opts.jobs, timeout: opts.timeout, restarts: 1, systemFonts, resident: relay });
  // Listens once something prints (the warm-up below, or the first issue's print).
  const local = createPrintServer(config.root);
  const linked = printThere ?? relay;
  const server = linked ? residentServer(local, linked) : local;
  try {
    if (opts.force || likelyChanged(config, outDir, opts.outputs)) {
      const warm = () =>
        pool.warm(async (page) => {
          await server.listen();
          if (page.url() !== server.shellUrl) await page.goto(server.shellUrl, { waitUntil: 'load' });
        });
      // Greeted now, the printer readies its page while the workspace is read; the run's own
      // browser starts only when the printer will not print for it.
      if (printThere) void printThere().then((link) => link || warm());
      else warm();
    }
    // As generate reads it: the Markdown checks are validate's, and files unchanged since the
    // last run are not parsed again.
    const parsed = await openParseCache(config, outDir);
    const project = await loadProject(config, { markdownChecks: false, memo: parsed });
    try {
      return await work({ project, pool, server, resident: printThere });
    } finally {
      await parsed.save().catch(() => undefined);
    }
  } finally {
    await Promise.all([pool.close(), server.close(), asked ? greetToPrint?.().then((link) => link?.close()) : undefined]);
  }
}

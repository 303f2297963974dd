/**
 * The frame of every command that prints (generate, volume, copies): the workspace read through
 * the parse cache, without validate's Markdown checks; one browser pool and print server (the
 * workspace's resident printer's, when one runs and fits the run); Chromium started (or the
 * printer greeted) at once when the run will probably print (something is newer than the last
 * run's manifest), so that it starts while the workspace is read (about 0.6 s of a one-change
 * run); and everything closed however the run ends.
 */
import type { Config } from '../config/types.js';
import { namesSystemFonts } from '../config/types.js';
import { likelyChanged } from '../generate/likely-changed.js';
import { openParseCache } from '../generate/parse-cache.js';
import { BrowserPool } from '../print/browser.js';
import { findBrowser } from '../print/find-browser.js';
import { createPrintServer, type PrintServer } from '../print/print-server.js';
import { identity } from '../print/resident/identity.js';
import { residentPrinter, residentServer, type PrinterNote } from '../print/resident/link.js';
import { loadProject, type Project } from '../workspace/project.js';

export interface BrowserRun {
  project: Project;
  pool: BrowserPool;
  server: PrintServer;
}

export async function withBrowserRun<T>(
  config: Config,
  outDir: string,
  opts: { jobs: number; timeout: number; force: boolean; outputs?: string[]; note?: PrinterNote },
  work: (run: BrowserRun) => Promise<T>,
): Promise<T> {
  const systemFonts = namesSystemFonts(config);
  // A resident printer (`briefs printer start`) prints instead of a browser of the run's own.
  const resident = residentPrinter(config.root, () => identity(config.root, findBrowser({ explicit: config.browser }).executablePath, systemFonts), opts.note);
  const pool = new BrowserPool({ executablePath: config.browser, jobs: opts.jobs, timeout: opts.timeout, restarts: 1, systemFonts, resident });
  // Listens once something prints (the warm-up below, or the first issue's print).
  const local = createPrintServer(config.root);
  const server = resident ? residentServer(local, resident) : local;
  try {
    if (opts.force || likelyChanged(config, outDir, opts.outputs))
      pool.warm(async (page) => {
        await server.listen();
        if (page.url() !== server.shellUrl) await page.goto(server.shellUrl, { waitUntil: 'load' });
      });
    // As generate reads it: the Markdown checks are validate's, and files unchanged since the
    // last run are not parsed again.
    const parsed = await openParseCache(config, outDir);
    const project = await loadProject(config, { markdownChecks: false, memo: parsed });
    try {
      return await work({ project, pool, server });
    } finally {
      await parsed.save().catch(() => undefined);
    }
  } finally {
    await Promise.all([pool.close(), server.close()]);
  }
}

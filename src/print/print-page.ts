/**
 * A page that is not an issue (the copies' ledger, a volume's front matter), rendered through
 * its own layout and stylesheet with the shipped faces, and printed in a page of the run's pool
 * on the run's print server: the one way both are made.
 */
import { fontRoleCss } from '../fonts/css.js';
import { printFonts } from './print-fonts.js';
import type { Project } from '../workspace/project.js';
import { environmentOf } from '../workspace/render-issue.js';
import type { BrowserPool } from './browser.js';
import { openDocument } from './print-html.js';
import { PRINT_CSP, type PrintServer } from './print-server.js';
import { pageCss } from '../layout/page.js';

/** The HTML of `layout` (templates/layouts/<layout>.hbs) with styles/<layout>.css, for the print. */
export function renderPage(project: Project, server: PrintServer, layout: string, context: { title: string } & Record<string, unknown>): string {
  const env = environmentOf(project);
  const css = `${printFonts(project, server)}\n${pageCss()}\n${fontRoleCss(project.config.fonts)}\n${env.styles[layout] ?? ''}`;
  return env.render(layout, { ...context, csp: PRINT_CSP, css });
}

export function printPage(pool: BrowserPool, server: PrintServer, html: string, timeout: number): Promise<Uint8Array> {
  return pool.withPage(async (page) => {
    const doc = await openDocument(page, { html, server, timeout });
    try {
      return await doc.pdf();
    } finally {
      doc.close();
    }
  });
}

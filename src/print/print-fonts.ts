/**
 * The one way a printed page (an issue, a copies master, a ledger, a volume's front matter) gets
 * the run's fonts: an @import of the @font-face rules, which the print server serves at a path
 * named by their hash (print-server.ts). The rule is short and names the rules' hash, so it also
 * stands for them in fingerprints. Made once a project and server: the rules are 700 KB.
 */
import { fontFaceCss } from '../fonts/css.js';
import type { Project } from '../workspace/project.js';
import type { PrintServer } from './print-server.js';
import { printUrls } from './resources.js';

const made = new WeakMap<Project, { server: PrintServer; rule: string }>();

export function printFonts(project: Project, server: PrintServer): string {
  const known = made.get(project);
  if (known?.server === server) return known.rule;
  const rule = server.stylesheet(fontFaceCss(printUrls, project.fonts));
  made.set(project, { server, rule });
  return rule;
}

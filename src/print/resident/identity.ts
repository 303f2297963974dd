/**
 * What a run and a resident printer must agree on before the run prints there: the same build
 * of briefs (a printer left running across an upgrade or a rebuild would print with the old
 * code's server), the same workspace, browser and font setting. A Chromium upgraded on disk
 * under a running printer is caught by the printer itself (daemon.ts).
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fallbackFiles } from '../../fonts/fallback.js';
import { TOOL_ROOT } from '../../render/template-files.js';
import { VERSION } from '../../version.js';

export interface Identity {
  build: string;
  root: string;
  executable: string;
  systemFonts: boolean;
  /** The fallback faces the printer's server may serve (BRIEFS_FALLBACK_FONTS can name others). */
  fallback: string;
}

let build: string | undefined;

/** The version, and the time and size of the bundle's entry (lib/bundle/cli.js): each build writes it. */
function thisBuild(): string {
  if (build === undefined) {
    try {
      const st = statSync(path.join(TOOL_ROOT, 'lib', 'bundle', 'cli.js'));
      build = `${VERSION}:${st.size}:${Math.round(st.mtimeMs)}`;
    } catch {
      build = VERSION;
    }
  }
  return build;
}

export function identity(root: string, executable: string, systemFonts: boolean): Identity {
  return { build: thisBuild(), root: realpathSync(root), executable, systemFonts, fallback: fallbackFiles().join(':') };
}

/** Why a run and a printer do not fit; `upgraded`: Chromium's file was replaced under it. */
export type Mismatch = 'build' | 'workspace' | 'browser' | 'fonts' | 'upgraded' | 'stopping';

/**
 * What differs between the two, in a few words; undefined when they agree. A printer of another
 * build serves no run of this one again (`stale`: it stops); a run that asks for another browser
 * or other fonts prints with its own and leaves the printer to the runs it fits.
 */
export function mismatch(want: Identity, have: Identity): { why: Mismatch; stale: boolean } | undefined {
  if (want.build !== have.build) return { why: 'build', stale: true };
  if (want.root !== have.root) return { why: 'workspace', stale: false };
  if (want.executable !== have.executable) return { why: 'browser', stale: false };
  if (want.systemFonts !== have.systemFonts || want.fallback !== have.fallback) return { why: 'fonts', stale: false };
  return undefined;
}

/**
 * Chromium processes seen from outside, through /proc: the tests find a run's browser by the
 * profile folder on its command line ($TMPDIR/briefs-chromium/<pid>-…, see print/browser.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { profilesDir } from '../../src/print/profiles.js';

function processes(): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      out.push({ pid: Number(p), cmdline: readFileSync(`/proc/${p}/cmdline`, 'utf8') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Whether a Chromium process runs with this profile folder, and with `flag`. */
export function chromiumWith(profile: string, flag = ''): boolean {
  return processes().some((p) => p.cmdline.includes(profile) && p.cmdline.includes(flag));
}

/** Kills the main browser process (not its renderers) that a run of process `owner` started. */
export function killBrowserOf(owner: number): boolean {
  const main = processes().find((p) => p.cmdline.includes(`${profilesDir()}/${owner}-`) && !p.cmdline.includes('--type='));
  if (main) process.kill(main.pid, 'SIGKILL');
  return main !== undefined;
}

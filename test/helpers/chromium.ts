/**
 * Chromium processes seen from outside, through /proc: the tests find a run's browser by the
 * profile folder on its command line ($TMPDIR/briefs-chromium/<pid>-…, see print/browser.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { profilesDir } from '../../src/print/profiles.js';

interface Proc {
  pid: number;
  cmdline: string;
  /** The process group (puppeteer makes Chromium's main process a group's leader). */
  group: number;
  /** Dead and waiting for its parent to reap it: not a process left behind. */
  zombie: boolean;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const p of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${p}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // After the command's name in parentheses: state, parent, process group.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(p), cmdline, group: Number(group), zombie: state === 'Z' });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** The living processes of the process group `leader` leads: a browser's and its children. */
export function groupOf(leader: number): Proc[] {
  return processes().filter((p) => p.group === leader && !p.zombie);
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

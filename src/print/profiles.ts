/**
 * The profile folders of the Chromium processes briefs starts (a run's own, the resident
 * printer's): where they live, making one, and removing those whose run is gone.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { alive } from '../files/alive.js';
import { userTempDir } from '../files/user-temp.js';

/**
 * Chromium's profile folders live here (one folder a user), named <pid>-<random>, instead of puppeteer's own temp
 * folders: a run killed with -9 cannot remove its folder, so the next run removes every folder
 * whose process is gone. (Chromium itself dies with the run: it talks over a pipe, and quits
 * when the pipe closes.)
 */
export const profilesDir = (): string => userTempDir('chromium');

export function newProfile(): string {
  sweepProfiles();
  return path.join(profilesDir(), `${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Removes the profiles of runs that are gone (killed with -9: no handler ran). Every run that
 * may print sweeps, not only one that starts a browser, so a rerun with nothing to print leaves
 * no dead profile behind either.
 */
export function sweepProfiles(): void {
  const profiles = profilesDir();
  for (const name of safeReaddir(profiles)) {
    const pid = Number(name.split('-')[0]);
    if (pid !== process.pid && !alive(pid)) removeQuietly(path.join(profiles, name));
  }
}

export function removeQuietly(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
  } catch {
    // cleaning up is never worth failing a run
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

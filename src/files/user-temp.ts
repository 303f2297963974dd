/**
 * briefs' own folders in the temporary folder: one of each kind for each user (another user's
 * run could neither write into it nor plant files in it), made private. Files there are
 * written once, under a name derived from their content, so a file that exists is whole.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** $TMPDIR/briefs-<kind>-<uid>: not made here; writeOnce and Chromium make it. */
export function userTempDir(kind: string): string {
  return path.join(os.tmpdir(), `briefs-${kind}-${process.getuid?.() ?? 'user'}`);
}

/** Writes `file` (in a private folder) unless it is already there; `data` is made only then. */
export function writeOnce(file: string, data: () => string | Uint8Array): void {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, data());
  renameSync(tmp, file);
}

/**
 * briefs' own folders in the temporary folder: one of each kind for each user (another user's
 * run could neither write into it nor plant files in it), made private. Files there are
 * written once, under a name derived from their content, so a file that exists is whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

/**
 * A value kept between runs in the user's folder of `kind`, in a file named for `key` (what the
 * value is made from): read back when it has the right shape, else made and kept, replacing a
 * file that had not (cut short, or not written by briefs). The one way briefs caches what it
 * read of a file, so every such cache checks and heals alike. A value `keep` refuses (a file
 * that could not be read this time) is not kept; a cache that cannot be written costs the next
 * run the work, nothing else. `make`'s own errors are the caller's.
 */
export async function kept<T>(
  kind: string,
  name: string,
  key: unknown,
  wellFormed: (value: unknown) => value is T,
  make: () => T | Promise<T>,
  keep: (value: T) => boolean = () => true,
): Promise<T> {
  const file = path.join(userTempDir(kind), `${name}-${createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 32)}.json`);
  try {
    const value = JSON.parse(await readFile(file, 'utf8')) as unknown;
    if (wellFormed(value)) return value;
  } catch {
    // not kept yet, or not JSON: made below
  }
  const value = await make();
  if (keep(value)) {
    try {
      // Reached only when what is there (if anything) is not a value of this shape.
      rmSync(file, { force: true });
      writeOnce(file, () => JSON.stringify(value));
    } catch {
      // the next run makes it again
    }
  }
  return value;
}

/**
 * briefs' own folders in the temporary folder: one of each kind for each user, $TMPDIR/briefs-
 * <kind>-<uid>. The temporary folder is shared by every user of the machine, so a name there
 * proves nothing: another user can make the folder first, open it to everyone, or plant links
 * in it, and briefs would then print their cached text or write through their links. So each
 * folder is checked (with lstat, never following a link) to be a folder of this user's, closed
 * to everyone else, before anything in it is read or written; one that is not is never used,
 * and the run takes a fresh private folder instead (and says so). Files there are created
 * without following links (O_EXCL | O_NOFOLLOW) under a name derived from their content, so a
 * file that exists is whole; what is read back is checked for shape by its reader.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRegularSync } from './read-regular.js';

/** $TMPDIR/briefs-<kind>-<uid>: the name alone, checked by none (see `ownFolder`). */
export function userTempPath(kind: string): string {
  return path.join(os.tmpdir(), `briefs-${kind}-${process.getuid?.() ?? 'user'}`);
}

/**
 * Whether `dir` is a folder (not a link to one) of this user's that no one else may enter; made
 * so (0700) when missing and `make` is set. On a system without user ids (Windows) the
 * temporary folder is the user's own already.
 */
export function ownFolder(dir: string, make: boolean): boolean {
  try {
    if (make) mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    return false;
  }
  try {
    const st = lstatSync(dir);
    const uid = process.getuid?.();
    return st.isDirectory() && (uid === undefined || st.uid === uid) && (uid === undefined || (st.mode & 0o077) === 0);
  } catch {
    return false;
  }
}

/** What the run is told when a folder is not its own (set by the command line, in its language). */
let notice: (dir: string) => void = () => undefined;
export function onForeignTemp(say: (dir: string) => void): void {
  notice = say;
}

const chosen = new Map<string, string>();

/**
 * The user's private folder of `kind`: $TMPDIR/briefs-<kind>-<uid> when it is the user's own
 * and closed (made so when missing); otherwise a fresh private folder for this run alone, which
 * goes when the process ends (the caches in it are lost, nothing else).
 */
export function userTempDir(kind: string): string {
  let dir = chosen.get(kind);
  if (dir === undefined) {
    const usual = userTempPath(kind);
    if (ownFolder(usual, true)) dir = usual;
    else {
      notice(usual);
      const fresh = mkdtempSync(`${usual}-`);
      process.once('exit', () => rmSync(fresh, { recursive: true, force: true }));
      dir = fresh;
    }
    chosen.set(kind, dir);
  }
  return dir;
}

/**
 * Writes `file` (in a private folder) unless it is already there; `data` is made only then.
 * The temporary file is created anew (never through a link or over a file someone left), and
 * renamed over the name, which replaces a link there instead of writing through it.
 */
export function writeOnce(file: string, data: () => string | Uint8Array): void {
  try {
    if (lstatSync(file).isFile()) return;
  } catch {
    // not there yet
  }
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    const bytes = data();
    writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, file);
}

/** A kept value is small: a face's characters are the largest, some 100,000 numbers. */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

/**
 * A value kept between runs in the user's folder of `kind`, in a file named for `key` (what the
 * value is made from): read back (a regular file only, never through a link) when it has the
 * right shape, else made and kept, replacing a file that had not (cut short, or not written by
 * briefs). The one way briefs caches what it read of a file, so every such cache checks and
 * heals alike; `wellFormed` must check every value that reaches CSS, HTML or a path. A value
 * `keep` refuses (a file that could not be read this time) is not kept; a cache that cannot be
 * written costs the next run the work, nothing else. `make`'s own errors are the caller's.
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
  const read = readRegularSync(file, { maxBytes: MAX_KEPT_BYTES, noFollow: true });
  if ('bytes' in read) {
    try {
      const value = JSON.parse(read.bytes.toString('utf8')) as unknown;
      if (wellFormed(value)) return value;
    } catch {
      // not JSON: made below
    }
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

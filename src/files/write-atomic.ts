/**
 * Every output file is written to a temporary name beside it and renamed into place, so an
 * interrupted or failed run leaves the previous file whole. Temporary files that a killed
 * process left behind carry a recognisable name and are never mistaken for output.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { alive } from './alive.js';

const pending = new Set<string>();

/** The name of a temporary file beside `file`: .<name>.<pid>.<8 hex>.tmp (see TEMPORARY). */
const temporaryFor = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = temporaryFor(file);
  pending.add(tmp);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    pending.delete(tmp);
  }
}

/**
 * Creates `file` with `data` unless it exists, as one step: written aside, then linked into
 * place (a link fails if the name is taken), so a reader never sees it empty or half written, as
 * it can between an exclusive open and the write. Returns whether this call created it.
 */
export async function createWhole(file: string, data: Uint8Array | string): Promise<boolean> {
  const tmp = temporaryFor(file);
  pending.add(tmp);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    await rm(tmp, { force: true });
    pending.delete(tmp);
  }
}

/** Removes temporary files of writes still under way: for signal handlers. */
export async function abandonWrites(): Promise<void> {
  await Promise.all([...pending].map((f) => rm(f, { force: true })));
}

/** The name writeAtomic gives a temporary file: .<name>.<pid>.<8 hex>.tmp */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes the temporary files that a process killed with -9 left in dir (no handler runs for
 * that signal). Only names of writeAtomic's shape whose process is gone are touched, so a run
 * still writing beside this one keeps its files. Returns how many were removed.
 */
export async function removeStaleTemporaries(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((n) => {
    const m = TEMPORARY.exec(n);
    return m !== null && Number(m[1]) !== process.pid && !alive(Number(m[1]));
  });
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
  return stale.length;
}

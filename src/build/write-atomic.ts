/**
 * Every output file is written to a temporary name beside it and renamed into place, so an
 * interrupted or failed run leaves the previous file whole. Temporary files that a killed
 * process left behind carry a recognisable name and are never mistaken for output.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const pending = new Set<string>();

export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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

/** Removes temporary files of writes still under way: for signal handlers. */
export async function abandonWrites(): Promise<void> {
  await Promise.all([...pending].map((f) => rm(f, { force: true })));
}

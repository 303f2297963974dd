/**
 * A lock around handing out issue numbers: two runs at the same moment never write the same
 * number. The lock is a file that appears whole (createWhole in files/write-atomic.ts); it names
 * its holder, and one whose process is gone is taken over. A lock held longer than the timeout
 * is reported with who holds it.
 *
 * Taking over is the delicate part. "Read the holder, see it is gone, delete the file" deletes
 * the wrong lock when, between the read and the delete, the holder let go and a third run took
 * the lock: both runs then hand out the same number (CI saw exactly that, six runs at once). So
 * a takeover happens only under a second, short-lived lock (`.break`), and deletes the file only
 * if it is still the very lock that was read: every lock's text is unique (pid, time, random),
 * and while the breaker is held no one else deletes a lock whose holder is gone. Hand-written,
 * not a library's: proper-lockfile judges staleness by age, which would take the lock from a run
 * still working on a slow disk; this one asks whether the process is alive.
 */
import { readFile, rm, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { usageError } from '../errors.js';
import { alive as processAlive } from '../files/alive.js';
import { createWhole, removeStaleTemporaries } from '../files/write-atomic.js';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/** `alive` is the test's seam: it lets a test make a holder go, and another come, at the worst moment. */
export interface LockOptions {
  alive?: (pid: number) => boolean;
}

export async function withLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const alive = options.alive ?? processAlive;
  await mkdir(path.dirname(file), { recursive: true });
  const text = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), id: randomBytes(8).toString('hex') });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await createWhole(file, text)) break;
    const seen = await readText(file);
    const holder = parseHolder(seen);
    if (seen !== undefined && gone(holder, alive) && (await takeOver(file, seen, alive))) continue;
    if (Date.now() > deadline) {
      throw usageError(
        'lock-held',
        `another briefs run is handing out issue numbers (${holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'unknown holder'})`,
        {
          hint: `wait for it to finish; if no briefs is running, delete ${file}`,
          zh: [
            `另一个 briefs 进程正在分配期号（${holder ? `${holder.host} 上的进程 ${holder.pid}，自 ${holder.since} 起` : '持有者不明'}）`,
            `请等它结束；如确无 briefs 在运行，删除 ${file}`,
          ],
        },
      );
    }
    await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
  }
  try {
    // What a run killed mid-create left beside the lock (writeAtomic's shape, its process gone).
    await removeStaleTemporaries(path.dirname(file));
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

/**
 * Deletes a lock whose holder is gone, if it is still the lock that was read (`seen`). Returns
 * whether the caller should try again at once. The breaker is held for a read and a delete; one
 * left by a run that died in between is taken over the same way, by its holder's pid.
 */
async function takeOver(file: string, seen: string, alive: (pid: number) => boolean): Promise<boolean> {
  const breaker = `${file}.break`;
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
  if (!(await createWhole(breaker, mine))) {
    if (gone(parseHolder(await readText(breaker)), alive)) await rm(breaker, { force: true });
    return false;
  }
  try {
    if ((await readText(file)) !== seen) return true; // let go, or taken by another: look again
    await rm(file, { force: true });
    return true;
  } finally {
    await rm(breaker, { force: true });
  }
}

/** Whether the holder is a process of this machine that has ended (another machine's is never judged). */
const gone = (holder: Holder | undefined, alive: (pid: number) => boolean): boolean =>
  holder !== undefined && holder.host === os.hostname() && !alive(holder.pid);

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

function parseHolder(text: string | undefined): Holder | undefined {
  if (text === undefined) return undefined;
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string' ? { pid: h.pid, host: h.host, since: String(h.since) } : undefined;
  } catch {
    return undefined;
  }
}

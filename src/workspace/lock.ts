/**
 * A lock around handing out issue numbers: two runs at the same moment never write the same
 * number. The lock is a file created exclusively; it names its holder, and one whose process is
 * gone is taken over. A lock held longer than the timeout is reported with who holds it.
 */
import { open, readFile, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { usageError } from '../errors.js';
import { alive } from '../files/alive.js';

export async function withLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));
      await handle.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = await readHolder(file);
      if (holder && holder.host === os.hostname() && !alive(holder.pid)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw usageError(
          'lock-held',
          `another briefs run is handing out issue numbers (${holder ? `process ${holder.pid} on ${holder.host} since ${holder.since}` : 'unknown holder'})`,
          { hint: `wait for it to finish; if no briefs is running, delete ${file}` },
        );
      }
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

async function readHolder(file: string): Promise<{ pid: number; host: string; since: string } | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as { pid: number; host: string; since: string };
  } catch {
    return undefined;
  }
}

import { mkdtempSync, readdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLock } from '../../src/workspace/lock.js';

const GONE = 2 ** 22 + 12345; // above Linux's default pid_max of 2^22: no process has it
const holderText = (pid: number, since = '2026-12-07T00:00:00.000Z') => JSON.stringify({ pid, host: os.hostname(), since, id: `${pid}-${since}` });
const folder = () => mkdtempSync(path.join(os.tmpdir(), 'briefs-lock-'));

describe('the numbering lock', () => {
  it('lets one holder in at a time, and leaves nothing behind', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(file, 10_000, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('is never seen empty or half written: it appears with its holder in it', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    const seen = await withLock(file, 1000, async () => readFileSync(file, 'utf8'));
    expect(JSON.parse(seen)).toMatchObject({ pid: process.pid, host: os.hostname() });
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    writeFileSync(file, holderText(GONE));
    expect(await withLock(file, 1000, async () => 'in')).toBe('in');
    expect(existsSync(file)).toBe(false);
  });

  it('does not delete the lock of a run that took it after the dead holder was read', async () => {
    // The race CI met: this run reads a holder, that holder lets go and exits, a third run takes
    // the lock; this run, asking after the holder it read, hears "gone" and must not delete the
    // third run's lock.
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    writeFileSync(file, holderText(GONE));
    const third = holderText(process.pid, '2026-12-07T01:00:00.000Z'); // alive: this very process
    let entered = false;
    const alive = (pid: number) => {
      if (pid === GONE && readFileSync(file, 'utf8') !== third) writeFileSync(file, third);
      return pid !== GONE;
    };
    const err = await withLock(file, 300, async () => (entered = true), { alive }).catch((e: unknown) => e);
    expect(entered).toBe(false);
    expect(err).toMatchObject({ code: 'lock-held', zh: { message: expect.stringContaining(`进程 ${process.pid}`) } });
    expect(readFileSync(file, 'utf8')).toBe(third);
    expect(existsSync(`${file}.break`)).toBe(false);
  });

  it('clears a takeover left half done by a run that died, and goes on', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    writeFileSync(file, holderText(GONE));
    writeFileSync(`${file}.break`, holderText(GONE));
    expect(await withLock(file, 2000, async () => 'in')).toBe('in');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes what a run killed while creating the lock left beside it, and only that', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    const left = `..briefs.lock.${GONE}.0123abcd.tmp`;
    const running = `..briefs.lock.${process.pid}.89abcdef.tmp`;
    writeFileSync(path.join(dir, left), holderText(GONE));
    writeFileSync(path.join(dir, running), holderText(process.pid));
    await withLock(file, 1000, async () => undefined);
    expect(readdirSync(dir)).toEqual([running]);
  });

  it('reports a lock held too long with its holder', async () => {
    const dir = folder();
    const file = path.join(dir, '.briefs.lock');
    writeFileSync(file, holderText(process.pid));
    const err = await withLock(file, 100, async () => 'in').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'lock-held', message: expect.stringContaining(`process ${process.pid}`), hint: expect.stringContaining(file) });
  });
});

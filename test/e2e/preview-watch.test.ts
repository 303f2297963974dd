/**
 * The preview never goes stale: every way an editor saves a file is seen, twice in a row, and
 * so is a folder made after the preview started. Counted by the rebuilds the preview reports.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/server.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
let preview: PreviewServer;
let rebuilds = 0;
const file = () => path.join(dir, 'briefs/submissions/jianyi/jy-2026-003.md');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-watch-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  preview = await startPreview({
    flags: { root: dir },
    port: 0,
    host: '127.0.0.1',
    pdf: false,
    lang: 'en',
    timeout: 60_000,
    log: (line) => {
      if (line.startsWith('rebuilt')) rebuilds++;
    },
  });
});

afterAll(async () => {
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Does `save`, and waits (at most 3 s) for the rebuild it must cause. */
async function seen(save: () => void): Promise<void> {
  // Let the watcher settle after the last change, so each save is a change of its own.
  await new Promise((r) => setTimeout(r, 300));
  const before = rebuilds;
  save();
  await vi.waitFor(() => expect(rebuilds).toBeGreaterThan(before), { timeout: 3_000, interval: 50 });
}

const edit = (text: string, n: number) => text.replace(/一是[^。]*。/, `一是第${n}次修改。`);

describe('the preview sees every save', () => {
  it('by rename over the file (vim, sed -i), twice, and then in place', async () => {
    for (const n of [1, 2]) {
      await seen(() => {
        const tmp = path.join(path.dirname(file()), `.jy-2026-003.md.swp${n}`);
        writeFileSync(tmp, edit(readFileSync(file(), 'utf8'), n));
        renameSync(tmp, file());
      });
    }
    await seen(() => writeFileSync(file(), edit(readFileSync(file(), 'utf8'), 3)));
    await seen(() => execFileSync('sed', ['-i', 's/第3次修改/第4次修改/', file()]));
  });

  it('by touch, and by delete and create, twice', async () => {
    await seen(() => utimesSync(file(), new Date(), new Date(Date.now() + 5_000)));
    for (const n of [5, 6]) {
      const text = edit(readFileSync(file(), 'utf8'), n);
      await seen(() => rmSync(file()));
      await seen(() => writeFileSync(file(), text));
    }
  });

  it('in a folder the workspace did not have when the preview started (its own templates/), twice', async () => {
    const styles = path.join(dir, 'templates/styles');
    await seen(() => mkdirSync(styles, { recursive: true }));
    await seen(() => writeFileSync(path.join(styles, 'local.css'), '.bulletin-name { letter-spacing: 0.2em; }\n'));
    await seen(() => writeFileSync(path.join(styles, 'local.css'), '.bulletin-name { letter-spacing: 0.3em; }\n'));
  });
});

/** The hint that starts the browser early: a workspace file newer than the last manifest. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { likelyChanged } from '../../src/generate/likely-changed.js';
import { MANIFEST } from '../../src/generate/manifest.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-likely-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('likelyChanged', () => {
  it('is true without a manifest, false when everything is older, true for a newer, new or removed file', () => {
    const config = defaultConfig(root);
    const out = path.join(root, 'dist');
    const sub = path.join(root, config.submissions, 'qingkuang');
    mkdirSync(sub, { recursive: true });
    mkdirSync(out, { recursive: true });
    const file = path.join(sub, 'a.md');
    writeFileSync(file, 'x');
    expect(likelyChanged(config, out)).toBe(true);
    const past = new Date(Date.now() - 60_000);
    for (const p of [file, sub, path.join(root, config.submissions)]) utimesSync(p, past, past);
    // The manifest a little after the files and well before now: a write now is newer whatever the clock's grain.
    writeFileSync(path.join(out, MANIFEST), '{}');
    const written = new Date(Date.now() - 30_000);
    utimesSync(path.join(out, MANIFEST), written, written);
    expect(likelyChanged(config, out)).toBe(false);
    writeFileSync(file, 'y');
    expect(likelyChanged(config, out)).toBe(true);
    utimesSync(file, past, past);
    expect(likelyChanged(config, out)).toBe(false);
    // Removed: only its folder's time says so (here the submissions folder itself).
    const top = path.join(root, config.submissions, 'b.md');
    writeFileSync(top, 'z');
    for (const p of [top, path.join(root, config.submissions)]) utimesSync(p, past, past);
    expect(likelyChanged(config, out)).toBe(false);
    rmSync(top);
    expect(likelyChanged(config, out)).toBe(true);
  });
});

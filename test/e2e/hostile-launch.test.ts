/**
 * What can keep a browser from starting, and what a browser may learn: a browser that never
 * answers is bounded by --timeout and killed with the run (SIGTERM included), a FIFO beside the
 * fallback faces never reaches Chromium's fontconfig, and the run's secrets never reach the
 * browser's environment.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive } from '../../src/files/alive.js';
import { fallbackFiles } from '../../src/fonts/fallback.js';
import { compact, pdfText } from '../helpers/pdf.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/briefs.js');
let dir: string;

/** A "browser" that writes its pid and environment, then never answers. */
function deafBrowser(name: string): { exe: string; pid: () => number; env: () => string } {
  const exe = path.join(dir, `${name}.sh`);
  writeFileSync(exe, `#!/bin/sh\necho $$ > "${exe}.pid"\nenv > "${exe}.env"\nexec sleep 300\n`, { mode: 0o755 });
  return { exe, pid: () => Number(readFileSync(`${exe}.pid`, 'utf8')), env: () => readFileSync(`${exe}.env`, 'utf8') };
}

const briefs = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [bin, '--root', dir, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 90_000 });

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-launch-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('starting the browser', () => {
  it('gives up on a browser that never answers after --timeout (10 s at least), kills it, and says so', () => {
    const deaf = deafBrowser('deaf');
    const started = Date.now();
    const r = briefs(['generate', 'jianyi/2026/1', '--browser', deaf.exe, '--timeout', '3000']);
    expect(r.status, r.stderr).toBe(2);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).toMatch(/did not start within 10000 ms/);
    expect(alive(deaf.pid())).toBe(false);
  });

  it('ends at once on SIGTERM while the browser is still starting, and leaves no browser behind', async () => {
    const deaf = deafBrowser('deaf-term');
    const child = spawn(process.execPath, [bin, '--root', dir, 'generate', 'jianyi/2026/1', '--browser', deaf.exe, '--timeout', '600000'], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !existsSync(`${deaf.exe}.pid`); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(alive(deaf.pid())).toBe(false);
  });

  it('never hands Chromium a font folder with anything but the fallback faces: a FIFO beside them hangs nothing', () => {
    const real = fallbackFiles().find((f) => existsSync(f));
    expect(real, 'setup installs fonts-hanazono').toBeDefined();
    const fonts = path.join(dir, 'office-fonts');
    execFileSync('mkdir', ['-p', fonts]);
    symlinkSync(real!, path.join(fonts, path.basename(real!)));
    execFileSync('mkfifo', [path.join(fonts, 'evil.ttf')]);
    const started = Date.now();
    const r = briefs(['generate', 'jianyi/2026/1', '--out', 'dist-fifo', '--timeout', '20000'], {
      BRIEFS_FALLBACK_FONTS: path.join(fonts, path.basename(real!)),
    });
    expect(r.status, r.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(compact(pdfText(path.join(dir, 'dist-fifo/jianyi-2026-001.pdf')))).toContain('科技工作者建议');
  });

  it('keeps the run’s secrets out of the browser’s environment', () => {
    const deaf = deafBrowser('nosy');
    briefs(['generate', 'jianyi/2026/1', '--browser', deaf.exe, '--timeout', '2000'], {
      BRIEFS_SIGN_PASSWORD: 'sign-secret-1',
      CI_JOB_TOKEN: 'ci-secret-2',
      BRIEFS_HARMLESS: 'kept',
    });
    const env = deaf.env();
    expect(env).toContain('BRIEFS_HARMLESS=kept');
    expect(env).toContain('FONTCONFIG_FILE=');
    expect(env).not.toContain('sign-secret-1');
    expect(env).not.toContain('ci-secret-2');
  });
});

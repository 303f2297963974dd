/**
 * The resident printer (`briefs printer`), as an editor uses it on the sample workspace: runs
 * through it print the same bytes as runs with their own browser, the pages it keeps take the
 * next run's text, and it hands Chromium back clean between runs. And how it ends: stopped, idle,
 * killed, of another build, or passed over by a run it does not fit.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive } from '../../src/files/alive.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { ask, greet } from '../../src/print/resident/control.js';
import { frameReader } from '../../src/print/resident/frames.js';
import { identity } from '../../src/print/resident/identity.js';
import { PRINTERS, printerSocket } from '../../src/print/resident/place.js';
import { chromiumWith } from '../helpers/chromium.js';
import { compact, pdfText } from '../helpers/pdf.js';
import { profilesDir } from '../../src/print/profiles.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
const cli = (...args: string[]) => runCli(['--root', dir, ...args]);
const status = async () =>
  JSON.parse((await cli('printer', 'status', '--json')).stdout) as { running: boolean; pid?: number; runs?: number; pages?: number; attached?: number };
const pdfs = (out: string) =>
  readdirSync(path.join(dir, out))
    .filter((f) => f.endsWith('.pdf'))
    .sort();

/** Who printed the issues a `generate --json` printed: the resident printer, or the run's own browser. */
const printers = (json: string) => [
  ...new Set((JSON.parse(json) as { issues: { status: string; printer?: string }[] }).issues.filter((i) => i.status === 'printed').map((i) => i.printer)),
];

async function until(done: () => Promise<boolean> | boolean, ms = 15_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (await done()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-printer-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  cpSync(path.join(repo, 'briefs.config.yaml'), path.join(dir, 'briefs.config.yaml'));
});

afterAll(async () => {
  await cli('printer', 'stop');
  rmSync(dir, { recursive: true, force: true });
});

describe('briefs printer', () => {
  it('prints the same bytes as a run’s own browser, run after run, in the pages it keeps', async () => {
    const first = await cli('generate', '--out', 'own', '--json');
    expect(first.code).toBe(0);
    expect(printers(first.stdout)).toEqual(['own']);
    const started = await cli('printer', 'start');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stderr).toMatch(/resident printer started/);
    expect(await status()).toMatchObject({ running: true, runs: 0 });

    // A run sends its issues to the printer whole.
    const whole = await cli('generate', '--force', '--out', 'res1', '--json');
    expect(whole.code, whole.stderr).toBe(0);
    expect(printers(whole.stdout)).toEqual(['resident']);
    // Chromium's own word: one page waits, ready (the batch printed in more), and no connection holds it.
    expect(await status()).toMatchObject({ running: true, runs: 1, pages: 1, attached: 0 });
    // One that draws a long image needs a page of its own: it drives the printer's Chromium
    // itself, its DevTools relayed.
    const relayed = await cli('generate', 'jianyi/2026/1', '--force', '--out', 'res2', '--json', '--png');
    expect(relayed.code, relayed.stderr).toBe(0);
    expect(printers(relayed.stdout)).toEqual(['resident']);
    expect(await status()).toMatchObject({ running: true, runs: 2, pages: 1, attached: 0 });
    expect(readdirSync(path.join(dir, 'res2')).filter((f) => !f.startsWith('.'))).toEqual(['jianyi-2026-001.pdf', 'jianyi-2026-001.png']);
    expect(pdfs('res1')).toEqual(pdfs('own'));
    for (const f of pdfs('own')) {
      const own = readFileSync(path.join(dir, 'own', f));
      expect(readFileSync(path.join(dir, 'res1', f)).equals(own), f).toBe(true);
      if (f === 'jianyi-2026-001.pdf') expect(readFileSync(path.join(dir, 'res2', f)).equals(own), f).toBe(true);
    }

    // One submission edited: the one issue it is in is printed, in a page an earlier run left.
    const sub = path.join(dir, 'briefs/submissions/jianyi/jy-2026-001.md');
    writeFileSync(sub, readFileSync(sub, 'utf8').replace(/\n## /, '\n常驻印制进程改后的一段话。\n\n## '));
    const one = await cli('generate', '--out', 'res1', '--json');
    expect(one.code, one.stderr).toBe(0);
    const printed = (JSON.parse(one.stdout) as { issues: { status: string; pdf: string }[] }).issues.filter((i) => i.status === 'printed');
    expect(printed).toHaveLength(1);
    expect(printers(one.stdout)).toEqual(['resident']);
    expect(compact(pdfText(printed[0].pdf))).toContain('常驻印制进程改后的一段话');
    expect(await status()).toMatchObject({ runs: 3, pages: 1, attached: 0 });
  });

  it('leaves the printer to the runs it fits when a run asks for another browser', async () => {
    const other = path.join(dir, 'chromium-link');
    symlinkSync(findBrowser().executablePath, other);
    const run = await cli('generate', '--force', '--out', 'other', '--browser', other);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/resident printer was not used: it runs another browser\n/);
    expect(await status()).toMatchObject({ running: true, runs: 3 });
  });

  it('passes a busy printer over: the second run prints with its own browser', async () => {
    const me = identity(dir, findBrowser().executablePath, false);
    const held = await greet(printerSocket(dir), { briefs: 'hello', identity: me });
    try {
      expect(held.answer.briefs).toBe('ok');
      const run = await cli('generate', '--force', '--out', 'busy');
      expect(run.code, run.stderr).toBe(0);
      expect(pdfs('busy')).toEqual(pdfs('own'));
      expect(await status()).toMatchObject({ runs: 4 });
    } finally {
      held.conn.destroy();
    }
  });

  it('on SIGTERM mid-run leaves no partial file, and the printer serves the next run', async () => {
    const target = path.join(dir, 'signal');
    const run = await spawnCli(['--root', dir, 'generate', '--force', '--jobs', '1', '--out', target], /printed/, (child) => child.kill('SIGTERM'));
    expect(run.code, run.stderr).toBe(130);
    const files = readdirSync(target);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(pdfs('signal').length).toBeGreaterThan(0);
    expect(pdfs('signal').length).toBeLessThan(pdfs('own').length);
    // The printer let the interrupted run's pages go, and prints the rest for the next.
    expect(await until(async () => (await status()).attached === 0)).toBe(true);
    const rest = await cli('generate', '--out', 'signal', '--json');
    expect(rest.code, rest.stderr).toBe(0);
    expect(printers(rest.stdout)).toEqual(['resident']);
    expect(pdfs('signal')).toEqual(pdfs('own'));
    // res1 is up to date with the edit the first test made.
    for (const f of pdfs('res1')) expect(readFileSync(path.join(dir, 'signal', f)).equals(readFileSync(path.join(dir, 'res1', f))), f).toBe(true);
  });

  it('when its Chromium dies mid-run, stops, and the run prints the rest with a browser of its own', async () => {
    const { pid } = await status();
    const target = path.join(dir, 'crash');
    const run = await spawnCli(['--root', dir, 'generate', '--force', '--jobs', '1', '--out', target, '--json'], /printed/, () => {
      // The printer's Chromium, not the printer: as if the kernel had killed it for memory.
      for (const chromium of execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean))
        process.kill(Number(chromium), 'SIGKILL');
    });
    expect(run.acted).toBe(true);
    expect(run.code, run.stderr).toBe(0);
    // Printed there until it died; the issue it held, and those after, by the run's own browser.
    expect(printers(run.stdout).sort()).toEqual(['own', 'resident']);
    expect(pdfs('crash')).toEqual(pdfs('res1'));
    for (const f of pdfs('res1')) expect(readFileSync(path.join(target, f)).equals(readFileSync(path.join(dir, 'res1', f))), f).toBe(true);
    expect(await until(() => !alive(pid!))).toBe(true);
    const started = await cli('printer', 'start');
    expect(started.code, started.stderr).toBe(0);
  });

  it('cuts off a client that streams a message without end, and goes on serving', async () => {
    const conn = net.connect(printerSocket(dir));
    await new Promise((r) => conn.once('connect', r));
    let closed = false;
    conn.once('close', () => (closed = true));
    conn.on('error', () => undefined);
    const chunk = Buffer.alloc(1024 * 1024, 0x78);
    let sent = 0;
    while (!closed && sent < 200) {
      if (!conn.write(chunk))
        await new Promise<void>((r) => {
          // Both listeners go when either fires: one left per wait piled up past Node's warning.
          const done = () => (conn.off('drain', done), conn.off('close', done), r());
          conn.once('drain', done);
          conn.once('close', done);
        });
      sent++;
    }
    expect(closed || (await until(() => closed, 5000))).toBe(true);
    expect(sent).toBeLessThan(200);
    expect(await status()).toMatchObject({ running: true });
  });

  it('refuses a print request it does not understand, with a reason, and goes on serving', async () => {
    const me = identity(dir, findBrowser().executablePath, false);
    const held = await greet(printerSocket(dir), { briefs: 'hello', identity: me, mode: 'print', jobs: 1, timeout: 10_000 });
    try {
      expect(held.answer.briefs).toBe('ok');
      const answer = new Promise((resolve) =>
        held.conn.on(
          'data',
          frameReader((f) => resolve(JSON.parse(f.toString('utf8')))),
        ),
      );
      held.conn.resume();
      // A title that is not text: nothing is printed.
      held.conn.write(`${JSON.stringify({ briefs: 'print', n: 7, html: '<p>x</p>', info: { title: 1 }, timeout: 1000 })}\0`);
      expect(await answer).toEqual({ briefs: 'print-failed', n: 7, message: expect.stringMatching(/does not understand/) as unknown });
    } finally {
      held.conn.destroy();
    }
    expect(await until(async () => (await status()).attached === 0)).toBe(true);
    expect(await status()).toMatchObject({ running: true });
  });

  it('stops when a run of another build finds it, and removes its socket and its browser', async () => {
    const { pid } = await status();
    const me = identity(dir, findBrowser().executablePath, false);
    const answer = await ask(printerSocket(dir), { briefs: 'hello', identity: { ...me, build: 'another' } });
    expect(answer).toMatchObject({ briefs: 'stale', why: 'build' });
    expect(await until(() => !alive(pid!))).toBe(true);
    expect(readdirSync(PRINTERS)).not.toContain(path.basename(printerSocket(dir)));
    expect(await until(() => !chromiumWith(`${profilesDir()}/${pid}-`))).toBe(true);
    expect(await status()).toEqual({ running: false });
  });

  it('is passed over when killed, and replaced by the next start', async () => {
    expect((await cli('printer', 'start')).code).toBe(0);
    const { pid } = await status();
    expect(chromiumWith(`${profilesDir()}/${pid}-`)).toBe(true);
    process.kill(pid!, 'SIGKILL');
    expect(await until(() => !alive(pid!))).toBe(true);
    // Its Chromium quits with it: the pipe it listened on is closed.
    expect(await until(() => !chromiumWith(`${profilesDir()}/${pid}-`))).toBe(true);
    // Its socket is left behind, with nothing listening.
    expect(readdirSync(PRINTERS)).toContain(path.basename(printerSocket(dir)));
    const run = await cli('generate', '--force', '--out', 'killed');
    expect(run.code, run.stderr).toBe(0);
    expect((await cli('printer', 'start')).code).toBe(0);
    expect(await status()).toMatchObject({ running: true, runs: 0 });
    const stopped = await cli('printer', 'stop');
    expect(stopped.stderr).toMatch(/stopped the resident printer/);
    expect(await status()).toEqual({ running: false });
    // Stopped as it should, it leaves neither its socket nor its log.
    expect(readdirSync(PRINTERS).filter((f) => f.startsWith(path.basename(printerSocket(dir), '.sock')))).toEqual([]);
  });

  it('stops by itself after --idle minutes without a run', async () => {
    expect((await cli('printer', 'start', '--idle', '0.02')).code).toBe(0);
    const { pid } = await status();
    expect(await until(() => !alive(pid!))).toBe(true);
    expect(await status()).toEqual({ running: false });
  });

  it('says why when it cannot start, and leaves nothing running', async () => {
    const bad = path.join(dir, 'not-a-browser');
    writeFileSync(bad, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    const run = await cli('printer', 'start', '--browser', bad);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the browser at ${bad} quit (exit code 3)`);
    expect(await status()).toEqual({ running: false });
    // What its log said is said: the log goes.
    expect(readdirSync(PRINTERS).filter((f) => f.startsWith(path.basename(printerSocket(dir), '.sock')))).toEqual([]);
  });

  it('refuses a printers’ folder that others may write to', async () => {
    chmodSync(PRINTERS, 0o777);
    try {
      const run = await cli('printer', 'start');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/not private/);
    } finally {
      chmodSync(PRINTERS, 0o700);
    }
  });
});

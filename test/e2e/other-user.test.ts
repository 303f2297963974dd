/**
 * What another user of the same machine can do to an editor's run, tried as that user: CI runs
 * as root, and these tests act as `nobody` (su), as a hostile co-worker would. They need root
 * to change user, so elsewhere they are skipped.
 *
 * - The shared temporary folder: folders of briefs' names made first by another user, opened to
 *   everyone, links planted in them: briefs uses none of them and still prints.
 * - The resident printer's print server, and the live preview: another user who finds their
 *   port on 127.0.0.1 gets nothing from them.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, pdfText } from '../helpers/pdf.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin/briefs.js');
const root = process.getuid?.() === 0;
let hasNobody = false;
try {
  execFileSync('id', ['nobody'], { stdio: 'ignore' });
  hasNobody = true;
} catch {
  // no such user: skipped
}

let scratch: string;
let dir: string;

/** Runs a Node script as `nobody`; returns what it prints. */
function asNobody(script: string): string {
  const file = path.join(scratch, `nobody-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script, { mode: 0o644 });
  return execFileSync('su', ['nobody', '-s', '/bin/sh', '-c', `${process.execPath} ${file}`], { encoding: 'utf8', timeout: 60_000 });
}

/** The briefs command line as the editor (root), in a temporary folder of the test's choosing. */
function briefs(tmp: string, ...args: string[]): { code: number; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--root', dir, ...args], {
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

/** A temporary folder like /tmp: everyone may make things in it, each only remove their own. */
function sharedTmp(name: string): string {
  const t = path.join(scratch, name);
  mkdirSync(t);
  chmodSync(t, 0o1777);
  return t;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'briefs-two-users-'));
  chmodSync(scratch, 0o755);
  // The editor's workspace is closed to others, as an editor's home is.
  dir = path.join(scratch, 'workspace');
  mkdirSync(dir, { mode: 0o700 });
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  cpSync(path.join(repo, 'briefs.config.yaml'), path.join(dir, 'briefs.config.yaml'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(!root || !hasNobody)('another user of the machine', () => {
  it('cannot take over briefs’ temporary folders: made first, opened to all, links planted, none is used, and the run still prints', () => {
    const tmp = sharedTmp('tmp-taken');
    const victim = path.join(scratch, 'victim.txt');
    writeFileSync(victim, 'the editor’s own file\n', { mode: 0o666 });
    chmodSync(victim, 0o666);
    const uid = process.getuid!();
    // The other user makes every folder briefs would use, open to everyone, with links at names
    // inside them pointing at a file of the editor's.
    asNobody(`
      import fs from 'node:fs';
      for (const kind of ['fonts', 'fontconfig', 'chromium', 'printer']) {
        const d = '${tmp}/briefs-' + kind + '-${uid}';
        fs.mkdirSync(d); fs.chmodSync(d, 0o777);
        for (const name of ['cache', 'planted.json', 'faces-x.json']) fs.symlinkSync('${victim}', d + '/' + name);
      }
    `);
    const planted = () =>
      Object.fromEntries(
        ['fonts', 'fontconfig', 'chromium', 'printer'].map((k) => {
          const d = path.join(tmp, `briefs-${k}-${uid}`);
          return [k, readdirSync(d).sort()];
        }),
      );
    const before = planted();
    const run = briefs(tmp, 'generate', 'jianyi/2026/1', '--out', 'dist-taken');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/is not this user's private folder/);
    // Nothing was written into the other user's folders, nor through their links.
    expect(planted()).toEqual(before);
    expect(readFileSync(victim, 'utf8')).toBe('the editor’s own file\n');
    for (const k of ['fonts', 'fontconfig', 'chromium', 'printer']) expect(lstatSync(path.join(tmp, `briefs-${k}-${uid}`)).uid).toBe(65534);
    expect(compact(pdfText(path.join(dir, 'dist-taken/jianyi-2026-001.pdf')))).toContain('科技工作者建议');
    // The fresh folders the run took went with it.
    expect(readdirSync(tmp).filter((n) => !/^briefs-(fonts|fontconfig|chromium|printer)-\d+$/.test(n))).toEqual([]);
  });

  it('cannot print text of theirs through a kept faces file: a unicode-range that is anything else is not used', () => {
    // The editor's own folder this time, with a kept file that is not what briefs wrote.
    const tmp = sharedTmp('tmp-own');
    expect(briefs(tmp, 'generate', 'jianyi/2026/1', '--out', 'dist-own').code).toBe(0);
    const fonts = path.join(tmp, `briefs-fonts-${process.getuid!()}`);
    const faces = readdirSync(fonts).filter((n) => n.startsWith('faces-'));
    expect(faces.length).toBeGreaterThan(0);
    for (const f of faces) {
      const kept = JSON.parse(readFileSync(path.join(fonts, f), 'utf8')) as { unicodeRange: string }[];
      for (const face of kept)
        face.unicodeRange = `U+4DAE; } body::before { content: "PLANTED-BY-ANOTHER"; } @font-face { font-family: x; unicode-range: U+4DAE`;
      writeFileSync(path.join(fonts, f), JSON.stringify(kept));
    }
    expect(briefs(tmp, 'generate', 'jianyi/2026/1', '--out', 'dist-own', '--force').code).toBe(0);
    expect(compact(pdfText(path.join(dir, 'dist-own/jianyi-2026-001.pdf')))).not.toContain('PLANTED');
  });

  /** Every port listening on 127.0.0.1, as another user finds them (/proc/net/tcp). */
  const scanScript = (paths: string[]) => `
    import fs from 'node:fs';
    const ports = new Set();
    for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\\n').slice(1)) {
      const f = line.trim().split(/\\s+/);
      if (f[3] === '0A' && f[1]?.startsWith('0100007F:')) ports.add(parseInt(f[1].split(':')[1], 16));
    }
    const found = [];
    for (const port of ports) for (const p of ${JSON.stringify(paths)}) {
      try {
        const r = await fetch('http://127.0.0.1:' + port + p, { signal: AbortSignal.timeout(2000) });
        const body = await r.text();
        found.push({ port, path: p, status: r.status, cookie: r.headers.get('set-cookie'), body: body.slice(0, 200) });
      } catch {}
    }
    console.log(JSON.stringify(found));
  `;

  it('gets nothing from a resident printer’s print server: not the shell, not its cookie, not a file', () => {
    const tmp = sharedTmp('tmp-printer');
    const started = briefs(tmp, 'printer', 'start');
    expect(started.code, started.stderr).toBe(0);
    try {
      // The printer's server has loaded the workspace's image for a page: it is there to be asked for.
      expect(briefs(tmp, 'generate', 'qingkuang/2026/2', '--out', 'dist-printer').code).toBe(0);
      const found = JSON.parse(asNobody(scanScript(['/shell.html', '/_workspace/briefs/assets/society-reports.svg']))) as {
        port: number;
        status: number;
        cookie: string | null;
        body: string;
      }[];
      expect(found.length).toBeGreaterThan(0);
      for (const r of found) {
        expect(r.cookie ?? '', `port ${r.port}`).not.toContain('briefs-print');
        expect(r.body, `port ${r.port}`).not.toContain('<svg');
      }
      // The shell's page briefs opened still prints: a second run through the printer.
      expect(briefs(tmp, 'generate', 'qingkuang/2026/2', '--out', 'dist-printer', '--force').code).toBe(0);
    } finally {
      briefs(tmp, 'printer', 'stop');
    }
  });

  it('gets nothing from the live preview, which answers its own address, token included', async () => {
    const child: ChildProcess = spawn(process.execPath, [bin, '--root', dir, 'preview', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const link = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr!.on('data', (c: Buffer) => {
          err += c.toString();
          const m = /preview: (http:\/\/\S+)/.exec(err);
          if (m) resolve(m[1]);
        });
        child.once('exit', () => reject(new Error(err)));
      });
      const origin = new URL(link).origin;
      const paths = ['/', '/issues/jianyi/2026/1', '/_workspace/briefs/assets/society-reports.svg', '/_events'];
      const found = JSON.parse(asNobody(scanScript(paths))) as { port: number; path: string; status: number; body: string }[];
      const preview = found.filter((r) => `http://127.0.0.1:${r.port}` === origin);
      expect(preview).toHaveLength(paths.length);
      for (const r of preview) {
        expect(r.status, r.path).toBe(403);
        expect(r.body, r.path).not.toMatch(/科技|<svg/);
      }
      // The editor, with the address briefs printed, gets the page.
      const own = await fetch(link);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('科技工作者建议');
    } finally {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('keeps the editor’s own folders private: every one it makes is 0700', () => {
    const tmp = sharedTmp('tmp-modes');
    expect(briefs(tmp, 'validate').code).toBe(0);
    expect(briefs(tmp, 'generate', 'jianyi/2026/1', '--out', 'dist-modes').code).toBe(0);
    for (const n of readdirSync(tmp)) expect((lstatSync(path.join(tmp, n)).mode & 0o777).toString(8), n).toBe('700');
    expect(existsSync(path.join(tmp, `briefs-fonts-${process.getuid!()}`))).toBe(true);
  });
});

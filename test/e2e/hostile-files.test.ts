/**
 * Files that are not what their names say: links out of the workspace, FIFOs, a picture too big
 * to decode. validate names each one and finishes; generate prints every good issue, refuses
 * the rest, never hangs, and writes no file:// URL that leads out.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { createPrintServer, startPrintServer } from '../../src/print/print-server.js';
import { readResource, resolveResource } from '../../src/print/resources.js';
import { runCli } from '../helpers/run-cli.js';

let root: string;
let outside: string;

/** A PNG whose header claims width × height: enough for any reader of dimensions. */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
}

const submission = (title: string, body: string) => `---\ntitle: ${title}\npublication: jianyi\nauthors: 张三\nsubmitted: 2026-01-01\n---\n${body}\n`;
const issue = (n: number, ids: string[]) => `---\npublication: jianyi\nyear: 2026\nnumber: ${n}\ndate: 2026-03-0${n}\nsubmissions: [${ids.join(', ')}]\n---\n`;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'briefs-files-'));
  outside = mkdtempSync(path.join(os.tmpdir(), 'briefs-outside-'));
  writeFileSync(path.join(outside, 'secret.png'), pngHeader(10, 10));
  writeFileSync(path.join(outside, 'real.md'), submission('外部的稿件', '外部正文。'));
  const assets = path.join(root, 'briefs/assets');
  const subs = path.join(root, 'briefs/submissions');
  mkdirSync(assets, { recursive: true });
  mkdirSync(subs, { recursive: true });
  mkdirSync(path.join(root, 'briefs/issues/jianyi/2026'), { recursive: true });
  symlinkSync('/etc/passwd', path.join(assets, 'passwd.png'));
  symlinkSync(path.join(outside, 'secret.png'), path.join(assets, 'outside.png'));
  symlinkSync(outside, path.join(assets, 'outdir'));
  symlinkSync('/', path.join(assets, 'rootdir'));
  execFileSync('mkfifo', [path.join(assets, 'pipe.png')]);
  writeFileSync(path.join(assets, 'huge.png'), pngHeader(30000, 30000));
  writeFileSync(path.join(assets, 'fine.png'), pngHeader(800, 600));
  symlinkSync('fine.png', path.join(assets, 'alias.png'));
  writeFileSync(
    path.join(subs, 'links.md'),
    submission(
      '链接图片',
      [
        '![a](../assets/passwd.png)',
        '![b](../assets/outside.png)',
        '![c](../assets/outdir/secret.png)',
        '![d](../assets/rootdir/etc/passwd.png)',
        '![e](../assets/pipe.png)',
        '![f](../assets/huge.png)',
        '![g](../assets/alias.png)',
      ].join('\n\n'),
    ),
  );
  writeFileSync(path.join(subs, 'good.md'), submission('正常的稿件', '正常正文。'));
  // A title that would read "exe.png" for "gnp.exe".
  writeFileSync(path.join(subs, 'bidi.md'), submission('附件\u202Egnp.exe', '正文。'));
  symlinkSync(path.join(outside, 'real.md'), path.join(subs, 'linked.md'));
  execFileSync('mkfifo', [path.join(subs, 'fifo.md')]);
  writeFileSync(path.join(root, 'briefs/issues/jianyi/2026/001.md'), issue(1, ['good']));
  writeFileSync(path.join(root, 'briefs/issues/jianyi/2026/002.md'), issue(2, ['links']));
  writeFileSync(path.join(root, 'briefs/issues/jianyi/2026/003.md'), issue(3, ['linked']));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('files that are not what they seem', () => {
  it('validate names every one of them, with its line', async () => {
    const r = await runCli(['--root', root, '--lang', 'en', 'validate', '--json']);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).errors as { file: string; line: number | null; code: string; message: string }[];
    const got = errors.map((e) => `${e.file}:${e.line ?? ''} ${e.code}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'briefs/submissions/links.md:7 image-outside-workspace',
        'briefs/submissions/links.md:9 image-outside-workspace',
        'briefs/submissions/links.md:11 image-outside-workspace',
        'briefs/submissions/links.md:13 image-outside-workspace',
        'briefs/submissions/links.md:15 image-type',
        'briefs/submissions/links.md:17 image-too-large',
        'briefs/submissions/linked.md: not-a-regular-file',
        'briefs/submissions/fifo.md: not-a-regular-file',
        'briefs/submissions/bidi.md:2 control-character',
      ]),
    );
    // A link that stays inside the workspace is an ordinary image.
    expect(got.filter((g) => g.includes(':19 '))).toEqual([]);
    // The issue that lists the linked file is sent to it, not told the id is unknown.
    expect(got).toContain('briefs/issues/jianyi/2026/003.md:6 submission-invalid');
    expect(errors.find((e) => e.file.endsWith('linked.md'))!.message).toContain('symbolic link');
  });

  it('generate prints the good issue, refuses the others, and writes no URL that leads out', async () => {
    const out = path.join(root, 'out');
    const r = await runCli(['--root', root, '--lang', 'en', 'generate', '--html', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const statuses = Object.fromEntries(JSON.parse(r.stdout).issues.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(statuses).toEqual({ 'jianyi/2026/1': 'printed', 'jianyi/2026/2': 'failed', 'jianyi/2026/3': 'failed' });
    const written = readdirSync(out).filter((n) => /\.(pdf|html)$/.test(n));
    expect(written.sort()).toEqual(['jianyi-2026-001.html', 'jianyi-2026-001.pdf']);
    for (const name of written) {
      const text = readFileSync(path.join(out, name), 'latin1');
      expect(text).not.toContain(outside);
      expect(text).not.toContain('file:///etc');
      expect(text).not.toContain('root:x:0');
    }
  });

  it('the print server answers only to its own address', async () => {
    const server = await startPrintServer(root);
    const get = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(server.shellUrl);
        http
          .get({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, headers: { host } }, (res) => (res.resume(), resolve(res.statusCode ?? 0)))
          .on('error', reject);
      });
    try {
      expect(await get(new URL(server.origin).host)).toBe(200);
      expect(await get('evil.example')).toBe(403);
      expect(await get(`localhost:${new URL(server.origin).port}`)).toBe(403);
    } finally {
      await server.close();
    }
  });

  it('the print server listens only when asked, once, and serves the rules given before, to the shell’s page alone', async () => {
    const server = createPrintServer(root);
    const rule = server.stylesheet('@font-face { font-family: x; }');
    expect(() => server.origin).toThrow(/not listening/);
    await Promise.all([server.listen(), server.listen()]);
    try {
      const origin = server.origin;
      await server.listen();
      expect(server.origin).toBe(origin);
      // The shell, and with it the cookie, only to whoever knows the secret in its address: another
      // user of the machine can reach 127.0.0.1 too.
      for (const guess of [`${origin}/shell.html`, `${origin}/shell.html?k=`, `${origin}/shell.html?k=0123456789abcdef0123456789abcdef`]) {
        const res = await fetch(guess);
        expect(res.status).toBe(403);
        expect(res.headers.get('set-cookie')).toBeNull();
      }
      // What the shell's page asks for comes with the cookie the shell set; nothing else gets it.
      const cookie = (await fetch(server.shellUrl)).headers.get('set-cookie')!.split(';')[0];
      const sheet = `${origin}${/url\("([^"]+)"\)/.exec(rule)![1]}`;
      const css = await fetch(sheet, { headers: { cookie } });
      expect(css.headers.get('content-type')).toContain('text/css');
      expect(await css.text()).toBe('@font-face { font-family: x; }');
      expect((await fetch(`${origin}/_workspace/briefs/assets/alias.png`, { headers: { cookie } })).status).toBe(200);
      for (const other of [{}, { cookie: 'briefs-print=0123456789abcdef0123456789abcdef' }, { cookie: `${cookie}x` }] as Record<string, string>[]) {
        expect((await fetch(sheet, { headers: other })).status).toBe(403);
        expect((await fetch(`${origin}/_workspace/briefs/assets/alias.png`, { headers: other })).status).toBe(403);
        expect((await fetch(`${origin}/_fonts/lxgw-wenkai-webfont/lxgwwenkai-regular.css`, { headers: other })).status).toBe(403);
      }
    } finally {
      await server.close();
    }
    // Closing a server that never listened is nothing; it will not listen after.
    const never = createPrintServer(root);
    await never.close();
    await expect(never.listen()).rejects.toThrow(/closed/);
  });

  it('the print server answers a FIFO or a link out with 404, at once', async () => {
    expect(await resolveResource('/_workspace/briefs/assets/passwd.png', root)).toBeUndefined();
    expect(await resolveResource('/_workspace/briefs/assets/outdir/secret.png', root)).toBeUndefined();
    const pipe = await resolveResource('/_workspace/briefs/assets/pipe.png', root);
    expect(pipe === undefined || (await readResource(pipe)) === undefined).toBe(true);
    const fine = await resolveResource('/_workspace/briefs/assets/alias.png', root);
    expect((await readResource(fine!))?.length).toBe(pngHeader(1, 1).length);
  });
});

describe('init in a folder that is not empty', () => {
  it('writes nothing through a linked folder or over a dangling link, and says which, before writing anything', async () => {
    const target = mkdtempSync(path.join(os.tmpdir(), 'briefs-init-'));
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'briefs-elsewhere-'));
    try {
      symlinkSync(elsewhere, path.join(target, 'briefs'));
      symlinkSync(path.join(elsewhere, 'made-by-init.json'), path.join(target, 'package.json'));
      mkdirSync(path.join(target, '.github'));
      symlinkSync(elsewhere, path.join(target, '.github/workflows'));
      const r = await runCli(['--lang', 'en', 'init', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/has links where briefs init would write: briefs, \.github\/workflows, package\.json/);
      expect(readdirSync(elsewhere)).toEqual([]);
      expect(readdirSync(target).sort()).toEqual(['.github', 'briefs', 'package.json']);
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

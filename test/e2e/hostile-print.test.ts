/**
 * Hostile submissions printed for real: what they try leaves no trace in the PDF, reaches no
 * server, and changes no file outside the output folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compact, runningText } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import { copyFixture, snapshotFiles } from '../helpers/workspace.js';

let dir: string;
let server: Server;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = copyFixture('broken');
  // Every way raw HTML could make the page fetch something from this machine's test server.
  writeFileSync(
    path.join(dir, 'briefs/submissions/hostile-net.md'),
    `---
title: 网络请求测试
publication: qingkuang
authors: 赵六
submitted: 2026-01-07
topic: 测试栏目
status: accepted
---

网络段落保留。

<img src="${base}/img.png"><picture><source srcset="${base}/src.png"></picture>

<link rel="stylesheet" href="${base}/style.css"><link rel="prefetch" href="${base}/prefetch">

<iframe src="${base}/frame"></iframe><svg><image href="${base}/svg.png"/></svg>

<video poster="${base}/poster.png" src="${base}/v.mp4"></video><audio src="${base}/a.mp3"></audio>

<style>@import url("${base}/import.css"); body { background: url("${base}/bg.png") }</style>

<span style="background-image:url('${base}/inline.png')">行内样式文字保留。</span>

<script src="${base}/script.js"></script><script>fetch("${base}/fetch")</script>

[一个普通链接](${base}/link)不会被请求。
`,
  );
  const issue = path.join(dir, 'briefs/issues/qingkuang/2026/001.md');
  writeFileSync(issue, readFileSync(issue, 'utf8').replace('  - hostile-html\n', '  - hostile-html\n  - hostile-net\n'));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('printing hostile submissions', () => {
  it('prints the text around them, and nothing they tried', async () => {
    const before = snapshotFiles(dir);
    const r = await runCli(['--root', dir, '--lang', 'en', 'generate', 'qingkuang/2026/1', '--out', path.join(dir, 'out'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const [result] = JSON.parse(r.stdout).issues;
    expect(result.status).toBe('printed');

    const text = compact(runningText(path.resolve(result.pdf)));
    for (const kept of [
      '第一段文字保留',
      '第一段结束',
      '遮挡层文字保留',
      '加粗',
      '保留，一个链接的文字保留',
      '最后一段文字保留',
      '网络段落保留',
      '行内样式文字保留',
      '一个普通链接不会被请求',
      '编者按保留',
    ]) {
      expect(text).toContain(kept);
    }
    // Template syntax in a title is printed as text, never evaluated.
    expect(text).toContain(compact('{{constructor.constructor}} 与 {{#each this}}x{{/each}} 的情况'));
    for (const gone of ['alert', 'onerror', 'onclick', 'display', 'example.org', '@import', 'fetch', 'passwd', '127.0.0.1']) {
      expect(text).not.toContain(gone);
    }
    // Nothing reached the network, not even this machine.
    expect(hits).toEqual([]);
    // No file outside the output folder changed; no front matter code ran.
    expect(snapshotFiles(dir, ['out'])).toEqual(before);
    for (const l of ['js', 'javascript', 'coffee']) expect(existsSync(`/tmp/briefs-pwned-${l}`)).toBe(false);
  });

  it('refuses and reports what the page itself asks for outside the workspace, runs no script and never navigates, even from a template', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(path.join(dir, 'templates/styles'), { recursive: true });
    mkdirSync(path.join(dir, 'templates/partials'), { recursive: true });
    writeFileSync(
      path.join(dir, 'templates/styles/local.css'),
      `@import url("${base}/import.css");\n.bulletin-name { background-image: url("${base}/bg.png"); }\n`,
    );
    // Scripts and inline handlers that would write into the page if they ran.
    const ran = (what: string) => `document.body.prepend('${what}RAN')`;
    writeFileSync(
      path.join(dir, 'templates/partials/note.hbs'),
      `<meta http-equiv="refresh" content="0;url=${base}/away"><script>${ran('SCRIPT')}</script><img src="data:," onerror="${ran('HANDLER')}"><svg onload="${ran('SVG')}"></svg><p>模板在此</p>{{#if note}}<section class="editor-note">{{{note}}}</section>{{/if}}`,
    );
    try {
      const r = await runCli(['--root', dir, '--lang', 'en', 'generate', 'qingkuang/2026/1', '--out', path.join(dir, 'out-css'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect(hits).toEqual([]);
      expect(r.stderr).toContain(`the page asked for ${base}/bg.png, which was refused`);
      const text = compact(runningText(path.resolve(JSON.parse(r.stdout).issues[0].pdf)));
      expect(text).toContain('模板在此');
      expect(text).not.toContain('RAN');
    } finally {
      rmSync(path.join(dir, 'templates'), { recursive: true, force: true });
    }
  });

  it('keeps the previous PDF whole when an issue fails, and leaves no temporary file', async () => {
    const out = path.join(dir, 'out-failed');
    const target = path.join(out, 'jianyi-2026-001.pdf');
    const r0 = await runCli(['--root', dir, 'generate', 'qingkuang/2026/1', '--out', out]);
    expect(r0.code).toBe(0);
    writeFileSync(target, 'previous PDF');
    const r = await runCli(['--root', dir, '--lang', 'en', 'generate', 'jianyi/2026/1', 'qingkuang/2026/1', '--out', out, '--json']);
    expect(r.code).toBe(1);
    const statuses = Object.fromEntries(JSON.parse(r.stdout).issues.map((i: { id: string; status: string }) => [i.id, i.status]));
    // qingkuang/2026/1 was printed by the first run and has not changed since.
    expect(statuses).toEqual({ 'jianyi/2026/1': 'failed', 'qingkuang/2026/1': 'cached' });
    expect(readFileSync(target, 'utf8')).toBe('previous PDF');
    // The two PDFs, the manifest and the parse cache: no temporary file is left.
    expect([...snapshotFiles(out).keys()].sort()).toEqual([
      '.briefs-manifest.json',
      '.briefs-parse-cache.json',
      'jianyi-2026-001.pdf',
      'qingkuang-2026-001.pdf',
    ]);
    expect(r.stderr).toContain('no submission has the id "no-such-piece"');
  });
});

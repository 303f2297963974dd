/**
 * The live preview, driven as an editor would: a real Chromium keeps an issue open while files
 * change on disk.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { compact, pdfText } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../src/print/browser.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { MAX_EVENT_CLIENTS, startPreview, type PreviewServer } from '../../src/preview/server.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
let preview: PreviewServer;
let browser: Browser;
let page: Page;
const submission = () => path.join(dir, 'briefs/submissions/jianyi/jy-2026-001.md');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-preview-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  preview = await startPreview({ flags: { root: dir }, port: 0, host: '127.0.0.1', pdf: false, lang: 'en', timeout: 60_000, log: () => undefined });
  browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, args: chromiumArgs(process.getuid?.() === 0) });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await preview?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('briefs preview', () => {
  it('lists every issue and the submissions not yet in one', async () => {
    await page.goto(preview.link(), { waitUntil: 'load' });
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('2026年第2期');
    expect(text).toContain('关于支持科技社团开展团体标准工作的建议');
    const links = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/issues/jianyi/2026/2');
    expect(links).toContain('/submissions/jy-2026-005');
  });

  it('shows an issue as its pages and updates the open page when a title changes on disk, without reloading', async () => {
    // Automation waits for the network to go idle: the live-reload stream (held by a worker) lets it.
    await page.goto(preview.link('/issues/jianyi/2026/1'), { waitUntil: 'networkidle0', timeout: 15_000 });
    await page.waitForFunction(() => document.querySelectorAll('.briefs-page-number').length >= 3, { timeout: 10_000 });
    expect(await page.$eval('.article-title', (e) => e.textContent)).toBe('关于加快建立国家重大科研基础设施开放共享机制的建议');
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
      window.scrollTo(500, 0);
    });
    writeFileSync(submission(), readFileSync(submission(), 'utf8').replace(/^title: \|\n(?: {2}.*\n)+/m, 'title: 关于实时预览中新标题的建议\n'));
    await page.waitForFunction(() => document.querySelector('.article-title')?.textContent === '关于实时预览中新标题的建议', { timeout: 5_000 });
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await page.evaluate(() => window.scrollX)).toBe(500);
  });

  it('shows a problem as an overlay naming file and line, and takes it away when the file is fixed', async () => {
    const good = readFileSync(submission(), 'utf8');
    writeFileSync(submission(), good.replace('submitted: 2026-01-20', 'submitted: 2026-02-30'));
    await page.waitForSelector('.briefs-overlay', { timeout: 5_000 });
    // Beside page 1, not over its masthead (份号, 密级, the bulletin's name), on a common screen.
    await page.setViewport({ width: 1366, height: 800 });
    const clear = await page.evaluate(() => {
      const o = document.querySelector('.briefs-overlay')!.getBoundingClientRect();
      return ['.masthead', '.bulletin-name', '.classification'].every((s) => {
        const r = document.querySelector(s)?.getBoundingClientRect();
        return !r || r.right <= o.left || r.bottom <= o.top;
      });
    });
    expect(clear).toBe(true);
    const overlay = await page.$eval('.briefs-overlay', (e) => (e as HTMLElement).innerText);
    const line = good.split('\n').findIndex((l) => l.startsWith('submitted:')) + 1;
    expect(overlay).toContain(`briefs/submissions/jianyi/jy-2026-001.md:${line}`);
    expect(overlay).toContain('2026-02-30');
    writeFileSync(submission(), good);
    await page.waitForFunction(() => !document.querySelector('.briefs-overlay'), { timeout: 5_000 });
  });

  it('breaks an issue into the pages of its PDF, each holding the same text', async () => {
    const out = path.join(dir, 'out');
    const r = await runCli(['--root', dir, 'generate', 'qingkuang/2026/1', '--out', out, '--json']);
    const [printed] = JSON.parse(r.stdout).issues;
    await page.goto(preview.link('/issues/qingkuang/2026/1'), { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('.briefs-page-number').length > 0, { timeout: 10_000 });
    expect(await page.$$eval('.briefs-page-number', (n) => n.length)).toBe(printed.pages);
    // Each folio on one line, "— 3 —", as the print sets it (14 pt: 18.7 px a line).
    const folios = await page.$$eval('.briefs-page-number', (n) => n.map((e) => e.getClientRects().length === 1 && e.getBoundingClientRect().height < 28));
    expect(folios).toEqual(folios.map(() => true));
    const columns = await page.$$eval('.article-title', (titles) =>
      titles.map((t) => Math.floor((t.getBoundingClientRect().left + window.scrollX + 1) / ((210 * 96) / 25.4)) + 1),
    );
    const contents = await page.$$eval('.contents-page', (n) => n.map((e) => Number(e.textContent)));
    expect(columns).toEqual(contents);
    // Page by page, every character on screen is on the same printed page: a line that falls on
    // another page shows here. Counted, not read in order, because pdftotext reads a masthead's
    // side-by-side items in its own order; the PDF has more (编者按, list numbers: text the CSS
    // generates, which the page's DOM does not hold).
    const screenPages = await page.evaluate(() => {
      const pitch = (210 * 96) / 25.4;
      const left = document.body.getBoundingClientRect().left + window.scrollX;
      const pages: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.briefs-page-number, .watermark, script, style')) continue;
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i])) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          const p = Math.floor((rect.left + window.scrollX - left + 1) / pitch);
          pages[p] = (pages[p] ?? '') + text[i];
        }
      }
      return Array.from(pages, (p) => p ?? '');
    });
    const notPrinted = (screen: string, printed: string) => {
      const left = [...printed];
      return [...screen].filter((c) => {
        const i = left.indexOf(c);
        if (i >= 0) left.splice(i, 1);
        return i < 0;
      });
    };
    const printedPages = Array.from({ length: printed.pages }, (_, i) =>
      compact(pdfText(path.resolve(printed.pdf), { first: i + 1, last: i + 1 }).replace(/—\s*\d+\s*—/g, '')),
    );
    expect(screenPages).toHaveLength(printed.pages);
    screenPages.forEach((text, i) => {
      expect(text.length, `page ${i + 1}`).toBeGreaterThan(printedPages[i].length * 0.9);
      expect(notPrinted(text, printedPages[i]), `page ${i + 1}`).toEqual([]);
    });
  });

  it('serves no file from outside the workspace, however the path is encoded, and answers only to its own name', async () => {
    const get = (p: string, host?: string) =>
      new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
        const u = new URL(preview.url);
        http
          .get({ host: u.hostname, port: u.port, path: `${p}${p.includes('?') ? '&' : '?'}token=${preview.token}`, headers: host ? { host } : {} }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
          })
          .on('error', reject);
      });
    const ok = await get('/_workspace/briefs/assets/society-reports.svg');
    expect(ok.status).toBe(200);
    expect(ok.headers['cross-origin-resource-policy']).toBe('same-origin');
    for (const p of [
      '/_workspace/../../../../etc/passwd',
      '/_workspace/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/_workspace/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/_workspace/%2fetc%2fpasswd',
      '/_workspace/briefs%2fassets%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/_fonts/noto-serif-sc/..%2f..%2f..%2f..%2fpackage.json',
      '/_fonts/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/_workspace/briefs/submissions/jianyi/jy-2026-001.md',
      '/_workspace/%252e%252e/%252e%252e/etc/passwd',
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(r.body, p).not.toMatch(/root:|"name"|contact/);
    }
    expect((await get('/', 'evil.example')).status).toBe(403);
    // Markup in any path segment it echoes comes back as text, never as markup.
    const markup = encodeURIComponent(
      '<meta http-equiv="refresh" content="0;url=https://evil.example"><form action="https://evil.example"><script>x()</script>',
    );
    for (const p of [
      `/submissions/${markup}`,
      `/issues/${markup}/2026/1`,
      `/issues/jianyi/${markup}/1`,
      `/issues/jianyi/2026/${markup}`,
      `/issues/jianyi/2026/1?x=${markup}`,
    ]) {
      const r = await get(p);
      expect(r.body, p).not.toMatch(/<meta http-equiv="refresh"|<form|<script>x/i);
    }
  });

  it('answers nothing without its token, and the token’s first page lets the browser in by a cookie', async () => {
    const u = new URL(preview.url);
    const get = (p: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string; cookie?: string[] }>((resolve, reject) => {
        http
          .get({ host: u.hostname, port: u.port, path: p, headers }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookie: res.headers['set-cookie'] }));
          })
          .on('error', reject);
      });
    const wrong = 'f'.repeat(preview.token.length);
    for (const p of [
      '/',
      '/issues/jianyi/2026/1',
      '/submissions/jy-2026-005',
      '/_workspace/briefs/assets/society-reports.svg',
      '/_fonts/lxgw-wenkai-webfont/lxgwwenkai-regular.css',
      '/_events',
    ]) {
      for (const [path_, headers] of [
        [p, {}],
        [`${p}?token=${wrong}`, {}],
        [`${p}?token=`, {}],
        [p, { cookie: `briefs-preview-${u.port}=${wrong}` }],
        // another preview's cookie (cookies do not tell ports apart) is not this one's
        [p, { cookie: `briefs-preview-1=${preview.token}` }],
      ] as [string, Record<string, string>][]) {
        const r = await get(path_, headers);
        expect(r.status, `${path_} ${JSON.stringify(headers)}`).toBe(403);
        expect(r.body).not.toMatch(/科技|<svg|@font-face|data:/);
        expect(r.cookie).toBeUndefined();
      }
    }
    const first = await get(`/issues/jianyi/2026/1?token=${preview.token}`);
    expect(first.status).toBe(200);
    const cookie = first.cookie![0].split(';')[0];
    expect(first.cookie![0]).toMatch(/HttpOnly; SameSite=Strict/);
    expect((await get('/_workspace/briefs/assets/society-reports.svg', { cookie })).status).toBe(200);
    expect((await get('/', { cookie })).status).toBe(200);
    // The address briefs prints carries the token.
    expect(preview.link('/issues/jianyi/2026/1')).toBe(`${preview.url}/issues/jianyi/2026/1?token=${preview.token}`);
  });

  it('titles a proof by its piece, not 第0期, and refuses live-reload streams past its bound', async () => {
    await page.goto(preview.link('/submissions/jy-2026-005'), { waitUntil: 'load' });
    const title = await page.title();
    expect(title).toContain('稿件校样');
    expect(title).not.toContain('第0期');
    const u = new URL(preview.url);
    const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_EVENT_CLIENTS + 10 });
    const open = () =>
      new Promise<{ status: number; req: http.ClientRequest }>((resolve, reject) => {
        const req = http.get({ host: u.hostname, port: u.port, path: `/_events?token=${preview.token}`, agent }, (res) => {
          resolve({ status: res.statusCode ?? 0, req });
          if (res.statusCode !== 200) res.resume();
        });
        req.on('error', reject);
      });
    const streams = await Promise.all(Array.from({ length: MAX_EVENT_CLIENTS + 5 }, open));
    try {
      // The page opened in the browser above holds a stream of its own.
      expect(streams.filter((x) => x.status === 200).length).toBeLessThanOrEqual(MAX_EVENT_CLIENTS);
      expect(streams.filter((x) => x.status === 503).length).toBeGreaterThanOrEqual(5);
    } finally {
      for (const x of streams) x.req.destroy();
      agent.destroy();
    }
  });

  it('with --pdf, prints the issue in focus at start and again on every change', async () => {
    const pdfPreview = await startPreview({
      flags: { root: dir },
      port: 0,
      host: '127.0.0.1',
      pdf: true,
      issue: 'jianyi/2026/2',
      lang: 'en',
      timeout: 60_000,
      log: () => undefined,
    });
    try {
      const pdf = path.join(dir, 'dist/jianyi-2026-002.pdf');
      // The first print is done when its PDF is in place (written whole, by rename).
      await expect.poll(() => statSync(pdf, { throwIfNoEntry: false })?.mtimeMs ?? 0, { timeout: 60_000, interval: 100 }).toBeGreaterThan(0);
      const first = statSync(pdf).mtimeMs;
      const file = path.join(dir, 'briefs/submissions/jianyi/jy-2026-003.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace('三是新兴领域审查经验欠缺', '三是新兴领域的审查经验欠缺'));
      await expect.poll(() => statSync(pdf).mtimeMs, { timeout: 30_000, interval: 200 }).toBeGreaterThan(first);
      expect(compact(pdfText(pdf))).toContain('三是新兴领域的审查经验欠缺');
    } finally {
      await pdfPreview.close();
    }
  });

  it('stops cleanly and promptly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [path.join(repo, 'bin/briefs.js'), '--root', dir, 'preview', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`preview did not start: ${err}`)), 30_000);
      child.stderr.on('data', () => {
        if (err.includes('Ctrl-C')) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    const started = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(err).toContain('stopping');
  });
});

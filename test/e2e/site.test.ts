/**
 * The web edition (briefs site), served as a static host would serve it and searched in real
 * Chromium with Pagefind: words taken from article bodies find their article first, a filter
 * narrows the results, every link of every page resolves, no request leaves the server, a
 * draft's text is nowhere, and a rerun with nothing changed writes nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../src/print/browser.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
let site: string;
let server: Server;
let origin: string;
let browser: Browser;
let built: { code: number; stdout: string; stderr: string };
const outside: string[] = [];

/** Every file of the site, with / between folders. */
const filesOf = (root: string, sub = ''): string[] =>
  readdirSync(path.join(root, sub), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(root, `${sub}${e.name}/`) : [`${sub}${e.name}`]));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-site-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  // With the OFD edition, which the site publishes beside the PDF.
  const generated = await runCli(['--root', dir, 'generate', '--ofd']);
  expect(generated.code, generated.stderr).toBe(0);
  built = await runCli(['--root', dir, 'site', '--json']);
  site = path.join(dir, 'dist/site');
  // A static host under a sub-path, as an intranet would serve it.
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = decodeURIComponent(url.pathname).replace(/^\/bulletins\//, '');
    const file = path.join(site, rel.endsWith('/') || rel === '' ? `${rel}index.html` : rel);
    if (!file.startsWith(site) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    const type = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.pdf': 'application/pdf' }[
      path.extname(file)
    ];
    res.writeHead(200, type ? { 'content-type': type } : {}).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, args: chromiumArgs(process.getuid?.() === 0) });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Pagefind's own search, in a page of the site; the results' URLs in order (and their filters). */
async function search(term: string, filters: Record<string, string> = {}): Promise<string[]> {
  const page = await browser.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
  });
  try {
    await page.goto(`${origin}/bulletins/index.html`, { waitUntil: 'load' });
    return await page.evaluate(
      async (term, filters) => {
        const load = new Function('url', 'return import(url)') as (
          url: string,
        ) => Promise<{ search(t: string, o: object): Promise<{ results: { data(): Promise<{ url: string }> }[] }> }>;
        const pagefind = await load(new URL('pagefind/pagefind.js', location.href).href);
        const found = await pagefind.search(term, { filters });
        return Promise.all(found.results.map(async (r) => (await r.data()).url));
      },
      term,
      filters,
    );
  } finally {
    await page.close();
  }
}

describe('the web edition', () => {
  it('builds every final issue, and says so in --json', () => {
    expect(built.code, built.stderr).toBe(0);
    const json = JSON.parse(built.stdout) as { site: { dir: string; pages: number; issues: number; articles: number; index: string } };
    expect(json.site.issues).toBeGreaterThan(1);
    expect(json.site.articles).toBeGreaterThan(json.site.issues);
    // Paths in --json are relative to the current folder, as every command's are.
    expect(path.resolve(json.site.dir)).toBe(site);
    expect(existsSync(path.join(path.resolve(json.site.index), 'pagefind.js'))).toBe(true);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('<html lang="zh-CN">');
    // An issue's page opens with its masthead: the bulletin's name, then the issue and its date.
    const issue = readFileSync(path.join(site, 'qingkuang/2026/001/index.html'), 'utf8');
    expect(issue).toMatch(/<h1 class="masthead"><span class="name">科技界情况<\/span><span class="number">《科技界情况》2026年第1期<\/span><\/h1>/);
  });

  it('finds an article first by two- and four-character words and a phrase from its body', async () => {
    // Each term taken from one article's body, and checked to be in no other article's text.
    const article = 'qingkuang/2026/001/1.html';
    const text = readFileSync(path.join(site, article), 'utf8');
    const others = filesOf(site)
      .filter((f) => /\/\d+\.html$/.test(f) && f !== article)
      .map((f) => readFileSync(path.join(site, f), 'utf8'));
    for (const term of ['范式', '大模型', '生成式人工智能']) {
      expect(text, term).toContain(term);
      expect(others.filter((o) => o.includes(term)).length, term).toBe(0);
      const urls = await search(term);
      // Only articles are indexed: the issue, year and index pages that list them are not results.
      expect(
        urls.every((u) => /\/\d+\.html$/.test(u)),
        urls.join(' '),
      ).toBe(true);
      expect(urls[0], term).toMatch(new RegExp(`${article.replace(/\./g, '\\.')}$`));
    }
  });

  it('answers from the search box of any page, its first result the article, linked relative to that page', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/bulletins/jianyi/2026/001/index.html`, { waitUntil: 'load' });
      await page.type('#search input', '大模型');
      await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
      const first = await page.$eval('.pagefind-ui__result-link', (a) => ({ href: (a as HTMLAnchorElement).href, text: a.textContent ?? '' }));
      expect(first.href).toBe(`${origin}/bulletins/qingkuang/2026/001/1.html`);
      expect(first.text).toContain('大模型');
    } finally {
      await page.close();
    }
  });

  it('sorts the results by the issue’s date, newest first, when asked', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/bulletins/index.html`, { waitUntil: 'load' });
      await page.type('#search input', '科技');
      await page.waitForSelector('.pagefind-ui__result-link', { timeout: 15_000 });
      await page.select('#sort', 'desc');
      await page.waitForFunction(() => document.querySelectorAll('.pagefind-ui__result-link').length > 2, { timeout: 15_000 });
      await new Promise((r) => setTimeout(r, 500));
      const links = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => (a as HTMLAnchorElement).href));
      const dates = links.map(
        (u) => /data-pagefind-sort="date:([\d-]+)"/.exec(readFileSync(path.join(site, new URL(u).pathname.replace(/^\/bulletins\//, '')), 'utf8'))![1],
      );
      expect(dates.length).toBeGreaterThan(2);
      expect(dates).toEqual([...dates].sort().reverse());
      expect(new Set(dates).size).toBeGreaterThan(1);
    } finally {
      await page.close();
    }
  });

  it('narrows the results by a filter', async () => {
    const all = await search('科技');
    const one = await search('科技', { 刊物: '科技工作者建议' });
    expect(one.length).toBeGreaterThan(0);
    expect(one.length).toBeLessThan(all.length);
    expect(one.every((u) => u.includes('/jianyi/'))).toBe(true);
  });

  it('gives each issue its PDF and OFD editions, copied into files/, the same bytes', () => {
    const page = readFileSync(path.join(site, 'jianyi/2026/001/index.html'), 'utf8');
    for (const ext of ['pdf', 'ofd']) {
      expect(page).toContain(`files/jianyi-2026-001.${ext}`);
      expect(readFileSync(path.join(site, `files/jianyi-2026-001.${ext}`)).equals(readFileSync(path.join(dir, `dist/jianyi-2026-001.${ext}`)))).toBe(true);
    }
  });

  it('resolves every link of every page, and reaches no other host', () => {
    const broken: string[] = [];
    for (const file of filesOf(site).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(path.join(site, file), 'utf8');
      for (const m of html.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^[a-z]+:/i.test(m[1]) || m[1].startsWith('//')) broken.push(`${file}: ${m[1]} leaves the site`);
        else if (!existsSync(path.join(site, path.dirname(file), decodeURIComponent(m[1])))) broken.push(`${file}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
    expect(outside).toEqual([]);
  });

  it('holds no draft: not its issue, not its articles', async () => {
    const draft = readFileSync(path.join(dir, 'briefs/issues/qingkuang/2026/003.md'), 'utf8');
    expect(draft).toMatch(/status:\s*draft/);
    expect(existsSync(path.join(site, 'qingkuang/2026/003'))).toBe(false);
    // Its submissions are in no final issue: their titles and bodies must be nowhere.
    const all = filesOf(site)
      .filter((f) => !f.startsWith('files/'))
      .map((f) => readFileSync(path.join(site, f), 'utf8'))
      .join('\n');
    expect(all).not.toContain('2026年第3期');
    for (const id of ['qk-2026-006', 'qk-2026-007']) {
      const text = readFileSync(path.join(dir, `briefs/submissions/qingkuang/${id}.md`), 'utf8');
      const title = /^title:\s*(.+)$/m.exec(text)![1].replace(/^["']|["']$/g, '');
      expect(all, id).not.toContain(title);
      const phrase = /[\u4e00-\u9fff]{8,}/.exec(text.slice(text.indexOf('---', 4)))![0];
      expect(all, id).not.toContain(phrase);
      expect(await search(phrase.slice(0, 4))).not.toContainEqual(expect.stringContaining('qingkuang/2026/003'));
    }
  });

  it('gives the same bytes from the same input, and its interface in English with --lang en', async () => {
    const other = path.join(dir, 'other-site');
    const again = await runCli(['--root', dir, 'site', '--out', other]);
    expect(again.code, again.stderr).toBe(0);
    const mine = filesOf(site).sort();
    expect(filesOf(other).sort()).toEqual(mine);
    for (const f of mine) expect(readFileSync(path.join(other, f)).equals(readFileSync(path.join(site, f))), f).toBe(true);
    const english = path.join(dir, 'english-site');
    const en = await runCli(['--root', dir, '--lang', 'en', 'site', '--out', english]);
    expect(en.code, en.stderr).toBe(0);
    const home = readFileSync(path.join(english, 'index.html'), 'utf8');
    expect(home).toContain('<html lang="en">');
    expect(home).toContain('Latest issues');
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toContain('最新各期');
  });

  it('refuses a folder that holds other files rather than empty it', async () => {
    const elsewhere = path.join(dir, 'notes');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, '会议纪要.docx'), 'not a site');
    const r = await runCli(['--root', dir, 'site', '--out', elsewhere]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a site briefs made; nothing was written/);
    expect(readdirSync(elsewhere)).toEqual(['会议纪要.docx']);
  });

  it('publishes no file a link in the output folder points to', async () => {
    // The workspace and its output folder, without its site.
    const planted = mkdtempSync(path.join(os.tmpdir(), 'briefs-site-planted-'));
    cpSync(path.join(dir, 'briefs'), path.join(planted, 'briefs'), { recursive: true });
    cpSync(path.join(dir, 'dist'), path.join(planted, 'dist'), { recursive: true, filter: (src) => !src.includes(`${path.sep}site`) });
    const secret = path.join(dir, 'secret.txt');
    writeFileSync(secret, '机密：不得公开');
    const pdf = path.join(planted, 'dist/qingkuang-2026-001.pdf');
    rmSync(pdf);
    symlinkSync(secret, pdf);
    const r = await runCli(['--root', planted, 'site']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(planted, 'dist/site/files/qingkuang-2026-001.pdf'))).toBe(false);
    expect(existsSync(path.join(planted, 'dist/site/files/jianyi-2026-001.pdf'))).toBe(true);
    rmSync(planted, { recursive: true, force: true });
  });

  it('writes nothing when nothing changed, and the same bytes again', async () => {
    const before = new Map(filesOf(site).map((f) => [f, statSync(path.join(site, f)).mtimeMs]));
    const again = await runCli(['--root', dir, 'site']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/up to date|未改动/);
    for (const [f, t] of before) expect(statSync(path.join(site, f)).mtimeMs, f).toBe(t);
  });
});

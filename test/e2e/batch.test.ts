/**
 * generate for CI: incremental by fingerprint, reproducible to the byte, robust to a crash, a
 * hang and a signal.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { generate, type IssueResult } from '../../src/generate/generate.js';
import { loadProject } from '../../src/workspace/project.js';
import { loadConfig } from '../../src/config/load.js';
import { BrowserPool } from '../../src/print/browser.js';
import { profilesDir } from '../../src/print/profiles.js';
import { pdfInfo, pdfText } from '../helpers/pdf.js';
import { chromiumWith, groupOf, killBrowserOf } from '../helpers/chromium.js';
import { runCli } from '../helpers/run-cli.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
const out = () => path.join(dir, 'dist');
const two = ['jianyi/2026/1', 'jianyi/2026/2'];

async function gen(...args: string[]): Promise<{ code: number; issues: Record<string, IssueResult['status']>; stderr: string }> {
  const r = await runCli(['--root', dir, 'generate', '--json', ...args]);
  const issues = r.stdout ? Object.fromEntries(JSON.parse(r.stdout).issues.map((i: { id: string; status: string }) => [i.id, i.status])) : {};
  return { code: r.code, issues, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-batch-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incremental generation', () => {
  it('prints what changed and nothing else; with nothing changed, no browser starts', async () => {
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'printed', 'jianyi/2026/2': 'printed' });
    // No browser is needed when nothing changed: one that cannot start does not matter.
    const before = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chrome';
    try {
      const again = await gen(...two);
      expect(again.code).toBe(0);
      expect(again.issues).toEqual({ 'jianyi/2026/1': 'cached', 'jianyi/2026/2': 'cached' });
    } finally {
      if (before === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = before;
    }
    // A submission of one issue.
    const s = path.join(dir, 'briefs/submissions/jianyi/jy-2026-003.md');
    writeFileSync(s, readFileSync(s, 'utf8').replace('一是专业人员不足。', '一是专业人员明显不足。'));
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'cached', 'jianyi/2026/2': 'printed' });
    // An image of one issue.
    const svg = path.join(dir, 'briefs/assets/society-reports.svg');
    writeFileSync(svg, readFileSync(svg, 'utf8').replace('#8c1d18', '#1d4e8c'));
    expect((await gen('qingkuang/2026/2', ...two)).issues).toEqual({ 'jianyi/2026/1': 'cached', 'jianyi/2026/2': 'cached', 'qingkuang/2026/2': 'printed' });
    writeFileSync(svg, readFileSync(svg, 'utf8').replace('#1d4e8c', '#8c1d18'));
    expect((await gen('qingkuang/2026/2')).issues).toEqual({ 'qingkuang/2026/2': 'printed' });
  });

  it('prints again after a template or a font setting changes, and everything with --force', async () => {
    mkdirSync(path.join(dir, 'templates/styles'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/styles/local.css'), '.bulletin-name { letter-spacing: 0.2em; }\n');
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'printed', 'jianyi/2026/2': 'printed' });
    // A partial: markup only, no style.
    mkdirSync(path.join(dir, 'templates/partials'), { recursive: true });
    writeFileSync(
      path.join(dir, 'templates/partials/note.hbs'),
      readFileSync(path.join(repo, 'templates/partials/note.hbs'), 'utf8').replace('aria-label="编者按"', 'aria-label="按语"'),
    );
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'printed', 'jianyi/2026/2': 'printed' });
    writeFileSync(path.join(dir, 'briefs.config.yaml'), 'fonts:\n  fang: [仿宋_GB2312]\n');
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'printed', 'jianyi/2026/2': 'printed' });
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'cached', 'jianyi/2026/2': 'cached' });
    expect((await gen('--force', 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'printed' });
    // A PDF deleted by hand is printed again.
    rmSync(path.join(out(), 'jianyi-2026-002.pdf'));
    expect((await gen(...two)).issues).toEqual({ 'jianyi/2026/1': 'cached', 'jianyi/2026/2': 'printed' });
  });
});

describe('a rerun with nothing changed', () => {
  it("renders nothing: the render's problems come from the manifest, and a changed image or a manifest from before the key costs a render", async () => {
    const outDir = path.join(dir, 'out-keys');
    const manifestFile = path.join(outDir, '.briefs-manifest.json');
    const sub = path.join(dir, 'briefs/submissions/jianyi/jy-2026-001.md');
    const original = readFileSync(sub, 'utf8');
    const svg = path.join(dir, 'briefs/assets/society-reports.svg');
    const picture = readFileSync(svg);
    const manifest = () => JSON.parse(readFileSync(manifestFile, 'utf8')).issues;
    try {
      writeFileSync(sub, `${original}\n<iframe src="https://example.org/"></iframe>\n`);
      const first = await gen('--out', outDir, 'jianyi/2026/1', 'qingkuang/2026/2');
      expect(first.issues).toEqual({ 'jianyi/2026/1': 'printed', 'qingkuang/2026/2': 'printed' });
      expect(first.stderr).toMatch(/raw HTML was removed: <iframe>/);
      // What the render found is said again on a rerun.
      const again = await gen('--out', outDir, 'jianyi/2026/1', 'qingkuang/2026/2');
      expect(again.issues).toEqual({ 'jianyi/2026/1': 'cached', 'qingkuang/2026/2': 'cached' });
      expect(again.stderr).toMatch(/raw HTML was removed: <iframe>/);
      // From the manifest, not from a render: a note changed there is the one reported.
      const m = manifest();
      expect(m['jianyi/2026/1'].notes).toHaveLength(1);
      m['jianyi/2026/1'].notes[0].message = 'as the manifest says';
      writeFileSync(manifestFile, JSON.stringify({ issues: m }));
      const fromManifest = await gen('--out', outDir, 'jianyi/2026/1');
      expect(fromManifest.stderr).toMatch(/as the manifest says/);
      expect(fromManifest.stderr).not.toMatch(/raw HTML was removed/);
      // A manifest from before the key: rendered to be checked, found up to date, the key recorded.
      for (const e of Object.values(m) as Record<string, unknown>[]) delete e.inputs;
      writeFileSync(manifestFile, JSON.stringify({ issues: m }));
      const old = await gen('--out', outDir, 'jianyi/2026/1', 'qingkuang/2026/2');
      expect(old.issues).toEqual({ 'jianyi/2026/1': 'cached', 'qingkuang/2026/2': 'cached' });
      expect(old.stderr).toMatch(/raw HTML was removed: <iframe>/);
      expect(manifest()['jianyi/2026/1'].inputs).toMatch(/^[0-9a-f]{64}$/);
      expect(manifest()['qingkuang/2026/2'].images).toEqual(['briefs/assets/society-reports.svg']);
      // An image gone, then back with other bytes: the unchanged Markdown does not hide either.
      rmSync(svg);
      const gone = await gen('--out', outDir, 'qingkuang/2026/2');
      expect(gone.issues).toEqual({ 'qingkuang/2026/2': 'failed' });
      expect(gone.stderr).toMatch(/society-reports\.svg" does not exist/);
      writeFileSync(svg, picture.toString('utf8').replace('#8c1d18', '#1d4e8c'));
      expect((await gen('--out', outDir, 'qingkuang/2026/2')).issues).toEqual({ 'qingkuang/2026/2': 'printed' });
    } finally {
      writeFileSync(sub, original);
      writeFileSync(svg, picture);
    }
  });
});

describe('a PDF is up to date only when its bytes are the ones recorded', () => {
  it('prints again after a kill between the PDF and the manifest, and after a same-size change by hand', async () => {
    const outDir = path.join(dir, 'out-stale');
    const manifestFile = path.join(outDir, '.briefs-manifest.json');
    const pdf = path.join(outDir, 'jianyi-2026-001.pdf');
    const issue = path.join(dir, 'briefs/issues/jianyi/2026/001.md');
    const original = readFileSync(issue, 'utf8');
    expect((await gen('--out', outDir, 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'printed' });
    const manifestOfA = readFileSync(manifestFile);
    // The manifest is written as each PDF is: it already names the new PDF when the run ends.
    writeFileSync(issue, original.replace(/^editor: .*$/m, 'editor: 王编辑'));
    expect((await gen('--out', outDir, 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'printed' });
    expect(pdfText(pdf)).toContain('王编辑');
    expect(readFileSync(manifestFile).equals(manifestOfA)).toBe(false);
    // A run killed after the new PDF was renamed into place, before the manifest was written:
    // the manifest still describes the first PDF. The issue file is then reverted.
    writeFileSync(manifestFile, manifestOfA);
    writeFileSync(issue, original);
    try {
      expect((await gen('--out', outDir, 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'printed' });
      expect(pdfText(pdf)).not.toContain('王编辑');
      // One byte changed by hand, same size.
      const bytes = readFileSync(pdf);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      writeFileSync(pdf, bytes);
      expect((await gen('--out', outDir, 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'printed' });
      expect((await gen('--out', outDir, 'jianyi/2026/1')).issues).toEqual({ 'jianyi/2026/1': 'cached' });
    } finally {
      writeFileSync(issue, original);
    }
  });
});

describe('a wrong first guess', () => {
  it('costs a print, not a page: the corrected PDF has the pages of a right guess', async () => {
    const right = path.join(dir, 'out-right');
    const atEnd = path.join(dir, 'out-end');
    const wrong = path.join(dir, 'out-wrong');
    const r1 = await runCli(['--root', dir, 'generate', 'qingkuang/2026/1', '--out', right, '--json']);
    expect(JSON.parse(r1.stdout).issues[0].prints).toBe(1);
    expect(r1.stderr).not.toContain('notes-at-end');
    const pages = (out: string) => pdfText(path.join(out, 'qingkuang-2026-001.pdf')).split('\f');
    // Its note stands at the foot of the page of its reference, not at the end of its report.
    const withNote = pages(right).find((p) => p.includes('本次调研采取'))!;
    expect(withNote).toContain('征求了部分一线科技工作者的意见');
    // The same issue with its notes closing the articles (尾注), for the wrong guess below.
    writeFileSync(path.join(dir, 'briefs.config.yaml'), 'bulletins:\n  qingkuang:\n    notes: end\n');
    try {
      expect((await runCli(['--root', dir, 'generate', 'qingkuang/2026/1', '--out', atEnd])).code).toBe(0);
    } finally {
      rmSync(path.join(dir, 'briefs.config.yaml'), { force: true });
    }
    expect(pages(atEnd)).not.toEqual(pages(right));
    // Paragraphs three lines tall on screen only: the columns guess every later page wrong.
    // The marks correct the articles' pages and the 报尾; notes set for a page by the wrong
    // guess come out elsewhere, so they close their articles, with a warning.
    mkdirSync(path.join(dir, 'templates/styles'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/styles/local.css'), '@media screen { html.briefs-paged .article-body p { line-height: 87pt; } }\n');
    try {
      const r2 = await runCli(['--root', dir, 'generate', 'qingkuang/2026/1', '--out', wrong, '--json']);
      expect(r2.code, r2.stderr).toBe(0);
      const [issue] = JSON.parse(r2.stdout).issues;
      expect(issue.prints).toBeGreaterThan(1);
      expect(r2.stderr).toContain('notes-at-end');
      expect(pages(wrong)).toEqual(pages(atEnd));
    } finally {
      rmSync(path.join(dir, 'templates'), { recursive: true, force: true });
    }
  });
});

describe('the parse cache', () => {
  it('reads what it parsed before from the cache, drops it when the bulletin settings change, and survives a broken one', async () => {
    const outDir = path.join(dir, 'out-cache');
    const cacheFile = path.join(outDir, '.briefs-parse-cache.json');
    const htmlTitles = async () => {
      const r = await gen('--force', '--html', '--out', outDir, 'jianyi/2026/2');
      expect(r.code, r.stderr).toBe(0);
      return [...readFileSync(path.join(outDir, 'jianyi-2026-002.html'), 'utf8').matchAll(/<h3 class="article-title">(.*?)<\/h3>/g)].map((m) =>
        m[1].replace(/<[^>]*>/g, ''),
      );
    };
    expect(await htmlTitles()).toContain('关于加强科技伦理审查能力建设的建议');
    // The cached entry of an unchanged file is what the next run uses: a doctored title shows.
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, { value: { title?: string } | null }> };
    const key = Object.keys(cache.files).find((k) => k.startsWith('briefs/submissions/jianyi/jy-2026-003.md\n'))!;
    cache.files[key].value!.title = '缓存里的标题';
    writeFileSync(cacheFile, JSON.stringify(cache));
    expect(await htmlTitles()).toContain('缓存里的标题');
    // Other bulletin settings: everything is parsed again.
    const config = path.join(dir, 'briefs.config.yaml');
    const before = existsSync(config) ? readFileSync(config, 'utf8') : undefined;
    writeFileSync(config, `${before ?? ''}\nbulletins:\n  jianyi:\n    maxChars: 12000\n`);
    try {
      expect(await htmlTitles()).toContain('关于加强科技伦理审查能力建设的建议');
    } finally {
      if (before === undefined) rmSync(config);
      else writeFileSync(config, before);
    }
    writeFileSync(cacheFile, '{ not json');
    expect(await htmlTitles()).toContain('关于加强科技伦理审查能力建设的建议');
    // The right stamp, entries of the wrong shape: each is parsed again, none crashes the run.
    const good = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, unknown> };
    const keys = Object.keys(good.files);
    good.files[keys[0]] = {};
    good.files[keys[1]] = { value: {}, diagnostics: [] };
    good.files[keys[2]] = { value: null, diagnostics: [null] };
    writeFileSync(cacheFile, JSON.stringify(good));
    expect(await htmlTitles()).toContain('关于加强科技伦理审查能力建设的建议');
    expect(JSON.parse(readFileSync(cacheFile, 'utf8')).files).toBeTruthy();
  });
});

describe('reproducible output', () => {
  it('gives byte-identical PDFs from two clean runs, with a content ID and no paths inside', async () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'briefs-a-'));
    try {
      // Alone in a new page, and (in the suite's one print of the sample, test/global-setup.ts)
      // after the jianyi issues in the same reused page.
      await runCli(['--root', repo, 'generate', 'qingkuang/2026/1', '--out', a]);
      const all = inject('sample');
      expect(
        JSON.parse(all.summary)
          .issues.map((i: { id: string }) => i.id)
          .indexOf('qingkuang/2026/1'),
      ).toBeGreaterThan(0);
      const pa = readFileSync(path.join(a, 'qingkuang-2026-001.pdf'));
      const pb = readFileSync(path.join(all.out, 'qingkuang-2026-001.pdf'));
      expect(pa.equals(pb)).toBe(true);
      const text = pa.toString('latin1');
      // Booleans, not the text: a failure would otherwise print the whole PDF.
      expect(/\/ID \[ ?<[0-9A-F]{32}> <[0-9A-F]{32}> ?\]/.test(text), 'a content-derived /ID').toBe(true);
      for (const leak of [repo, a, os.tmpdir(), 'briefs.invalid', 'file://']) expect(text.includes(leak), leak).toBe(false);
      expect(pdfInfo(path.join(a, 'qingkuang-2026-001.pdf')).CreationDate).toMatch(/^2026-03-10/);
    } finally {
      rmSync(a, { recursive: true, force: true });
    }
  });
});

describe('robust printing', () => {
  it('reports a page that hangs past --timeout, and exits 1 while the rest of the run goes on', async () => {
    const r = await gen('--timeout', '1', '--out', path.join(dir, 'out-timeout'), 'jianyi/2026/3');
    expect(r.code).toBe(1);
    expect(r.issues).toEqual({ 'jianyi/2026/3': 'failed' });
    expect(r.stderr).toMatch(/printing failed: .*(timeout|Timeout|exceeded)/);
  });

  it('starts a crashed browser again once and prints the issues it took down', async () => {
    const project = await loadProject(await loadConfig({ root: repo }));
    const pool = new BrowserPool({ jobs: 2, timeout: 60_000, restarts: 1 });
    const target = mkdtempSync(path.join(os.tmpdir(), 'briefs-crash-'));
    let killed = false;
    try {
      const results = await generate(project, project.issues, {
        outDir: target,
        html: false,
        jobs: 2,
        timeout: 60_000,
        pool,
        onResult: () => {
          if (killed) return;
          killed = true;
          killBrowserOf(process.pid);
        },
      });
      expect(results.map((r) => r.status)).toEqual(Array(project.issues.length).fill('printed'));
      expect(pool.crashes).toBe(1);
    } finally {
      await pool.close();
      rmSync(target, { recursive: true, force: true });
    }
  });

  it('closes the browser once the last print is in, while the run still finishes its files', async () => {
    const project = await loadProject(await loadConfig({ root: repo }));
    const pool = new BrowserPool({ jobs: 2, timeout: 60_000 });
    const target = mkdtempSync(path.join(os.tmpdir(), 'briefs-finish-'));
    let browser: import('puppeteer-core').Browser | undefined;
    const connectedAtResult: boolean[] = [];
    try {
      await pool.withPage(async (page) => {
        browser = page.browser();
      });
      const results = await generate(project, project.issues.slice(0, 2), {
        outDir: target,
        html: false,
        jobs: 1,
        timeout: 60_000,
        pool,
        // One at a time: when the first issue is written, the second is still to print.
        onResult: () => connectedAtResult.push(browser!.connected),
        printsDone: () => pool.finish(),
      });
      expect(results.map((r) => r.status)).toEqual(['printed', 'printed']);
      expect(connectedAtResult[0]).toBe(true);
      // Closed once the last print was in, before the command closes the pool.
      await vi.waitFor(() => expect(browser!.connected).toBe(false), { timeout: 10_000, interval: 20 });
      await expect(pool.withPage(async () => undefined)).rejects.toThrow(/interrupted/);
    } finally {
      await pool.close();
      rmSync(target, { recursive: true, force: true });
    }
  });

  describe('closing a browser that does not go', () => {
    /**
     * Starts a pool's browser, stops (SIGSTOP) the processes of its group that `stop` picks, and
     * closes the pool: nothing of the browser may be left, within seconds.
     */
    async function closesLeavingNothing(stop: (p: { pid: number; cmdline: string }, leader: number) => boolean): Promise<void> {
      const pool = new BrowserPool({ jobs: 1, timeout: 60_000 });
      let leader = 0;
      await pool.withPage(async (page) => {
        await page.setContent('<p>正文</p>');
        leader = page.browser().process()!.pid!;
      });
      const stopped = groupOf(leader)
        .filter((p) => stop(p, leader))
        .map((p) => p.pid);
      expect(stopped.length).toBeGreaterThan(0);
      for (const p of stopped) process.kill(p, 'SIGSTOP');
      try {
        await pool.close();
        await vi.waitFor(() => expect(groupOf(leader).map((p) => p.pid)).toEqual([]), { timeout: 5_000, interval: 50 });
      } finally {
        for (const p of stopped)
          try {
            process.kill(p, 'SIGKILL');
          } catch {
            // gone
          }
      }
    }

    it('is closed within seconds when its child processes never finish, and nothing of it is left', async () => {
      // Every process but the main one stopped: asked to close, Chromium never exits. puppeteer
      // waits for that without a bound; this held runs (and the suite) for minutes.
      await closesLeavingNothing((p, leader) => p.pid !== leader);
    }, 60_000);

    it('takes down a renderer stuck in its work, which outlives a browser that closed', async () => {
      // A stuck renderer keeps the run's DevTools pipe open: the run would never exit.
      await closesLeavingNothing((p) => p.cmdline.includes('--type=renderer'));
    }, 60_000);
  });

  it('after kill -9, Chromium is gone at once and the next run clears the profile and the temporaries', async () => {
    const target = path.join(dir, 'out-kill9');
    const child = spawn(process.execPath, [path.join(repo, 'bin/briefs.js'), '--root', repo, 'generate', '--force', '--jobs', '1', '--out', target], {
      stdio: 'ignore',
    });
    const pid = child.pid!;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const profileOf = () => (existsSync(profilesDir()) ? readdirSync(profilesDir()).find((n) => n.startsWith(`${pid}-`)) : undefined);
    const profile = await vi.waitFor(
      () => {
        const found = profileOf();
        if (!found) throw new Error('no browser profile yet');
        return found;
      },
      { timeout: 30_000, interval: 50 },
    );
    // Wait until the browser runs, then kill the run with a signal no handler sees.
    await vi.waitFor(() => expect(chromiumWith(profile), 'Chromium runs with the profile').toBe(true), { timeout: 10_000, interval: 50 });
    // It talks over a pipe: no DevTools port another local process could connect to.
    expect(chromiumWith(profile, '--remote-debugging-pipe')).toBe(true);
    expect(chromiumWith(profile, '--remote-debugging-port')).toBe(false);
    child.kill('SIGKILL');
    await exited;
    await vi.waitFor(() => expect(chromiumWith(profile), 'Chromium died with the run').toBe(false), { timeout: 5_000, interval: 50 });
    // What a kill between write and rename leaves, named as writeAtomic names it.
    mkdirSync(target, { recursive: true });
    const stale = path.join(target, `.jianyi-2026-001.pdf.${pid}.0123abcd.tmp`);
    writeFileSync(stale, 'half a PDF');
    const r = await runCli(['--root', repo, 'generate', 'jianyi/2026/1', '--out', target]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(path.join(profilesDir(), profile))).toBe(false);
    // A run with nothing to print clears a dead run's profile too (it used to wait for a print).
    const dead = path.join(profilesDir(), '4194303-0badf00d');
    mkdirSync(dead);
    const again = await runCli(['--root', repo, 'generate', 'jianyi/2026/1', '--out', target, '--json']);
    expect(JSON.parse(again.stdout).issues[0].status).toBe('cached');
    expect(existsSync(dead)).toBe(false);
  });

  it('on SIGTERM closes the browser, leaves no partial file, and exits 130', async () => {
    const target = path.join(dir, 'out-signal');
    const run = await spawnCli(['--root', repo, 'generate', '--force', '--jobs', '1', '--out', target], /printed/, (child) => child.kill('SIGTERM'));
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('interrupted');
    const files = existsSync(target) ? readdirSync(target) : [];
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const pdfs = files.filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBeGreaterThan(0);
    expect(pdfs.length).toBeLessThan(6);
    for (const f of pdfs) expect(Number(pdfInfo(path.join(target, f)).Pages)).toBeGreaterThan(0);
  });
});

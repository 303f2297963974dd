/* global fetch */
// npm run bench: the figures issue 35 asks for, each the median of three runs with their spread
// and beside its target, on synthetic workspaces of Chinese text (50 issues over 200
// submissions; 20 and 200 issues; 10,000 submissions and 5,000 issues for validate):
// - cold generate, and cold beside a bare puppeteer print of the same HTML (20 issues);
// - reruns with no change and with one, with and without the resident printer; preview;
// - peak memory at 50 and 200 issues: the briefs process alone, and the whole run with its
//   browser (the PSS of every process of the run, sampled every 50 ms);
// - what each output beside the PDF costs (PDF/A, the Word and OFD editions, the long image), against a
//   quarter of the cold PDF run of the same issues;
// - 100 numbered copies, signed and not; 200 copies; the volume; validate beside a bare
//   read-and-parse of the same files; the title breaker.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../lib/print/browser.js';
import { findBrowser } from '../lib/print/find-browser.js';

const exec = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const jobs = Number(process.env.BENCH_JOBS ?? Math.max(1, Math.min(4, os.availableParallelism())));
let ISSUES = { qingkuang: 30, jianyi: 20 };
const PER_ISSUE = { qingkuang: 5, jianyi: 2.5 };

// ---- a workspace of realistic text ------------------------------------------------------
const phrases = [
  '科技创新是引领发展的第一动力',
  '基础研究是整个科学体系的源头',
  '要加强原创性引领性科技攻关',
  '完善科技评价机制',
  '激发科研人员创新活力',
  '推动科技成果转化应用',
  '健全以信任为前提的科研管理制度',
  '加强科技伦理治理',
  '培养造就高水平人才队伍',
  '深化科技体制改革',
  '促进产学研深度融合',
  '优化区域创新布局',
  '提升科技期刊国际影响力',
  '发挥科技社团的桥梁纽带作用',
  '营造良好的创新生态',
  '加大对青年科技人才的支持力度',
];
let seed = 7;
const rand = (n) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
const sentence = () => `${phrases[rand(phrases.length)]}，${phrases[rand(phrases.length)]}${['。', '；', '。'][rand(3)]}`;
const paragraph = () =>
  Array.from({ length: 4 + rand(4) }, sentence)
    .join('')
    .replace(/；$/, '。');
const body = () =>
  ['## 一、基本情况', paragraph(), paragraph(), '## 二、存在的问题', paragraph(), paragraph(), '## 三、几点建议', paragraph(), paragraph()].join('\n\n');
const topics = ['科技界动态', '基层声音', '调研报告', '国际视野', '院士建言'];

function workspace(issues = ISSUES) {
  ISSUES = issues;
  const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-bench-'));
  let n = 0;
  // Enough submissions for every issue (200 for the bench's own 50, as before).
  const cap = Object.entries(issues).reduce((a, [b, c]) => a + Math.ceil(c * PER_ISSUE[b]), 0);
  for (const [bulletin, count] of Object.entries(ISSUES)) {
    let sub = 0;
    for (let i = 1; i <= count; i++) {
      const ids = [];
      const take = bulletin === 'jianyi' ? 2 + (i % 2) : PER_ISSUE.qingkuang;
      for (let k = 0; k < take && n < cap; k++, n++, sub++) {
        const id = `${bulletin}-${String(sub + 1).padStart(3, '0')}`;
        ids.push(id);
        const dir = path.join(root, 'briefs/submissions', bulletin);
        mkdirSync(dir, { recursive: true });
        writeFileSync(
          path.join(dir, `${id}.md`),
          `---\ntitle: 关于${phrases[rand(phrases.length)]}的${bulletin === 'jianyi' ? '建议' : '情况'}（${sub + 1}）\npublication: ${bulletin}\nauthors:\n  - {name: 专家${sub + 1}, title: 研究员, affiliation: 某研究所}\nsubmitted: 2026-01-${String(1 + (sub % 28)).padStart(2, '0')}\ntopic: ${topics[sub % topics.length]}\nstatus: accepted\n---\n\n${body()}\n`,
        );
      }
      const dir = path.join(root, 'briefs/issues', bulletin, '2026');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, `${String(i).padStart(3, '0')}.md`),
        `---\npublication: ${bulletin}\nyear: 2026\nnumber: ${i}\ndate: 2026-06-${String(1 + (i % 28)).padStart(2, '0')}\nstatus: final\nsubmissions: [${ids.join(', ')}]\ncopies: 100\ndistribution:\n  报: [中央办公厅, 国务院办公厅]\n  送: [科技部, 教育部]\n---\n\n本期刊发${ids.length}篇稿件，供参阅。\n`,
      );
    }
  }
  return { root, submissions: n };
}

/** Every process under `pid` (itself included), from /proc. */
async function tree(pid) {
  const parents = new Map();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(/\) \S+ (\d+)/.exec(stat)?.[1]);
    if (ppid) parents.set(Number(name), ppid);
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) for (const [child, parent] of parents) if (parent === out[i]) out.push(child);
  return out;
}

/** The proportional set size of these processes together, in kB (shared pages counted once between them). */
async function pss(pids) {
  let kb = 0;
  for (const pid of pids) kb += Number(/^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => ''))?.[1] ?? 0);
  return kb;
}

/**
 * Runs the command line in a process of its own (bench-run.mjs), and gives its wall time, its
 * peak resident set (maxRssKb, the process alone) and, in a run made `sampled`, the peak PSS of
 * it and its browser together (treeKb). Sampling reads every process's page tables and took a
 * fifth of a cold run's time on 2 cores: timed runs are not sampled.
 */
let sampled = false;
async function briefs(root, ...args) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(here, 'bench-run.mjs'), '--root', root, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  let treeKb = 0;
  let done = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const sampler = (async () => {
    while (sampled && !done) {
      treeKb = Math.max(treeKb, await pss(await tree(child.pid)));
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await exited;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  done = true;
  await sampler;
  const stats = JSON.parse(/@@bench (.*)/.exec(stderr)[1]);
  if (stats.code !== 0) throw new Error(`briefs ${args.join(' ')} exited ${stats.code}\n${stderr}`);
  return { ms, ...stats, treeKb, summary: stdout.trim() ? JSON.parse(stdout) : undefined };
}

/**
 * A bare puppeteer script printing the same final HTML with one browser, `jobs` pages at once:
 * its wall time, and with `again` the summed time Chromium takes to print each issue a second
 * time once loaded (its own part of a print, which no change to briefs can beat).
 */
async function floor(htmlDir, again = false) {
  const files = readdirSync(htmlDir)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const options = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true };
  const started = process.hrtime.bigint();
  const browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, headless: true, args: chromiumArgs(process.getuid?.() === 0) });
  let next = 0;
  let secondMs = 0;
  const worker = async () => {
    const page = await browser.newPage();
    while (next < files.length) {
      const f = files[next++];
      await page.goto(pathToFileURL(path.join(htmlDir, f)).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.pdf(options);
      if (!again) continue;
      const t = process.hrtime.bigint();
      await page.pdf(options);
      secondMs += Number(process.hrtime.bigint() - t) / 1e6;
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  await browser.close();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, chromiumMs: secondMs };
}

/** Milliseconds from starting `briefs preview` to the first issue page it serves. */
async function previewFirstPage(root, issue) {
  const port = 4300 + Math.floor(Math.random() * 500);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(here, '../bin/briefs.js'), '--root', root, 'preview', '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // The preview answers only its own address, token included, which it prints on stderr.
  let said = '';
  child.stderr.on('data', (c) => (said += c));
  let ms;
  let ended;
  try {
    for (;;) {
      const link = /preview: (http:\/\/\S+)/.exec(said)?.[1];
      const url = link && new URL(link);
      if (url) url.pathname = `/issues/${issue}`;
      const ok = await (url ? fetch(url) : Promise.reject(new Error('not yet'))).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) {
        ms = Number(process.hrtime.bigint() - started) / 1e6;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    // Gone, with its browser, before the next run starts: a closing Chromium would slow it.
    // A preview that does not end on SIGTERM is a bug: said, not waited on for ever.
    ended = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
      child.kill();
    });
    if (!ended) child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1000));
  }
  if (!ended) throw new Error('briefs preview did not exit within 15 s of SIGTERM');
  return ms;
}

/** Median and spread (min–max) of some runs. */
function spread(runs) {
  const sorted = [...runs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** A workspace of 10,000 submissions and 5,000 issues, for validate (text only, nothing printed). */
function bigWorkspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-bench-big-'));
  let n = 0;
  for (const [bulletin, count] of [
    ['qingkuang', 3000],
    ['jianyi', 2000],
  ]) {
    const subs = path.join(root, 'briefs/submissions', bulletin);
    mkdirSync(subs, { recursive: true });
    for (let i = 1; i <= count; i++) {
      // 500 issues a year, over several years (a number runs to 999).
      const year = 2020 + Math.floor((i - 1) / 500);
      const number = ((i - 1) % 500) + 1;
      const iss = path.join(root, 'briefs/issues', bulletin, String(year));
      mkdirSync(iss, { recursive: true });
      const ids = [];
      for (let k = 0; k < 2; k++) {
        n++;
        const id = `${bulletin}-${String(n).padStart(5, '0')}`;
        ids.push(id);
        writeFileSync(
          path.join(subs, `${id}.md`),
          `---\ntitle: 关于${phrases[rand(phrases.length)]}的建议（${n}）\npublication: ${bulletin}\nauthors:\n  - {name: 专家${n}, title: 研究员, affiliation: 某研究所}\nsubmitted: 2019-01-${String(1 + (n % 28)).padStart(2, '0')}\ntopic: ${topics[n % topics.length]}\nstatus: accepted\n---\n\n${body()}\n`,
        );
      }
      writeFileSync(
        path.join(iss, `${String(number).padStart(3, '0')}.md`),
        `---\npublication: ${bulletin}\nyear: ${year}\nnumber: ${number}\ndate: ${year}-06-${String(1 + (i % 28)).padStart(2, '0')}\nsubmissions: [${ids.join(', ')}]\n---\n\n本期刊发稿件，供参阅。\n`,
      );
    }
  }
  return root;
}

if (process.env.BENCH_BIG_ONLY) {
  // validate's workspace alone, to profile it by hand.
  process.stdout.write(`${bigWorkspace()}\n`);
  process.exit(0);
}

/** Runs `fn` `n` times (3 unless said) and gives the median and spread of what it returns. */
async function thrice(fn, n = 3) {
  const runs = [];
  for (let k = 0; k < n; k++) runs.push(await fn(k));
  return spread(runs);
}

const { root, submissions } = workspace();
if (process.env.BENCH_WORKSPACE_ONLY) {
  // For looking into a case by hand: make the workspace, print where, stop.
  process.stdout.write(`${root}\n`);
  process.exit(0);
}
const rows = [];
const s = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const range = (x, f = s) => `${f(x.min)}–${f(x.max)}`;
/** A row: what, the median, its spread, the target and whether it is met (undefined: no target). */
const row = (what, value, spreadText, target = '', ok = undefined) => rows.push([what, value, spreadText, target, ok === undefined ? '' : ok ? '✓' : '✗']);
const cleanups = [];
try {
  const issues = ISSUES.qingkuang + ISSUES.jianyi;
  process.stderr.write(`bench: ${issues} issues over ${submissions} submissions in ${root}, --jobs ${jobs}\n`);
  const gen = (r, ...more) => briefs(r, 'generate', '--json', '--jobs', String(jobs), ...more);

  // ---- cold, 50 issues: three runs, each into an empty folder (a new browser, every issue printed)
  const colds = [];
  for (let k = 0; k < 3; k++) colds.push(await gen(root, '--out', k === 2 ? 'dist' : `cold-${k}`));
  const cold = spread(colds.map((c) => c.ms));
  const pages = colds[2].summary.issues.reduce((n, i) => n + i.pages, 0);
  const reprinted = colds[2].summary.issues.filter((i) => i.prints > 1).length;
  const mem50 = spread(colds.map((c) => c.maxRssKb));
  // The whole run's memory, browser included, in three more cold runs, sampled (not timed).
  sampled = true;
  const tree50 = await thrice(async (k) => (await gen(root, '--out', `sampled-${k}`)).treeKb);
  sampled = false;
  row(`cold generate, ${issues} issues`, s(cold.median), range(cold), `${pages} pages; ${reprinted} needed a correction print`);
  row(
    '  a page',
    `${(cold.median / pages).toFixed(1)} ms`,
    range({ min: cold.min / pages, max: cold.max / pages }, (x) => `${x.toFixed(1)}`),
    '≤ 15 ms',
    cold.median / pages <= 15,
  );
  row('  peak memory, briefs', mb(mem50.median), range(mem50, mb), '≤ 150 MB', mem50.median <= 150 * 1024);
  row('  peak memory, with Chromium', mb(tree50.median), range(tree50, mb), 'PSS of every process of the run');

  // ---- reruns
  const none = await thrice(async () => {
    const r = await gen(root);
    if (r.summary.issues.some((i) => i.status !== 'cached')) throw new Error('a no-change rerun printed something');
    return r.ms;
  }, 5);
  row('no-change rerun', s(none.median), `${range(none)} (median of 5)`, '≤ 3 % of cold', none.median <= 0.03 * cold.median);
  const changed = path.join(root, 'briefs/submissions/qingkuang/qingkuang-001.md');
  const change = (tag) => writeFileSync(changed, readFileSync(changed, 'utf8').replace(/## 一、基本情况[^\n]*/, `## 一、基本情况（${tag}）`));
  const oneIssuePages = colds[2].summary.issues.find((i) => i.id === 'qingkuang/2026/1').pages;
  const one = await thrice(async (k) => {
    change(`修改${k}`);
    const r = await gen(root);
    if (r.summary.issues.filter((i) => i.status === 'printed').length !== 1) throw new Error('a one-change rerun printed other than one issue');
    return r.ms;
  });
  row('one-change rerun', s(one.median), range(one), '≤ 1.2 s', one.median <= 1200);
  // With the workspace's resident printer: one run to let it load the print shell and fonts, then three timed.
  await briefs(root, 'printer', 'start');
  let resident;
  try {
    change('常驻');
    await gen(root);
    resident = await thrice(async (k) => {
      change(`常驻${k}`);
      const r = await gen(root);
      if (r.summary.issues.filter((i) => i.status === 'printed').length !== 1) throw new Error('a one-change rerun printed other than one issue');
      return r.ms;
    });
  } finally {
    await briefs(root, 'printer', 'stop');
  }
  row('  with the resident printer', s(resident.median), range(resident), '≤ 0.7 s', resident.median <= 700);
  row('  (the issue changed)', `${oneIssuePages} pages`, '', 'qingkuang/2026/1');
  const preview = await thrice(() => previewFirstPage(root, 'qingkuang/2026/2'));
  row('preview, first issue page', s(preview.median), range(preview), '≤ 1 s', preview.median <= 1000);

  // ---- what each output beside the PDF costs, against a quarter of the cold PDF run
  const budget = cold.median / 4;
  // PDF/A-1b: the 50 issues printed ordinary (pdfa: false), then each finished again archival and
  // not; the difference is what making a final issue archival costs (print/pdfa/archival.ts).
  writeFileSync(path.join(root, 'briefs.config.yaml'), 'pdfa: false\n');
  const plainRun = await gen(root, '--out', 'dist-plain');
  rmSync(path.join(root, 'briefs.config.yaml'));
  const { finishPdf } = await import(new URL('../lib/print/pdf-metadata.js', import.meta.url));
  const pdfInfo = { title: 't', author: 'a', subject: 's', keywords: [], date: new Date('2026-06-01T00:00:00Z'), producer: 'briefs', id: '0'.repeat(32) };
  const plainPdfs = plainRun.summary.issues.map((i) => new Uint8Array(readFileSync(i.pdf)));
  const finishAll = async (archival) => {
    const t = performance.now();
    for (const bytes of plainPdfs) await finishPdf(bytes, { ...pdfInfo, archival });
    return performance.now() - t;
  };
  await finishAll(true);
  const pdfa = await thrice(async () => (await finishAll(true)) - (await finishAll(false)));
  row('PDF/A-1b, 50 issues', s(pdfa.median), range(pdfa), `≤ ${s(budget)} (¼ of cold)`, pdfa.median <= budget);
  // The Word edition and the long image of every issue, the PDFs up to date: beyond a no-change run.
  const extra = async (flag, ext) =>
    thrice(async () => {
      for (const f of readdirSync(path.join(root, 'dist'))) if (f.endsWith(ext)) rmSync(path.join(root, 'dist', f));
      return (await gen(root, flag)).ms - none.median;
    });
  const docx = await extra('--docx', '.docx');
  row('Word edition, 50 issues', s(docx.median), range(docx), `≤ ${s(budget)} (¼ of cold)`, docx.median <= budget);
  const png = await extra('--png', '.png');
  row('long image, 50 issues', s(png.median), range(png), `≤ ${s(budget)} (¼ of cold)`, png.median <= budget);
  const ofd = await extra('--ofd', '.ofd');
  row('OFD edition, 50 issues', s(ofd.median), range(ofd), `≤ ${s(budget)} (¼ of cold)`, ofd.median <= budget);
  // The web edition of the 50 issues: from nothing, and after one article changed (and was printed).
  const siteCold = await thrice(async () => {
    rmSync(path.join(root, 'dist/site'), { recursive: true, force: true });
    return (await briefs(root, 'site')).ms;
  });
  row('web edition, 50 issues', s(siteCold.median), range(siteCold), `≤ ${s(budget)} (¼ of cold)`, siteCold.median <= budget);
  const siteOne = await thrice(async (k) => {
    change(`站点${k}`);
    await gen(root);
    return (await briefs(root, 'site')).ms;
  });
  row('  after one change', s(siteOne.median), range(siteOne), 'the changed article’s pages, its issue’s, the indexes and the search index');

  // ---- numbered copies: 100 of one issue, unsigned and signed (issue 35), and 200 (issue 18)
  const copyIssue = path.join(root, 'briefs/issues/jianyi/2026/001.md');
  const recipients = (n) => ['名称,分组,份数', ...Array.from({ length: n }, (_, i) => `单位${String(i + 1).padStart(3, '0')}科学技术协会,发,1`)].join('\n');
  writeFileSync(path.join(root, 'recipients.csv'), `${recipients(100)}\n`);
  writeFileSync(copyIssue, readFileSync(copyIssue, 'utf8').replace('status: final', 'status: final\nrecipients: recipients.csv'));
  await briefs(root, 'copies', 'jianyi/2026/1', '--json');
  const unsigned = await thrice(async () => (await briefs(root, 'copies', 'jianyi/2026/1', '--json', '--force')).ms);
  const certs = mkdtempSync(path.join(os.tmpdir(), 'briefs-bench-cert-'));
  cleanups.push(certs);
  await exec('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    path.join(certs, 'k.pem'),
    '-out',
    path.join(certs, 'c.pem'),
    '-days',
    '30',
    '-utf8',
    '-subj',
    '/CN=中国科协办公厅（测试）',
  ]);
  await exec('openssl', [
    'pkcs12',
    '-export',
    '-inkey',
    path.join(certs, 'k.pem'),
    '-in',
    path.join(certs, 'c.pem'),
    '-out',
    path.join(certs, 'c.p12'),
    '-passout',
    'pass:bench',
  ]);
  process.env.BRIEFS_SIGN_PASSWORD = 'bench';
  const signed = await thrice(async () => (await briefs(root, 'copies', 'jianyi/2026/1', '--json', '--force', '--sign', path.join(certs, 'c.p12'))).ms);
  delete process.env.BRIEFS_SIGN_PASSWORD;
  row('copies: 100, unsigned', s(unsigned.median), range(unsigned), 'the master kept; every copy stamped anew (--force)');
  row('  signed', s(signed.median), range(signed), `≤ 3× unsigned (${(signed.median / unsigned.median).toFixed(2)}×)`, signed.median <= 3 * unsigned.median);
  writeFileSync(path.join(root, 'recipients.csv'), `${recipients(200)}\n`);
  const c200 = await thrice(async () => (await briefs(root, 'copies', 'jianyi/2026/1', '--json', '--force')).ms);
  const copyPages = colds[2].summary.issues.find((i) => i.id === 'jianyi/2026/1').pages;
  const copySize = {
    copy: Math.max(
      ...readdirSync(path.join(root, 'dist/copies/jianyi-2026-001'))
        .filter((f) => /^\d{6}\.pdf$/.test(f))
        .map((f) => statSync(path.join(root, 'dist/copies/jianyi-2026-001', f)).size),
    ),
    master: statSync(path.join(root, 'dist/copies/jianyi-2026-001/.master.pdf')).size,
  };
  row('copies: 200', s(c200.median), range(c200), `≤ 5 s; a ${copyPages}-page issue, the master kept`, c200.median <= 5000);
  row('  each copy', `${(copySize.copy / copySize.master).toFixed(2)}×`, '', '≤ 1.2× the master', copySize.copy / copySize.master <= 1.2);

  // ---- volumes: the year's two volumes of this workspace, and one bulletin's 50 issues
  const volumeQ = await thrice(async () => (await briefs(root, 'volume', 'qingkuang', '2026', '--force')).ms);
  row('volume of 30 issues', s(volumeQ.median), range(volumeQ), 'their PDFs made');
  const fifty = workspace({ qingkuang: 50, jianyi: 0 });
  cleanups.push(fifty.root);
  await gen(fifty.root);
  const volume50 = await thrice(async () => (await briefs(fifty.root, 'volume', 'qingkuang', '2026', '--force')).ms);
  row('volume of 50 issues', s(volume50.median), range(volume50), '≤ 3 s', volume50.median <= 3000);

  // ---- 200 issues: memory as the batch grows
  const big = workspace({ qingkuang: 120, jianyi: 80 });
  cleanups.push(big.root);
  const colds200 = [];
  for (let k = 0; k < 3; k++) colds200.push(await gen(big.root, '--out', `cold-${k}`));
  const t200 = spread(colds200.map((c) => c.ms));
  const mem200 = spread(colds200.map((c) => c.maxRssKb));
  sampled = true;
  const tree200 = await thrice(async (k) => (await gen(big.root, '--out', `sampled-${k}`)).treeKb);
  sampled = false;
  row('cold generate, 200 issues', s(t200.median), range(t200), `${colds200[0].summary.issues.reduce((n, i) => n + i.pages, 0)} pages`);
  row('  peak memory, briefs', mb(mem200.median), range(mem200, mb), '≤ 150 MB', mem200.median <= 150 * 1024);
  row('  peak memory, with Chromium', mb(tree200.median), range(tree200, mb), 'PSS of every process of the run');

  // ---- 20 issues beside a bare puppeteer script printing the same final HTML
  const twenty = workspace({ qingkuang: 12, jianyi: 8 });
  cleanups.push(twenty.root);
  const cold20 = await thrice(async (k) => (await gen(twenty.root, '--out', `cold-${k}`)).ms);
  await briefs(twenty.root, 'generate', '--html', '--force', '--out', 'html', '--jobs', String(jobs));
  const bare20 = await thrice(async () => (await floor(path.join(twenty.root, 'html'))).ms);
  row('cold generate, 20 issues', s(cold20.median), range(cold20));
  row('  a bare puppeteer print of it', s(bare20.median), range(bare20), 'the same final HTML, one browser');
  row('  briefs / bare', `${(cold20.median / bare20.median).toFixed(2)}×`, '', '≤ 0.8×', cold20.median <= 0.8 * bare20.median);
  // Chromium's own part of a print, for the 50 issues (printing a loaded issue a second time).
  await briefs(root, 'generate', '--html', '--force', '--out', 'html', '--jobs', String(jobs));
  const own = await floor(path.join(root, 'html'), true);
  row(
    'Chromium’s own print, a page',
    `${(own.chromiumMs / pages).toFixed(1)} ms`,
    '',
    `the floor no change to briefs can beat; summed over the ${jobs} pages printing at once`,
  );

  // ---- validate beside a bare read-and-parse of the same 15,000 files
  const bigRoot = bigWorkspace();
  cleanups.push(bigRoot);
  const validate = await thrice(async () => (await briefs(bigRoot, 'validate')).ms);
  const read = await thrice(async () => {
    const t = process.hrtime.bigint();
    await exec(process.execPath, [path.join(here, 'bench-read.mjs'), bigRoot]);
    return Number(process.hrtime.bigint() - t) / 1e6;
  });
  row('validate, 10,000 + 5,000 files', s(validate.median), range(validate));
  row('  a bare read-and-parse of them', s(read.median), range(read), 'yaml and marked, nothing checked');
  row('  validate / bare', `${(validate.median / read.median).toFixed(2)}×`, '', '≤ 2×', validate.median <= 2 * read.median);

  // ---- the title breaker (src/layout/title-lines.ts): its dictionary, then the corpus's titles
  const { breakTitle } = await import(new URL('../lib/layout/title-lines.js', import.meta.url));
  const loading = performance.now();
  breakTitle('关于加快建立国家重大科研基础设施开放共享机制的建议', 20);
  const dictionaryMs = performance.now() - loading;
  const titles = readFileSync(new URL('../test/fixtures/titles/corpus.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\//g, ''));
  const started = performance.now();
  for (const t of titles) for (const m of [20, 21]) breakTitle(t, m);
  const titleMs = (performance.now() - started) / (titles.length * 2);
  row('title breaker: dictionary', `${dictionaryMs.toFixed(0)} ms`, '', 'jieba’s word list indexed, with the first title that needs breaking');
  row('  a title', `${titleMs.toFixed(2)} ms`, '', `the mean over the corpus’s ${titles.length} titles, at two measures`);

  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length)));
  const head = ['', 'median', 'spread (min–max)', 'target', ''];
  const line = (r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[4] ? `${r[4]} ` : '  '}${r[3]}`;
  process.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  const missed = rows.filter((r) => r[4] === '✗');
  process.stdout.write(
    `\n${rows.filter((r) => r[4]).length - missed.length} of ${rows.filter((r) => r[4]).length} targets met${missed.length ? `; missed: ${missed.map((r) => r[0].trim()).join(', ')}` : ''}\n`,
  );
} finally {
  // BRIEFS_BENCH_KEEP=1 keeps the workspace, to profile a run in it.
  if (process.env.BRIEFS_BENCH_KEEP === '1') process.stderr.write(`bench: workspace kept in ${root}\n`);
  else for (const dir of [root, ...cleanups]) rmSync(dir, { recursive: true, force: true });
}

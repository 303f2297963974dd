/* global fetch */
// npm run bench: generate on a synthetic workspace (50 issues over 200 submissions of Chinese
// text) and print the numbers beside issue 15's targets: cold (median of 3, with the spread),
// per page, no-change and one-change reruns, the first preview page, the tool's peak memory at
// 50 and 200 issues, validate on 10,000 submissions and 5,000 issues, and two floors: the same
// final HTML printed by a bare puppeteer script, and Chromium's own part of a print (printing
// an issue that is already loaded a second time), which no change to briefs can beat.
import { execFile, spawn } from 'node:child_process';
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

async function briefs(root, ...args) {
  const started = process.hrtime.bigint();
  const { stdout, stderr } = await exec(process.execPath, [path.join(here, 'bench-run.mjs'), '--root', root, ...args], { maxBuffer: 256 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const stats = JSON.parse(/@@bench (.*)/.exec(stderr)[1]);
  if (stats.code !== 0) throw new Error(`briefs ${args.join(' ')} exited ${stats.code}\n${stderr}`);
  return { ms, ...stats, summary: stdout.trim() ? JSON.parse(stdout) : undefined };
}

/**
 * The bare-puppeteer floor, and the time Chromium takes to print each issue again once loaded.
 * Two runs: the second prints overlap across the pages printing at once, so their summed time
 * cannot be taken out of one run's wall time (it was, and the floor came out seconds too low).
 */
async function floor(htmlDir) {
  const files = readdirSync(htmlDir)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const options = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true };
  const pass = async (again) => {
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
    return secondMs;
  };
  const started = process.hrtime.bigint();
  await pass(false);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, chromiumMs: await pass(true) };
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
const { root, submissions } = workspace();
if (process.env.BENCH_WORKSPACE_ONLY) {
  // For looking into a case by hand: make the workspace, print where, stop.
  process.stdout.write(`${root}\n`);
  process.exit(0);
}
try {
  const issues = ISSUES.qingkuang + ISSUES.jianyi;
  process.stderr.write(`bench: ${issues} issues over ${submissions} submissions in ${root}, --jobs ${jobs}\n`);
  // Three cold runs, each into an empty output folder (a new browser, every issue printed).
  const colds = [];
  for (let k = 0; k < 3; k++) colds.push(await briefs(root, 'generate', '--json', '--jobs', String(jobs), '--out', k === 2 ? 'dist' : `cold-${k}`));
  const cold = colds[2];
  const coldMs = spread(colds.map((c) => c.ms));
  const pages = cold.summary.issues.reduce((n, i) => n + i.pages, 0);
  const reprinted = cold.summary.issues.filter((i) => i.prints > 1).length;
  // Each issue's own time, summed: comparable with Chromium's own print, which is summed the same way.
  const coldIssueMs = cold.summary.issues.reduce((n, i) => n + i.ms, 0);
  // A sub-second run is at the mercy of the machine's other work: the median of five.
  const reruns = [];
  for (let i = 0; i < 5; i++) reruns.push(await briefs(root, 'generate', '--json', '--jobs', String(jobs)));
  const none = spread(reruns.map((r) => r.ms));
  if (reruns.some((r) => r.summary.issues.some((i) => i.status !== 'cached'))) throw new Error('a no-change rerun printed something');
  const changed = path.join(root, 'briefs/submissions/qingkuang/qingkuang-001.md');
  const ones = [];
  for (let k = 0; k < 3; k++) {
    writeFileSync(changed, readFileSync(changed, 'utf8').replace(/## 一、基本情况[^\n]*/, `## 一、基本情况（修改${k}）`));
    const one = await briefs(root, 'generate', '--json', '--jobs', String(jobs));
    if (one.summary.issues.filter((i) => i.status === 'printed').length !== 1) throw new Error('a one-change rerun printed other than one issue');
    ones.push(one.ms);
  }
  const one = spread(ones);
  // The same, with the workspace's resident printer (briefs printer start): one edit to let it
  // load the print shell and fonts (the first run it serves), then three timed.
  await briefs(root, 'printer', 'start');
  const resident = [];
  try {
    for (let k = 0; k < 4; k++) {
      writeFileSync(changed, readFileSync(changed, 'utf8').replace(/## 一、基本情况[^\n]*/, `## 一、基本情况（常驻${k}）`));
      const run = await briefs(root, 'generate', '--json', '--jobs', String(jobs));
      if (run.summary.issues.filter((i) => i.status === 'printed').length !== 1) throw new Error('a one-change rerun printed other than one issue');
      if (k > 0) resident.push(run.ms);
    }
  } finally {
    await briefs(root, 'printer', 'stop');
  }
  const oneResident = spread(resident);
  const previews = [];
  for (let k = 0; k < 3; k++) previews.push(await previewFirstPage(root, 'qingkuang/2026/2'));
  const preview = spread(previews);
  // The final HTML of every issue, for the floors (not timed).
  await briefs(root, 'generate', '--html', '--force', '--out', 'html', '--jobs', String(jobs));
  const htmlDir = path.join(root, 'html');
  const floors = await floor(htmlDir);
  // Memory as the batch grows: the same run at four times the issues.
  const big = workspace({ qingkuang: 120, jianyi: 80 });
  let mem200;
  try {
    mem200 = (await briefs(big.root, 'generate', '--json', '--jobs', String(jobs))).maxRssKb;
  } finally {
    rmSync(big.root, { recursive: true, force: true });
  }
  // A volume of 50 issues, as issue 17's target has it: one bulletin's year of 50, generated first (not timed).
  const fifty = workspace({ qingkuang: 50, jianyi: 0 });
  let volume50;
  let indexes50;
  let dictionaryMs;
  try {
    await briefs(fifty.root, 'generate', '--jobs', String(jobs));
    volume50 = (await briefs(fifty.root, 'volume', 'qingkuang', '2026')).ms;
    // The front matter's contents and indexes of those 50 issues as data, every title broken at
    // its measure (the dictionary already loaded: that is the row below).
    const { loadConfig } = await import(new URL('../lib/config/load.js', import.meta.url));
    const { loadProject, assemble } = await import(new URL('../lib/workspace/project.js', import.meta.url));
    const { volumeContents } = await import(new URL('../lib/volume/contents.js', import.meta.url));
    // The first title broken in this process loads jieba's dictionary: timed on its own.
    const { breakTitle: warm } = await import(new URL('../lib/layout/title-lines.js', import.meta.url));
    const loading = performance.now();
    warm('关于加快建立国家重大科研基础设施开放共享机制的建议', 20);
    dictionaryMs = performance.now() - loading;
    const project = await loadProject(await loadConfig({ root: fifty.root }));
    const placed = project.issues.map((issue) => ({ assembled: assemble(project, issue), pages: 4, articlePages: new Map() }));
    const t0 = performance.now();
    const made = volumeContents(placed, 3);
    indexes50 = { ms: performance.now() - t0, titles: made.issues.flatMap((i) => i.articles).length };
  } finally {
    rmSync(fifty.root, { recursive: true, force: true });
  }
  // PDF/A-1b: the 50 issues printed ordinary (pdfa: false) into a folder of their own, then each
  // finished again archival and not; the difference is what making a final issue archival
  // costs (print/pdfa/archival.ts), a page.
  writeFileSync(path.join(root, 'briefs.config.yaml'), 'pdfa: false\n');
  const plainRun = await briefs(root, 'generate', '--json', '--out', 'dist-plain', '--jobs', String(jobs));
  rmSync(path.join(root, 'briefs.config.yaml'));
  const { finishPdf } = await import(new URL('../lib/print/pdf-metadata.js', import.meta.url));
  const pdfInfo = { title: 't', author: 'a', subject: 's', keywords: [], date: new Date('2026-06-01T00:00:00Z'), producer: 'briefs', id: '0'.repeat(32) };
  let archivalMs = 0;
  let ordinaryMs = 0;
  let archivalPages = 0;
  for (const issue of plainRun.summary.issues) {
    const bytes = readFileSync(issue.pdf);
    let t = performance.now();
    await finishPdf(new Uint8Array(bytes), { ...pdfInfo, archival: false });
    ordinaryMs += performance.now() - t;
    t = performance.now();
    const made = await finishPdf(new Uint8Array(bytes), { ...pdfInfo, archival: true });
    archivalMs += performance.now() - t;
    archivalPages += made.pages;
  }
  // The Word edition of every issue, the PDFs up to date: what --docx adds.
  const docxRun = await briefs(root, 'generate', '--docx', '--json', '--jobs', String(jobs));
  // The year's volumes of the 50 issues, their PDFs already made.
  const volumeQ = (await briefs(root, 'volume', 'qingkuang', '2026')).ms;
  const volumeJ = (await briefs(root, 'volume', 'jianyi', '2026')).ms;
  const volumeFolio = (await briefs(root, 'volume', 'qingkuang', '2026', '--folio', 'volume')).ms;
  // 200 numbered copies of one issue, its master printed first (the run's own).
  const list = ['名称,分组,份数', ...Array.from({ length: 200 }, (_, i) => `单位${String(i + 1).padStart(3, '0')}科学技术协会,发,1`)].join('\n');
  writeFileSync(path.join(root, 'recipients-200.csv'), `${list}\n`);
  const copyIssue = path.join(root, 'briefs/issues/jianyi/2026/001.md');
  writeFileSync(copyIssue, readFileSync(copyIssue, 'utf8').replace('status: final', 'status: final\nrecipients: recipients-200.csv'));
  const copyRun = await briefs(root, 'copies', 'jianyi/2026/1', '--json');
  // Again with --force: every copy stamped anew from the master kept beside them (and the ledger printed again).
  const copyAgain = await briefs(root, 'copies', 'jianyi/2026/1', '--json', '--force');
  const copyPages = cold.summary.issues.find((i) => i.id === 'jianyi/2026/1').pages;
  const copySize = {
    copy: Math.max(...copyAgain.summary.copies.map((c) => statSync(c.pdf).size)),
    master: statSync(path.join(root, 'dist/copies/jianyi-2026-001/.master.pdf')).size,
  };
  const bigRoot = bigWorkspace();
  const validates = [];
  try {
    for (let k = 0; k < 3; k++) validates.push((await briefs(bigRoot, 'validate')).ms);
  } finally {
    rmSync(bigRoot, { recursive: true, force: true });
  }
  const validate = spread(validates);

  // The title breaker (src/layout/title-lines.ts), its dictionary loaded (timed above): the 150
  // titles of the corpus, at the title and the contents measure.
  const { breakTitle } = await import(new URL('../lib/layout/title-lines.js', import.meta.url));
  const titles = readFileSync(new URL('../test/fixtures/titles/corpus.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.replace(/\//g, ''));
  const started = performance.now();
  for (const t of titles) for (const m of [20, 21]) breakTitle(t, m);
  const titleMs = (performance.now() - started) / (titles.length * 2);

  const s = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const range = (x) => `median of ${x === none ? 5 : 3}, ${s(x.min)}–${s(x.max)}`;
  const rows = [
    ['cold generate', s(coldMs.median), `${issues} issues, ${pages} pages; ${range(coldMs)}; ${reprinted} needed a correction print`],
    ['  per page', `${(coldMs.median / pages).toFixed(1)} ms`, 'target ≤ 15 ms'],
    [
      '  Chromium’s own print',
      `${(floors.chromiumMs / pages).toFixed(1)} ms`,
      `a page, printing a loaded issue again: the floor no change to briefs can beat; summed over the ${jobs} pages printing at once, as is the next`,
    ],
    ['  a cold issue', `${(coldIssueMs / pages).toFixed(1)} ms`, 'a page, from its render to its PDF written, summed over the issues printing at once'],
    ['no-change rerun', s(none.median), `${((none.median / coldMs.median) * 100).toFixed(1)} % of cold (target ≤ 3 %); ${range(none)}`],
    ['one-change rerun', s(one.median), `target ≤ 1.2 s; ${range(one)}; a browser of its own`],
    ['  with the resident printer', s(oneResident.median), `target ≤ 1.2 s; ${range(oneResident)}; after briefs printer start and one run`],
    ['preview, first issue page', s(preview.median), `target ≤ 1 s; ${range(preview)}`],
    ['peak memory, 50 issues', `${(cold.maxRssKb / 1024).toFixed(0)} MB`, 'target ≤ 150 MB; the briefs process (Chromium not counted)'],
    ['peak memory, 200 issues', `${(mem200 / 1024).toFixed(0)} MB`, 'target: flat as issues grow'],
    ['floor: bare puppeteer', s(floors.ms), `same final HTML, one browser, ${jobs} pages at once`],
    ['cold / floor', `${(coldMs.median / floors.ms).toFixed(2)}×`, 'target ≤ 0.25×'],
    [
      'PDF/A-1b, a page',
      `${((archivalMs - ordinaryMs) / archivalPages).toFixed(1)} ms`,
      `making the 50 final issues archival, beyond finishing them ordinary (${s(archivalMs - ordinaryMs)} for ${archivalPages} pages)`,
    ],
    ['--docx, 50 issues', s(docxRun.ms), `${((docxRun.ms - none.median) / issues).toFixed(0)} ms an issue beyond a no-change run (the PDFs up to date)`],
    ['volume of 50 issues', s(volume50), 'one bulletin’s 50 issues of a year, a whole run beyond generating them; target ≤ 3 s'],
    ['  of 30, of 20', `${s(volumeQ)}, ${s(volumeJ)}`, 'the two volumes of this workspace'],
    ['  with the volume’s folios', s(volumeFolio), 'the same 30 issues, --folio volume (each issue folio cut and the volume’s set)'],
    [
      'copies: 200 of one issue',
      s(copyRun.ms),
      `a ${copyPages}-page issue; its master and ledger printed in the same run; target ≤ 5 s after the master (6 pages)`,
    ],
    ['  again, the master kept', s(copyAgain.ms), 'copies --force: 200 stamped anew, the ledger printed again; target ≤ 5 s after the master'],
    [
      '  peak memory',
      `${(copyAgain.maxRssKb / 1024).toFixed(0)} MB`,
      `the same run; each copy ${(copySize.copy / copySize.master).toFixed(2)}× the master (target ≤ 1.2×)`,
    ],
    ['validate, 10,000 + 5,000 files', s(validate.median), `target ≤ 2 s; ${range(validate)}`],
    [
      'volume of 50: contents, indexes',
      `${indexes50.ms.toFixed(0)} ms`,
      `the 50 issues' ${indexes50.titles} titles broken for the contents and the indexes (pure; no print)`,
    ],
    [
      'title breaker: dictionary',
      `${dictionaryMs.toFixed(0)} ms`,
      'jieba’s dictionary, loaded with the first title that needs breaking (about 50 MB of the peaks above)',
    ],
    ['  a title', `${titleMs.toFixed(2)} ms`, `the mean over the ${titles.length} titles of the corpus, at the title and the contents measure`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${rows.map((r) => `${r[0].padEnd(w)}  ${r[1].padStart(10)}  ${r[2]}`).join('\n')}\n`);
} finally {
  // BRIEFS_BENCH_KEEP=1 keeps the workspace, to profile a run in it.
  if (process.env.BRIEFS_BENCH_KEEP === '1') process.stderr.write(`bench: workspace kept in ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}

// npm run bench: generate on a synthetic workspace (50 issues over 200 submissions of Chinese
// text) and print the numbers: cold, per issue and page, no-change and one-change reruns, the
// tool's peak memory, and the floor: the same final HTML printed by a bare puppeteer script
// with one browser and as many pages at once.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
const ISSUES = { qingkuang: 30, jianyi: 20 };
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

function workspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'briefs-bench-'));
  let n = 0;
  for (const [bulletin, count] of Object.entries(ISSUES)) {
    let sub = 0;
    for (let i = 1; i <= count; i++) {
      const ids = [];
      const take = bulletin === 'jianyi' ? 2 + (i % 2) : PER_ISSUE.qingkuang;
      for (let k = 0; k < take && n < 200; k++, n++, sub++) {
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

async function floor(htmlDir) {
  const files = readdirSync(htmlDir)
    .filter((f) => f.endsWith('.html'))
    .sort();
  const started = process.hrtime.bigint();
  const browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, headless: true, args: chromiumArgs(process.getuid?.() === 0) });
  let next = 0;
  const worker = async () => {
    const page = await browser.newPage();
    while (next < files.length) {
      const f = files[next++];
      await page.goto(pathToFileURL(path.join(htmlDir, f)).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  await browser.close();
  return Number(process.hrtime.bigint() - started) / 1e6;
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
  const cold = await briefs(root, 'generate', '--json', '--jobs', String(jobs));
  const pages = cold.summary.issues.reduce((n, i) => n + i.pages, 0);
  const reprinted = cold.summary.issues.filter((i) => i.prints > 1).length;
  // A sub-second run is at the mercy of the machine's other work: the median of five.
  const reruns = [];
  for (let i = 0; i < 5; i++) reruns.push(await briefs(root, 'generate', '--json', '--jobs', String(jobs)));
  const none = reruns.sort((a, b) => a.ms - b.ms)[2];
  if (none.summary.issues.some((i) => i.status !== 'cached')) throw new Error('a no-change rerun printed something');
  const changed = path.join(root, 'briefs/submissions/qingkuang/qingkuang-001.md');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('## 一、基本情况', '## 一、基本情况（修改）'));
  const one = await briefs(root, 'generate', '--json', '--jobs', String(jobs));
  const printedOnce = one.summary.issues.filter((i) => i.status === 'printed').length;
  // The final HTML of every issue, for the floor (not timed).
  await briefs(root, 'generate', '--html', '--force', '--out', 'html', '--jobs', String(jobs));
  const htmlDir = path.join(root, 'html');
  const floorMs = await floor(htmlDir);

  const s = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const rows = [
    ['cold generate', s(cold.ms), `${issues} issues, ${pages} pages; ${issues - reprinted} printed once, ${reprinted} needed a correction print`],
    ['  per issue', `${(cold.ms / issues).toFixed(0)} ms`, ''],
    ['  per page', `${(cold.ms / pages).toFixed(0)} ms`, ''],
    ['no-change rerun', s(none.ms), `${((none.ms / cold.ms) * 100).toFixed(1)} % of cold (target < 5 %); median of 5`],
    ['one-change rerun', s(one.ms), `${printedOnce} issue printed (target: exactly 1)`],
    ['peak memory (briefs process)', `${(cold.maxRssKb / 1024).toFixed(0)} MB`, 'cold run; Chromium not counted'],
    ['floor: bare puppeteer', s(floorMs), `same final HTML, one browser, ${jobs} pages at once`],
    ['cold / floor', `${(cold.ms / floorMs).toFixed(2)}×`, 'target ≤ 1.3×'],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  process.stdout.write(`${rows.map((r) => `${r[0].padEnd(w)}  ${r[1].padStart(10)}  ${r[2]}`).join('\n')}\n`);
} finally {
  // BRIEFS_BENCH_KEEP=1 keeps the workspace, to profile a run in it.
  if (process.env.BRIEFS_BENCH_KEEP === '1') process.stderr.write(`bench: workspace kept in ${root}\n`);
  else rmSync(root, { recursive: true, force: true });
}

/**
 * `briefs volume` on the sample workspace, read back: the pages, the outline, the author index,
 * every link of the front matter, the page labels, and the same bytes twice.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { breakTitle, widthEm } from '../../src/layout/title-lines.js';
import { VOLUME_CONTENTS_EMS, VOLUME_INDEX_EMS } from '../../src/layout/page.js';
import { loadProject } from '../../src/workspace/project.js';
import { readOutline } from '../helpers/outline.js';
import { pdfFonts } from '../helpers/pdf.js';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
let volume: { publication: string; year: number; pdf: string; pages: number; issues: { id: string; firstPage: number; lastPage: number }[] };
let bytes: Buffer;
let front: number;
const issuePdf = (id: string) => path.join(dir, 'dist', `${id.replace(/\//g, '-').replace(/-(\d+)$/, (_, n: string) => `-${n.padStart(3, '0')}`)}.pdf`);

/** Each page's text runs with their positions, and its link annotations with their target pages. */
async function readPages(data: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: { n: number; runs: { text: string; x: number; y: number }[]; links: { rect: number[]; target?: number; url?: string }[]; label?: string }[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const runs = (await page.getTextContent()).items.flatMap((i) =>
      'str' in i && i.str.trim() ? [{ text: i.str, x: i.transform[4] as number, y: i.transform[5] as number }] : [],
    );
    const links = [];
    for (const a of await page.getAnnotations()) {
      if (a.subtype !== 'Link') continue;
      const target = Array.isArray(a.dest) ? (await doc.getPageIndex(a.dest[0])) + 1 : undefined;
      links.push({ rect: a.rect as number[], target, url: a.url as string | undefined });
    }
    pages.push({ n, runs, links });
  }
  const labels = await doc.getPageLabels();
  labels?.forEach((l, i) => (pages[i].label = l));
  await doc.destroy();
  return pages;
}

type Page = Awaited<ReturnType<typeof readPages>>[number];
/** The text a page prints under its text block (its folios), spaces dropped, left to right. */
const foot = (p: Page) =>
  p.runs
    .filter((r) => r.y < 35 * (72 / 25.4) - 2)
    .sort((a, b) => a.x - b.x)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, '');
/** The number "— N —" a page prints. */
const folioOf = (p: Page) => /—(\d+)—/.exec(foot(p))?.[1];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-volume-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  const refused = await runCli(['--root', dir, 'volume', 'qingkuang', '2026']);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('volume-draft');
  const r = await runCli(['--root', dir, 'volume', '科技界情况', '2026', '--drafts', '--json']);
  expect(r.code, r.stderr).toBe(0);
  volume = JSON.parse(r.stdout).volume;
  bytes = readFileSync(path.resolve(volume.pdf));
  front = volume.issues[0].firstPage - 1;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The articles of an issue as briefs reads the workspace: title and author names. */
async function articlesOf(id: string): Promise<{ title: string; names: string[] }[]> {
  const project = await loadProject(await loadConfig({ root: dir }));
  const issue = project.issues.find((i) => i.id === id)!;
  return issue.submissions.map((s) => project.byId.get(s)!).map((s) => ({ title: s.title, names: s.authors.map((a) => a.name) }));
}

/**
 * Every link of the front matter goes to the page whose printed folio is the number the entry
 * shows (an issue heading with no number goes to its issue's first page).
 */
async function linksLeadToTheirNumbers(data: Buffer, frontPages: number, firstPages: number[] = volume.issues.map((i) => i.firstPage)) {
  const pages = await readPages(data);
  let links = 0;
  for (const p of pages.slice(0, frontPages)) {
    for (const link of p.links) {
      expect(link.url, 'no link is left to the placeholder address').toBeUndefined();
      const [x1, y1, x2, y2] = link.rect;
      const inside = p.runs.filter((r) => r.x >= x1 - 1 && r.x <= x2 + 1 && r.y >= y1 - 2 && r.y <= y2 + 2);
      const printed = inside
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join('')
        .match(/(\d+)\s*$/)?.[1];
      const what = inside.map((r) => r.text).join('');
      if (printed === undefined) expect(firstPages, what).toContain(link.target);
      else expect(folioOf(pages[link.target! - 1]), what).toBe(printed);
      links++;
    }
  }
  expect(links).toBeGreaterThan(15);
}

describe('briefs volume', () => {
  it('binds the front matter and every issue of the year, page for page', async () => {
    expect(volume.issues.map((i) => i.id)).toEqual(['qingkuang/2026/1', 'qingkuang/2026/2', 'qingkuang/2026/3']);
    let next = front + 1;
    for (const issue of volume.issues) {
      const own = (await readPages(readFileSync(issuePdf(issue.id)))).length;
      expect(issue.firstPage).toBe(next);
      expect(issue.lastPage).toBe(next + own - 1);
      next += own;
    }
    expect(volume.pages).toBe(next - 1);
    expect((await readPages(bytes)).length).toBe(volume.pages);
    // Every face named as it is, the front matter's too (not the variable fonts' "NotoSerifSCExtraLight-Bold").
    const names = new Set(pdfFonts(volume.pdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
    for (const name of names) expect(name).toMatch(/^(NotoSerifSC|NotoSansSC|LXGWWenKai)-(Regular|Medium|Bold)$/);
  });

  it('never cuts an entry’s issue, （第1期）, at a line end, and sets its page at the end of the title’s last line', async () => {
    // 《科技工作者建议》's titles run long: in its index, one title ended "（第1" with "期）" opening the next line.
    const r = await runCli(['--root', dir, 'volume', 'jianyi', '2026', '--drafts', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout).volume;
    const text = execFileSync('pdftotext', ['-layout', '-l', '4', made.pdf, '-'], { encoding: 'utf8' });
    const lines = text.split('\n').map((l) => l.trim());
    expect(lines.filter((l) => /^\d*期）/.test(l))).toEqual([]);
    // A title over several lines: its first line has no page number, its last has one.
    const long = lines.findIndex((l) => l.startsWith('关于在新一轮科技体制改革中'));
    expect(long).toBeGreaterThan(0);
    expect(lines[long]).not.toMatch(/\d$/);
  });

  it('sets each title of the contents and the indexes in the lines the title breaker gives, never the browser’s', async () => {
    // They were wrapped by the browser at any character (发／展, 体／系).
    const r = await runCli(['--root', dir, 'volume', 'jianyi', '2026', '--drafts', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', '-l', '4', JSON.parse(r.stdout).volume.pdf, '-'], { encoding: 'utf8' });
    const printed = text.split('\n').map((l) => l.trim().replace(/\s+\d+$|\s+/g, ''));
    const title = '关于在新一轮科技体制改革中进一步扩大科研单位和科研人员自主权、切实减轻科研人员事务性负担并健全以信任为前提的科研管理机制的建议';
    for (const [measure, label] of [
      [VOLUME_CONTENTS_EMS, ''],
      [VOLUME_INDEX_EMS - widthEm('（第3期）'), '（第3期）'],
    ] as const) {
      const lines = breakTitle(title, measure);
      expect(lines.length).toBeGreaterThan(1);
      const at = printed.findIndex((l, i) => lines.every((line, k) => printed[i + k] === (k === lines.length - 1 ? `${line}${label}` : line)));
      expect(at, `${lines.join(' / ')}${label}`).toBeGreaterThan(0);
    }
  });

  it('outlines the year, each issue and each article, at the page the article starts on', async () => {
    const outline = await readOutline(bytes);
    expect(outline[0]).toMatchObject({ title: '2026年', page: 1 });
    for (const issue of volume.issues) {
      const own = await readOutline(readFileSync(issuePdf(issue.id)));
      const entry = outline.find((e) => e.title.startsWith(`第${issue.id.split('/')[2]}期（`));
      expect(entry?.page, issue.id).toBe(issue.firstPage);
      const titles = (await articlesOf(issue.id)).map((a) => a.title);
      expect(titles.length).toBeGreaterThan(0);
      for (const t of titles) expect(outline.find((e) => e.title === t)?.page, t).toBe(issue.firstPage - 1 + own.find((e) => e.title === t)!.page);
    }
  });

  it('lists every author of every article in the author index, with the page number printed on the article’s page', async () => {
    const pages = await readPages(bytes);
    const lines = (p: (typeof pages)[number]) => {
      const byY = new Map<number, string[]>();
      for (const r of [...p.runs].sort((a, b) => b.y - a.y || a.x - b.x)) byY.set(Math.round(r.y), [...(byY.get(Math.round(r.y)) ?? []), r.text]);
      return [...byY.values()].map((l) => l.join('').replace(/\s+/g, ''));
    };
    const index = pages.slice(0, front).flatMap(lines);
    const from = index.indexOf('作者索引');
    expect(from).toBeGreaterThan(0);
    // Sorted by pinyin: chén, huáng, lín, liú, sūn, wú, zhào, zhèng, zhōu.
    const order = ['陈立', '黄文斌', '林雪', '刘明远', '孙海涛', '吴晓东', '赵静怡', '郑国华', '周敏'];
    expect(order.map((n) => index.findIndex((l, i) => i > from && l.startsWith(n)))).toEqual(
      order.map((n) => index.findIndex((l, i) => i > from && l.startsWith(n))).sort((a, b) => a - b),
    );
    const outline = await readOutline(bytes);
    for (const issue of volume.issues) {
      for (const { title, names } of await articlesOf(issue.id)) {
        const page = outline.find((e) => e.title === title)!.page;
        // Each issue keeps its own folios (the default): the index gives the issue and its page.
        const printed = folioOf(pages[page - 1])!;
        expect(printed).toBe(String(page - issue.firstPage + 1));
        for (const name of names) {
          const at = index.findIndex((l, i) => i > from && l.startsWith(name));
          expect(at, name).toBeGreaterThan(from);
          // The author's entries follow the name: one of them is this article, at its page. A
          // title may run over lines; its page stands at the end of its last.
          const entries = index.slice(at + 1, at + 10);
          const first = entries.findIndex((l) => l.startsWith(title.slice(0, 8)));
          const last = entries.findIndex((l, i) => first >= 0 && i >= first && /\d$/.test(l));
          expect(last >= 0 && entries[last].endsWith(printed), `${name}: ${title} → ${printed}\n${entries.join('\n')}`).toBe(true);
        }
      }
    }
  });

  it('links every entry of the front matter to the page it names', async () => {
    await linksLeadToTheirNumbers(bytes, front);
  });

  it('labels the pages 封面, ii, iii … as their folios, then issue-page', async () => {
    const pages = await readPages(bytes);
    expect(pages[0].label).toBe('封面');
    expect(pages[1].label).toBe('ii');
    expect(foot(pages[1])).toBe('ii');
    expect(pages[volume.issues[1].firstPage].label).toBe('2-2');
  });

  it('makes the same volume when the record of where articles start is wrong', async () => {
    // The front matter is first made from generate's record, then checked against the PDFs.
    const manifest = path.join(dir, 'dist/.briefs-manifest.json');
    const kept = readFileSync(manifest, 'utf8');
    const data = JSON.parse(kept) as { issues: Record<string, { articlePages?: number[] }> };
    expect(data.issues['qingkuang/2026/2'].articlePages?.length).toBeGreaterThan(1);
    data.issues['qingkuang/2026/2'].articlePages = data.issues['qingkuang/2026/2'].articlePages!.map(() => 1);
    writeFileSync(manifest, JSON.stringify(data));
    try {
      const r = await runCli(['--root', dir, 'volume', 'qingkuang', '2026', '--drafts', '--force']);
      expect(r.code, r.stderr).toBe(0);
      expect(readFileSync(path.resolve(volume.pdf)).equals(bytes)).toBe(true);
    } finally {
      writeFileSync(manifest, kept);
    }
  });

  it('makes the same volume when the front matter comes out longer or shorter than it was printed for', async () => {
    // Printed for a length it does not come out at, the front matter stands (the numbers it
    // shows do not depend on its length) and only its links are moved.
    const record = path.join(dir, 'dist/.briefs-volumes.json');
    const kept = readFileSync(record, 'utf8');
    try {
      for (const wrong of [1, 9]) {
        const data = JSON.parse(kept) as Record<string, { front: number }>;
        data['qingkuang/2026'].front = wrong;
        writeFileSync(record, JSON.stringify(data));
        const r = await runCli(['--root', dir, 'volume', 'qingkuang', '2026', '--drafts', '--force']);
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(path.resolve(volume.pdf)).equals(bytes), `printed for ${wrong} pages`).toBe(true);
      }
    } finally {
      writeFileSync(record, kept);
    }
  });

  it('makes the same bytes again, and writes nothing when nothing changed', async () => {
    const again = await runCli(['--root', dir, 'volume', 'qingkuang', '2026', '--drafts']);
    expect(again.stderr).toMatch(/up to date/);
    const forced = await runCli(['--root', dir, 'volume', 'qingkuang', '2026', '--drafts', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.resolve(JSON.parse(forced.stdout).volume.pdf)).equals(bytes)).toBe(true);
  });
});

describe('briefs volume refused', () => {
  it('exits at once when it refuses a draft while its browser is still starting (no print server left listening)', async () => {
    // The issues up to date and the volume not made yet: the run starts Chromium and the print
    // server's warm-up at once, then refuses the draft before they are ready.
    expect((await runCli(['--root', dir, 'generate'])).code).toBe(0);
    rmSync(path.join(dir, 'dist/volumes/jianyi-2026.pdf'), { force: true });
    const child = spawn(process.execPath, [path.join(repo, 'bin/briefs.js'), '--root', dir, 'volume', 'jianyi', '2026'], { stdio: 'ignore' });
    const code = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve('hung');
      }, 30_000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
  });
});

describe('briefs volume --folio', () => {
  /** The volume again with another folio, the issues' PDFs already made (only the front matter is printed). */
  const bind = async (mode: string) => {
    const r = await runCli(['--root', dir, 'volume', 'qingkuang', '2026', '--drafts', '--json', '--folio', mode]);
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout).volume as typeof volume;
    return { made, data: readFileSync(path.resolve(made.pdf)), stderr: r.stderr };
  };
  const body = (p: Page) => p.runs.filter((r) => r.y >= 35 * (72 / 25.4) - 2);

  it('volume: each issue page prints the volume’s number instead of its own, at the side GB/T 9704 gives it', async () => {
    const { made, data, stderr } = await bind('volume');
    expect(stderr).not.toContain('volume-folio-kept');
    const pages = await readPages(data);
    const before = await readPages(bytes);
    const first = made.issues[0].firstPage;
    expect(pages).toHaveLength(before.length);
    for (const p of pages.slice(first - 1)) {
      const n = p.n - first + 1;
      // One folio, the volume's, and nothing of the issue's left for a reader to extract.
      expect(foot(p), `page ${p.n}`).toBe(`—${n}—`);
      const run = p.runs.find((r) => r.y < 35 * (72 / 25.4) - 2)!;
      // Odd pages at the right of the page's middle, even at the left.
      expect(run.x > 297.5, `page ${p.n}`).toBe(n % 2 === 1);
      expect(p.label).toBe(String(n));
      // The rest of the page is the issue's, run for run.
      expect(body(p)).toEqual(body(before[p.n - 1]));
    }
    // The contents and indexes give the volume's numbers, each leading to its page.
    await linksLeadToTheirNumbers(
      data,
      first - 1,
      made.issues.map((i) => i.firstPage),
    );
  });

  it('both: the issue’s folio stays and the volume’s page is added at the foot', async () => {
    const { made, data } = await bind('both');
    const pages = await readPages(data);
    const first = made.issues[0].firstPage;
    for (const issue of made.issues)
      for (let k = issue.firstPage; k <= issue.lastPage; k++) {
        const f = foot(pages[k - 1]);
        expect(f).toContain(`—${k - issue.firstPage + 1}—`);
        expect(f).toContain(`总第${k - first + 1}页`);
      }
  });
});

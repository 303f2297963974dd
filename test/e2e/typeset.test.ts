/**
 * The page as a 公文 typesetter sets it, checked on the printed PDF (pdf.js positions): titles
 * broken at words, names whole, a title never parted from its author line and first lines, a
 * URL starting where it is written, numbers whole in a table, hand-set title lines kept.
 * One print of test/fixtures/typeset, shared by every check.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutline } from '../helpers/outline.js';
import { pdfFonts } from '../helpers/pdf.js';
import { lines, PT, readLayout, readStream, type PageText } from '../helpers/pdf-layout.js';
import { runCli } from '../helpers/run-cli.js';
import { copyFixture } from '../helpers/workspace.js';

interface Line {
  page: number;
  text: string;
  size: number;
  x: number;
  baseline: number;
}

let ws: string;
/** qingkuang/2026/2…11: one short report after an editor's note of 1…10 sentences. */
const short: { id: string; lines: Line[] }[] = [];
let qkPdf: string;
let qk: Line[];
let jy: Line[];
/** An issue whose note puts its title at the foot of page 1, with an author line of three lines. */
let jy2: Line[];
/** One report with eight notes (submissions/notes.md): in a list, a quotation, near page ends. */
let notesPages: PageText[];
/** Notes in a heading and a table head, one too tall for a foot, one on the last page (notes2.md). */
let notes2Pages: PageText[];
const titles: string[] = [];
const names: string[] = [];
/** The same two paragraphs, thick with marks, in jianyi (全身式, the default) and in a bulletin set 开明式. */
let fullStyle: PageText[];
let kaimingStyle: PageText[];

function textLines(pages: PageText[]): Line[] {
  // Without the 草稿 watermark (120 pt), whose baseline may fall on a line of text.
  return pages.flatMap((p) =>
    lines(p.runs.filter((r) => r.size < 100)).map((l) => ({
      page: p.page,
      text: l
        .map((r) => r.text)
        .join('')
        .replace(/\s+/g, ''),
      size: Math.max(...l.map((r) => r.size)),
      x: l[0].x,
      baseline: l[0].baseline,
    })),
  );
}

beforeAll(async () => {
  ws = copyFixture('typeset');
  const r = await runCli(['--root', ws, 'generate', '--json']);
  if (r.code !== 0) throw new Error(`generate failed (${r.code}):\n${r.stderr}`);
  const pdfs = Object.fromEntries(JSON.parse(r.stdout).issues.map((i: { id: string; pdf: string }) => [i.id, path.resolve(i.pdf)]));
  qkPdf = pdfs['qingkuang/2026/1'];
  qk = textLines(await readLayout(qkPdf));
  jy = textLines(await readLayout(pdfs['jianyi/2026/1']));
  jy2 = textLines(await readLayout(pdfs['jianyi/2026/2']));
  notesPages = await readLayout(pdfs['jianyi/2026/3']);
  notes2Pages = await readLayout(pdfs['jianyi/2026/4']);
  fullStyle = await readLayout(pdfs['jianyi/2026/5']);
  kaimingStyle = await readLayout(pdfs['kaiming/2026/1']);
  for (let n = 2; n <= 11; n++) short.push({ id: `qingkuang/2026/${n}`, lines: textLines(await readLayout(pdfs[`qingkuang/2026/${n}`])) });
  for (const f of readdirSync(path.join(ws, 'briefs/submissions')).filter((n) => n.startsWith('ts-'))) {
    const text = readFileSync(path.join(ws, 'briefs/submissions', f), 'utf8');
    titles.push(/^title: (.*)$/m.exec(text)![1]);
    names.push(...[...text.matchAll(/- name: (.*)$/gm)].map((m) => m[1]));
  }
}, 120_000);

afterAll(() => rmSync(ws, { recursive: true, force: true }));

/** The printed lines of each article title (22 pt), in order. */
function titleBlocks(all: Line[]): { lines: Line[]; end: number }[] {
  const out: { lines: Line[]; end: number }[] = [];
  all.forEach((l, i) => {
    if (Math.abs(l.size - 22) > 0.5) return;
    const prev = out[out.length - 1];
    if (prev && prev.end === i - 1) {
      prev.lines.push(l);
      prev.end = i;
    } else out.push({ lines: [l], end: i });
  });
  return out;
}

describe('the typeset page', () => {
  it('breaks every title at word boundaries, and only when it must, in the fewest lines or one more', () => {
    const blocks = titleBlocks(qk);
    expect(blocks.map((b) => b.lines.map((l) => l.text).join(''))).toEqual(titles);
    const seg = new Intl.Segmenter('zh', { granularity: 'word' });
    for (const b of blocks) {
      const title = b.lines.map((l) => l.text).join('');
      const bounds = new Set([...seg.segment(title)].map((s) => s.index));
      let at = 0;
      for (const l of b.lines.slice(0, -1)) {
        at += l.text.length;
        expect(bounds.has(at), `${title}: a break inside a word at ${at}`).toBe(true);
      }
      // The fewest lines, or one more where fewer would break a phrase (a 33-character title in three).
      if (b.lines.length > 1) expect(b.lines.length - Math.ceil(title.length / 20)).toBeLessThanOrEqual(1);
    }
  });

  it('bookmarks each title as one text, even one a keep pushed onto the next page', async () => {
    const outline = (await readOutline(readFileSync(qkPdf))).map((e) => e.title);
    expect(outline.filter((t) => t !== '【测试栏目】')).toEqual(titles);
  });

  it('prints 楷体 text in a 楷 face, and names every face as what it is', async () => {
    const runs = await readStream(qkPdf);
    // The author lines (楷体 role): LXGW WenKai, not Noto Serif as when its package held Latin only.
    const textIn = (font: RegExp) =>
      runs
        .filter((r) => font.test(r.font))
        .map((r) => r.text)
        .join('')
        .replace(/\s+/g, '');
    expect(textIn(/^LXGWWenKai-Regular$/)).toContain('中国科学院物理研究所研究员马振华');
    expect(textIn(/^Noto/)).not.toContain('马振华');
    const names = new Set(pdfFonts(qkPdf).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
    for (const name of names) expect(name).toMatch(/^(NotoSerifSC|NotoSansSC|LXGWWenKai)-(Regular|Medium|Bold)$/);
    expect(names).toContain('NotoSerifSC-Regular');
  });

  it('never splits a name over two lines', () => {
    const authorLines = qk.filter((l) => l.size < 20 && /[（）；]|研究员|教授|工程师/.test(l.text));
    for (const name of names)
      expect(
        authorLines.some((l) => l.text.includes(name)),
        name,
      ).toBe(true);
  });

  it('never starts an author line with a name parted from its description, and sets each author on a line of their own when one line will not do', () => {
    // It printed …某国家重点实验室副研究员 / 周海涛）: a name that read as if it belonged to the next line.
    const authorLines = [...qk, ...jy, ...jy2].filter(
      (l) => l.size < 20 && l.x > 0 && /^（|[；、）]$/.test(l.text) && names.some((n) => l.text.includes(n) || /院士|研究员|教授/.test(l.text)),
    );
    expect(authorLines.length).toBeGreaterThan(0);
    for (const l of authorLines) for (const name of names) expect(l.text.startsWith(name) || l.text.startsWith(`（${name}`), l.text).toBe(false);
    // A line breaks only between authors (after ；) or between the parts of a description (after 、).
    for (const l of authorLines) expect(l.text, l.text).toMatch(/[；、）]$/);
  });

  it('keeps each title, its author line and its first lines of text on one page', () => {
    const all = [...titleBlocks(qk).map((b) => ({ ...b, lines_: qk })), ...titleBlocks(jy2).map((b) => ({ ...b, lines_: jy2 }))];
    expect(all.length).toBe(titles.length + 1);
    for (const b of all) {
      const qk = b.lines_;
      const titlePage = b.lines[0].page;
      expect(b.lines.every((l) => l.page === titlePage)).toBe(true);
      // The author line is the next line, and two lines of text follow it.
      const after = qk.slice(b.end + 1, b.end + 6).filter((l) => !/^—\d+—$/.test(l.text));
      const author = after.findIndex((l) => l.text.startsWith('（'));
      expect(author, 'author line follows the title').toBe(0);
      const close = after.findIndex((l) => l.text.endsWith('）'));
      for (const l of after.slice(0, close + 3)) expect(l.page, `${l.text} on the title's page`).toBe(titlePage);
    }
  });

  it('starts a long URL on the line where it is written, and breaks it only after / or before . ? & = # - _', () => {
    const at = qk.findIndex((l) => l.text.includes('详见'));
    expect(qk[at].text).toMatch(/详见https:\/\//);
    // It broke between two letters (…index.ht / ml, https://ww / w.example.org/).
    const url = 'https://www.example.org/science/funding/reimbursement/2026/guidelines/very-long-path-name/index.html';
    const start = qk[at].text.indexOf('https://');
    let printed = qk[at].text.slice(start);
    let k = at;
    while (printed.length < url.length) {
      expect(printed.endsWith('/') || /^[.?&=#_-]/.test(url.slice(printed.length)), `a break after ${printed}`).toBe(true);
      printed += qk[++k].text;
    }
    expect(printed.startsWith(url)).toBe(true);
  });

  it('never cuts a number in a table', () => {
    for (const n of ['33357.10', '27483.30', '39475.10', '2.65%', '78.1%'])
      expect(
        qk.some((l) => l.text.includes(n)),
        n,
      ).toBe(true);
  });

  // ts-4's one note is referred to from its last line.
  it('keeps the notes of an article on the page where its text ends', () => {
    const at = qk.findIndex((l) => l.text.includes('本次调研采取'));
    expect(at).toBeGreaterThan(0);
    const before = qk
      .slice(0, at)
      .filter((l) => !/^—\d+—$/.test(l.text))
      .at(-1)!;
    expect(before.page, before.text).toBe(qk[at].page);
  });

  // Reports follow on (issue 30): the first follows the editor's note on page 1 whenever its
  // keeps fit there (its topic heading, one-line title and author line and two lines of text:
  // five lines, and the blank line above, which goes where that saves a third of the page).
  it('starts the first report on page 1 whenever its heading, title, author line and two lines fit there', () => {
    const BLOCK_BOTTOM = 37 + 225;
    const LINE = 225 / 22;
    let onPage1 = 0;
    for (const { id, lines: all } of short) {
      const topic = all.find((l) => l.text === '【测试栏目】')!;
      expect(topic, id).toBeDefined();
      if (topic.page === 1) {
        onPage1++;
        const at = all.indexOf(topic);
        // Heading, title, author line and two lines of text, all on page 1.
        expect(
          all.slice(at, at + 5).every((l) => l.page === 1),
          id,
        ).toBe(true);
        continue;
      }
      // Not on page 1: what page 1 had left (under its last line) could not hold those five lines
      // and the blank line above them (which goes only where a third of the page would be left).
      const end = Math.max(...all.filter((l) => l.page === 1 && !/^—\d+—$/.test(l.text)).map((l) => l.baseline));
      expect(BLOCK_BOTTOM - end, `${id}: page 1 ends ${end.toFixed(1)} mm down`).toBeLessThan(6 * LINE);
    }
    // Some follow the note on page 1, some do not: both sides of the rule are seen.
    expect(onPage1).toBeGreaterThan(0);
    expect(onPage1).toBeLessThan(short.length);
  });

  it('with articleBreak: page, starts each report on a page of its own', async () => {
    writeFileSync(path.join(ws, 'briefs.config.yaml'), 'bulletins:\n  qingkuang:\n    articleBreak: page\n');
    try {
      const r = await runCli(['--root', ws, 'generate', 'qingkuang/2026/1', '--out', path.join(ws, 'paged'), '--json']);
      expect(r.code, r.stderr).toBe(0);
      const all = textLines(await readLayout(path.resolve(JSON.parse(r.stdout).issues[0].pdf)));
      const blocks = titleBlocks(all);
      expect(blocks.length).toBe(titles.length);
      for (const b of blocks.slice(1)) {
        const before = all.filter((l) => l.page === b.lines[0].page && l.baseline < b.lines[0].baseline);
        expect(
          before.map((l) => l.text),
          b.lines[0].text,
        ).toEqual([]);
      }
    } finally {
      rmSync(path.join(ws, 'briefs.config.yaml'), { force: true });
    }
  });

  /** Reference marks (0.6 em: under 10 pt) in reading order, and the 14 pt lines of the notes ("N. …"). */
  function notesOf(pages: PageText[]) {
    const refs = pages.flatMap((p) => p.runs.filter((r) => r.size < 10 && /^\d+$/.test(r.text)).map((r) => ({ page: p.page, n: r.text })));
    const small = textLines(pages).filter((l) => Math.abs(l.size - 14) < 0.1 && !/^—\d+—$/.test(l.text));
    return { refs, small, body: textLines(pages).filter((l) => Math.abs(l.size - 16) < 0.1) };
  }
  /** Each note stands on its reference's page, under all its text, its block ending at the foot. */
  function expectAtFoot(pages: PageText[], n: string) {
    const BLOCK_FOOT = 297 - 35;
    const { refs, small, body } = notesOf(pages);
    const ref = refs.find((r) => r.n === n)!;
    const note = small.find((l) => l.text.startsWith(`${n}.`));
    expect(note?.page, `note ${n}`).toBe(ref.page);
    expect(note!.baseline, `note ${n}`).toBeGreaterThan(Math.max(...body.filter((l) => l.page === ref.page).map((l) => l.baseline)));
    const last = small.filter((l) => l.page === ref.page).at(-1)!;
    expect(BLOCK_FOOT - last.baseline, `note ${n}`).toBeLessThan(4);
    expect(BLOCK_FOOT - last.baseline, `note ${n}`).toBeGreaterThan(0);
  }

  it('sets each note at the foot of the page of its reference, and loses no text', () => {
    const { refs, body } = notesOf(notesPages);
    expect(refs.map((r) => r.n)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    for (const ref of refs) expectAtFoot(notesPages, ref.n);
    // The cut paragraphs and lists lose nothing and repeat nothing: the text reads as written.
    const source = readFileSync(path.join(ws, 'briefs/submissions/notes.md'), 'utf8').split('---')[2].split('[^gdp]:')[0];
    const written = source.replace(/\[\^\w+\]|^#+ |^- |^> |[<>]/gm, '').replace(/\s+/g, '');
    const printed = body
      .filter((l) => !/^—\d+—$/.test(l.text))
      .map((l) => l.text.replace(/^•/, ''))
      .join('');
    expect(printed).toContain(written);
  });

  it('sets notes from a heading and a table at the foot too, and a note too tall for a foot at the end', () => {
    const { refs, small, body } = notesOf(notes2Pages);
    expect(refs.map((r) => r.n)).toEqual(['1', '2', '3', '4']);
    for (const n of ['1', '2', '4']) expectAtFoot(notes2Pages, n);
    // The tall note closes the article: after its last line of text, and all of it on one page.
    const tall = small.filter((l) => l.text.includes('这是一条很长的注释'));
    const end = body.filter((l) => !l.text.startsWith('这是')).at(-1)!;
    expect(tall[0].text.startsWith('3.')).toBe(true);
    expect(tall.every((l) => l.page === end.page && l.baseline > end.baseline)).toBe(true);
  });

  it('sets punctuation 全身式 by default and 开明式 where a bulletin asks: only 。？！ keep their whole cell', () => {
    const CELL = 16 * PT;
    // How far the text moves on after each mark given alone, to the next character of the
    // same line, in cells: the mark's own width, plus any stretch of a justified line.
    const advances = (pages: PageText[], marks: string) =>
      pages
        .flatMap((p) => lines(p.runs))
        .filter((l) => Math.abs(l[0].size - 16) < 0.5)
        .flatMap((l) => l.slice(0, -1).flatMap((r, i) => (r.text.length === 1 && marks.includes(r.text) ? [(l[i + 1].x - r.x) / CELL] : [])));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const inSentence = { full: advances(fullStyle, '，、；'), kaiming: advances(kaimingStyle, '，、；') };
    const stops = advances(kaimingStyle, '。？');
    expect(inSentence.full.length).toBeGreaterThan(10);
    expect(inSentence.kaiming.length).toBeGreaterThan(10);
    expect(stops.length).toBeGreaterThan(4);
    expect(median(inSentence.full)).toBeGreaterThan(0.95);
    expect(median(inSentence.kaiming)).toBeLessThan(0.6);
    expect(median(stops)).toBeGreaterThan(0.95);
  });

  it('prints hand-set title lines as given', () => {
    expect(titleBlocks(jy).map((b) => b.lines.map((l) => l.text))).toEqual([['关于加快建立国家重大科研基础设施', '开放共享机制的建议']]);
  });
});

/**
 * Pages without waste, read back from printed PDFs (pdf.js positions): short reports follow on,
 * no page but the last ends with more than a third of its text block empty, the 版记 never
 * stands alone on a page, and a title keeps its author line and first lines of text.
 * test/fixtures/pages holds issues of three, five and eight short reports under several topics
 * and eight suggestions that grow a line at a time, so that one of them ends just where the
 * 版记 no longer fits under the text; the sample's issues are checked too.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { lines, PT, readLayout, type PageText, type TextRun } from '../helpers/pdf-layout.js';
import { runCli } from '../helpers/run-cli.js';
import { copyFixture } from '../helpers/workspace.js';

// The text block (版心): 37 mm from the top, 225 mm tall, 22 lines.
const BLOCK = { top: 37, bottom: 37 + 225 };
const LINE = 225 / 22;

interface Line {
  text: string;
  size: number;
  top: number;
  bottom: number;
  baseline: number;
  x: number;
}

/** A page's lines inside the text block, top to bottom: no folio, no watermark. */
function pageLines(p: PageText): Line[] {
  return lines(p.runs.filter((r) => r.size < 100))
    .map((l: TextRun[]) => ({
      text: l
        .map((r) => r.text)
        .join('')
        .replace(/\s+/g, ''),
      size: Math.max(...l.map((r) => r.size)),
      top: Math.min(...l.map((r) => r.baseline - 0.88 * r.size * PT)),
      bottom: Math.max(...l.map((r) => r.baseline + 0.12 * r.size * PT)),
      baseline: l[0].baseline,
      x: l[0].x,
    }))
    .filter((l) => !/^—\d+—$/.test(l.text));
}

/** Where the 版记 begins on a page (the top of its first line), if it is there. */
function distributionTop(ls: Line[]): number | undefined {
  const first = ls.find((l) => /^(报|送|发|抄送)：/.test(l.text) || l.text.startsWith('责任编辑'));
  return first?.top;
}

interface Printed {
  id: string;
  pages: Line[][];
  /** Each article after the first starts a page of its own (articleBreak: page). */
  pageBreaks: boolean;
}

const printed: Printed[] = [];
let ws: string;

beforeAll(async () => {
  ws = copyFixture('pages');
  const r = await runCli(['--root', ws, 'generate', '--json']);
  if (r.code !== 0) throw new Error(`generate failed (${r.code}):\n${r.stderr}`);
  for (const i of JSON.parse(r.stdout).issues as { id: string; pdf: string }[])
    printed.push({ id: i.id, pages: (await readLayout(path.resolve(i.pdf))).map(pageLines), pageBreaks: i.id.startsWith('jianyi') });
  const sample = inject('sample').out;
  for (const f of readdirSync(sample).filter((n) => n.endsWith('.pdf')))
    printed.push({ id: `sample ${f}`, pages: (await readLayout(path.join(sample, f))).map(pageLines), pageBreaks: f.startsWith('jianyi') });
}, 120_000);

afterAll(() => rmSync(ws, { recursive: true, force: true }));

describe('pages without waste', () => {
  it('prints every issue it was given', () => {
    expect(printed.filter((p) => !p.id.startsWith('sample')).map((p) => p.id)).toHaveLength(35);
    expect(printed.filter((p) => p.id.startsWith('sample')).length).toBeGreaterThanOrEqual(6);
  });

  it('ends no page but the last with more than a third of its text block empty, unless an article starts the next page by rule', () => {
    for (const { id, pages, pageBreaks } of printed) {
      pages.slice(0, -1).forEach((ls, i) => {
        const next = pages[i + 1];
        // With articleBreak: page, a page before a new article's title may end anywhere.
        if (pageBreaks && next[0] && Math.abs(next[0].size - 22) < 0.5) return;
        // A page's notes (脚注, 14 pt, numbered) stand at its foot: the empty space is what lies
        // between the text and them.
        let foot = ls.length;
        while (foot > 0 && ls[foot - 1].size < 15 && ls[foot - 1].size > 13) foot--;
        const notes = foot < ls.length && /^\d/.test(ls[foot].text) ? ls.slice(foot) : [];
        const body = notes.length ? ls.slice(0, foot) : ls;
        const end = Math.max(...body.map((l) => l.bottom));
        const empty = (BLOCK.bottom - end - (notes.length ? BLOCK.bottom - notes[0].top + 2 : 0)) / (BLOCK.bottom - BLOCK.top);
        // The one conflict the keeps win: a report whose heading, title, author line and first two
        // lines (without the space above, which goes) are taller than what this page has left.
        // The head that opens the next page: a topic heading and a title's lines.
        let title = -1;
        for (let k = 0; k < next.length && (Math.abs(next[k].size - 22) < 0.5 || (k === 0 && /^【.+】$/.test(next[k].text))); k++)
          if (next[k].size > 20) title = k;
        if (title >= 0) {
          // The text's first line is indented two characters; the author lines above it are centred.
          const text = next.findIndex((l, k) => k > title && Math.abs(l.x - (28 + 2 * 16 * PT)) < 0.3);
          const needs = text >= 0 && next[text + 1] ? next[text + 1].bottom - next[0].top : Infinity;
          if (needs > BLOCK.bottom - end) return;
        }
        expect(empty, `${id} page ${i + 1} ends at ${end.toFixed(1)} mm: ${(empty * 100).toFixed(0)} % empty`).toBeLessThanOrEqual(1 / 3);
      });
    }
  });

  it('never prints the 版记 alone on a page: the last lines of text go with it', () => {
    let checked = 0;
    for (const { id, pages } of printed) {
      const last = pages[pages.length - 1];
      const top = distributionTop(last);
      if (top === undefined) continue;
      checked++;
      const text = last.filter((l) => l.bottom <= top && l.size >= 15.5);
      expect(text.length, `${id}: the last page holds the 版记 and ${text.length} lines of text`).toBeGreaterThanOrEqual(2);
      // And nothing of the 版记 is on an earlier page.
      for (const p of pages.slice(0, -1)) expect(distributionTop(p), id).toBeUndefined();
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  });

  it('takes the pages the text needs: its lines over 22 a page, plus one', () => {
    for (const { id, pages } of printed) {
      const used = pages.reduce((sum, ls) => sum + (Math.max(...ls.map((l) => l.bottom)) - BLOCK.top) / LINE, 0);
      expect(pages.length, `${id}: ${used.toFixed(1)} lines on ${pages.length} pages`).toBeLessThanOrEqual(Math.ceil(used / 22) + 1);
    }
  });

  it('lets short reports follow on: at least two reports share a page in each issue of short reports', () => {
    for (const { id, pages } of printed.filter((p) => /^qingkuang\/2026\/[123]$/.test(p.id))) {
      const titlesOnAPage = pages.map((ls) => ls.filter((l) => Math.abs(l.size - 22) < 0.5 && !/^【/.test(l.text)).length);
      expect(Math.max(...titlesOnAPage), `${id}: titles a page ${titlesOnAPage.join(', ')}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('spaces a 简报 as its settings say: one blank line between reports and above a topic heading, the heading on its title, the text right under the author line', () => {
    const blank = (a: Line, b: Line) => Math.round((b.baseline - a.baseline) / LINE) - 1;
    // The space above a report goes only where, without it, the page would have ended with more
    // than a third of it empty (the text before it ends above the page's last third).
    const spaced = (a: Line, b: Line, lines: number) =>
      blank(a, b) === lines || (blank(a, b) === 0 && BLOCK.bottom - a.bottom > (BLOCK.bottom - BLOCK.top) / 3);
    const seen = { between: 0, topic: 0, head: 0 };
    for (const { id, pages } of printed.filter((p) => p.id.startsWith('qingkuang/'))) {
      // The contents (本期目录 up to the first title, over a page or two) list topics and titles too.
      let contents = false;
      for (const ls of pages) {
        ls.forEach((l, i) => {
          if (/^本期目录$/.test(l.text)) contents = true;
          if (Math.abs(l.size - 22) < 0.5) contents = false;
          const prev = ls[i - 1];
          if (!prev || contents) return;
          const where = `${id}: ${prev.text.slice(0, 8)} (${prev.baseline.toFixed(1)}) → ${l.text.slice(0, 8)} (${l.baseline.toFixed(1)})`;
          const isTitle = Math.abs(l.size - 22) < 0.5 && Math.abs(prev.size - 22) > 0.5;
          if (/^【.+】$/.test(l.text) && prev.size < 17) {
            seen.topic++;
            expect(spaced(prev, l, 1), `${where}: above a topic heading, ${blank(prev, l)} blank lines`).toBe(true);
          } else if (isTitle && /^【.+】$/.test(prev.text)) {
            expect(blank(prev, l), `${where}: a topic heading on its title`).toBe(0);
          } else if (isTitle) {
            seen.between++;
            expect(spaced(prev, l, 1), `${where}: between two reports, ${blank(prev, l)} blank lines`).toBe(true);
          } else if (/^（.+）$/.test(prev.text) && l.size < 17 && Math.abs(ls[i - 2]?.size - 22) < 0.5) {
            seen.head++;
            expect(blank(prev, l), `${where}: author line to text`).toBe(0);
          }
        });
      }
    }
    expect(seen.between).toBeGreaterThanOrEqual(2);
    expect(seen.topic).toBeGreaterThanOrEqual(2);
    expect(seen.head).toBeGreaterThanOrEqual(5);
  });

  it('cuts a page for its footnotes where a typesetter would: no heading left above the notes, no line of a paragraph alone on either side', () => {
    const INDENT = 28 + 2 * 16 * PT;
    const isHeading = (l: Line) => /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/.test(l.text) && !/。$/.test(l.text);
    let cuts = 0;
    for (const { id, pages } of printed) {
      pages.slice(0, -1).forEach((ls, i) => {
        // The page's notes: numbered 14-pt lines at its foot.
        let foot = ls.length;
        while (foot > 0 && ls[foot - 1].size < 15 && ls[foot - 1].size > 13) foot--;
        if (foot === ls.length || !/^\d/.test(ls[foot].text)) return;
        cuts++;
        const body = ls.slice(0, foot).filter((l) => Math.abs(l.size - 16) < 0.5);
        const last = body[body.length - 1];
        const where = `${id} page ${i + 1}: …${last.text.slice(-10)}`;
        expect(isHeading(last), `${where}: a heading left above the notes`).toBe(false);
        // A paragraph cut here: its tail opens the next page unindented.
        const next = pages[i + 1].filter((l) => Math.abs(l.size - 16) < 0.5);
        if (!next.length || Math.abs(next[0].x - INDENT) < 0.3 || isHeading(next[0])) return;
        let above = 0;
        for (let k = body.length - 1; k >= 0; k--) {
          above++;
          if (Math.abs(body[k].x - INDENT) < 0.3) break;
        }
        const below = next.findIndex((l, k) => k > 0 && (Math.abs(l.x - INDENT) < 0.3 || isHeading(l)));
        expect(above, `${where}: lines of the cut paragraph left above the notes`).toBeGreaterThanOrEqual(2);
        expect(below < 0 ? next.length : below, `${where}: lines of the cut paragraph on the next page`).toBeGreaterThanOrEqual(2);
      });
    }
    expect(cuts).toBeGreaterThanOrEqual(6);
  });

  it('keeps a topic heading on its first report, and each title with its author line and two lines of text', () => {
    for (const { id, pages } of printed) {
      pages.forEach((ls, p) => {
        ls.forEach((l, i) => {
          const where = `${id} page ${p + 1}: ${l.text.slice(0, 12)}`;
          if (/^【.+】$/.test(l.text) && l.size < 17 && i === ls.length - 1) expect.fail(`${where}: a topic heading ends the page`);
          if (Math.abs(l.size - 22) > 0.5) return;
          // The title's last line: after it on this page, the author line and two lines of body text.
          if (ls[i + 1] && Math.abs(ls[i + 1].size - 22) < 0.5) return;
          const after = ls.slice(i + 1);
          expect(after.length, `${where}: the title's page ends before its author line and two lines of text`).toBeGreaterThanOrEqual(3);
        });
      });
    }
  });
});

/**
 * The Word edition opened by another program: LibreOffice turns each bulletin's sample .docx
 * into a PDF, which is read back beside briefs' own: the same text in the same order, about
 * as many pages, "— N —" folios, the masthead in red, every topic heading, the 版记 whole at the
 * foot of the last page, titles and contents entries in the print's lines, no number parted
 * from its unit, and the text set in the faces the .docx embeds (which this machine lacks).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { assemble, loadProject } from '../../src/workspace/project.js';
import { runCli } from '../helpers/run-cli.js';
import { lines as byLine, readLayout } from '../helpers/pdf-layout.js';
import { pdfFonts } from '../helpers/pdf.js';
import { keptPieces } from '../../src/render/line-keeps.js';
import { breakTitle, contentsLines } from '../../src/layout/title-lines.js';
import { ARTICLE_TITLE_EMS } from '../../src/layout/page.js';

const repo = path.resolve(__dirname, '../..');
let dir: string;
const ISSUES = ['jianyi/2026/1', 'qingkuang/2026/1'];
const base = (id: string) => id.replace(/\//g, '-').replace(/-(\d+)$/, (_, n: string) => `-${n.padStart(3, '0')}`);
const pages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const han = (s: string) => s.replace(/[^\p{Script=Han}]/gu, '');

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-docx-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  const r = await runCli(['--root', dir, 'generate', '--docx', ...ISSUES]);
  expect(r.code, r.stderr).toBe(0);
  // One LibreOffice a document, each with a profile of its own: a LibreOffice already running
  // elsewhere does not take the job, and LibreOffice shares embedded faces by name among the
  // documents one process opens (the second's subset would lack the first's characters).
  for (const id of ISSUES)
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, `lo-profile-${base(id)}`)}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        path.join(dir, 'lo'),
        path.join(dir, 'dist', `${base(id)}.docx`),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Word edition in LibreOffice', () => {
  for (const id of ISSUES) {
    it(`${id}: opens with the print's text in order, about its pages, with folios and a red masthead`, async () => {
      const lo = path.join(dir, 'lo', `${base(id)}.pdf`);
      const own = path.join(dir, 'dist', `${base(id)}.pdf`);
      expect(Math.abs(pages(lo) - pages(own))).toBeLessThanOrEqual(1);
      for (let n = 1; n <= pages(lo); n++)
        expect(execFileSync('pdftotext', ['-f', String(n), '-l', String(n), lo, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain(`—${n}—`);
      // Every paragraph of every article, in order (Han characters only: spacing differs).
      const project = await loadProject(await loadConfig({ root: dir }));
      const articles = assemble(
        project,
        project.issues.find((i) => i.id === id)!,
      ).articles;
      // Word sets a note at the foot of its page, inside whatever paragraph runs on: out first.
      const notes = articles.flatMap((a) => [...a.submission.body.matchAll(/^\[\^\w+\]:(.*)$/gm)].map((m) => han(m[1])));
      let text = han(execFileSync('pdftotext', [lo, '-'], { encoding: 'utf8' }));
      for (const note of notes) text = text.replace(note, '');
      let at = 0;
      for (const art of articles) {
        for (const para of art.submission.body.split(/\n\s*\n/).filter((p) => !/^\s*(\||\[\^)/.test(p))) {
          const want = han(para.replace(/\[\^\w+\]/g, ''));
          if (!want) continue;
          const found = text.indexOf(want, at);
          expect(found, para.slice(0, 30)).toBeGreaterThanOrEqual(at);
          at = found + want.length;
        }
      }
      // The masthead: red pixels in the top third of page 1.
      const png = PNG.sync.read(execFileSync('pdftoppm', ['-r', '60', '-f', '1', '-l', '1', '-png', lo]));
      let red = 0;
      for (let y = 0; y < png.height / 3; y++)
        for (let x = 0; x < png.width; x++) {
          const i = (y * png.width + x) * 4;
          if (png.data[i] > 150 && png.data[i] - png.data[i + 1] > 80 && png.data[i] - png.data[i + 2] > 80) red++;
        }
      expect(red).toBeGreaterThan(100);
      expect(readFileSync(lo).length).toBeGreaterThan(0);
    });
  }
});

/** The LibreOffice PDF's lines, page by page, as text without spaces or word joiners. */
async function loLines(id: string): Promise<{ pages: string[][]; positions: { text: string; baseline: number }[][]; heightMm: number }> {
  const layout = await readLayout(path.join(dir, 'lo', `${base(id)}.pdf`));
  const positions = layout.map((p) =>
    byLine(p.runs).map((l) => ({
      text: l
        .map((r) => r.text)
        .join('')
        .replace(/[\s\u2060]/g, ''),
      baseline: l[0].baseline,
    })),
  );
  return { pages: positions.map((p) => p.map((l) => l.text)), positions, heightMm: layout[0].heightMm };
}

describe('the Word edition in LibreOffice, as the print sets it', () => {
  const issueOf = async (id: string) => {
    const project = await loadProject(await loadConfig({ root: dir }));
    return assemble(
      project,
      project.issues.find((i) => i.id === id)!,
    );
  };

  it('sets every topic heading, in the body and in the contents', async () => {
    const a = await issueOf('qingkuang/2026/1');
    const all = (await loLines('qingkuang/2026/1')).pages.flat();
    for (const g of a.groups)
      expect(
        all.filter((l) => l === `【${g.topic}】`),
        g.topic,
      ).toHaveLength(2);
  });

  for (const id of ISSUES)
    it(`${id}: the 版记 whole at the foot of the last page, with the text's end above it`, async () => {
      const { positions, heightMm } = await loLines(id);
      const last = positions.at(-1)!;
      const at = (start: string) => last.findIndex((l) => l.text.startsWith(start));
      const rows = ['报：', '送：', '责任编辑：'].map(at);
      for (const r of rows) expect(r, JSON.stringify(last.map((l) => l.text))).toBeGreaterThanOrEqual(0);
      expect(last[rows[2]].text).toMatch(/共印\d+份$/);
      // At the foot: the imprint's line within the last 25 mm of the text block (which ends 35 mm
      // from the bottom), and some text of the issue above the 版记 on the same page.
      expect(last[rows[2]].baseline).toBeGreaterThan(heightMm - 35 - 25);
      expect(rows[0]).toBeGreaterThan(0);
    });

  for (const id of ISSUES)
    it(`${id}: each article starts on the page the print starts it on`, async () => {
      const a = await issueOf(id);
      const pageOf = async (file: string) => {
        // Title lines only: 二号 (22 pt), not a contents entry's 三号 line of the same words.
        const pages = (await readLayout(file)).map((p) =>
          byLine(p.runs.filter((r) => r.size > 20)).map((l) =>
            l
              .map((r) => r.text)
              .join('')
              .replace(/[\s\u2060]/g, ''),
          ),
        );
        return a.articles.map((art) => {
          const first = (art.submission.titleLines ?? breakTitle(art.submission.title, ARTICLE_TITLE_EMS))[0].replace(/\s/g, '');
          return pages.findIndex((lines) => lines.includes(first)) + 1;
        });
      };
      const print = await pageOf(path.join(dir, 'dist', `${base(id)}.pdf`));
      expect(print.every((n) => n > 0)).toBe(true);
      // qingkuang/2026/1 prints its reports on pages 2, 3 and 4, after a page of contents.
      if (id === 'qingkuang/2026/1') expect(print).toEqual([2, 3, 4]);
      expect(await pageOf(path.join(dir, 'lo', `${base(id)}.pdf`))).toEqual(print);
    });

  for (const id of ISSUES)
    it(`${id}: page 1 holds what the print's page 1 holds`, async () => {
      // Han characters only: the folio and the contents' page numbers are fields or digits.
      const page1 = async (file: string) => han(execFileSync('pdftotext', ['-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' }));
      expect(await page1(path.join(dir, 'lo', `${base(id)}.pdf`))).toBe(await page1(path.join(dir, 'dist', `${base(id)}.pdf`)));
    });

  for (const id of ISSUES)
    it(`${id}: titles and contents entries in the print's lines; no number parted from its unit`, async () => {
      const a = await issueOf(id);
      const { pages } = await loLines(id);
      const all = pages.flat();
      for (const art of a.articles) {
        const title = art.submission.titleLines ?? breakTitle(art.submission.title, ARTICLE_TITLE_EMS);
        for (const line of title) expect(all, line).toContain(line.replace(/\s/g, ''));
        if (a.bulletin.contents && a.articles.length > 1) {
          const entry = contentsLines(art.submission);
          entry.slice(0, -1).forEach((line) => expect(all, line).toContain(line.replace(/\s/g, '')));
          // The last line runs on into the dot leader and the page number.
          expect(
            all.some((l) => new RegExp(`^${entry.at(-1)!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[.…·]+\\d+$`).test(l)),
            entry.at(-1),
          ).toBe(true);
        }
      }
      // The body on the grid: a full line of Chinese holds the print's 28 characters (27 at the
      // characters' own width; 29 where the office squeezes two marks, as the print does).
      const chinese = all.filter((l) => /^[\p{Script=Han}\u3000-\u303f\uff01-\uff5e“”‘’—…]+$/u.test(l));
      expect(Math.max(...chinese.map((l) => [...l].length))).toBeGreaterThanOrEqual(28);
      // Every kept piece of the text (30%, 2025年, 〔2015〕12号, “堵点” …) on one line.
      const text = all.join('\n');
      const kept = a.articles.flatMap((art) => keptPieces(art.submission.body).filter((p) => p.keep)).map((p) => p.text);
      expect(kept.length).toBeGreaterThan(0);
      for (const piece of kept) {
        const spread = new RegExp([...piece].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\n?'), 'g');
        for (const m of text.matchAll(spread)) expect(m[0], piece).not.toContain('\n');
      }
    });

  for (const id of ISSUES)
    it(`${id}: sets its text in the faces the .docx embeds, though this machine has none of them`, async () => {
      const installed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
      for (const family of ['Noto Serif SC', 'Noto Sans SC', 'LXGW WenKai']) expect(installed.split('\n').map((l) => l.split(',')[0])).not.toContain(family);
      const fonts = pdfFonts(path.join(dir, 'lo', `${base(id)}.pdf`)).map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
      for (const face of ['NotoSerifSC-Regular', 'NotoSerifSC-Bold', 'NotoSansSC-Regular', 'LXGWWenKai-Regular']) expect(fonts).toContain(face);
      // Every Han character in an embedded face: none taken from another face of the machine.
      const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      const doc = await getDocument({ data: new Uint8Array(readFileSync(path.join(dir, 'lo', `${base(id)}.pdf`))), verbosity: 0 }).promise;
      const strays: string[] = [];
      /** Each Han character shown, with the faces it was shown in. */
      const shownIn = new Map<string, Set<string>>();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        await page.getOperatorList();
        for (const item of content.items) {
          if (!('str' in item) || !/\p{Script=Han}/u.test(item.str)) continue;
          const name = (page.commonObjs.get(item.fontName) as { name: string }).name;
          if (!/NotoSerifSC|NotoSansSC|LXGWWenKai/.test(name)) strays.push(`${name}: ${item.str}`);
          for (const c of han(item.str)) shownIn.set(c, (shownIn.get(c) ?? new Set()).add(name.replace(/^[A-Z]{6}\+/, '')));
        }
      }
      await doc.destroy();
      expect(strays).toEqual([]);
      // Each role in its own face, every character of it: a face cut short of a character its
      // runs print would have the office take the character from another embedded face.
      const a = await issueOf(id);
      const wants: [string, string][] = [
        ...a.articles.map((art) => [han(art.submission.title), 'NotoSerifSC-Bold'] as [string, string]),
        ...a.articles.map((art) => [han(art.submission.authors.map((x) => x.name).join('')), 'LXGWWenKai-Regular'] as [string, string]),
        ...a.groups.filter((g) => g.topic && a.bulletin.groupByTopic).map((g) => [han(g.topic!), 'NotoSansSC-Regular'] as [string, string]),
      ];
      expect(wants.length).toBeGreaterThanOrEqual(2);
      for (const [text, face] of wants) for (const c of text) expect([...(shownIn.get(c) ?? [])], `${c} of ${text}`).toContain(face);
    });
});

describe('the Word edition on a rerun', () => {
  it('is not written again when nothing changed, and says so', async () => {
    const file = path.join(dir, 'dist', `${base(ISSUES[0])}.docx`);
    const before = statSync(file).mtimeMs;
    const again = await runCli(['--root', dir, 'generate', '--docx', ...ISSUES]);
    expect(again.code, again.stderr).toBe(0);
    expect(statSync(file).mtimeMs).toBe(before);
    expect(again.stderr).not.toMatch(/Word edition/);
  });

  it('is written again when it was deleted, and the run says which', async () => {
    const file = path.join(dir, 'dist', `${base(ISSUES[0])}.docx`);
    const bytes = readFileSync(file);
    rmSync(file);
    const again = await runCli(['--root', dir, 'generate', '--docx', '--json', ...ISSUES]);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(again.stderr).toMatch(new RegExp(`${ISSUES[0]} → \\S+ \\(\\d+ pages?\\); wrote the Word edition \\S*dist/${base(ISSUES[0])}\\.docx`));
    expect(again.stderr).toMatch(/; 1 Word edition written/);
    const json = JSON.parse(again.stdout) as { issues: { id: string; docxWritten: boolean }[] };
    expect(json.issues.map((i) => [i.id, i.docxWritten])).toEqual(ISSUES.map((id, k) => [id, k === 0]));
  });
});

describe('docx: true in the config', () => {
  it('writes the Word edition beside each PDF without --docx', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'briefs-docx-config-'));
    try {
      cpSync(path.join(repo, 'briefs'), path.join(ws, 'briefs'), { recursive: true });
      writeFileSync(path.join(ws, 'briefs.config.yaml'), 'docx: true\n');
      const r = await runCli(['--root', ws, 'generate', 'jianyi/2026/3', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const [issue] = JSON.parse(r.stdout).issues;
      expect(issue.docx).toMatch(/jianyi-2026-003\.docx$/);
      expect(statSync(path.resolve(issue.docx)).size).toBeGreaterThan(1000);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });
});

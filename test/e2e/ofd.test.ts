/**
 * The OFD edition (generate --ofd), read by tools briefs did not write: every XML part checked
 * against the schema, every page drawn by ofd.js in Chromium and compared with poppler's
 * drawing of the PDF page, every page's text read with the browser's XML parser and compared
 * with poppler's text of the PDF page. The sample workspace is printed once for the suite,
 * with --ofd (test/global-setup.ts).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumArgs } from '../../src/print/browser.js';
import { findBrowser } from '../../src/print/find-browser.js';
import { compact, pdfFonts, pdfInfo } from '../helpers/pdf.js';
import { drawOfd, drawPdf, inkMismatch, ofdParts, partText, schemaErrors, zipProblems } from '../helpers/ofd.js';
import { readOutline } from '../helpers/outline.js';
import { runCli } from '../helpers/run-cli.js';

const repo = path.resolve(__dirname, '../..');
const PROFILE = path.join(repo, 'test/fixtures/ofd-schema/briefs-ofd.xsd');
/**
 * The most of a page's ink that may differ between ofd.js's drawing and poppler's (see
 * inkMismatch). The sample's pages differ by 0.8–1.5 %: glyph edges drawn by two rasterisers.
 * A line of body text left out is 3.5–4 % of a full page's ink, a run of text a millimetre off
 * is more, so 3 % lets through no line, rule or block that is missing or misplaced.
 */
const INK_BOUND = 0.03;

interface Summary {
  issues: { id: string; pdf: string; ofd?: string; ofdWritten?: boolean; pages: number; status: string }[];
}
let out: string;
let summary: Summary;
let browser: Browser;
const pdfPageText = (file: string, n: number) =>
  execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });

beforeAll(async () => {
  out = inject('sample').out;
  summary = JSON.parse(inject('sample').summary) as Summary;
  browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, args: chromiumArgs(process.getuid?.() === 0) });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('generate --ofd', () => {
  it('writes <bulletin>-<year>-<NNN>.ofd beside each PDF; --json gives it as "ofd" and the manifest keeps its hash', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, '.briefs-manifest.json'), 'utf8')) as {
      issues: Record<string, { ofd?: string; ofdSha256?: string }>;
    };
    expect(summary.issues.length).toBeGreaterThan(0);
    for (const i of summary.issues) {
      expect(i.ofd, i.id).toBe(i.pdf.replace(/\.pdf$/, '.ofd'));
      expect(i.ofdWritten).toBe(true);
      const bytes = readFileSync(path.resolve(i.ofd!));
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
      // Every entry inflates to its recorded size and CRC: the fonts are the PDF's own deflate
      // data, passed on, and the rest deflated here.
      expect(zipProblems(path.resolve(i.ofd!)), i.id).toEqual([]);
      expect(manifest.issues[i.id].ofd).toBe(path.basename(i.ofd!));
      expect(manifest.issues[i.id].ofdSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('every XML part validates against the OFD schema (and against the standard’s own XSD files when BRIEFS_OFD_SCHEMAS names their folder)', () => {
    const standard = process.env.BRIEFS_OFD_SCHEMAS;
    const own = (part: string) =>
      path.join(standard!, part === 'OFD.xml' ? 'OFD.xsd' : part.endsWith('Document.xml') ? 'Document.xsd' : part.endsWith('Res.xml') ? 'Res.xsd' : 'Page.xsd');
    for (const i of summary.issues) {
      const parts = ofdParts(path.resolve(i.ofd!));
      expect(Object.keys(parts)).toEqual(expect.arrayContaining(['OFD.xml', 'Doc_0/Document.xml', 'Doc_0/PublicRes.xml', 'Doc_0/DocumentRes.xml']));
      expect(Object.keys(parts).filter((n) => n.endsWith('/Content.xml'))).toHaveLength(i.pages);
      expect(
        schemaErrors(parts, () => PROFILE),
        i.id,
      ).toEqual([]);
      if (standard) expect(schemaErrors(parts, own), i.id).toEqual([]);
    }
  });

  it('an independent reader (ofd.js in Chromium) draws every page as poppler draws the PDF’s, and every page’s text is the PDF page’s', async () => {
    for (const i of summary.issues) {
      const pdf = path.resolve(i.pdf);
      const [drawn, printed] = await Promise.all([drawOfd(browser, path.resolve(i.ofd!)), drawPdf(pdf)]);
      expect(drawn.pages.length, i.id).toBe(printed.length);
      expect(drawn.texts.length).toBe(printed.length);
      for (let p = 0; p < printed.length; p++) {
        expect(inkMismatch(drawn.pages[p], printed[p]), `${i.id} page ${p + 1}`).toBeLessThan(INK_BOUND);
        expect(compact(drawn.texts[p]), `${i.id} page ${p + 1}`).toBe(compact(pdfPageText(pdf, p + 1)));
      }
    }
  }, 120_000);

  it('keeps what things are: the masthead in red text, the red rule a red path, the 版记’s rules paths, fonts the PDF’s own subsets, an outline of the articles', async () => {
    for (const i of summary.issues) {
      const parts = ofdParts(path.resolve(i.ofd!));
      const pages = Object.keys(parts)
        .filter((n) => n.endsWith('/Content.xml'))
        .sort((a, b) => Number(/Page_(\d+)/.exec(a)![1]) - Number(/Page_(\d+)/.exec(b)![1]))
        .map((n) => partText(parts, n));
      const bulletin = i.id.startsWith('jianyi') ? '科技工作者建议' : '科技界情况';
      // The masthead's characters, in the masthead's red (GB/T 9704's red, as the print has it).
      const red = [...pages[0].matchAll(/<ofd:TextObject [^>]*><ofd:FillColor Value="230 0 18"\/><ofd:TextCode[^>]*>([^<]*)</g)].map((m) => m[1]).join('');
      expect(red, i.id).toContain(bulletin);
      // The red rule under the issue line: a filled path, red, wider than 150 mm.
      const redRules = [
        ...pages[0].matchAll(
          /<ofd:PathObject [^>]*Boundary="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"[^>]*>(?:<ofd:Clips>.*?<\/ofd:Clips>)?<ofd:FillColor Value="230 0 18"\/>/g,
        ),
      ];
      expect(redRules.filter((m) => Number(m[1]) > 150 && Number(m[2]) < 2).length, i.id).toBeGreaterThanOrEqual(1);
      // The 版记 on the last page: its rules are paths across the text block, in black.
      const last = pages[pages.length - 1];
      const rules = [
        ...last.matchAll(
          /<ofd:PathObject [^>]*Boundary="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"[^>]*>(?:<ofd:Clips>.*?<\/ofd:Clips>)?<ofd:FillColor Value="0 0 0"\/>/g,
        ),
      ];
      expect(rules.filter((m) => Number(m[1]) > 150 && Number(m[2]) < 1.5).length, i.id).toBeGreaterThanOrEqual(2);
      // Fonts: each named as the PDF names it, with its file, which is a TrueType subset.
      const res = partText(parts, 'Doc_0/PublicRes.xml');
      const fonts = [...res.matchAll(/<ofd:Font ID="\d+" FontName="([^"]+)"[^>]*><ofd:FontFile>([^<]+)<\/ofd:FontFile>/g)];
      expect(fonts.length).toBe([...res.matchAll(/<ofd:Font /g)].length);
      const pdfNames = new Set(pdfFonts(path.resolve(i.pdf)).map((f) => f.name.replace(/^[A-Z]{6}\+/, '')));
      for (const [, name, file] of fonts) {
        expect(pdfNames.has(name), name).toBe(true);
        const data = parts[`Doc_0/Res/${file}`];
        expect(Buffer.from(data.subarray(0, 4)).toString('hex')).toBe('00010000');
        expect(data.length).toBeLessThan(100_000);
      }
      // The outline: every entry of the PDF's, in order, each to its page.
      const document = partText(parts, 'Doc_0/Document.xml');
      const pageIds = [...document.matchAll(/<ofd:Page ID="(\d+)"/g)].map((m) => m[1]);
      const entries = [
        ...document.matchAll(/<ofd:OutlineElem Title="([^"]+)"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="XYZ" PageID="(\d+)"/g),
      ].map((m) => ({ title: m[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&'), page: pageIds.indexOf(m[2]) + 1 }));
      const outline = await readOutline(new Uint8Array(readFileSync(path.resolve(i.pdf))));
      expect(entries, i.id).toEqual(outline.map((e) => ({ title: e.title, page: e.page })));
    }
  });

  it('says what the document is: title and author as the PDF’s, the issue’s date, a DocID from its fingerprint; every id used once and under MaxUnitID', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, '.briefs-manifest.json'), 'utf8')) as { issues: Record<string, { fingerprint: string }> };
    for (const i of summary.issues) {
      const parts = ofdParts(path.resolve(i.ofd!));
      const ofd = partText(parts, 'OFD.xml');
      const info = pdfInfo(path.resolve(i.pdf));
      const tag = (name: string) => new RegExp(`<ofd:${name}>([^<]*)</ofd:${name}>`).exec(ofd)?.[1];
      expect(tag('Title')).toBe(info.Title);
      expect(tag('Author')).toBe(info.Author);
      expect(tag('CreationDate')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(tag('DocID')).toBe(manifest.issues[i.id].fingerprint.replace(/[^0-9a-f]/g, '').slice(0, 32));
      const all = Object.entries(parts)
        .filter(([n]) => n.endsWith('.xml'))
        .map(([, b]) => Buffer.from(b).toString('utf8'))
        .join('');
      const ids = [...all.matchAll(/ ID="(\d+)"/g)].map((m) => Number(m[1]));
      expect(new Set(ids).size).toBe(ids.length);
      const max = Number(/<ofd:MaxUnitID>(\d+)</.exec(all)![1]);
      expect(Math.max(...ids)).toBe(max);
    }
  });

  it('a rerun writes no OFD; one that is gone is written again, the same bytes in another time zone; one that cannot be written fails its issue and leaves the PDF', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-ofd-rerun-'));
    try {
      cpSync(out, dir, { recursive: true });
      const first = summary.issues[0];
      const name = path.basename(first.ofd!);
      const before = statSync(path.join(dir, name)).mtimeMs;
      const rerun = await runCli(['--root', repo, 'generate', '--out', dir, '--ofd', '--json']);
      expect(rerun.code, rerun.stderr).toBe(0);
      const again = JSON.parse(rerun.stdout) as Summary;
      expect(again.issues.every((r) => r.status === 'cached' && r.ofdWritten === false)).toBe(true);
      expect(statSync(path.join(dir, name)).mtimeMs).toBe(before);
      unlinkSync(path.join(dir, name));
      const tz = process.env.TZ;
      process.env.TZ = 'America/Los_Angeles';
      try {
        const lost = await runCli(['--root', repo, 'generate', '--out', dir, '--ofd', '--json']);
        expect(lost.code, lost.stderr).toBe(0);
        const written = (JSON.parse(lost.stdout) as Summary).issues.filter((r) => r.ofdWritten);
        expect(written.map((r) => r.id)).toEqual([first.id]);
      } finally {
        if (tz === undefined) delete process.env.TZ;
        else process.env.TZ = tz;
      }
      expect(existsSync(path.join(dir, name))).toBe(true);
      expect(readFileSync(path.join(dir, name)).equals(readFileSync(path.resolve(first.ofd!)))).toBe(true);
      // An OFD that cannot be written (a folder stands in its place): the issue fails with
      // ofd-failed, its PDF stands as recorded, and the next run writes the OFD.
      const pdfBytes = readFileSync(path.join(dir, path.basename(first.pdf)));
      unlinkSync(path.join(dir, name));
      mkdirSync(path.join(dir, name));
      const blocked = await runCli(['--root', repo, 'generate', '--out', dir, '--ofd', '--json']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('ofd-failed');
      const statuses = (JSON.parse(blocked.stdout) as Summary).issues.map((r) => [r.id, r.status]);
      expect(statuses.filter(([, st]) => st === 'failed')).toEqual([[first.id, 'failed']]);
      expect(readFileSync(path.join(dir, path.basename(first.pdf))).equals(pdfBytes)).toBe(true);
      rmSync(path.join(dir, name), { recursive: true });
      const mended = await runCli(['--root', repo, 'generate', '--out', dir, '--ofd', '--json']);
      expect(mended.code, mended.stderr).toBe(0);
      expect((JSON.parse(mended.stdout) as Summary).issues.filter((r) => r.ofdWritten).map((r) => r.id)).toEqual([first.id]);
      expect(readFileSync(path.join(dir, name)).equals(readFileSync(path.resolve(first.ofd!)))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

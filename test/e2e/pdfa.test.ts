/**
 * Archival PDFs (PDF/A-1b, GB/T 23286.1): every final issue of the sample, and one with a picture
 * with an alpha channel, a table, notes and a rare character printed in the fallback face, is
 * valid for Apache PDFBox Preflight (a validator briefs did not write); drafts stay ordinary;
 * `pdfa: false` turns it off; text, pages and pixels are those of the ordinary PDF. The OFD
 * editions of the ordinary print and of an archival volume (--ofd) are read here too, since
 * these pages hold what the sample lacks: a raster picture with an alpha channel, a JPEG, a
 * fallback face.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { makeP12 } from '../helpers/certificate.js';
import { drawOfd, drawPdf, inkMismatch, ofdParts, partText, schemaErrors } from '../helpers/ofd.js';
import { compact } from '../helpers/pdf.js';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../../src/print/browser.js';
import { findBrowser } from '../../src/print/find-browser.js';

const repo = path.resolve(__dirname, '../..');
const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((j) => `/usr/share/java/${j}.jar`);

/** An OFD edition beside `pdf` that validates, and that ofd.js draws and reads as poppler draws and reads the PDF (see ofd.test.ts). */
async function expectOfdLikePdf(pdf: string): Promise<void> {
  const ofd = pdf.replace(/\.pdf$/, '.ofd');
  expect(schemaErrors(ofdParts(ofd), () => path.join(repo, 'test/fixtures/ofd-schema/briefs-ofd.xsd'))).toEqual([]);
  const browser = await puppeteer.launch({ executablePath: findBrowser().executablePath, args: chromiumArgs(process.getuid?.() === 0) });
  try {
    const [drawn, printed] = await Promise.all([drawOfd(browser, ofd), drawPdf(pdf)]);
    expect(drawn.pages.length).toBe(printed.length);
    for (let p = 0; p < printed.length; p++) {
      expect(inkMismatch(drawn.pages[p], printed[p]), `${ofd} page ${p + 1}`).toBeLessThan(0.03);
      const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(p + 1), '-l', String(p + 1), pdf, '-'], { encoding: 'utf8' });
      expect(compact(drawn.texts[p]), `${ofd} page ${p + 1}`).toBe(compact(text));
    }
  } finally {
    await browser.close();
  }
}

/** Preflight's verdict: the errors it lists (none for a valid file). */
function preflight(file: string): string[] {
  let out: string;
  try {
    out = execFileSync('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (e) {
    out = String((e as { stdout?: string }).stdout ?? '');
  }
  if (out.includes('is a valid PDF/A-1b file')) return [];
  return out.split('\n').filter((l) => /^\d+(\.\d+)* : /.test(l));
}

const text = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

let dir: string;
let plain: string;
let issues: { id: string; pdf: string; pdfa: string | null; status: string }[];

/** An 80 × 40 picture, red fading to transparent from left to right. */
function alphaPng(): Buffer {
  const png = new PNG({ width: 80, height: 40 });
  for (let y = 0; y < 40; y++) for (let x = 0; x < 80; x++) png.data.set([200, 20, 20, Math.round(255 * (1 - x / 79))], (y * 80 + x) * 4);
  return PNG.sync.write(png);
}

/** A 48 × 24 photograph-like picture, a JPEG (made by Chromium's canvas): Chromium embeds it as DCT, which the OFD edition keeps as it is. */
const PHOTO_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAYADADASIAAhEBAxEB/8QAGQABAQADAQAAAAAAAAAAAAAABAACBgcF/8QAJhAAAAQFBAIDAQAAAAAAAAAAAAEDEQIEBRNBEiIxURQyBoPCB//EABYBAQEBAAAAAAAAAAAAAAAAAAUGB//EABsRAAICAwEAAAAAAAAAAAAAAAADAQQCERJB/9oADAMBAAIRAxEAPwDWkcB6OABHAejgK2Q1RnNVeRpRJ+avauPp2RROzPwR9kHUesyFWueDMXbTa9kULO7ckXRjTPnfrT/s/IX/ADT2qP1fsAWcI4nISX4dFRwHo4AEcB6OBLWRJRzNHAejgQhpFkm1Gc1SJGqkn5qF22+nfFCzs/Bl0QdR6PIUm4cjL2rra98UTs7cmfZiEJyzM60JKPdRwHo4EITVkSUf/9k=',
  'base64',
);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-pdfa-'));
  cpSync(path.join(repo, 'briefs'), path.join(dir, 'briefs'), { recursive: true });
  writeFileSync(path.join(dir, 'briefs/assets/fade.png'), alphaPng());
  writeFileSync(path.join(dir, 'briefs/assets/photo.jpg'), PHOTO_JPEG);
  // A final issue's article with a transparent picture, a note and a rare character (𬌗, not in the shipped faces).
  const sub = path.join(dir, 'briefs/submissions/jianyi/jy-2026-001.md');
  writeFileSync(
    sub,
    readFileSync(sub, 'utf8').replace(
      /\n## /,
      '\n![渐隐的示意图](../../assets/fade.png)\n\n![照片](../../assets/photo.jpg)\n\n咬合（𬌗）一词见于口腔医学[^fade]。\n\n[^fade]: 仅为测试生僻字与脚注。\n\n## ',
    ),
  );
  // The changed issue only: the sample's other issues are read from the suite's shared print.
  const r = await runCli(['--root', dir, 'generate', '--json', 'jianyi/2026/1']);
  expect(r.code, r.stderr).toBe(0);
  const sample = inject('sample');
  issues = [
    ...(JSON.parse(r.stdout) as { issues: typeof issues }).issues,
    ...(JSON.parse(sample.summary) as { issues: typeof issues }).issues
      .filter((i) => i.id !== 'jianyi/2026/1')
      .map((i) => ({ ...i, pdf: path.join(sample.out, path.basename(i.pdf)) })),
  ];
  // The same workspace printed ordinary, to compare with.
  plain = mkdtempSync(path.join(os.tmpdir(), 'briefs-pdfa-plain-'));
  cpSync(path.join(dir, 'briefs'), path.join(plain, 'briefs'), { recursive: true });
  writeFileSync(path.join(plain, 'briefs.config.yaml'), 'pdfa: false\n');
  const p = await runCli(['--root', plain, 'generate', '--json', '--ofd', 'jianyi/2026/1']);
  expect(p.code, p.stderr).toBe(0);
}, 180_000);
afterAll(() => [dir, plain].forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('archival PDFs', () => {
  it('makes every final issue PDF/A-1b, valid for PDFBox Preflight, and leaves drafts ordinary', () => {
    const finals = issues.filter((i) => i.status !== 'failed' && /jianyi\/2026\/[12]|qingkuang\/2026\/[12]/.test(i.id));
    expect(finals).toHaveLength(4);
    for (const i of finals) {
      expect(i.pdfa, i.id).toBe('1b');
      expect(preflight(path.resolve(i.pdf)), i.id).toEqual([]);
    }
    for (const i of issues.filter((x) => /\/3$/.test(x.id))) expect(i.pdfa, i.id).toBeNull();
  });

  it('is not made archival with pdfa: false, and Preflight then finds what is missing', () => {
    const file = path.join(plain, 'dist/jianyi-2026-001.pdf');
    const errors = preflight(file);
    expect(errors.join('\n')).toMatch(/CIDSet/);
    expect(errors.join('\n')).toMatch(/Color space|color profile|OutputIntent/i);
  });

  it('flattens the transparent picture over white, and keeps the text, pages and pixels of the ordinary PDF', () => {
    const archival = path.join(dir, 'dist/jianyi-2026-001.pdf');
    const ordinary = path.join(plain, 'dist/jianyi-2026-001.pdf');
    // The ordinary PDF has the picture's soft mask; the archival one none.
    const masks = (f: string) =>
      execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => /\bsmask\b/.test(l)).length;
    expect(masks(ordinary)).toBeGreaterThan(0);
    expect(masks(archival)).toBe(0);
    expect(text(archival)).toBe(text(ordinary));
    expect(text(archival)).toContain('𬌗');
    expect(pages(archival)).toBe(pages(ordinary));
    // The same faces, embedded the same way.
    const faces = (f: string) =>
      execFileSync('pdffonts', [f], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .map((l) => l.replace(/\s+\d+\s+\d+\s*$/, ''))
        .filter(Boolean);
    expect(faces(archival)).toEqual(faces(ordinary));
    for (let n = 1; n <= pages(ordinary); n++) {
      const draw = (f: string) => PNG.sync.read(execFileSync('pdftoppm', ['-r', '72', '-f', String(n), '-l', String(n), '-png', f]));
      const [a, b] = [draw(archival), draw(ordinary)];
      let differ = 0;
      for (let i = 0; i < a.data.length; i += 4)
        if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 6) differ++;
      // Only where the picture was flattened (80 × 40 at most, at 72 dpi smaller still).
      expect(differ, `page ${n}`).toBeLessThan(80 * 40);
    }
  });

  it('keeps numbered copies archival, signed after the stamp (the signature still verifies), and the ledger', async () => {
    const p12 = makeP12(dir, '科协办公厅 测试');
    process.env.BRIEFS_SIGN_PASSWORD = 'secret';
    try {
      const r = await runCli(['--root', dir, 'copies', 'qingkuang/2026/1', '--sign', p12, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { copies: { pdfa: string | null }[]; ledgers: { pdfa: string | null }[] };
      expect(new Set([...json.copies, ...json.ledgers].map((c) => c.pdfa))).toEqual(new Set(['1b']));
    } finally {
      delete process.env.BRIEFS_SIGN_PASSWORD;
    }
    const copies = path.join(dir, 'dist/copies/qingkuang-2026-001');
    for (const f of ['000001.pdf', '000010.pdf', 'ledger.pdf']) expect(preflight(path.join(copies, f)), f).toEqual([]);
    expect(execFileSync('pdfsig', [path.join(copies, '000001.pdf')], { encoding: 'utf8' })).toContain('Signature is Valid');
  });

  it('writes an OFD edition that draws and reads as its PDF: the transparent picture, the JPEG, the fallback face’s character, the note', async () => {
    // The ordinary print, whose picture keeps its alpha channel; the archival volume's OFD below is drawn too.
    await expectOfdLikePdf(path.join(plain, 'dist/jianyi-2026-001.pdf'));
    // The picture is an image object, its alpha kept, not flattened, in the ordinary print's OFD.
    const parts = ofdParts(path.join(plain, 'dist/jianyi-2026-001.ofd'));
    const image = Object.entries(parts).find(([n]) => /^Doc_0\/Res\/image_\d+\.png$/.test(n));
    expect(image).toBeDefined();
    expect(PNG.sync.read(Buffer.from(image![1])).data[3 + 4 * 79]).toBeLessThan(10);
    // The JPEG is in the package as the PDF holds it: a JPEG, not pixels packed again.
    const jpeg = Object.entries(parts).find(([n]) => /^Doc_0\/Res\/image_\d+\.jpg$/.test(n));
    expect(jpeg).toBeDefined();
    expect(Buffer.from(jpeg![1].subarray(0, 3)).toString('hex')).toBe('ffd8ff');
    expect(partText(parts, 'Doc_0/DocumentRes.xml')).toMatch(/Format="JPEG"><ofd:MediaFile>image_\d+\.jpg</);
  }, 60_000);

  it('binds a volume of final issues archival, and one with drafts ordinary', async () => {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'briefs-pdfa-volume-'));
    try {
      cpSync(path.join(dir, 'briefs'), path.join(ws, 'briefs'), { recursive: true });
      rmSync(path.join(ws, 'briefs/issues/jianyi/2026/003.md'));
      const r = await runCli(['--root', ws, 'volume', 'jianyi', '2026', '--json', '--ofd']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).volume.pdfa).toBe('1b');
      expect(preflight(path.join(ws, 'dist/volumes/jianyi-2026.pdf'))).toEqual([]);
      // volume --ofd: its OFD edition beside it, as the issues' are checked (test/e2e/ofd.test.ts).
      expect(JSON.parse(r.stdout).volume).toMatchObject({ ofd: path.relative(process.cwd(), path.join(ws, 'dist/volumes/jianyi-2026.ofd')), ofdWritten: true });
      await expectOfdLikePdf(path.join(ws, 'dist/volumes/jianyi-2026.pdf'));
      const again = await runCli(['--root', ws, 'volume', 'jianyi', '2026', '--json', '--ofd']);
      expect(JSON.parse(again.stdout).volume).toMatchObject({ ofdWritten: false });
      // An OFD that cannot be written (a folder in its place): ofd-failed, exit 1, the volume stands; the next run writes it.
      const volumePdf = readFileSync(path.join(ws, 'dist/volumes/jianyi-2026.pdf'));
      rmSync(path.join(ws, 'dist/volumes/jianyi-2026.ofd'));
      mkdirSync(path.join(ws, 'dist/volumes/jianyi-2026.ofd'));
      const blocked = await runCli(['--root', ws, 'volume', 'jianyi', '2026', '--json', '--ofd']);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('ofd-failed');
      expect(readFileSync(path.join(ws, 'dist/volumes/jianyi-2026.pdf')).equals(volumePdf)).toBe(true);
      rmSync(path.join(ws, 'dist/volumes/jianyi-2026.ofd'), { recursive: true });
      const mended = await runCli(['--root', ws, 'volume', 'jianyi', '2026', '--json', '--ofd']);
      expect(mended.code, mended.stderr).toBe(0);
      expect(JSON.parse(mended.stdout).volume).toMatchObject({ ofdWritten: true });
      const withDrafts = await runCli(['--root', dir, 'volume', 'jianyi', '2026', '--drafts', '--json']);
      expect(withDrafts.code, withDrafts.stderr).toBe(0);
      expect(JSON.parse(withDrafts.stdout).volume.pdfa).toBeNull();
      expect(preflight(path.join(dir, 'dist/volumes/jianyi-2026.pdf'))).not.toEqual([]);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('prints the same bytes again', async () => {
    const file = path.join(dir, 'dist/jianyi-2026-001.pdf');
    const before = readFileSync(file);
    const r = await runCli(['--root', dir, 'generate', '--force', 'jianyi/2026/1']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

/**
 * An office's own font files, named by path in the config: served to Chromium from the
 * workspace (a collection's first face on its own), so they print on a machine that has none
 * installed; what cannot work is warned about. AR PL UMing (Debian's fonts-arphic-uming, a
 * TrueType collection) stands in for a licensed 仿宋_GB2312; Noto Serif CJK (CFF) for a face
 * with the wrong outlines.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfFonts } from '../helpers/pdf.js';
import { readStream } from '../helpers/pdf-layout.js';
import { runCli } from '../helpers/run-cli.js';
import { copyFixture } from '../helpers/workspace.js';

const UMING = '/usr/share/fonts/truetype/arphic/uming.ttc';
const CFF = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
/** The fixture's bulletin that sets 开明式 punctuation, kept in every config written here. */
const KAIMING = 'bulletins:\n  kaiming:\n    name: 开明测试\n    layout: jianyi\n    punctuation: kaiming\n';
let ws: string;
let out: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  expect(existsSync(UMING), 'npm run setup installs fonts-arphic-uming').toBe(true);
  ws = copyFixture('typeset');
  mkdirSync(path.join(ws, 'fonts'));
  copyFileSync(UMING, path.join(ws, 'fonts/uming.ttc'));
  const cff = existsSync(CFF) ? '\n  song: [fonts/serif-cjk.ttc]' : '';
  if (cff) copyFileSync(CFF, path.join(ws, 'fonts/serif-cjk.ttc'));
  // HanaMinA (fonts-hanazono, installed) is a family with no halt feature, as uming.ttc is a file without one.
  writeFileSync(
    path.join(ws, 'briefs.config.yaml'),
    `fonts:\n  fang: [fonts/uming.ttc]\n  kai: [No Such Family KaiTi, fonts/missing.ttf]\n  hei: [HanaMinA]${cff}\n${KAIMING}`,
  );
  out = await runCli(['--root', ws, '--lang', 'en', 'generate', 'jianyi/2026/1', '--json']);
}, 120_000);

afterAll(() => rmSync(ws, { recursive: true, force: true }));

describe('an office font file', () => {
  it('prints the body from the workspace file, embedded as TrueType', async () => {
    expect(out.code, out.stderr).toBe(0);
    const pdf = path.resolve(JSON.parse(out.stdout).issues[0].pdf);
    const fonts = pdfFonts(pdf);
    expect(fonts.some((f) => /UMing/.test(f.name) && f.type === 'CID TrueType')).toBe(true);
    expect(fonts.filter((f) => f.type === 'Type 3')).toEqual([]);
    // The body (仿宋 role) is set in it.
    const body = (await readStream(pdf))
      .filter((r) => /UMing/.test(r.font))
      .map((r) => r.text)
      .join('');
    expect(body).toContain('近年来');
  });

  it('says in --json which face prints each role', () => {
    const { fonts } = JSON.parse(out.stdout);
    expect(fonts.fang).toEqual({ face: 'UMingCN', source: 'workspace', file: 'fonts/uming.ttc' });
    expect(fonts.kai).toEqual({ face: 'LXGW WenKai', source: 'shipped' });
  });

  it('warns about a family not installed, a file that is not there, and CFF outlines', () => {
    expect(out.stderr).toContain('the font family "No Such Family KaiTi" is not installed here');
    expect(out.stderr).toContain('the font file "fonts/missing.ttf" does not exist');
    if (existsSync(CFF)) expect(out.stderr).toMatch(/serif-cjk\.ttc" has CFF outlines/);
    expect(out.stderr.match(/font-missing/g)?.length).toBe(2);
  });

  it('warns when a bulletin sets 开明式 punctuation and a face, file or family, has no halt feature to set it with', () => {
    expect(out.stderr).toMatch(
      /"fonts\/uming\.ttc" has no halt feature, so the fang text of kaiming keeps every mark full width.*\[fonts\.fang\] {2}font-features/,
    );
    expect(out.stderr).toMatch(/"HanaMinA" has no halt feature.*\[fonts\.hei\] {2}font-features/);
    // The shipped faces, which print every other role, have it.
    expect(out.stderr.match(/font-features/g)?.length).toBe(2);
  });

  it('prints again when the file changes, even to the same size; what it found of a file is said again on a rerun', async () => {
    const again = await runCli(['--root', ws, 'generate', 'jianyi/2026/1', '--json']);
    expect(JSON.parse(again.stdout).issues[0].status).toBe('cached');
    // From what was kept of the file (fonts/office.ts), not from reading it again.
    if (existsSync(CFF)) expect(again.stderr).toMatch(/serif-cjk\.ttc" has CFF outlines/);
    const file = path.join(ws, 'fonts/uming.ttc');
    const bytes = readFileSync(file);
    writeFileSync(file, Buffer.concat([bytes, Buffer.alloc(4)]));
    const changed = await runCli(['--root', ws, 'generate', 'jianyi/2026/1', '--json']);
    expect(JSON.parse(changed.stdout).issues[0].status).toBe('printed');
    // One byte of the padding, same size: a new time, so the file is read and hashed again.
    writeFileSync(file, Buffer.concat([bytes, Buffer.from([0, 0, 0, 1])]));
    const same = await runCli(['--root', ws, 'generate', 'jianyi/2026/1', '--json']);
    expect(JSON.parse(same.stdout).issues[0].status).toBe('printed');
  });
});

describe('a malformed font file', () => {
  /** Font files that lie: a directory past the end, a collection of 100,000 faces, a table of 3 GB, noise. */
  const liars: Record<string, Buffer> = (() => {
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const u16 = (n: number) => Buffer.from([n >>> 8, n & 255]);
    const table = (tag: string, offset: number, length: number) => Buffer.concat([Buffer.from(tag), u32(0), u32(offset), u32(length)]);
    const sfnt = (tables: Buffer[]) => Buffer.concat([u32(0x00010000), u16(tables.length), u16(32), u16(1), u16(16), ...tables]);
    return {
      'past.ttf': Buffer.concat([sfnt([table('cmap', 100_000, 5000), table('head', 100_000, 54), table('glyf', 200_000, 10)]), Buffer.alloc(64)]),
      'many.ttc': Buffer.concat([Buffer.from('ttcf'), u16(1), u16(0), u32(100_000), u32(16), u32(16), u32(16), Buffer.alloc(64)]),
      'huge.ttc': Buffer.concat([Buffer.from('ttcf'), u16(1), u16(0), u32(1), u32(16), sfnt([table('glyf', 40, 3_000_000_000)]), Buffer.alloc(64)]),
      'noise.woff2': Buffer.concat([Buffer.from('wOF2'), Buffer.alloc(100, 0xff)]),
    };
  })();

  it('is a warning naming the file and its role, in validate and generate, and the run prints', async () => {
    const dir = copyFixture('typeset');
    try {
      mkdirSync(path.join(dir, 'fonts'));
      for (const [name, bytes] of Object.entries(liars)) writeFileSync(path.join(dir, 'fonts', name), bytes);
      writeFileSync(
        path.join(dir, 'briefs.config.yaml'),
        `fonts:\n  fang: [fonts/past.ttf]\n  kai: [fonts/many.ttc]\n  hei: [fonts/huge.ttc]\n  song: [fonts/noise.woff2]\n${KAIMING}`,
      );
      for (const args of [['validate'], ['generate', 'jianyi/2026/1']]) {
        const r = await runCli(['--root', dir, '--lang', 'en', ...args]);
        expect(r.code, r.stderr).toBe(0);
        for (const [name, role] of [
          ['past.ttf', 'fang'],
          ['many.ttc', 'kai'],
          ['huge.ttc', 'hei'],
          ['noise.woff2', 'song'],
        ])
          expect(r.stderr).toMatch(new RegExp(`"fonts/${name.replace('.', '\\.')}" is not a font file briefs can read  \\[fonts\\.${role}\\]  font-missing`));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

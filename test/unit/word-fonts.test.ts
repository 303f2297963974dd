/**
 * The Word edition's faces: a shipped face merged from its web pieces holds every character
 * asked for with the pieces' own outlines and widths, the same bytes each time; an office's
 * font file is embedded as a subset unless its licence forbids it; an SVG figure is drawn to
 * PNG unless it reaches outside itself.
 */
import fontkit from '@pdf-lib/fontkit';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fontPackageDir } from '../../src/fonts/css.js';
import { mergeSlices } from '../../src/fonts/merge-slices.js';
import { characterMap } from '../../src/fonts/sfnt-read.js';
import { wordFaces } from '../../src/fonts/word-embed.js';
import { truetype } from '../../src/fonts/woff2.js';
import { svgToPng } from '../../src/docx/svg-png.js';
import type { RoleFace } from '../../src/fonts/office.js';

type Face = {
  numGlyphs: number;
  familyName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { id: number; path: { toSVG(): string }; advanceWidth: number };
};
const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as unknown as Face;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'briefs-word-fonts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The Noto Serif SC pieces (400) that hold each of `chars`, as TrueType. */
async function piecesFor(chars: string): Promise<Uint8Array[]> {
  const dir = fontPackageDir('noto-serif-sc');
  const files = readFileSync(path.join(dir, '400.css'), 'utf8')
    .split('@font-face')
    .slice(1)
    .map((face) => /url\(\.\/files\/([^)]+\.woff2)\)/.exec(face)![1]);
  const out: Uint8Array[] = [];
  for (const f of files) {
    const ttf = await truetype(path.join(dir, 'files', f));
    const face = open(ttf);
    if ([...chars].some((c) => face.hasGlyphForCodePoint(c.codePointAt(0)!))) out.push(ttf);
  }
  return out;
}

const SHIPPED: Record<string, RoleFace> = {
  song: { face: 'Noto Serif SC', source: 'shipped' },
  fang: { face: 'Noto Serif SC', source: 'shipped' },
  kai: { face: 'LXGW WenKai', source: 'shipped' },
  hei: { face: 'Noto Sans SC', source: 'shipped' },
  xiaobiaosong: { face: 'Noto Serif SC', source: 'shipped' },
};

describe('a shipped face merged from its pieces', () => {
  // Common and rare characters, Latin, digits and marks: pieces far apart in the stylesheet.
  const text = '科技工作者建议〔2015〕12号30%“卡脖子”𬌗龘麤Abc';

  it('holds every character with its piece’s outline and width, under the name asked for', async () => {
    const pieces = await piecesFor(text);
    expect(pieces.length).toBeGreaterThan(2);
    const merged = mergeSlices(
      pieces,
      [...text].map((c) => c.codePointAt(0)!),
      'Noto Serif SC',
      'Regular',
    );
    const face = open(merged.bytes);
    expect(face.familyName).toBe('Noto Serif SC');
    for (const c of text) {
      const cp = c.codePointAt(0)!;
      const from = pieces.map(open).find((p) => p.hasGlyphForCodePoint(cp));
      if (!from) {
        expect(merged.missing, c).toContain(cp);
        continue;
      }
      expect(face.hasGlyphForCodePoint(cp), c).toBe(true);
      expect(face.glyphForCodePoint(cp).path.toSVG(), c).toBe(from.glyphForCodePoint(cp).path.toSVG());
      expect(face.glyphForCodePoint(cp).advanceWidth, c).toBe(from.glyphForCodePoint(cp).advanceWidth);
    }
    // The merged face's own map (format 12, read first) as fontkit reads it: Abc is one range.
    const map = characterMap(merged.bytes);
    for (const c of text)
      if (face.hasGlyphForCodePoint(c.codePointAt(0)!)) expect(map.get(c.codePointAt(0)!), c).toBe(face.glyphForCodePoint(c.codePointAt(0)!).id);
    // .notdef and one glyph a character, no more.
    expect(face.numGlyphs).toBe(1 + new Set([...text].filter((c) => face.hasGlyphForCodePoint(c.codePointAt(0)!))).size);
    // The same characters, the same bytes.
    expect(
      Buffer.from(
        mergeSlices(
          pieces,
          [...text].map((c) => c.codePointAt(0)!),
          'Noto Serif SC',
          'Regular',
        ).bytes,
      ).equals(Buffer.from(merged.bytes)),
    ).toBe(true);
  });

  it('reads each piece’s character map as fontkit does, supplementary planes included', async () => {
    const pieces = await piecesFor('科𬌗龘A');
    for (const bytes of pieces) {
      const face = open(bytes) as unknown as Face & { characterSet: number[] };
      const map = characterMap(bytes);
      expect(map.size).toBe(face.characterSet.filter((cp) => face.glyphForCodePoint(cp).id !== 0).length);
      for (const cp of face.characterSet) expect(map.get(cp) ?? 0, cp.toString(16)).toBe(face.glyphForCodePoint(cp).id);
    }
  });

  it('gives the word joiner an empty glyph of no width, and lists what no piece has', async () => {
    const pieces = await piecesFor('年');
    const merged = mergeSlices(pieces, [0x5e74, 0x2060, 0xe000], 'Noto Serif SC', 'Regular');
    const face = open(merged.bytes);
    expect(face.hasGlyphForCodePoint(0x2060)).toBe(true);
    expect(face.glyphForCodePoint(0x2060).advanceWidth).toBe(0);
    expect(merged.missing).toEqual([0xe000]);
  });

  it('embeds each shipped role’s face, regular and bold, named as the runs name it', async () => {
    const { names, fonts, notEmbedded } = await wordFaces(tmp, SHIPPED as never, '科技界情况，编者按：2026年');
    expect(names).toEqual({ song: 'Noto Serif SC', fang: 'Noto Serif SC', kai: 'LXGW WenKai', hei: 'Noto Sans SC', xiaobiaosong: 'Noto Serif SC' });
    expect(fonts.map((f) => f.name).sort()).toEqual(['LXGW WenKai', 'Noto Sans SC', 'Noto Serif SC']);
    for (const f of fonts) {
      expect(f.bold, f.name).toBeDefined();
      for (const bytes of [f.data, f.bold!])
        for (const c of '科技界情况') expect(open(bytes).hasGlyphForCodePoint(c.codePointAt(0)!), `${f.name} ${c}`).toBe(true);
    }
    expect(notEmbedded).toEqual([]);
  });
});

describe("an office's own face", () => {
  /** A TrueType file of a face called 方正仿宋 with the given licence bits (OS/2 fsType). */
  async function officeFile(fsType: number): Promise<string> {
    const merged = mergeSlices(
      await piecesFor('科技建议'),
      [...'科技建议'].map((c) => c.codePointAt(0)!),
      '方正仿宋_GBK',
      'Regular',
    );
    const bytes = Buffer.from(merged.bytes);
    const count = bytes.readUInt16BE(4);
    for (let i = 0; i < count; i++)
      if (bytes.toString('latin1', 12 + i * 16, 16 + i * 16) === 'OS/2') bytes.writeUInt16BE(fsType, bytes.readUInt32BE(12 + i * 16 + 8) + 8);
    const file = path.join(tmp, `fang-${fsType}.ttf`);
    writeFileSync(file, bytes);
    return file;
  }

  it('is embedded as a subset under its own name when its licence allows', async () => {
    const file = await officeFile(0x0008);
    const { names, fonts, notEmbedded } = await wordFaces(tmp, { ...SHIPPED, fang: { face: '方正仿宋_GBK', source: 'workspace', file } } as never, '科技');
    expect(names.fang).toBe('方正仿宋_GBK');
    const own = fonts.find((f) => f.name === '方正仿宋_GBK')!;
    expect(open(own.data).hasGlyphForCodePoint('科'.codePointAt(0)!)).toBe(true);
    expect(open(own.data).hasGlyphForCodePoint('议'.codePointAt(0)!)).toBe(false);
    expect(notEmbedded).toEqual([]);
  });

  it('is named but not embedded when its licence forbids it, and says so', async () => {
    const file = await officeFile(0x0002);
    const { names, fonts, notEmbedded } = await wordFaces(tmp, { ...SHIPPED, fang: { face: '方正仿宋_GBK', source: 'workspace', file } } as never, '科技');
    expect(names.fang).toBe('方正仿宋_GBK');
    expect(fonts.map((f) => f.name)).not.toContain('方正仿宋_GBK');
    expect(notEmbedded).toEqual([{ role: 'fang', face: '方正仿宋_GBK', why: 'restricted' }]);
  });
});

describe('an SVG figure', () => {
  const svg = (inside: string) =>
    new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="60" height="30">${inside}</svg>`);

  it('is drawn to a PNG of the width asked for', () => {
    const png = svgToPng(svg('<rect x="0" y="0" width="60" height="30" fill="#8c1d18"/>'), 180)!;
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    expect(Buffer.from(png).readUInt32BE(16)).toBe(180);
  });

  it('is not drawn when it reaches outside itself: a file, an address, a stylesheet', () => {
    for (const inside of [
      '<image href="file:///etc/passwd" width="10" height="10"/>',
      '<image xlink:href="/etc/hostname" width="10" height="10"/>',
      '<image href="https://example.com/x.png" width="10" height="10"/>',
      '<style>@import url(https://example.com/x.css);</style>',
      '<rect width="10" height="10" fill="url(https://example.com/p.svg#g)"/>',
    ])
      expect(svgToPng(svg(inside), 100), inside).toBeUndefined();
    // Its own gradients and embedded pictures are its own.
    expect(svgToPng(svg('<defs><linearGradient id="g"/></defs><rect width="10" height="10" fill="url(#g)"/>'), 100)).toBeDefined();
  });
});

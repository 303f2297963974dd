/**
 * The OFD edition's pure parts: the PDF operators as pdf.js lists them turned into page objects
 * (ofd/interpret.ts), checked against places worked out by hand from the PDF imaging model, and
 * the objects written as Content.xml (ofd/content.ts), checked with xmllint against the
 * schema and read back with an XML parser's eyes (entities, element order).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageContent, type ContentIds } from '../../src/ofd/content.js';
import { PageDrawing } from '../../src/ofd/interpret.js';
import type { Item, TextRun } from '../../src/ofd/model.js';
import { escape, num, numbers } from '../../src/ofd/xml.js';
import { eachOperation, toUnicode, type Operand } from '../../src/pdf/content-stream.js';
import { adler32, rawDeflate } from '../../src/ofd/pdf-objects.js';
import { PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { readPage } from '../../src/ofd/pdf-operators.js';
import { deflateSync, inflateRawSync } from 'node:zlib';

const MM = 25.4 / 72;
const A4 = { width: 595.28, height: 841.89 };
const glyph = (text: string, gid: number, width = 1000, isSpace = false) => ({ text, gid, width, isSpace });
const f1 = { name: 'AAAAAA+Test-Regular', unitsPerEm: 0.001 };
/** An A4 page drawn by `draw`, as pdf-operators.ts draws a page's operators (named beside each call). */
const page = (draw: (d: PageDrawing) => void) => {
  const d = new PageDrawing(A4.width, A4.height);
  draw(d);
  return d.finish();
};
const texts = (items: Item[]) => items.filter((i): i is TextRun => i.kind === 'text');
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-6);

describe('PDF operators to OFD objects', () => {
  it('places glyphs as Chromium prints them: a flipped page, one glyph a Tj, moved by Td', () => {
    // Chromium's own opening: 0.24 0 0 -0.24 0 H cm, then 3.125 (its 300 dpi to points), then text with 1 0 0 -1 Tm.
    const items = page((d) => {
      d.transform([0.24, 0, 0, -0.24, 0, A4.height]); // cm
      d.transform([3.125, 0, 0, 3.125, 0, 0]); // cm
      d.beginText(); // BT
      d.setFont(f1, 20); // /F1 20 Tf
      d.setTextMatrix([1, 0, 0, -1, 100, 200]); // Tm
      d.showText([glyph('科', 5)]); // <0005> Tj
      d.moveText(21, 0); // 21 0 Td
      d.showText([glyph('技', 6)]); // <0006> Tj
    }).items;
    const runs = texts(items);
    expect(runs).toHaveLength(1);
    // 0.24 × 3.125 = 0.75 points a unit: x = 100 units = 75 pt; y is measured from the top, as the flip says.
    close(runs[0].glyphs[0].x, 75 * MM);
    close(runs[0].glyphs[0].y, 200 * 0.75 * MM);
    // Td moves from the line's start: 21 units after the first glyph's origin (not after its advance).
    close(runs[0].glyphs[1].x, (100 + 21) * 0.75 * MM);
    close(runs[0].size, 20 * 0.75 * MM);
    expect(runs[0].glyphs.map((g) => [g.text, g.gid])).toEqual([
      ['科', 5],
      ['技', 6],
    ]);
  });

  it('advances by width, character and word spacing, scaled horizontally, and by TJ’s adjustments', () => {
    const items = page((d) => {
      d.beginText();
      d.setFont(f1, 10);
      d.set('Tc', [1]);
      d.set('Tw', [3]);
      d.set('Tz', [50]);
      d.setTextMatrix([1, 0, 0, 1, 0, 700]);
      // a (500 wide), a space (250), b; then -1000: one em (10) further right; then c (a TJ).
      d.showText([glyph('a', 1, 500), glyph(' ', 2, 250, true), glyph('b', 3, 500), -1000, glyph('c', 4, 500)]);
    }).items;
    const xs = texts(items)[0].glyphs.map((g) => g.x / MM);
    // Each advance is (w × size + Tc (+ Tw for a space)) × Th: a 6 × 0.5 = 3; space (2.5 + 1 + 3) × 0.5 = 3.25; b 3; TJ 10 × 0.5 = 5.
    expect(xs.map((x) => Math.round(x * 1000) / 1000)).toEqual([0, 3, 6.25, 14.25]);
    expect(texts(items)[0].hScale).toBeCloseTo(0.5, 6);
  });

  it('starts a new run when the colour, the baseline or the font changes, or something is drawn between', () => {
    const items = page((d) => {
      d.beginText();
      d.setFont(f1, 10);
      d.setTextMatrix([1, 0, 0, 1, 0, 700]);
      d.showText([glyph('黑', 1)]);
      d.set('rg', [230, 0, 18]);
      d.showText([glyph('红', 2)]);
      d.showText([glyph('红', 2)]);
      d.setTextMatrix([1, 0, 0, 1, 0, 680]);
      d.showText([glyph('下', 3)]);
    }).items;
    expect(texts(items).map((r) => [r.glyphs.map((g) => g.text).join(''), r.fill.rgb.join(' ')])).toEqual([
      ['黑', '0 0 0'],
      ['红红', '230 0 18'],
      ['下', '230 0 18'],
    ]);
  });

  it('draws a turned glyph (a draft’s 草稿) alone, with the matrix that turns it', () => {
    const c = Math.cos(Math.PI / 4);
    const items = page((d) => {
      d.beginText();
      d.setFont(f1, 100);
      d.setTextMatrix([c, c, -c, c, 200, 400]);
      d.showText([glyph('草', 7)]);
    }).items;
    const run = texts(items)[0];
    expect(run.turn).toBeDefined();
    close(run.size, 100 * MM);
    // Turned 45° anticlockwise on paper: OFD's y is down, so its x axis goes right and up.
    const [a, b, cc, d] = run.turn!;
    [a, b, cc, d].forEach((v, i) => close(v, [c, -c, c, c][i]));
  });

  it('keeps paths as paths: rectangles and curves, fill and stroke, even-odd, clips, alpha', () => {
    const { items, dropped } = page((d) => {
      d.save(); // q
      // A clip: the text block (re W n).
      d.rect(50, 50, 400, 700);
      d.clip('nonzero');
      d.paint(undefined, false);
      d.set('gs', [['ca', 0.5]]);
      d.set('rg', [230, 0, 18]);
      d.rect(0, 100, 595, 2);
      d.paint('evenodd', false); // f*
      d.restore(); // Q
      d.set('w', [2]);
      // m 0 0, v (first control = current point), y (second control = end point), S.
      d.moveTo(0, 0);
      d.curveTo(undefined, [10, 10], [20, 20]);
      d.curveTo([30, 30], undefined, [40, 40]);
      d.paint(undefined, true);
      d.set('sh', []);
    });
    const [rule, curve] = items as [Extract<Item, { kind: 'path' }>, Extract<Item, { kind: 'path' }>];
    expect(rule.fill).toEqual({ colour: { rgb: [230, 0, 18], alpha: 128 }, evenOdd: true });
    expect(rule.stroke).toBeUndefined();
    close(rule.clip!.x, 50 * MM);
    close(rule.clip!.y, (A4.height - 750) * MM);
    expect(curve.clip).toBeUndefined();
    close(curve.stroke!.width, 2 * MM);
    const pt = (x: number, y: number) => [x * MM, (A4.height - y) * MM];
    const b1 = curve.segments[1] as Extract<(typeof curve.segments)[number], { op: 'B' }>;
    const b2 = curve.segments[2] as Extract<(typeof curve.segments)[number], { op: 'B' }>;
    [b1.x1, b1.y1, b1.x2, b1.y2, b1.x, b1.y].forEach((v, i) => close(v, [...pt(0, 0), ...pt(10, 10), ...pt(20, 20)][i]));
    [b2.x1, b2.y1, b2.x2, b2.y2, b2.x, b2.y].forEach((v, i) => close(v, [...pt(30, 30), ...pt(40, 40), ...pt(40, 40)][i]));
    expect(dropped).toEqual({ shading: 1 });
  });

  it('maps an image’s unit square with its top left at (0, 0), as OFD has it', () => {
    const { items } = page((d) => {
      d.transform([200, 0, 0, 100, 50, 600]);
      d.image({ png: new Uint8Array([1]), key: 'k', format: 'PNG' });
    });
    const image = items[0] as Extract<Item, { kind: 'image' }>;
    const [a, b, c, d, e, f] = image.ctm;
    // (0,0) in OFD's unit square is the image's top left: x 50 pt, 700 pt up the page.
    close(e, 50 * MM);
    close(f, (A4.height - 700) * MM);
    close(a, 200 * MM);
    close(d, 100 * MM);
    expect([b, c]).toEqual([0, 0]);
  });
});

describe('OFD objects to Content.xml', () => {
  const SCHEMA = path.resolve(__dirname, '../fixtures/ofd-schema/briefs-ofd.xsd');
  const ids = (glyphOf: (cp: number) => number | undefined = () => undefined): ContentIds => {
    let n = 0;
    return { next: () => ++n, font: () => ({ id: 99, weight: 700, glyphOf }), image: () => 98 };
  };
  const valid = (xml: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-ofd-unit-'));
    try {
      writeFileSync(path.join(dir, 'Content.xml'), xml);
      const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, path.join(dir, 'Content.xml')], { encoding: 'utf8' });
      return r.status === 0 ? '' : r.stderr;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const run = (over: Partial<TextRun> = {}): TextRun => ({
    kind: 'text',
    font: 'F',
    size: 5.644,
    hScale: 1,
    fill: { rgb: [0, 0, 0], alpha: 255 },
    invisible: false,
    glyphs: [],
    ...over,
  });

  it('writes each character’s place as steps from the last, equal steps as one "g" run, markup characters escaped', () => {
    const glyphs = [...'a<b&c>"d'].map((t, i) => ({ text: t, gid: i + 1, x: 20 + i * 5.644, y: 50 }));
    const xml = pageContent(
      [run({ glyphs })],
      ids((cp) => [...'a<b&c>"d'].indexOf(String.fromCodePoint(cp)) + 1),
    );
    expect(valid(xml)).toBe('');
    expect(xml).toContain('DeltaX="g 7 5.644"');
    expect(xml).toContain('>a&lt;b&amp;c&gt;&quot;d</ofd:TextCode>');
    expect(xml).toContain('Weight="700"');
    expect(xml).not.toContain('CGTransform');
  });

  it('names the glyph with a CGTransform where the font’s map would give another, or one glyph prints two characters', () => {
    const glyphs = [
      { text: '户', gid: 10, x: 20, y: 50 },
      { text: 'fi', gid: 11, x: 25, y: 50 },
      { text: 'x', gid: 12, x: 28, y: 50 },
    ];
    // 户 maps to 9 in the font (the print took another form of it), x to 12 as printed.
    const xml = pageContent(
      [run({ glyphs })],
      ids((cp) => ({ 0x6237: 9, 0x78: 12 })[cp]),
    );
    expect(valid(xml)).toBe('');
    expect(xml).toContain('<ofd:CGTransform CodePosition="0" CodeCount="1" GlyphCount="1"><ofd:Glyphs>10</ofd:Glyphs></ofd:CGTransform>');
    expect(xml).toContain('<ofd:CGTransform CodePosition="1" CodeCount="2" GlyphCount="1"><ofd:Glyphs>11</ofd:Glyphs></ofd:CGTransform>');
    // The ligature's second character stands where its first does.
    expect(xml).toMatch(/DeltaX="5 0 3"/);
  });

  it('clips only what its clip cuts, and leaves out what its clip hides', () => {
    const rect = (x: number, y: number, w: number, h: number) => [
      { op: 'M' as const, x, y },
      { op: 'L' as const, x: x + w, y },
      { op: 'L' as const, x: x + w, y: y + h },
      { op: 'C' as const },
    ];
    const fill = { colour: { rgb: [0, 0, 0] as [number, number, number], alpha: 255 }, evenOdd: false };
    const clip = { x: 10, y: 10, w: 100, h: 100 };
    const xml = pageContent(
      [
        { kind: 'path', segments: rect(20, 20, 10, 10), fill, clip },
        { kind: 'path', segments: rect(100, 20, 50, 10), fill, clip },
        { kind: 'path', segments: rect(200, 200, 10, 10), fill, clip },
      ],
      ids(),
    );
    expect(valid(xml)).toBe('');
    expect(xml.match(/<ofd:PathObject /g)).toHaveLength(2);
    expect(xml.match(/<ofd:Clips>/g)).toHaveLength(1);
  });

  it('writes a stroked and filled path with its stroke colour first, as the schema orders them', () => {
    const xml = pageContent(
      [
        {
          kind: 'path',
          segments: [{ op: 'M', x: 0, y: 0 }, { op: 'B', x1: 1, y1: 1, x2: 2, y2: 2, x: 3, y: 0 }, { op: 'C' }],
          stroke: { colour: { rgb: [0, 0, 255], alpha: 255 }, width: 0.5, cap: 'Round', join: 'Miter', miterLimit: 10, dashOffset: 0 },
          fill: { colour: { rgb: [255, 0, 0], alpha: 100 }, evenOdd: true },
        },
      ],
      ids(),
    );
    expect(valid(xml)).toBe('');
    expect(xml).toMatch(/<ofd:StrokeColor Value="0 0 255"\/><ofd:FillColor Value="255 0 0" Alpha="100"\/><ofd:AbbreviatedData>M 0\.25 0\.25 B /);
    expect(xml).toContain('Rule="Even-Odd"');
  });
});

describe('OFD’s XML', () => {
  it('writes numbers to a thousandth, without exponents or minus zero', () => {
    expect([num(1e-7), num(-0.0001), num(123.45678), num(2e21 / 1e21)]).toEqual(['0', '0', '123.457', '2']);
    expect(numbers([1, 1, 1, 2, 2, 3], true)).toBe('g 3 1 2 2 3');
  });

  it('leaves out what XML cannot hold, and keeps line breaks in attributes as references', () => {
    expect(escape('a\u0000b\u001bc\ud800d\uffff', false)).toBe('abcd');
    expect(escape('x\ny\t', true)).toBe('x&#10;y&#9;');
    expect(escape('𠀀')).toBe('𠀀');
  });
});

describe('content streams', () => {
  const ops = (text: string) => {
    const read: { op: string; args: Operand[] }[] = [];
    eachOperation(new TextEncoder().encode(text), (op, args) => read.push({ op, args }));
    return read;
  };
  const latin = (b: unknown) => Buffer.from(b as Uint8Array).toString('latin1');

  it('reads operands of every kind: numbers, names with # escapes, strings with escapes, hex, arrays, dictionaries', () => {
    const read = ops('q 1 0 0 -1 .5 -3 cm /F#20a 12 Tf [(a\\(b\\)\\\\c\\101) -250 <4E2D 65>] TJ /P <</MCID 3 /Alt (x)>> BDC EMC Q % a comment (not a string\n');
    expect(read.map((o) => o.op)).toEqual(['q', 'cm', 'Tf', 'TJ', 'BDC', 'EMC', 'Q']);
    expect(read[1].args).toEqual([1, 0, 0, -1, 0.5, -3]);
    expect(read[2].args).toEqual([{ name: 'F a' }, 12]);
    const [parts] = read[3].args as [unknown[]];
    expect(latin(parts[0])).toBe('a(b)\\cA');
    expect(parts[1]).toBe(-250);
    expect([...(parts[2] as Uint8Array)]).toEqual([0x4e, 0x2d, 0x65]);
    expect(read[4].args[1]).toEqual({ MCID: 3, Alt: new Uint8Array([0x78]) });
  });

  it('reads every number as Number() does: signs, points at either end, long digit runs, odd forms', () => {
    const texts = [
      '0',
      '-0',
      '+3',
      '-.5',
      '.25',
      '1.',
      '3.125',
      '841.91998',
      '-.23999999',
      '16.6040649',
      '0.1',
      '12345678901234567',
      '9007199254740993',
      '1.2.3',
      '--5',
      '-',
      '.',
    ];
    const read = ops(`${texts.join(' ')} cm`)[0].args;
    // What a plain reading of the text gives; a form Number() refuses reads as 0, as before.
    const expected = texts.map((t) => (Number.isFinite(Number(t)) ? Number(t) : 0));
    expect(read).toEqual(expected);
    expect(Object.is(read[1], -0)).toBe(true);
    // A value a division of floats would miss by an ulp, read exactly.
    expect(ops('0.3 cm')[0].args[0]).toBe(0.3);
    expect(ops('-2.675 cm')[0].args[0]).toBe(-2.675);
  });

  it('passes over an inline image’s data, whatever bytes it holds, and goes on after EI', () => {
    const read = ops('q BI /W 2 /H 1 /BPC 8 /CS /G ID \u0000Q ET (EI\u0001 EI Q 1 0 0 1 5 5 cm');
    expect(read.map((o) => o.op)).toEqual(['q', 'BI', 'Q', 'cm']);
    expect(read[1].args[0]).toMatchObject({ W: 2, H: 1 });
  });

  it('reads a ToUnicode CMap: single codes, ranges that count up, ranges given as lists, and text beyond the BMP', () => {
    const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <D870DF17> endbfchar
2 beginbfrange <0020> <0022> <4E00> <0030> <0031> [<0066 0069> <2014>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`;
    const { map, bytes } = toUnicode(new TextEncoder().encode(cmap));
    expect(bytes).toBe(2);
    expect(map.get(3)).toBe(' ');
    expect(map.get(0x10)).toBe('𬌗');
    expect([map.get(0x20), map.get(0x21), map.get(0x22)]).toEqual(['一', '丁', '丂']);
    expect([map.get(0x30), map.get(0x31)]).toEqual(['fi', '—']);
  });
});

describe('a font the PDF deflated goes into the zip as it is', () => {
  // Bytes like a font's: some runs, some noise, longer than one Adler-32 block (5552 bytes).
  const data = Uint8Array.from({ length: 12_000 }, (_, i) => (i % 7 === 0 ? (i * 2654435761) >>> 24 : i & 0xff));
  const stream = async (contents: Uint8Array, dict: Record<string, string> = { Filter: 'FlateDecode' }) =>
    PDFRawStream.of((await PDFDocument.create()).context.obj(dict), contents);

  it('gives the raw deflate inside a plain zlib stream, which inflates to the data', async () => {
    expect(adler32(data)).toBe(deflateSync(data).readUInt32BE(deflateSync(data).length - 4));
    const raw = rawDeflate(await stream(deflateSync(data)), data);
    expect(raw).toBeDefined();
    expect(Buffer.compare(inflateRawSync(raw!), Buffer.from(data))).toBe(0);
  });

  it('gives nothing where the bytes cannot stand as they are: other data, bytes after the checksum, a preset dictionary, another filter', async () => {
    const z = deflateSync(data);
    const other = Uint8Array.from(data, (b, i) => (i === 9000 ? b ^ 1 : b));
    expect(rawDeflate(await stream(z), other)).toBeUndefined();
    expect(rawDeflate(await stream(Buffer.concat([z, Buffer.from('\n')])), data)).toBeUndefined();
    const withDictionary = Buffer.from(z);
    // FDICT set, and the header's check bits (the low five) made right again.
    withDictionary[1] = (withDictionary[1] & 0xc0) | 0x20;
    withDictionary[1] += (31 - ((withDictionary[0] * 256 + withDictionary[1]) % 31)) % 31;
    expect(rawDeflate(await stream(withDictionary), data)).toBeUndefined();
    expect(rawDeflate(await stream(z, { Filter: 'LZWDecode' }), data)).toBeUndefined();
  });
});

describe('a page read from a PDF (pdf-operators.ts)', () => {
  it('counts text in a font it does not follow (Type 3) as left out, and still draws the rest of the page', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const type3 = doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type3', FontBBox: [0, 0, 1, 1], FontMatrix: [0.001, 0, 0, 0.001, 0, 0] }));
    page.node.setFontDictionary(PDFName.of('F3'), type3);
    const content = doc.context.register(doc.context.stream('BT /F3 12 Tf 1 0 0 1 72 700 Tm (abc) Tj [(d) -200 (e)] TJ ET 1 0 0 RG 72 600 m 300 600 l S'));
    page.node.set(PDFName.of('Contents'), content);
    const read = readPage(doc, page, { fonts: new Map(), readings: new Map(), images: new Map(), names: new Set(), unreferenced: 0 });
    expect(read.dropped).toEqual({ 'text in a font not followed': 2 });
    expect(read.items.map((i) => i.kind)).toEqual(['path']);
  });
});

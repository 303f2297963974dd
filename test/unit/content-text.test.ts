/**
 * The content-stream reader the volume uses to cut each issue's folio: where text objects are
 * set in default user space, through the matrices Chromium writes, and the stream cut exactly.
 */
import { describe, expect, it } from 'vitest';
import { cutRanges, textObjects } from '../../src/volume/content-text.js';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);

describe('textObjects', () => {
  it('places text through cm, q/Q, Tm and Td as Chromium writes them', () => {
    // A flipped page (Chromium's first line), a scaled group, a folio near the foot, then body text.
    const stream = [
      '.24 0 0 -.24 0 841.92 cm',
      'q 3.125 0 0 3.125 0 0 cm',
      'BT /F4 18.66 Tf 1 0 0 -1 124.46875 1034 Tm <00C4> Tj 16.6 0 Td <0001> Tj ET',
      'Q',
      'q 3.125 0 0 3.125 331.25 -2221.875 cm',
      '/NonStruct <</MCID 0 >>BDC BT /F9 29.33 Tf 1 0 0 -1 119 883 Tm (a \\) (b) c) Tj ET EMC',
      'Q',
    ].join('\n');
    const objects = textObjects(bytes(stream))!;
    expect(objects).toHaveLength(2);
    // 0.24 × 3.125 = 0.75: x = 124.47 × 0.75, y = 841.92 − 1034 × 0.75.
    expect(objects[0].points[0].x).toBeCloseTo(93.35, 1);
    expect(objects[0].points[0].y).toBeCloseTo(66.42, 1);
    expect(objects[0].points[1].x).toBeCloseTo(93.35 + 16.6 * 0.75, 1);
    expect(objects[0].points[1].y).toBeCloseTo(66.42, 1);
    // The second group: 3.125 × 0.24 again, moved by (331.25, −2221.875) in Chromium's pixels.
    expect(objects[1].points[0].x).toBeCloseTo(0.75 * 119 + 331.25 * 0.24, 1);
    expect(objects[1].points[0].y).toBeCloseTo(841.92 + 2221.875 * 0.24 - 0.75 * 883, 1);
    expect(text(bytes(stream).subarray(objects[0].start, objects[0].end))).toMatch(/^BT .* ET$/);
    // The literal string with an escaped parenthesis did not end the object early.
    expect(text(bytes(stream).subarray(objects[1].start, objects[1].end))).toMatch(/c\) Tj ET$/);
  });

  it('follows T*, TL, TD and the quote operators to the next line', () => {
    const objects = textObjects(bytes("BT 14 TL 1 0 0 1 10 100 Tm (a) Tj T* (b) Tj 0 -20 TD (c) Tj (d) ' ET"))!;
    expect(objects[0].points.map((p) => p.y)).toEqual([100, 86, 66, 46]);
  });

  it('reads a literal string with escaped parentheses as one string', () => {
    // Were the escaped ) taken as the string's end, the Td inside it would move the next string.
    const [object] = textObjects(bytes('BT 1 0 0 1 10 100 Tm (\\) 0 -500 Td \\() Tj (z) Tj ET'))!;
    expect(object.points.map((p) => p.y)).toEqual([100, 100]);
  });

  it('gives up on an inline image rather than misread its bytes', () => {
    expect(textObjects(bytes('q BI /W 1 /H 1 /BPC 8 /CS /G ID \u00ff EI Q BT (x) Tj ET'))).toBeUndefined();
  });
});

describe('cutRanges', () => {
  it('cuts exactly the ranges given and keeps every other byte', () => {
    const stream = 'q BT (folio) Tj ET Q q BT (body) Tj ET Q';
    const [folio] = textObjects(bytes(stream))!;
    expect(text(cutRanges(bytes(stream), [folio]))).toBe('q  Q q BT (body) Tj ET Q');
  });
});

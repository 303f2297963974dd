/**
 * A printed PDF page's drawing operators, as pdf.js lists them, turned into what an OFD page
 * holds: text runs with each glyph's place, paths, images, in the order the page draws them,
 * so that text read from the OFD in order reads as the issue reads. Pure: ofd/read-pdf.ts gives
 * it the operators and what their fonts and images are.
 *
 * This follows the PDF's own imaging model (ISO 32000-1, 8 and 9): the current transformation
 * matrix, the text matrix advanced by each glyph's width, character and word spacing and the
 * adjustments of TJ. Chromium's pages use a small part of it (one glyph a Tj, moved by Td, in
 * CID fonts; rectangles and curves, filled or stroked; clipping rectangles; images); the rest
 * is followed too where it is cheap, and what an OFD page here does not carry (shadings,
 * patterns) is counted, for the run to say.
 */
import type { Box, Colour, Glyph, Item, Matrix, PageModel, PathItem, Segment, TextRun } from './model.js';

/** One operator as pdf.js lists it: its name (pdf.js's OPS) and its arguments. */
export interface Op {
  fn: string;
  args: unknown;
}

/** A glyph as pdf.js gives it in showText's arguments. */
interface PdfjsGlyph {
  unicode: string;
  originalCharCode: number;
  width: number;
  isSpace?: boolean;
}

export interface PageInput {
  /** The page's size in PDF units (1/72 inch). */
  width: number;
  height: number;
  ops: readonly Op[];
  /** The font pdf.js loaded under a name: its BaseFont, and its glyph space (fontMatrix[0], 0.001 for TrueType). */
  font: (loadedName: string) => { name: string; unitsPerEm: number } | undefined;
  /** An image pdf.js decoded, as a PNG. */
  image: (objId: string) => { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined;
}

const MM = 25.4 / 72;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m then n: a point mapped by m, then by n (PDF's order: cm's matrix comes first). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface State {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  lineWidth: number;
  cap: 'Butt' | 'Round' | 'Square';
  join: 'Miter' | 'Round' | 'Bevel';
  miterLimit: number;
  dash: number[];
  dashOffset: number;
  /** The clip's bounds on the page (mm), or none. */
  clip?: Box;
  // Text state.
  font?: { name: string; unitsPerEm: number };
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
}

const CAPS = ['Butt', 'Round', 'Square'] as const;
const JOINS = ['Miter', 'Round', 'Bevel'] as const;

export function interpretPage(input: PageInput): PageModel {
  // PDF space (points, y up) to OFD's (mm, y down).
  const toPage: Matrix = [MM, 0, 0, -MM, 0, input.height * MM];
  const items: Item[] = [];
  const dropped: Record<string, number> = {};
  const drop = (what: string) => (dropped[what] = (dropped[what] ?? 0) + 1);
  const black: Colour = { rgb: [0, 0, 0], alpha: 255 };
  let s: State = {
    ctm: toPage,
    fill: black,
    stroke: black,
    lineWidth: 1,
    cap: 'Butt',
    join: 'Miter',
    miterLimit: 10,
    dash: [],
    dashOffset: 0,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
  };
  const stack: State[] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let path: Segment[] = [];
  let clipNext: 'nonzero' | 'evenodd' | undefined;
  /** The text run being added to: glyphs on one baseline in one font, size and colour, with nothing drawn between. */
  let run: TextRun | undefined;

  const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
  const moveTo = (x: number, y: number) => {
    tlm = multiply([1, 0, 0, 1, x, y], tlm);
    tm = tlm;
  };

  const show = (glyphs: readonly (PdfjsGlyph | number | null)[]) => {
    const font = s.font;
    if (!font) return;
    for (const g of glyphs) {
      if (g === null) continue;
      if (typeof g === 'number') {
        // A TJ adjustment: thousandths of the size, leftwards.
        tm = multiply([1, 0, 0, 1, (-g / 1000) * s.fontSize * s.hScale, 0], tm);
        continue;
      }
      const trm = multiply(multiply([s.fontSize * s.hScale, 0, 0, s.fontSize, 0, s.rise], tm), s.ctm);
      addGlyph(trm, { text: g.unicode, gid: g.originalCharCode });
      const advance = (g.width * font.unitsPerEm * s.fontSize + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale;
      tm = multiply([1, 0, 0, 1, advance, 0], tm);
    }
  };

  const addGlyph = (trm: Matrix, g: { text: string; gid: number }) => {
    // Upright on the page: y of the glyph's up maps to minus y (OFD is y down), no shear or turn.
    const size = -trm[3];
    const upright = Math.abs(trm[1]) < 1e-6 && Math.abs(trm[2]) < 1e-6 && trm[0] > 0 && size > 0;
    if (!g.text) {
      drop('glyph without text');
      return;
    }
    if (!upright) {
      // Its own run, drawn through a matrix: the glyph's em (x right, y up) is trm's; OFD's
      // object space has y down, so the matrix takes (s·u, −s·v) to trm's (u, v).
      const em = scaleOf(trm);
      if (em === 0) return;
      run = undefined;
      items.push({
        kind: 'text',
        font: s.font!.name,
        size: em,
        hScale: 1,
        fill: s.fill,
        invisible: s.renderMode === 3,
        glyphs: [{ text: g.text, gid: g.gid, x: trm[4], y: trm[5] }],
        turn: [trm[0] / em, trm[1] / em, -trm[2] / em, -trm[3] / em],
        ...(s.clip ? { clip: s.clip } : {}),
      });
      return;
    }
    const hScale = trm[0] / size;
    const [x, y] = [trm[4], trm[5]];
    const glyph: Glyph = { text: g.text, gid: g.gid, x, y };
    const same =
      run &&
      run.font === s.font!.name &&
      near(run.size, size) &&
      near(run.hScale, hScale) &&
      near(run.glyphs[0].y, y) &&
      sameColour(run.fill, s.fill) &&
      run.invisible === (s.renderMode === 3) &&
      sameBox(run.clip, s.clip);
    if (same) {
      run!.glyphs.push(glyph);
      return;
    }
    run = { kind: 'text', font: s.font!.name, size, hScale, fill: s.fill, invisible: s.renderMode === 3, glyphs: [glyph], ...(s.clip ? { clip: s.clip } : {}) };
    items.push(run);
  };

  const paintPath = (fill: 'nonzero' | 'evenodd' | undefined, stroke: boolean) => {
    const segments = path;
    path = [];
    if (clipNext) {
      // The clip takes effect after the path is painted (PDF 8.5.4).
      const clipped = bounds(segments);
      if (clipped) s.clip = s.clip ? intersect(s.clip, clipped) : clipped;
      clipNext = undefined;
      if (!fill && !stroke) return;
    }
    if (segments.length === 0 || (!fill && !stroke)) return;
    run = undefined;
    const item: PathItem = {
      kind: 'path',
      segments,
      ...(stroke
        ? {
            stroke: {
              colour: s.stroke,
              width: s.lineWidth * scaleOf(s.ctm),
              cap: s.cap,
              join: s.join,
              miterLimit: s.miterLimit,
              ...(s.dash.length > 0 ? { dash: s.dash.map((d) => d * scaleOf(s.ctm)) } : {}),
              dashOffset: s.dashOffset * scaleOf(s.ctm),
            },
          }
        : {}),
      ...(fill ? { fill: { colour: s.fill, evenOdd: fill === 'evenodd' } } : {}),
      ...(s.clip ? { clip: s.clip } : {}),
    };
    items.push(item);
  };

  for (const { fn, args } of input.ops) {
    const a = args as unknown[];
    switch (fn) {
      case 'save':
        stack.push({ ...s });
        break;
      case 'restore':
        if (stack.length > 0) s = stack.pop()!;
        break;
      case 'transform':
        s.ctm = multiply(a as Matrix, s.ctm);
        break;
      case 'paintFormXObjectBegin': {
        stack.push({ ...s });
        const [matrix, bbox] = a as [Matrix | null, number[] | null];
        if (matrix) s.ctm = multiply(matrix, s.ctm);
        if (bbox) {
          const b = bounds(rectangle(bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1], s.ctm));
          if (b) s.clip = s.clip ? intersect(s.clip, b) : b;
        }
        break;
      }
      case 'paintFormXObjectEnd':
        if (stack.length > 0) s = stack.pop()!;
        break;
      case 'setLineWidth':
        s.lineWidth = a[0] as number;
        break;
      case 'setLineCap':
        s.cap = CAPS[a[0] as number] ?? 'Butt';
        break;
      case 'setLineJoin':
        s.join = JOINS[a[0] as number] ?? 'Miter';
        break;
      case 'setMiterLimit':
        s.miterLimit = a[0] as number;
        break;
      case 'setDash':
        s.dash = [...((a[0] as number[]) ?? [])];
        s.dashOffset = (a[1] as number) ?? 0;
        break;
      case 'setGState':
        for (const [key, value] of a[0] as [string, unknown][]) {
          if (key === 'ca') s.fill = { ...s.fill, alpha: Math.round((value as number) * 255) };
          else if (key === 'CA') s.stroke = { ...s.stroke, alpha: Math.round((value as number) * 255) };
          else if (key === 'LW') s.lineWidth = value as number;
          else if (key === 'LC') s.cap = CAPS[value as number] ?? 'Butt';
          else if (key === 'LJ') s.join = JOINS[value as number] ?? 'Miter';
          else if (key === 'ML') s.miterLimit = value as number;
          else if (key === 'D') [s.dash, s.dashOffset] = [[...(value as [number[], number])[0]], (value as [number[], number])[1]];
          else if (key === 'SMask' && value) drop('soft mask');
        }
        break;
      case 'setFillRGBColor':
        s.fill = { rgb: rgb(a), alpha: s.fill.alpha };
        break;
      case 'setStrokeRGBColor':
        s.stroke = { rgb: rgb(a), alpha: s.stroke.alpha };
        break;
      case 'setFillColorN':
      case 'setStrokeColorN':
        // A pattern: OFD shadings are not written here.
        if (Array.isArray(a) && typeof a[0] === 'string') drop('pattern');
        break;
      case 'shadingFill':
        drop('shading');
        break;
      case 'constructPath': {
        const [ops, coords] = a as [number[], number[]];
        let i = 0;
        let current: [number, number] = [0, 0];
        let start: [number, number] = [0, 0];
        const pt = (x: number, y: number) => apply(s.ctm, x, y);
        for (const op of ops) {
          switch (op) {
            case 13: {
              current = start = [coords[i++], coords[i++]];
              const [x, y] = pt(...current);
              path.push({ op: 'M', x, y });
              break;
            }
            case 14: {
              current = [coords[i++], coords[i++]];
              const [x, y] = pt(...current);
              path.push({ op: 'L', x, y });
              break;
            }
            case 15:
            case 16:
            case 17: {
              // c: two control points; v: the first is the current point; y: the second is the end.
              const c1: [number, number] = op === 16 ? current : [coords[i++], coords[i++]];
              const c2: [number, number] = [coords[i++], coords[i++]];
              const end: [number, number] = op === 17 ? c2 : [coords[i++], coords[i++]];
              const [x1, y1] = pt(...c1);
              const [x2, y2] = pt(...c2);
              const [x, y] = pt(...end);
              path.push({ op: 'B', x1, y1, x2, y2, x, y });
              current = end;
              break;
            }
            case 18:
              path.push({ op: 'C' });
              current = start;
              break;
            case 19: {
              const [x, y, w, h] = [coords[i++], coords[i++], coords[i++], coords[i++]];
              path.push(...rectangle(x, y, w, h, s.ctm));
              current = start = [x, y];
              break;
            }
          }
        }
        break;
      }
      case 'clip':
        clipNext = 'nonzero';
        break;
      case 'eoClip':
        clipNext = 'evenodd';
        break;
      case 'fill':
        paintPath('nonzero', false);
        break;
      case 'eoFill':
        paintPath('evenodd', false);
        break;
      case 'stroke':
        paintPath(undefined, true);
        break;
      case 'closeStroke':
        path.push({ op: 'C' });
        paintPath(undefined, true);
        break;
      case 'fillStroke':
        paintPath('nonzero', true);
        break;
      case 'eoFillStroke':
        paintPath('evenodd', true);
        break;
      case 'closeFillStroke':
        path.push({ op: 'C' });
        paintPath('nonzero', true);
        break;
      case 'closeEOFillStroke':
        path.push({ op: 'C' });
        paintPath('evenodd', true);
        break;
      case 'endPath':
        paintPath(undefined, false);
        break;
      case 'beginText':
        tm = tlm = IDENTITY;
        break;
      case 'endText':
        break;
      case 'setFont': {
        s.font = input.font(a[0] as string);
        s.fontSize = a[1] as number;
        break;
      }
      case 'setCharSpacing':
        s.charSpacing = a[0] as number;
        break;
      case 'setWordSpacing':
        s.wordSpacing = a[0] as number;
        break;
      case 'setHScale':
        s.hScale = (a[0] as number) / 100;
        break;
      case 'setLeading':
        s.leading = a[0] as number;
        break;
      case 'setTextRise':
        s.rise = a[0] as number;
        break;
      case 'setTextRenderingMode':
        s.renderMode = a[0] as number;
        break;
      case 'setTextMatrix':
        tm = tlm = [...(a as number[])] as Matrix;
        break;
      case 'moveText':
        moveTo(a[0] as number, a[1] as number);
        break;
      case 'setLeadingMoveText':
        s.leading = -(a[1] as number);
        moveTo(a[0] as number, a[1] as number);
        break;
      case 'nextLine':
        moveTo(0, -s.leading);
        break;
      case 'showText':
      case 'showSpacedText':
        show(a[0] as (PdfjsGlyph | number | null)[]);
        break;
      case 'nextLineShowText':
        moveTo(0, -s.leading);
        show(a[0] as (PdfjsGlyph | number | null)[]);
        break;
      case 'nextLineSetSpacingShowText':
        s.wordSpacing = a[0] as number;
        s.charSpacing = a[1] as number;
        moveTo(0, -s.leading);
        show(a[2] as (PdfjsGlyph | number | null)[]);
        break;
      case 'paintImageXObject':
      case 'paintInlineImageXObject': {
        const image = fn === 'paintImageXObject' ? input.image(a[0] as string) : undefined;
        if (!image) {
          drop('image');
          break;
        }
        run = undefined;
        // The image's unit square has (0,0) at its bottom left in PDF, top left in OFD.
        const ctm = multiply([1, 0, 0, -1, 0, 1], s.ctm);
        items.push({ kind: 'image', png: image.png, format: image.format, key: image.key, ctm, alpha: s.fill.alpha, ...(s.clip ? { clip: s.clip } : {}) });
        break;
      }
      case 'paintImageMaskXObject':
      case 'paintImageMaskXObjectGroup':
      case 'paintSolidColorImageMask':
      case 'paintImageXObjectRepeat':
      case 'paintImageMaskXObjectRepeat':
      case 'paintInlineImageXObjectGroup':
        drop('image');
        break;
      default:
        // Marked content, dependencies, colour spaces already resolved by pdf.js: nothing drawn.
        break;
    }
  }
  return { width: input.width * MM, height: input.height * MM, items, dropped };
}

function rgb(a: unknown[]): [number, number, number] {
  const v = a as unknown as ArrayLike<number>;
  return [v[0], v[1], v[2]];
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) < 1e-3;
}

function sameColour(a: Colour, b: Colour): boolean {
  return a.alpha === b.alpha && a.rgb.every((v, i) => v === b.rgb[i]);
}

function sameBox(a: Box | undefined, b: Box | undefined): boolean {
  return a === b || (!!a && !!b && near(a.x, b.x) && near(a.y, b.y) && near(a.w, b.w) && near(a.h, b.h));
}

function rectangle(x: number, y: number, w: number, h: number, m: Matrix): Segment[] {
  const corner = (px: number, py: number) => apply(m, px, py);
  const [a, b, c, d] = [corner(x, y), corner(x + w, y), corner(x + w, y + h), corner(x, y + h)];
  return [{ op: 'M', x: a[0], y: a[1] }, { op: 'L', x: b[0], y: b[1] }, { op: 'L', x: c[0], y: c[1] }, { op: 'L', x: d[0], y: d[1] }, { op: 'C' }];
}

/** The box around a path's points (its curves' control points too, which hold the curve). */
export function bounds(segments: readonly Segment[]): Box | undefined {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const see = (x: number, y: number) => {
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  };
  for (const seg of segments) {
    if (seg.op === 'C') continue;
    if (seg.op === 'B') {
      see(seg.x1, seg.y1);
      see(seg.x2, seg.y2);
    }
    see(seg.x, seg.y);
  }
  return x0 === Infinity ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

export function intersect(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, w: Math.max(0, Math.min(a.x + a.w, b.x + b.w) - x), h: Math.max(0, Math.min(a.y + a.h, b.y + b.h) - y) };
}

/**
 * A printed PDF page's drawing operators, as pdf-operators.ts lists them, turned into what an
 * OFD page holds: text runs with each glyph's place (text-runs.ts), paths, images, in the order
 * the page draws them, so that text read from the OFD in order reads as the issue reads. Pure:
 * pdf-operators.ts gives it the operators and what their fonts and images are.
 *
 * This follows the PDF's own imaging model (ISO 32000-1, 8 and 9): the current transformation
 * matrix, the text matrix advanced by each glyph's width, character and word spacing and the
 * adjustments of TJ. Chromium's pages use a small part of it (one glyph a Tj, moved by Td, in
 * CID fonts; rectangles and curves, filled or stroked; clipping rectangles; images); the rest
 * is followed too where it is cheap, and what an OFD page here does not carry (shadings,
 * patterns) is counted, for the run to say.
 */
import { IDENTITY, multiply, type Matrix } from '../pdf/matrix.js';
import { bounds, intersect, pathSegments, rectangle } from './geometry.js';
import { setState, type State } from './graphics-state.js';
import { placeGlyph } from './text-runs.js';
import type { Colour, Item, PageModel, PathItem, Segment, TextRun } from './model.js';

/**
 * One operator as pdf-operators.ts gives it, under pdf.js's names (its OPS), which the first
 * reader was: its name and its arguments.
 */
export interface Op {
  fn: string;
  args: unknown;
}

/** A glyph in showText's arguments, as pdf.js named its fields. */
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
      run = placeGlyph(items, run, trm, { text: g.unicode, gid: g.originalCharCode }, s, drop);
      const advance = (g.width * font.unitsPerEm * s.fontSize + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale;
      tm = multiply([1, 0, 0, 1, advance, 0], tm);
    }
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
      case 'constructPath': {
        const [ops, coords] = a as [number[], number[]];
        path.push(...pathSegments(ops, coords, s.ctm));
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
      default:
        // The graphics and text state (graphics-state.ts); else marked content, dependencies,
        // colour spaces already resolved: nothing drawn.
        setState(s, fn, a, drop);
        break;
    }
  }
  return { width: input.width * MM, height: input.height * MM, items, dropped };
}

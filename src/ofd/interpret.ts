/**
 * A printed PDF page's drawing turned into what an OFD page holds: text runs with each glyph's
 * place (text-runs.ts), paths, images, in the order the page draws them, so that text read from
 * the OFD in order reads as the issue reads. Pure: pdf-operators.ts reads the page's content
 * streams and calls a PageDrawing's methods, one for each thing an operator does, with its
 * fonts, colours and images already resolved.
 *
 * This follows the PDF's own imaging model (ISO 32000-1, 8 and 9): the current transformation
 * matrix, the text matrix advanced by each glyph's width, character and word spacing and the
 * adjustments of TJ. Chromium's pages use a small part of it (one glyph a Tj, moved by Td, in
 * CID fonts; rectangles and curves, filled or stroked; clipping rectangles; images); the rest
 * is followed too where it is cheap, and what an OFD page here does not carry (shadings,
 * patterns) is counted, for the run to say.
 */
import { IDENTITY, apply, multiply, type Matrix } from '../pdf/matrix.js';
import { bounds, intersect, rectangle } from './geometry.js';
import { setState, type State, type StateOperator } from './graphics-state.js';
import { placeGlyph } from './text-runs.js';
import type { Colour, Item, PageModel, PathItem, Segment, TextRun } from './model.js';

/** A glyph a string shows: what it prints, its id, its advance (glyph space), and whether word spacing applies to it (the one-byte code 32). */
export interface ShownGlyph {
  text: string;
  gid: number;
  width: number;
  isSpace: boolean;
}

/** A font as the drawing needs it: its name (unique in the document) and its glyph space (0.001 for TrueType). */
export interface DrawnFont {
  name: string;
  unitsPerEm: number;
}

/** An image as the OFD edition carries it. */
export interface DrawnImage {
  png: Uint8Array;
  key: string;
  format: 'PNG' | 'JPEG';
}

const MM = 25.4 / 72;
const BLACK: Colour = { rgb: [0, 0, 0], alpha: 255 };
const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

export class PageDrawing {
  private readonly items: Item[] = [];
  private readonly dropped: Record<string, number> = {};
  private s: State;
  private readonly stack: State[] = [];
  private tm: Matrix = IDENTITY;
  private tlm: Matrix = IDENTITY;
  private path: Segment[] = [];
  /** The path's current point and its subpath's start, in user space (for v curves and h). */
  private current: [number, number] = [0, 0];
  private start: [number, number] = [0, 0];
  private clipNext: 'nonzero' | 'evenodd' | undefined;
  /** The text run being added to: glyphs on one baseline in one font, size and colour, with nothing drawn between. */
  private run: TextRun | undefined;
  readonly drop = (what: string): void => {
    this.dropped[what] = (this.dropped[what] ?? 0) + 1;
  };

  /** A page `width` by `height` PDF units (1/72 inch). */
  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {
    this.s = {
      // PDF space (points, y up) to OFD's (mm, y down).
      ctm: [MM, 0, 0, -MM, 0, height * MM],
      fill: BLACK,
      stroke: BLACK,
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
  }

  /** q and Q. */
  save(): void {
    this.stack.push({ ...this.s });
  }
  restore(): void {
    if (this.stack.length > 0) this.s = this.stack.pop()!;
  }
  /** cm. */
  transform(m: Matrix): void {
    this.s.ctm = multiply(m, this.s.ctm);
  }
  /** A form XObject's drawing begins: the state saved, its matrix applied, its box clipping. */
  beginForm(matrix: Matrix | undefined, bbox: number[] | undefined): void {
    this.save();
    if (matrix) this.s.ctm = multiply(matrix, this.s.ctm);
    if (bbox) this.clipTo(bounds(rectangle(bbox[0], bbox[1], bbox[2] - bbox[0], bbox[3] - bbox[1], this.s.ctm)));
  }
  endForm(): void {
    this.restore();
  }
  /** The graphics and text state's numbers (w, J, j, M, d, Tc, Tw, Tz, TL, Ts, Tr), an ExtGState's, colours: graphics-state.ts. */
  set(op: StateOperator, args: readonly unknown[]): void {
    setState(this.s, op, args, this.drop);
  }

  // Paths (8.5.2), built on the page as they are given.
  private point(x: number, y: number): [number, number] {
    return apply(this.s.ctm, x, y);
  }
  moveTo(x: number, y: number): void {
    this.current = this.start = [x, y];
    const [px, py] = this.point(x, y);
    this.path.push({ op: 'M', x: px, y: py });
  }
  lineTo(x: number, y: number): void {
    this.current = [x, y];
    const [px, py] = this.point(x, y);
    this.path.push({ op: 'L', x: px, y: py });
  }
  /** c; v (the first control point is the current point: pass it undefined); y (the second is the end: pass it undefined). */
  curveTo(c1: [number, number] | undefined, c2: [number, number] | undefined, end: [number, number]): void {
    const [x1, y1] = this.point(...(c1 ?? this.current));
    const [x2, y2] = this.point(...(c2 ?? end));
    const [x, y] = this.point(...end);
    this.path.push({ op: 'B', x1, y1, x2, y2, x, y });
    this.current = end;
  }
  closePath(): void {
    this.path.push({ op: 'C' });
    this.current = this.start;
  }
  rect(x: number, y: number, w: number, h: number): void {
    for (const seg of rectangle(x, y, w, h, this.s.ctm)) this.path.push(seg);
    this.current = this.start = [x, y];
  }
  /** W and W*: the path painted next also clips what follows. */
  clip(rule: 'nonzero' | 'evenodd'): void {
    this.clipNext = rule;
  }
  /** The path painted (S, f, B and their kin; n paints nothing) and ended. */
  paint(fill: 'nonzero' | 'evenodd' | undefined, stroke: boolean): void {
    const segments = this.path;
    this.path = [];
    if (this.clipNext) {
      // The clip takes effect after the path is painted (PDF 8.5.4).
      this.clipTo(bounds(segments));
      this.clipNext = undefined;
      if (!fill && !stroke) return;
    }
    if (segments.length === 0 || (!fill && !stroke)) return;
    this.run = undefined;
    const s = this.s;
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
    this.items.push(item);
  }
  private clipTo(box: ReturnType<typeof bounds>): void {
    if (box) this.s.clip = this.s.clip ? intersect(this.s.clip, box) : box;
  }

  // Text (9.4).
  /** BT. */
  beginText(): void {
    this.tm = this.tlm = IDENTITY;
  }
  /** Tf, with the font resolved (undefined: one not followed, whose text is not drawn). */
  setFont(font: DrawnFont | undefined, size: number): void {
    this.s.font = font;
    this.s.fontSize = size;
  }
  /** Tm. */
  setTextMatrix(m: Matrix): void {
    this.tm = this.tlm = m;
  }
  /** Td, and TD (which also sets the leading). */
  moveText(x: number, y: number, setLeading = false): void {
    if (setLeading) this.s.leading = -y;
    this.tlm = multiply([1, 0, 0, 1, x, y], this.tlm);
    this.tm = this.tlm;
  }
  /** T*, and the line move of ' and ". */
  nextLine(): void {
    this.moveText(0, -this.s.leading);
  }
  /** Tj and TJ: glyphs, and TJ's adjustments (thousandths of the size, leftwards) between them. */
  showText(shown: readonly (ShownGlyph | number)[]): void {
    const s = this.s;
    const font = s.font;
    if (!font) return;
    for (const g of shown) {
      if (typeof g === 'number') {
        this.tm = multiply([1, 0, 0, 1, (-g / 1000) * s.fontSize * s.hScale, 0], this.tm);
        continue;
      }
      const trm = multiply(multiply([s.fontSize * s.hScale, 0, 0, s.fontSize, 0, s.rise], this.tm), s.ctm);
      this.run = placeGlyph(this.items, this.run, trm, g, s, this.drop);
      const advance = (g.width * font.unitsPerEm * s.fontSize + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale;
      this.tm = multiply([1, 0, 0, 1, advance, 0], this.tm);
    }
  }

  /** Do of an image (undefined: one not followed, counted as left out). */
  image(image: DrawnImage | undefined): void {
    if (!image) {
      this.drop('image');
      return;
    }
    this.run = undefined;
    // The image's unit square has (0,0) at its bottom left in PDF, top left in OFD.
    const ctm = multiply([1, 0, 0, -1, 0, 1], this.s.ctm);
    this.items.push({
      kind: 'image',
      png: image.png,
      format: image.format,
      key: image.key,
      ctm,
      alpha: this.s.fill.alpha,
      ...(this.s.clip ? { clip: this.s.clip } : {}),
    });
  }

  /** What the page holds. */
  finish(): PageModel {
    return { width: this.width * MM, height: this.height * MM, items: this.items, dropped: this.dropped };
  }
}

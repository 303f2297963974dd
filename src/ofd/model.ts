/**
 * What an OFD page holds, as read from the printed PDF (ofd/interpret.ts) and written as the
 * page's Content.xml (ofd/parts.ts). Coordinates are OFD's: millimetres, from the page's top
 * left corner, y downwards.
 */

import type { Matrix } from '../pdf/matrix.js';

/** A colour as 0–255 red, green and blue, and its opacity 0–255. */
export interface Colour {
  rgb: [number, number, number];
  alpha: number;
}

/** A box, x and y of its top left corner, width and height. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Glyph {
  /** The characters it prints (what copying the text gives): one, or several for a ligature. */
  text: string;
  /** Its glyph id in the font file (the PDF's CID; Chromium's fonts map CIDs to glyphs one to one). */
  gid: number;
  /** Its origin on the baseline. */
  x: number;
  y: number;
}

/** Glyphs of one font, size and colour on one baseline, upright: one TextObject. */
export interface TextRun {
  kind: 'text';
  /** The PDF font it was printed in (its BaseFont name), which ofd/fonts.ts turns into an OFD font. */
  font: string;
  /** Em size in millimetres. */
  size: number;
  /** Horizontal scale against the size, when the glyphs are wider or narrower than they are tall. */
  hScale: number;
  fill: Colour;
  /** Invisible text (PDF rendering mode 3): there to be found and copied, not seen. */
  invisible: boolean;
  glyphs: Glyph[];
  /**
   * For a glyph that is not upright (turned, slanted, mirrored: a draft's 草稿 across the page),
   * the map from the glyph's OFD object space (y down, its origin at 0,0) to the page, less the
   * move: its run holds that glyph alone, at its origin.
   */
  turn?: [number, number, number, number];
  clip?: Box;
}

/** One path segment, in page coordinates. */
export type Segment = { op: 'M' | 'L'; x: number; y: number } | { op: 'B'; x1: number; y1: number; x2: number; y2: number; x: number; y: number } | { op: 'C' };

export interface PathItem {
  kind: 'path';
  segments: Segment[];
  stroke?: {
    colour: Colour;
    width: number;
    cap: 'Butt' | 'Round' | 'Square';
    join: 'Miter' | 'Round' | 'Bevel';
    miterLimit: number;
    dash?: number[];
    dashOffset: number;
  };
  fill?: { colour: Colour; evenOdd: boolean };
  clip?: Box;
}

/** A raster image: its unit square (0,0 its top left) mapped onto the page by `ctm`. */
export interface ImageItem {
  kind: 'image';
  /** The image as a PNG file, and a key that is the same for the same pixels. */
  png: Uint8Array;
  /** What `png` holds: a PNG, or the JPEG the PDF held, as it was. */
  format: 'PNG' | 'JPEG';
  key: string;
  ctm: Matrix;
  alpha: number;
  clip?: Box;
}

export type Item = TextRun | PathItem | ImageItem;

export interface PageModel {
  /** Width and height in millimetres. */
  width: number;
  height: number;
  items: Item[];
  /** What the page drew that OFD pages here do not carry (shadings, patterns), by kind: said, not hidden. */
  dropped: Record<string, number>;
}

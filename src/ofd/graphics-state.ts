/**
 * The graphics and text state a PDF page's operators set (ISO 32000-1, 8.4 and 9.3), as the OFD
 * edition follows it: line width, caps, joins, dashes, colours and their alpha, the text's
 * spacing, scale, leading, rise and rendering mode. Pure: an operation in, the state changed.
 */
import type { Matrix } from '../pdf/matrix.js';
import type { Box, Colour } from './model.js';

export interface State {
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

/**
 * Sets in `s` what operation `fn` sets, and says whether it was one of these; `drop` counts what
 * an OFD page here does not carry (a pattern, a shading, a soft mask).
 */
export function setState(s: State, fn: string, a: unknown[], drop: (what: string) => void): boolean {
  switch (fn) {
    case 'setLineWidth':
      s.lineWidth = a[0] as number;
      return true;
    case 'setLineCap':
      s.cap = CAPS[a[0] as number] ?? 'Butt';
      return true;
    case 'setLineJoin':
      s.join = JOINS[a[0] as number] ?? 'Miter';
      return true;
    case 'setMiterLimit':
      s.miterLimit = a[0] as number;
      return true;
    case 'setDash':
      s.dash = [...((a[0] as number[]) ?? [])];
      s.dashOffset = (a[1] as number) ?? 0;
      return true;
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
      return true;
    case 'setFillRGBColor':
      s.fill = { rgb: rgb(a), alpha: s.fill.alpha };
      return true;
    case 'setStrokeRGBColor':
      s.stroke = { rgb: rgb(a), alpha: s.stroke.alpha };
      return true;
    case 'setFillColorN':
    case 'setStrokeColorN':
      // A pattern: OFD shadings are not written here.
      if (Array.isArray(a) && typeof a[0] === 'string') drop('pattern');
      return true;
    case 'shadingFill':
      drop('shading');
      return true;
    case 'setCharSpacing':
      s.charSpacing = a[0] as number;
      return true;
    case 'setWordSpacing':
      s.wordSpacing = a[0] as number;
      return true;
    case 'setHScale':
      s.hScale = (a[0] as number) / 100;
      return true;
    case 'setLeading':
      s.leading = a[0] as number;
      return true;
    case 'setTextRise':
      s.rise = a[0] as number;
      return true;
    case 'setTextRenderingMode':
      s.renderMode = a[0] as number;
      return true;
    default:
      return false;
  }
}

function rgb(a: unknown[]): [number, number, number] {
  const v = a as unknown as ArrayLike<number>;
  return [v[0], v[1], v[2]];
}

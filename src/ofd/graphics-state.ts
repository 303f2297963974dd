/**
 * The graphics and text state a PDF page's operators set (ISO 32000-1, 8.4 and 9.3), as the OFD
 * edition follows it: line width, caps, joins, dashes, colours and their alpha, the text's
 * spacing, scale, leading, rise and rendering mode. Pure: an operator in, the state changed.
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
 * The operators that set the state, by their PDF names: the line's (w, J, j, M, d), an
 * ExtGState's entries (gs, given as [key, value] pairs), the fill and stroke colours resolved
 * to 0–255 RGB (rg, RG, whatever the colour space), a pattern or a shading (counted as left out),
 * and the text state's (Tc, Tw, Tz, TL, Ts, Tr).
 */
export type StateOperator = 'w' | 'J' | 'j' | 'M' | 'd' | 'gs' | 'rg' | 'RG' | 'pattern' | 'sh' | 'Tc' | 'Tw' | 'Tz' | 'TL' | 'Ts' | 'Tr';

/** Sets in `s` what operator `op` sets; `drop` counts what an OFD page here does not carry (a pattern, a shading, a soft mask). */
export function setState(s: State, op: StateOperator, a: readonly unknown[], drop: (what: string) => void): void {
  switch (op) {
    case 'w':
      s.lineWidth = a[0] as number;
      return;
    case 'J':
      s.cap = CAPS[a[0] as number] ?? 'Butt';
      return;
    case 'j':
      s.join = JOINS[a[0] as number] ?? 'Miter';
      return;
    case 'M':
      s.miterLimit = a[0] as number;
      return;
    case 'd':
      s.dash = [...((a[0] as number[]) ?? [])];
      s.dashOffset = (a[1] as number) ?? 0;
      return;
    case 'gs':
      for (const [key, value] of a as [string, unknown][]) {
        if (key === 'ca') s.fill = { ...s.fill, alpha: Math.round((value as number) * 255) };
        else if (key === 'CA') s.stroke = { ...s.stroke, alpha: Math.round((value as number) * 255) };
        else if (key === 'LW') s.lineWidth = value as number;
        else if (key === 'LC') s.cap = CAPS[value as number] ?? 'Butt';
        else if (key === 'LJ') s.join = JOINS[value as number] ?? 'Miter';
        else if (key === 'ML') s.miterLimit = value as number;
        else if (key === 'SMask' && value) drop('soft mask');
      }
      return;
    case 'rg':
      s.fill = { rgb: rgb(a), alpha: s.fill.alpha };
      return;
    case 'RG':
      s.stroke = { rgb: rgb(a), alpha: s.stroke.alpha };
      return;
    case 'pattern':
      // OFD shadings are not written here.
      drop('pattern');
      return;
    case 'sh':
      drop('shading');
      return;
    case 'Tc':
      s.charSpacing = a[0] as number;
      return;
    case 'Tw':
      s.wordSpacing = a[0] as number;
      return;
    case 'Tz':
      s.hScale = (a[0] as number) / 100;
      return;
    case 'TL':
      s.leading = a[0] as number;
      return;
    case 'Ts':
      s.rise = a[0] as number;
      return;
    case 'Tr':
      s.renderMode = a[0] as number;
      return;
  }
}

function rgb(a: readonly unknown[]): [number, number, number] {
  const v = a as unknown as ArrayLike<number>;
  return [v[0], v[1], v[2]];
}

/**
 * The OFD edition's geometry on the page: a rectangle as a path; the box around a path; two
 * boxes' overlap. Pure.
 */
import { apply, type Matrix } from '../pdf/matrix.js';
import type { Box, Segment } from './model.js';

/** A rectangle (re) as a closed path on the page, through `m`. */
export function rectangle(x: number, y: number, w: number, h: number, m: Matrix): Segment[] {
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

/**
 * The OFD edition's geometry on the page: a path's segments from pdf.js's constructPath, mapped
 * onto the page; a rectangle as a path; the box around a path; two boxes' overlap. Pure.
 */
import { apply, type Matrix } from '../pdf/matrix.js';
import type { Box, Segment } from './model.js';

/**
 * A path as pdf.js lists it (its operators as OPS numbers, their coordinates in one list) as
 * segments on the page, through the current transformation matrix.
 */
export function pathSegments(ops: readonly number[], coords: readonly number[], ctm: Matrix): Segment[] {
  const path: Segment[] = [];
  let i = 0;
  let current: [number, number] = [0, 0];
  let start: [number, number] = [0, 0];
  const pt = (x: number, y: number) => apply(ctm, x, y);
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
        path.push(...rectangle(x, y, w, h, ctm));
        current = start = [x, y];
        break;
      }
    }
  }
  return path;
}

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

/**
 * PDF's affine matrices (ISO 32000-1, 8.3): [a b c d e f] maps (x, y) to (a·x + c·y + e,
 * b·x + d·y + f). The volume follows a page's text matrix with them to find its folios, the OFD
 * edition every glyph, path and image. Pure.
 */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m then n: a point mapped by m, then by n (PDF's order: cm's matrix comes first, 8.3.4). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

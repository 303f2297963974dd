/**
 * Glyphs gathered into text runs, OFD's text objects: a glyph joins the run before it when
 * nothing was drawn between and it is on the same baseline in the same font, size, scale,
 * colour and clip; a glyph that is not upright (a draft's 草稿) is a run of its own, turned by a
 * matrix. Pure.
 */
import type { Matrix } from '../pdf/matrix.js';
import type { State } from './graphics-state.js';
import type { Box, Colour, Glyph, Item, TextRun } from './model.js';

const scaleOf = (m: Matrix) => Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));

/**
 * Places a glyph, drawn by `trm` (its em to the page), in `items`: in `run` or a new run. Gives
 * the run a next glyph may join (none after a turned glyph).
 */
export function placeGlyph(
  items: Item[],
  run: TextRun | undefined,
  trm: Matrix,
  g: { text: string; gid: number },
  s: State,
  drop: (what: string) => void,
): TextRun | undefined {
  // Upright on the page: y of the glyph's up maps to minus y (OFD is y down), no shear or turn.
  const size = -trm[3];
  const upright = Math.abs(trm[1]) < 1e-6 && Math.abs(trm[2]) < 1e-6 && trm[0] > 0 && size > 0;
  if (!g.text) {
    drop('glyph without text');
    return run;
  }
  if (!upright) {
    // Its own run, drawn through a matrix: the glyph's em (x right, y up) is trm's; OFD's
    // object space has y down, so the matrix takes (s·u, −s·v) to trm's (u, v).
    const em = scaleOf(trm);
    if (em === 0) return run;
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
    return undefined;
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
    run.glyphs.push(glyph);
    return run;
  }
  const next: TextRun = {
    kind: 'text',
    font: s.font!.name,
    size,
    hScale,
    fill: s.fill,
    invisible: s.renderMode === 3,
    glyphs: [glyph],
    ...(s.clip ? { clip: s.clip } : {}),
  };
  items.push(next);
  return next;
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

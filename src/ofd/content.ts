/**
 * One OFD page's Content.xml (GB/T 33190-2016, 7.7 and 8–11): one body layer holding the page's
 * text, paths and images in the order the print drew them. Each object's coordinates are its
 * own: its Boundary is where it sits on the page, and what is inside (glyph origins, path
 * points, an image's matrix) is measured from the Boundary's top left. Pure.
 */
import { bounds, intersect } from './geometry.js';
import type { Box, Colour, ImageItem, Item, PathItem, Segment, TextRun } from './model.js';
import { el, num, numbers, part, root, text } from './xml.js';

export interface ContentIds {
  /** The next unused object id; advanced as objects are written. */
  next: () => number;
  /** The OFD font id for a PDF font's name, and the glyph its character map gives a character. */
  font: (pdfName: string) => { id: number; weight: number; glyphOf: (cp: number) => number | undefined };
  /** The OFD multimedia id for an image. */
  image: (item: ImageItem) => number;
}

const box = (b: Box) => `${num(b.x)} ${num(b.y)} ${num(b.w)} ${num(b.h)}`;

/**
 * A text object's fill: none written for opaque black, which GB/T 33190 makes a text object's
 * fill when it names none (most of a page's text: a tenth of its XML).
 */
function textFill(c: Colour): string | undefined {
  return c.alpha === 255 && c.rgb[0] === 0 && c.rgb[1] === 0 && c.rgb[2] === 0 ? undefined : colour('FillColor', c);
}

function colour(name: 'FillColor' | 'StrokeColor', c: Colour): string {
  return el(name, { Value: c.rgb.join(' '), Alpha: c.alpha < 255 ? c.alpha : undefined });
}

/** A box grown outwards to whole thousandths, so that rounding never cuts what it holds. */
function outward(b: Box): Box {
  const x = Math.floor(b.x * 1000) / 1000;
  const y = Math.floor(b.y * 1000) / 1000;
  return { x, y, w: Math.ceil((b.x + b.w - x) * 1000) / 1000, h: Math.ceil((b.y + b.h - y) * 1000) / 1000 };
}

const inside = (a: Box, b: Box) => a.x >= b.x - 0.01 && a.y >= b.y - 0.01 && a.x + a.w <= b.x + b.w + 0.01 && a.y + a.h <= b.y + b.h + 0.01;

/** The Clips element for an object whose clip cuts it; `false` when the clip hides it whole. */
function clips(item: Item, own: Box): string | undefined | false {
  if (!item.clip) return undefined;
  if (inside(own, item.clip)) return undefined;
  const seen = intersect(own, item.clip);
  if (seen.w <= 0 || seen.h <= 0) return false;
  // The clip area is a path in the object's own space: the clip's box, from the object's corner.
  const area = { x: item.clip.x - own.x, y: item.clip.y - own.y, w: item.clip.w, h: item.clip.h };
  return el(
    'Clips',
    {},
    el(
      'Clip',
      {},
      el(
        'Area',
        {},
        el(
          'Path',
          { Boundary: box(area), Stroke: false, Fill: true },
          el('AbbreviatedData', {}, text(`M 0 0 L ${num(area.w)} 0 L ${num(area.w)} ${num(area.h)} L 0 ${num(area.h)} C`)),
        ),
      ),
    ),
  );
}

/** A glyph that is not upright: alone, at its origin, turned by a CTM; its box holds it whichever way it turns. */
function turnedText(run: TextRun, turn: [number, number, number, number], ids: ContentIds, font: ReturnType<ContentIds['font']>): string | undefined {
  const g = run.glyphs[0];
  const own = outward({ x: g.x - run.size * 1.5, y: g.y - run.size * 1.5, w: run.size * 3, h: run.size * 3 });
  const clip = clips(run, own);
  if (clip === false) return undefined;
  const single = Array.from(g.text);
  return el(
    'TextObject',
    {
      ID: ids.next(),
      Boundary: box(own),
      CTM: numbers([...turn, g.x - own.x, g.y - own.y]),
      Font: font.id,
      Size: run.size,
      Fill: run.invisible ? false : undefined,
    },
    clip,
    textFill(run.fill),
    single.length !== 1 || font.glyphOf(single[0].codePointAt(0)!) !== g.gid
      ? el('CGTransform', { CodePosition: 0, CodeCount: single.length, GlyphCount: 1 }, el('Glyphs', {}, String(g.gid)))
      : undefined,
    el('TextCode', { X: 0, Y: 0 }, text(g.text)),
  );
}

function textObject(run: TextRun, ids: ContentIds): string | undefined {
  const font = ids.font(run.font);
  if (run.turn) return turnedText(run, run.turn, ids, font);
  const first = run.glyphs[0];
  const xs = run.glyphs.map((g) => g.x);
  const advance = run.size * run.hScale;
  const own = outward({ x: Math.min(...xs), y: first.y - run.size, w: Math.max(...xs) + advance - Math.min(...xs), h: run.size * 1.3 });
  const clip = clips(run, own);
  if (clip === false) return undefined;
  // Each character's place from the object's corner, rounded before the steps between them are
  // taken, so that rounding never adds up along a line. The characters of one glyph (a
  // ligature) stand at its place; a glyph the font's character map would not give for its
  // character is named by a CGTransform, so the reader draws the glyph the print drew.
  // Written as one string rather than with el(): text objects are most of a page's elements,
  // and the OFD edition's time was a tenth in building them (the bytes are el()'s own).
  const deltas: number[] = [];
  let transforms = '';
  let codes = '';
  let position = 0;
  let last = 0;
  for (let k = 0; k < run.glyphs.length; k++) {
    const g = run.glyphs[k];
    // One UTF-16 unit is one character; anything longer is counted by code points.
    const count = g.text.length === 1 ? 1 : Array.from(g.text).length;
    const x = Math.round((g.x - own.x) * 1000) / 1000;
    if (k === 0) last = x;
    for (let i = 0; i < count; i++) {
      if (k > 0 || i > 0) deltas.push(x - last);
      last = x;
    }
    const mapped = count === 1 ? font.glyphOf(g.text.codePointAt(0)!) : undefined;
    if (mapped !== g.gid)
      transforms += `<ofd:CGTransform CodePosition="${position}" CodeCount="${count}" GlyphCount="1"><ofd:Glyphs>${g.gid}</ofd:Glyphs></ofd:CGTransform>`;
    codes += g.text;
    position += count;
  }
  const x0 = Math.round((first.x - own.x) * 1000) / 1000;
  let attrs = ` ID="${ids.next()}" Boundary="${box(own)}" Font="${font.id}" Size="${num(run.size)}"`;
  if (Math.abs(run.hScale - 1) > 1e-3) attrs += ` HScale="${num(run.hScale)}"`;
  // The face's weight, for a reader that draws with the family's faces rather than the file.
  if (font.weight !== 400) attrs += ` Weight="${Math.min(900, Math.max(100, Math.round(font.weight / 100) * 100))}"`;
  if (run.invisible) attrs += ' Fill="false"';
  const delta = deltas.length > 0 ? ` DeltaX="${numbers(deltas, true)}"` : '';
  const code = codes
    ? `<ofd:TextCode X="${num(x0)}" Y="${num(first.y - own.y)}"${delta}>${text(codes)}</ofd:TextCode>`
    : `<ofd:TextCode X="${num(x0)}" Y="${num(first.y - own.y)}"${delta}/>`;
  return `<ofd:TextObject${attrs}>${clip ?? ''}${textFill(run.fill) ?? ''}${transforms}${code}</ofd:TextObject>`;
}

function abbreviated(segments: readonly Segment[], origin: Box): string {
  const p = (x: number, y: number) => `${num(x - origin.x)} ${num(y - origin.y)}`;
  return segments.map((s) => (s.op === 'C' ? 'C' : s.op === 'B' ? `B ${p(s.x1, s.y1)} ${p(s.x2, s.y2)} ${p(s.x, s.y)}` : `${s.op} ${p(s.x, s.y)}`)).join(' ');
}

function pathObject(item: PathItem, ids: ContentIds): string | undefined {
  const b = bounds(item.segments);
  if (!b) return undefined;
  const pad = item.stroke ? item.stroke.width / 2 : 0;
  const own = outward({ x: b.x - pad, y: b.y - pad, w: b.w + 2 * pad, h: b.h + 2 * pad });
  const clip = clips(item, own);
  if (clip === false) return undefined;
  const st = item.stroke;
  return el(
    'PathObject',
    {
      ID: ids.next(),
      Boundary: box(own),
      LineWidth: st ? st.width : undefined,
      Cap: st && st.cap !== 'Butt' ? st.cap : undefined,
      Join: st && st.join !== 'Miter' ? st.join : undefined,
      MiterLimit: st && st.join === 'Miter' ? st.miterLimit : undefined,
      DashOffset: st?.dash && st.dashOffset ? st.dashOffset : undefined,
      DashPattern: st?.dash ? numbers(st.dash) : undefined,
      Stroke: st ? undefined : false,
      Fill: item.fill ? true : undefined,
      Rule: item.fill?.evenOdd ? 'Even-Odd' : undefined,
    },
    clip,
    st && colour('StrokeColor', st.colour),
    item.fill && colour('FillColor', item.fill.colour),
    el('AbbreviatedData', {}, text(abbreviated(item.segments, own))),
  );
}

function imageObject(item: ImageItem, ids: ContentIds): string | undefined {
  const [a, b, c, d, e, f] = item.ctm;
  const corners = [
    [e, f],
    [a + e, b + f],
    [c + e, d + f],
    [a + c + e, b + d + f],
  ];
  const own = outward(bounds(corners.map(([x, y]) => ({ op: 'L', x, y })))!);
  const clip = clips(item, own);
  if (clip === false) return undefined;
  return el(
    'ImageObject',
    {
      ID: ids.next(),
      Boundary: box(own),
      CTM: numbers([a, b, c, d, e - own.x, f - own.y]),
      Alpha: item.alpha < 255 ? item.alpha : undefined,
      ResourceID: ids.image(item),
    },
    clip,
  );
}

/** The page's Content.xml. */
export function pageContent(items: readonly Item[], ids: ContentIds): string {
  const layer = ids.next();
  const objects = items.map((item) => (item.kind === 'text' ? textObject(item, ids) : item.kind === 'path' ? pathObject(item, ids) : imageObject(item, ids)));
  return part(root('Page', {}, el('Content', {}, el('Layer', { ID: layer, Type: 'Body' }, ...objects))));
}

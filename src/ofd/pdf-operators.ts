/**
 * A printed PDF page's drawing, read from its content streams (content-stream.ts) with its
 * resources (fonts, colour spaces, graphics states, images, forms), and passed to
 * interpret.ts as the operations pdf.js would list: the same names and arguments, so that the
 * interpreter does not care who read the page. The page's model is what comes back.
 */
import { PDFArray, PDFDict, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import { eachOperation, isName, type Operand } from '../pdf/content-stream.js';
import { interpretPage, type Op } from './interpret.js';
import type { PageModel } from './model.js';
import { fontReading, glyphsOf, type FontReading, type FontShelf, type Glyph } from './pdf-fonts.js';
import { imageOf } from './pdf-images.js';
import { N, components, decoded, lookupDict, numbersOf } from './pdf-objects.js';

/** What the pages of one document share: its fonts (pdf-fonts.ts) and its images, read once. */
export interface Shared extends FontShelf {
  images: Map<string, { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined>;
  /** Images held directly, not by reference: each its own id. */
  unreferenced: number;
}

export function readPage(doc: PDFDocument, page: PDFPage, shared: Shared): PageModel {
  const box = page.getCropBox();
  const ops: Op[] = [];
  // The fonts the page sets, by their names (unique in the document: pdf-fonts.ts).
  const fontByName = new Map<string, FontReading>();
  // The font is part of the graphics state: q saves it, Q brings it back.
  let font: FontReading | undefined;
  const fonts: (FontReading | undefined)[] = [];
  const run = (content: Uint8Array, resources: PDFDict | undefined, depth: number) => {
    let path: { ops: number[]; coords: number[] } = { ops: [], coords: [] };
    const flush = () => {
      if (path.ops.length > 0) ops.push({ fn: 'constructPath', args: [path.ops, path.coords, null] });
      path = { ops: [], coords: [] };
    };
    const paint = (fn: string) => {
      flush();
      ops.push({ fn, args: null });
    };
    const resource = (kind: string, key: string) => {
      const group = resources?.lookup(N(kind));
      return group instanceof PDFDict ? group.get(N(key)) : undefined;
    };
    const spaces = { fill: 3, stroke: 3 } as Record<'fill' | 'stroke', number>;
    const colour = (which: 'fill' | 'stroke', values: number[]) => {
      const v = values.map((x) => Math.max(0, Math.min(1, x)));
      const fn = which === 'fill' ? 'setFillRGBColor' : 'setStrokeRGBColor';
      const rgb =
        v.length >= 4 ? [0, 1, 2].map((k) => 255 * (1 - v[k]) * (1 - v[3])) : v.length === 3 ? v.map((x) => x * 255) : [v[0] * 255, v[0] * 255, v[0] * 255];
      ops.push({ fn, args: rgb.map((x) => Math.round(x)) });
    };
    let args: Operand[] = [];
    const num = (k: number): number => {
      const v = args[k];
      return typeof v === 'number' ? v : 0;
    };
    const six = () => [num(0), num(1), num(2), num(3), num(4), num(5)];
    eachOperation(content, (op, operands) => {
      args = operands;
      switch (op) {
        case 'q':
          fonts.push(font);
          ops.push({ fn: 'save', args: null });
          break;
        case 'Q':
          if (fonts.length > 0) font = fonts.pop();
          ops.push({ fn: 'restore', args: null });
          break;
        case 'cm':
          ops.push({ fn: 'transform', args: six() });
          break;
        case 'w':
          ops.push({ fn: 'setLineWidth', args: [num(0)] });
          break;
        case 'J':
          ops.push({ fn: 'setLineCap', args: [num(0)] });
          break;
        case 'j':
          ops.push({ fn: 'setLineJoin', args: [num(0)] });
          break;
        case 'M':
          ops.push({ fn: 'setMiterLimit', args: [num(0)] });
          break;
        case 'd':
          ops.push({ fn: 'setDash', args: [Array.isArray(args[0]) ? args[0].filter((x) => typeof x === 'number') : [], num(1)] });
          break;
        case 'gs': {
          const state = isName(args[0]) ? lookupDict(doc, resource('ExtGState', args[0].name)) : undefined;
          if (!state) break;
          const entries: [string, unknown][] = [];
          for (const key of ['CA', 'ca', 'LW', 'LC', 'LJ', 'ML']) {
            const v = state.lookup(N(key));
            if (v instanceof PDFNumber) entries.push([key, v.asNumber()]);
          }
          const mask = state.lookup(N('SMask'));
          if (mask && mask !== N('None')) entries.push(['SMask', true]);
          ops.push({ fn: 'setGState', args: [entries] });
          break;
        }
        case 'rg':
        case 'RG':
        case 'g':
        case 'G':
        case 'k':
        case 'K':
          colour(
            op === op.toLowerCase() ? 'fill' : 'stroke',
            args.filter((a): a is number => typeof a === 'number'),
          );
          break;
        case 'cs':
        case 'CS': {
          const which = op === 'cs' ? 'fill' : 'stroke';
          spaces[which] = isName(args[0]) ? components(doc, args[0].name, resources) : 3;
          break;
        }
        case 'sc':
        case 'scn':
        case 'SC':
        case 'SCN': {
          const which = op.startsWith('s') ? 'fill' : 'stroke';
          if (args.some(isName) || spaces[which] === 0) ops.push({ fn: which === 'fill' ? 'setFillColorN' : 'setStrokeColorN', args: ['pattern'] });
          else
            colour(
              which,
              args.filter((a): a is number => typeof a === 'number'),
            );
          break;
        }
        case 'm':
          path.ops.push(13);
          path.coords.push(num(0), num(1));
          break;
        case 'l':
          path.ops.push(14);
          path.coords.push(num(0), num(1));
          break;
        case 'c':
          path.ops.push(15);
          path.coords.push(num(0), num(1), num(2), num(3), num(4), num(5));
          break;
        case 'v':
          path.ops.push(16);
          path.coords.push(num(0), num(1), num(2), num(3));
          break;
        case 'y':
          path.ops.push(17);
          path.coords.push(num(0), num(1), num(2), num(3));
          break;
        case 'h':
          path.ops.push(18);
          break;
        case 're':
          path.ops.push(19);
          path.coords.push(num(0), num(1), num(2), num(3));
          break;
        case 'W':
        case 'W*':
          flush();
          ops.push({ fn: op === 'W' ? 'clip' : 'eoClip', args: null });
          break;
        case 'S':
          paint('stroke');
          break;
        case 's':
          paint('closeStroke');
          break;
        case 'f':
        case 'F':
          paint('fill');
          break;
        case 'f*':
          paint('eoFill');
          break;
        case 'B':
          paint('fillStroke');
          break;
        case 'B*':
          paint('eoFillStroke');
          break;
        case 'b':
          paint('closeFillStroke');
          break;
        case 'b*':
          paint('closeEOFillStroke');
          break;
        case 'n':
          paint('endPath');
          break;
        case 'sh':
          ops.push({ fn: 'shadingFill', args: null });
          break;
        case 'BT':
          ops.push({ fn: 'beginText', args: null });
          break;
        case 'ET':
          ops.push({ fn: 'endText', args: null });
          break;
        case 'Tf': {
          const ref = isName(args[0]) ? resource('Font', args[0].name) : undefined;
          const reading = ref ? fontReading(doc, ref, shared) : undefined;
          if (reading) fontByName.set(reading.name, reading);
          font = reading;
          ops.push({ fn: 'setFont', args: [reading?.name ?? '', num(1)] });
          break;
        }
        case 'Tc':
          ops.push({ fn: 'setCharSpacing', args: [num(0)] });
          break;
        case 'Tw':
          ops.push({ fn: 'setWordSpacing', args: [num(0)] });
          break;
        case 'Tz':
          ops.push({ fn: 'setHScale', args: [num(0)] });
          break;
        case 'TL':
          ops.push({ fn: 'setLeading', args: [num(0)] });
          break;
        case 'Ts':
          ops.push({ fn: 'setTextRise', args: [num(0)] });
          break;
        case 'Tr':
          ops.push({ fn: 'setTextRenderingMode', args: [num(0)] });
          break;
        case 'Tm':
          ops.push({ fn: 'setTextMatrix', args: six() });
          break;
        case 'Td':
          ops.push({ fn: 'moveText', args: [num(0), num(1)] });
          break;
        case 'TD':
          ops.push({ fn: 'setLeadingMoveText', args: [num(0), num(1)] });
          break;
        case 'T*':
          ops.push({ fn: 'nextLine', args: null });
          break;
        case 'Tj':
        case "'":
        case '"':
        case 'TJ': {
          const shown = op === 'TJ' ? (Array.isArray(args[0]) ? args[0] : []) : [args[args.length - 1]];
          const glyphs: (number | Glyph)[] = [];
          for (const s of shown) {
            if (typeof s === 'number') glyphs.push(s);
            else if (s instanceof Uint8Array && font) for (const g of glyphsOf(font, s)) glyphs.push(g);
          }
          if (op === "'") ops.push({ fn: 'nextLineShowText', args: [glyphs] });
          else if (op === '"') ops.push({ fn: 'nextLineSetSpacingShowText', args: [num(0), num(1), glyphs] });
          else ops.push({ fn: 'showText', args: [glyphs] });
          break;
        }
        case 'Do': {
          const ref = isName(args[0]) ? resource('XObject', args[0].name) : undefined;
          const object = ref ? doc.context.lookup(ref) : undefined;
          if (!(object instanceof PDFStream)) break;
          const subtype = object.dict.get(N('Subtype'));
          if (subtype === N('Form') && depth < 12) {
            const matrix = numbersOf(object.dict.lookup(N('Matrix')));
            const bbox = numbersOf(object.dict.lookup(N('BBox')));
            // A form saves and restores the graphics state around it, the font too.
            fonts.push(font);
            ops.push({ fn: 'paintFormXObjectBegin', args: [matrix?.length === 6 ? matrix : null, bbox?.length === 4 ? bbox : null] });
            const own = object.dict.lookup(N('Resources'));
            if (object instanceof PDFRawStream) run(decoded(object), own instanceof PDFDict ? own : resources, depth + 1);
            ops.push({ fn: 'paintFormXObjectEnd', args: null });
            font = fonts.pop();
          } else if (subtype === N('Image')) {
            const id = ref instanceof PDFRef ? ref.toString() : `direct-${++shared.unreferenced}`;
            if (!shared.images.has(id)) shared.images.set(id, object instanceof PDFRawStream ? imageOf(doc, object) : undefined);
            ops.push({ fn: 'paintImageXObject', args: [id] });
          }
          break;
        }
        case 'BI':
          ops.push({ fn: 'paintInlineImageXObject', args: null });
          break;
        default:
          // Marked content, rendering intent, flatness, type 3 glyph metrics: nothing drawn.
          break;
      }
    });
    flush();
  };
  const resources = page.node.Resources();
  for (const stream of contentStreams(doc, page)) run(stream, resources, 0);
  return interpretPage({
    width: box.width,
    height: box.height,
    // The crop box's corner is the page's origin.
    ops: box.x || box.y ? [{ fn: 'transform', args: [1, 0, 0, 1, -box.x, -box.y] }, ...ops] : ops,
    font: (name) => {
      const f = fontByName.get(name);
      return f ? { name: f.name, unitsPerEm: 0.001 } : undefined;
    },
    image: (id) => shared.images.get(id),
  });
}

const SPACE = Uint8Array.of(0x20);

/** The page's content, its streams decoded (Contents may be one stream or several, one drawing). */
function contentStreams(doc: PDFDocument, page: PDFPage): Uint8Array[] {
  const contents = page.node.lookup(N('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  const out: Uint8Array[] = [];
  // Streams are joined at token boundaries: a space after each.
  for (const s of list) if (s instanceof PDFRawStream) out.push(decoded(s), SPACE);
  return [Buffer.concat(out)];
}

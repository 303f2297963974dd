/**
 * A printed PDF page's drawing, read from its content streams (pdf/content-stream.ts) with its
 * resources (fonts, colour spaces, graphics states, images, forms) and drawn operator by
 * operator on a PageDrawing (interpret.ts), which holds the imaging model. The page's model is
 * what comes back.
 */
import { PDFArray, PDFDict, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import { eachOperation, isName, type Operand } from '../pdf/content-stream.js';
import type { Matrix } from '../pdf/matrix.js';
import { PageDrawing, type ShownGlyph } from './interpret.js';
import type { PageModel } from './model.js';
import { fontReading, glyphsOf, type FontReading, type FontShelf } from './pdf-fonts.js';
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
  const draw = new PageDrawing(box.width, box.height);
  // The crop box's corner is the page's origin.
  if (box.x || box.y) draw.transform([1, 0, 0, 1, -box.x, -box.y]);
  // The font is part of the graphics state: q saves it, Q brings it back.
  let font: FontReading | undefined;
  const fonts: (FontReading | undefined)[] = [];
  const run = (content: Uint8Array, resources: PDFDict | undefined, depth: number) => {
    const resource = (kind: string, key: string) => {
      const group = resources?.lookup(N(kind));
      return group instanceof PDFDict ? group.get(N(key)) : undefined;
    };
    const spaces = { fill: 3, stroke: 3 } as Record<'fill' | 'stroke', number>;
    const colour = (which: 'fill' | 'stroke', values: number[]) => {
      const v = values.map((x) => Math.max(0, Math.min(1, x)));
      const rgb =
        v.length >= 4 ? [0, 1, 2].map((k) => 255 * (1 - v[k]) * (1 - v[3])) : v.length === 3 ? v.map((x) => x * 255) : [v[0] * 255, v[0] * 255, v[0] * 255];
      draw.set(
        which === 'fill' ? 'rg' : 'RG',
        rgb.map((x) => Math.round(x)),
      );
    };
    let args: Operand[] = [];
    const num = (k: number): number => {
      const v = args[k];
      return typeof v === 'number' ? v : 0;
    };
    const six = (): Matrix => [num(0), num(1), num(2), num(3), num(4), num(5)];
    const numbers = () => args.filter((a): a is number => typeof a === 'number');
    const show = (shown: Operand[]) => {
      if (!font) {
        // A font not followed (Type 3, or none set): its text is not drawn, and the run says so.
        if (shown.some((s) => s instanceof Uint8Array && s.length > 0)) draw.drop('text in a font not followed');
        return;
      }
      const glyphs: (ShownGlyph | number)[] = [];
      for (const s of shown) {
        if (typeof s === 'number') glyphs.push(s);
        else if (s instanceof Uint8Array) for (const g of glyphsOf(font, s)) glyphs.push(g);
      }
      draw.showText(glyphs);
    };
    eachOperation(content, (op, operands) => {
      args = operands;
      switch (op) {
        case 'q':
          fonts.push(font);
          draw.save();
          break;
        case 'Q':
          if (fonts.length > 0) font = fonts.pop();
          draw.restore();
          break;
        case 'cm':
          draw.transform(six());
          break;
        case 'w':
        case 'J':
        case 'j':
        case 'M':
        case 'Tc':
        case 'Tw':
        case 'Tz':
        case 'TL':
        case 'Ts':
        case 'Tr':
          draw.set(op, [num(0)]);
          break;
        case 'd':
          draw.set('d', [Array.isArray(args[0]) ? args[0].filter((x) => typeof x === 'number') : [], num(1)]);
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
          draw.set('gs', entries);
          break;
        }
        case 'rg':
        case 'RG':
        case 'g':
        case 'G':
        case 'k':
        case 'K':
          colour(op === op.toLowerCase() ? 'fill' : 'stroke', numbers());
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
          if (args.some(isName) || spaces[which] === 0) draw.set('pattern', []);
          else colour(which, numbers());
          break;
        }
        case 'm':
          draw.moveTo(num(0), num(1));
          break;
        case 'l':
          draw.lineTo(num(0), num(1));
          break;
        case 'c':
          draw.curveTo([num(0), num(1)], [num(2), num(3)], [num(4), num(5)]);
          break;
        case 'v':
          draw.curveTo(undefined, [num(0), num(1)], [num(2), num(3)]);
          break;
        case 'y':
          draw.curveTo([num(0), num(1)], undefined, [num(2), num(3)]);
          break;
        case 'h':
          draw.closePath();
          break;
        case 're':
          draw.rect(num(0), num(1), num(2), num(3));
          break;
        case 'W':
          draw.clip('nonzero');
          break;
        case 'W*':
          draw.clip('evenodd');
          break;
        case 'S':
          draw.paint(undefined, true);
          break;
        case 's':
          draw.closePath();
          draw.paint(undefined, true);
          break;
        case 'f':
        case 'F':
          draw.paint('nonzero', false);
          break;
        case 'f*':
          draw.paint('evenodd', false);
          break;
        case 'B':
          draw.paint('nonzero', true);
          break;
        case 'B*':
          draw.paint('evenodd', true);
          break;
        case 'b':
          draw.closePath();
          draw.paint('nonzero', true);
          break;
        case 'b*':
          draw.closePath();
          draw.paint('evenodd', true);
          break;
        case 'n':
          draw.paint(undefined, false);
          break;
        case 'sh':
          draw.set('sh', []);
          break;
        case 'BT':
          draw.beginText();
          break;
        case 'Tf': {
          const ref = isName(args[0]) ? resource('Font', args[0].name) : undefined;
          font = ref ? fontReading(doc, ref, shared) : undefined;
          draw.setFont(font ? { name: font.name, unitsPerEm: 0.001 } : undefined, num(1));
          break;
        }
        case 'Tm':
          draw.setTextMatrix(six());
          break;
        case 'Td':
          draw.moveText(num(0), num(1));
          break;
        case 'TD':
          draw.moveText(num(0), num(1), true);
          break;
        case 'T*':
          draw.nextLine();
          break;
        case 'Tj':
        case 'TJ':
          show(op === 'TJ' ? (Array.isArray(args[0]) ? args[0] : []) : [args[args.length - 1]]);
          break;
        case "'":
          draw.nextLine();
          show([args[args.length - 1]]);
          break;
        case '"':
          draw.set('Tw', [num(0)]);
          draw.set('Tc', [num(1)]);
          draw.nextLine();
          show([args[args.length - 1]]);
          break;
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
            draw.beginForm(matrix?.length === 6 ? (matrix as Matrix) : undefined, bbox?.length === 4 ? bbox : undefined);
            const own = object.dict.lookup(N('Resources'));
            if (object instanceof PDFRawStream) run(decoded(object), own instanceof PDFDict ? own : resources, depth + 1);
            draw.endForm();
            font = fonts.pop();
          } else if (subtype === N('Image')) {
            const id = ref instanceof PDFRef ? ref.toString() : `direct-${++shared.unreferenced}`;
            if (!shared.images.has(id)) shared.images.set(id, object instanceof PDFRawStream ? imageOf(doc, object) : undefined);
            draw.image(shared.images.get(id));
          }
          break;
        }
        case 'BI':
          // An inline image: not followed, counted as left out.
          draw.image(undefined);
          break;
        default:
          // Marked content, rendering intent, flatness, type 3 glyph metrics: nothing drawn.
          break;
      }
    });
  };
  const resources = page.node.Resources();
  run(contentStream(doc, page), resources, 0);
  return draw.finish();
}

const SPACE = Uint8Array.of(0x20);

/** The page's content, its streams decoded and joined (Contents may be one stream or several, one drawing). */
function contentStream(doc: PDFDocument, page: PDFPage): Uint8Array {
  const contents = page.node.lookup(N('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  const out: Uint8Array[] = [];
  // Streams are joined at token boundaries: a space after each.
  for (const s of list) if (s instanceof PDFRawStream) out.push(decoded(s), SPACE);
  return Buffer.concat(out);
}

/**
 * What the OFD edition takes from a printed PDF, read with pdf-lib and content-stream.ts: each
 * page's drawing as operations (named as pdf.js names them, which ofd/interpret.ts follows), the
 * font files the pages print in as the PDF embeds them (subsets that keep their character maps
 * and glyph ids), the images (PNG, or the JPEG the PDF holds), the outline, the document's title,
 * author, subject and keywords.
 *
 * What it follows is what Chromium writes and the volume binds: CID TrueType fonts (Identity-H)
 * and simple TrueType fonts with their ToUnicode maps, DeviceRGB, DeviceGray, DeviceCMYK and
 * ICC-based colours, form XObjects, 8-bit images in Flate or DCT with a soft mask. What it does
 * not (a Type 3 font, an inline image, a predictor) is passed on as an operation interpret.ts
 * counts as left out.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
  type PDFPage,
} from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { characterMap } from '../fonts/sfnt-read.js';
import { destinations } from '../volume/read-issue-pdf.js';
import { isName, operations, toUnicode } from './content-stream.js';
import { interpretPage, type Op } from './interpret.js';
import type { PageModel } from './model.js';

export interface PdfFont {
  /** Its name in this reading: the BaseFont, made unique where a bound volume repeats one. */
  name: string;
  /** The BaseFont name the PDF gives it, subset tag and all ("AAAAAA+NotoSerifSC-Regular"). */
  original: string;
  /** The embedded font program (TrueType or OpenType), or none when the PDF has none. */
  file?: Uint8Array;
}

export interface OutlineEntry {
  title: string;
  /** 0-based page, and the top of the place in millimetres from the page's top. */
  page: number;
  top?: number;
  children: OutlineEntry[];
}

export interface PdfContent {
  pages: PageModel[];
  fonts: Map<string, PdfFont>;
  outline: OutlineEntry[];
  info: { title?: string; author?: string; subject?: string; keywords?: string };
}

const MM = 25.4 / 72;
const N = (s: string) => PDFName.of(s);

/** A font as its text is read: codes to glyph ids, widths (thousandths of an em) and text. */
interface FontReading {
  name: string;
  twoBytes: boolean;
  gid: (code: number, text: string) => number;
  width: (code: number) => number;
  text: (code: number) => string;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts = new Map<string, PdfFont>();
  const readings = new Map<PDFObject, FontReading | null>();
  const images = new Map<string, { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined>();
  const names = new Set<string>();
  const pages = doc.getPages().map((page) => readPage(doc, page, { fonts, readings, images, names }));
  const text = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);
  const info = doc.context.lookup(doc.context.trailerInfo.Info);
  const field = (key: string) => (info instanceof PDFDict ? text(info.lookup(N(key))) || undefined : undefined);
  return {
    pages,
    fonts,
    outline: readOutline(doc, pages),
    info: { title: field('Title'), author: field('Author'), subject: field('Subject'), keywords: field('Keywords') },
  };
}

interface Shared {
  fonts: Map<string, PdfFont>;
  readings: Map<PDFObject, FontReading | null>;
  images: Map<string, { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined>;
  names: Set<string>;
}

function readPage(doc: PDFDocument, page: PDFPage, shared: Shared): PageModel {
  const box = page.getCropBox();
  const ops: Op[] = [];
  const fontByKey = new Map<string, FontReading>();
  let fontKeys = 0;
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
    for (const { op, args } of operations(content)) {
      const num = (k: number) => (typeof args[k] === 'number' ? args[k] : 0);
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
          ops.push({ fn: 'transform', args: [0, 1, 2, 3, 4, 5].map(num) });
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
          path.coords.push(...[0, 1, 2, 3, 4, 5].map(num));
          break;
        case 'v':
          path.ops.push(16);
          path.coords.push(...[0, 1, 2, 3].map(num));
          break;
        case 'y':
          path.ops.push(17);
          path.coords.push(...[0, 1, 2, 3].map(num));
          break;
        case 'h':
          path.ops.push(18);
          break;
        case 're':
          path.ops.push(19);
          path.coords.push(...[0, 1, 2, 3].map(num));
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
          const key = `f${++fontKeys}`;
          if (reading) fontByKey.set(key, reading);
          font = reading;
          ops.push({ fn: 'setFont', args: [key, num(1)] });
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
          ops.push({ fn: 'setTextMatrix', args: [0, 1, 2, 3, 4, 5].map(num) });
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
          const glyphs: (number | Glyph)[] = shown.flatMap((s): (number | Glyph)[] =>
            typeof s === 'number' ? [s] : s instanceof Uint8Array && font ? glyphsOf(font, s) : [],
          );
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
            ops.push({ fn: 'paintFormXObjectBegin', args: [matrix?.length === 6 ? matrix : null, bbox?.length === 4 ? bbox : null] });
            const own = object.dict.lookup(N('Resources'));
            if (object instanceof PDFRawStream) run(decoded(object), own instanceof PDFDict ? own : resources, depth + 1);
            ops.push({ fn: 'paintFormXObjectEnd', args: null });
          } else if (subtype === N('Image')) {
            const id = ref instanceof PDFRef ? ref.toString() : `inline-${ops.length}`;
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
    }
    flush();
  };
  const resources = page.node.Resources();
  for (const stream of contentStreams(doc, page)) run(stream, resources, 0);
  return interpretPage({
    width: box.width,
    height: box.height,
    // The crop box's corner is the page's origin.
    ops: box.x || box.y ? [{ fn: 'transform', args: [1, 0, 0, 1, -box.x, -box.y] }, ...ops] : ops,
    font: (key) => {
      const f = fontByKey.get(key);
      return f ? { name: f.name, unitsPerEm: 0.001 } : undefined;
    },
    image: (id) => shared.images.get(id),
  });
}

/** The page's content, its streams decoded (Contents may be one stream or several, one drawing). */
function contentStreams(doc: PDFDocument, page: PDFPage): Uint8Array[] {
  const contents = page.node.lookup(N('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  const out: Uint8Array[] = [];
  for (const s of list) if (s instanceof PDFRawStream) out.push(decoded(s));
  // Streams are joined at token boundaries: a space between them.
  return out.length > 1 ? [Uint8Array.from(out.flatMap((b) => [...b, 0x20]))] : out;
}

/**
 * A stream's data decoded: a plain Flate stream by Node's zlib (native: pdf-lib's inflater, in
 * JavaScript, was a fifth of the edition's time), any other by pdf-lib.
 */
function decoded(stream: PDFRawStream): Uint8Array {
  if (stream.dict.get(N('Filter')) === N('FlateDecode') && !stream.dict.has(N('DecodeParms'))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      // A stream zlib refuses (cut short): pdf-lib's inflater takes what it can.
    }
  }
  return decodePDFRawStream(stream).decode();
}

function lookupDict(doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined {
  const d = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return d instanceof PDFDict ? d : undefined;
}

function numbersOf(o: PDFObject | undefined): number[] | undefined {
  return o instanceof PDFArray ? o.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : 0)) : undefined;
}

/** Components of a colour space named in a content stream; 0 for a pattern or one not followed. */
function components(doc: PDFDocument, key: string, resources: PDFDict | undefined): number {
  if (key === 'DeviceRGB' || key === 'CalRGB') return 3;
  if (key === 'DeviceGray' || key === 'CalGray') return 1;
  if (key === 'DeviceCMYK') return 4;
  if (key === 'Pattern') return 0;
  const group = resources?.lookup(N('ColorSpace'));
  const space = group instanceof PDFDict ? group.lookup(N(key)) : undefined;
  if (space instanceof PDFArray) {
    const kind = space.get(0);
    if (kind === N('ICCBased')) {
      const profile = doc.context.lookup(space.get(1));
      const n = profile instanceof PDFStream ? profile.dict.get(N('N')) : undefined;
      return n instanceof PDFNumber ? n.asNumber() : 3;
    }
    if (kind === N('CalRGB')) return 3;
    if (kind === N('CalGray')) return 1;
  }
  if (space instanceof PDFName) return components(doc, space.decodeText(), undefined);
  return 0;
}

/** A font resource read once a document: its codes, widths, text and glyph ids; null for what is not followed (Type 3). */
function fontReading(doc: PDFDocument, ref: PDFObject, shared: Shared): FontReading | undefined {
  const known = shared.readings.get(ref);
  if (known !== undefined) return known ?? undefined;
  const dict = lookupDict(doc, ref);
  const reading = dict ? readFont(doc, dict, shared) : undefined;
  shared.readings.set(ref, reading ?? null);
  return reading;
}

function readFont(doc: PDFDocument, dict: PDFDict, shared: Shared): FontReading | undefined {
  const subtype = dict.get(N('Subtype'));
  if (subtype !== N('Type0') && subtype !== N('TrueType') && subtype !== N('Type1')) return undefined;
  const base = dict.get(N('BaseFont')) instanceof PDFName ? (dict.get(N('BaseFont')) as PDFName).decodeText() : 'Unnamed';
  const kids = dict.lookup(N('DescendantFonts'));
  const descendant = kids instanceof PDFArray ? lookupDict(doc, kids.get(0)) : undefined;
  const holder = descendant ?? dict;
  const descriptor = lookupDict(doc, holder.get(N('FontDescriptor')));
  let program = descriptor?.lookup(N('FontFile2'));
  if (!(program instanceof PDFRawStream)) {
    const ff3 = descriptor?.lookup(N('FontFile3'));
    if (ff3 instanceof PDFRawStream && ff3.dict.get(N('Subtype')) === N('OpenType')) program = ff3;
  }
  const file = program instanceof PDFRawStream ? decoded(program) : undefined;
  // Chromium tags its subsets AAAAAA+, BAAAAA+ … afresh in every PDF: a bound volume holds different
  // subsets under one name, which are kept apart.
  let name = base;
  for (let n = 2; shared.names.has(name); n++) name = `${base}~${n}`;
  shared.names.add(name);
  shared.fonts.set(name, { name, original: base, ...(file ? { file } : {}) });

  const unicode = dict.lookup(N('ToUnicode'));
  const cmap = unicode instanceof PDFRawStream ? toUnicode(decoded(unicode)).map : new Map<number, string>();
  const twoBytes = subtype === N('Type0');
  if (twoBytes) {
    const widths = new Map<number, number>();
    const dw = holder.lookup(N('DW'));
    const fallback = dw instanceof PDFNumber ? dw.asNumber() : 1000;
    const w = holder.lookup(N('W'));
    if (w instanceof PDFArray) {
      const items = w.asArray().map((x) => doc.context.lookup(x) ?? x);
      for (let k = 0; k < items.length;) {
        const first = items[k];
        const second = items[k + 1];
        if (!(first instanceof PDFNumber)) break;
        if (second instanceof PDFArray) {
          second.asArray().forEach((x, j) => x instanceof PDFNumber && widths.set(first.asNumber() + j, x.asNumber()));
          k += 2;
        } else if (second instanceof PDFNumber && items[k + 2] instanceof PDFNumber) {
          for (let c = first.asNumber(); c <= second.asNumber(); c++) widths.set(c, (items[k + 2] as PDFNumber).asNumber());
          k += 3;
        } else break;
      }
    }
    const map = holder.lookup(N('CIDToGIDMap'));
    const gids = map instanceof PDFRawStream ? decoded(map) : undefined;
    return {
      name,
      twoBytes,
      gid: (code) => (gids ? (gids[2 * code] ?? 0) * 256 + (gids[2 * code + 1] ?? 0) : code),
      width: (code) => widths.get(code) ?? fallback,
      text: (code) => cmap.get(code) ?? '',
    };
  }
  const first = dict.lookup(N('FirstChar'));
  const list = numbersOf(dict.lookup(N('Widths'))) ?? [];
  const firstChar = first instanceof PDFNumber ? first.asNumber() : 0;
  const glyphs = file ? safeMap(file) : new Map<number, number>();
  const text = (code: number) => cmap.get(code) ?? (code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : '');
  return {
    name,
    twoBytes,
    gid: (code, t) => glyphs.get(t.codePointAt(0) ?? 0) ?? 0,
    width: (code) => list[code - firstChar] ?? 0,
    text,
  };
}

function safeMap(file: Uint8Array): Map<number, number> {
  try {
    return characterMap(file);
  } catch {
    return new Map();
  }
}

/** A string shown in a font, as glyphs the way pdf.js gives them to interpret.ts. */
type Glyph = { unicode: string; originalCharCode: number; width: number; isSpace: boolean };

function glyphsOf(font: FontReading, s: Uint8Array): Glyph[] {
  const out: Glyph[] = [];
  const step = font.twoBytes ? 2 : 1;
  for (let k = 0; k + step - 1 < s.length; k += step) {
    const code = step === 2 ? s[k] * 256 + s[k + 1] : s[k];
    const text = font.text(code);
    // Word spacing applies to the single-byte code 32 only (9.3.3).
    out.push({ unicode: text, originalCharCode: font.gid(code, text), width: font.width(code), isSpace: step === 1 && code === 32 });
  }
  return out;
}

/**
 * An image XObject as a file an OFD reader opens: its JPEG as it is, or its 8-bit RGB or grey
 * pixels (with its soft mask as alpha) as a PNG; none for what is not followed.
 */
function imageOf(doc: PDFDocument, image: PDFRawStream): { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined {
  const d = image.dict;
  const filter = d.get(N('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  const key = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);
  const mask = d.lookup(N('SMask'));
  if (filters.length === 1 && filters[0] === N('DCTDecode') && !(mask instanceof PDFRawStream))
    return { png: image.contents, key: key(image.contents), format: 'JPEG' };
  const bpc = d.get(N('BitsPerComponent'));
  const [w, h] = [d.get(N('Width')), d.get(N('Height'))].map((x) => (x instanceof PDFNumber ? x.asNumber() : 0));
  if (!(bpc instanceof PDFNumber) || bpc.asNumber() !== 8 || d.has(N('DecodeParms')) || filters.some((f) => f !== N('FlateDecode')) || !w || !h)
    return undefined;
  const space = d.lookup(N('ColorSpace'));
  const channels =
    space instanceof PDFName
      ? components(doc, space.decodeText(), undefined)
      : space instanceof PDFArray && space.get(0) === N('ICCBased')
        ? iccChannels(doc, space)
        : 0;
  if (channels !== 1 && channels !== 3) return undefined;
  const pixels = decoded(image);
  if (pixels.length < w * h * channels) return undefined;
  let alpha: Uint8Array | undefined;
  if (mask instanceof PDFRawStream && !mask.dict.has(N('DecodeParms')) && (mask.dict.get(N('Filter')) ?? N('FlateDecode')) === N('FlateDecode')) {
    const a = decoded(mask);
    if (a.length >= w * h) alpha = a;
  }
  const png = new PNG({ width: w, height: h });
  for (let p = 0; p < w * h; p++) {
    const [r, g, b] = channels === 3 ? [pixels[3 * p], pixels[3 * p + 1], pixels[3 * p + 2]] : [pixels[p], pixels[p], pixels[p]];
    png.data[4 * p] = r;
    png.data[4 * p + 1] = g;
    png.data[4 * p + 2] = b;
    png.data[4 * p + 3] = alpha ? alpha[p] : 255;
  }
  const colorType = alpha ? 6 : 2;
  const file = new Uint8Array(PNG.sync.write(png, { colorType, inputColorType: 6, inputHasAlpha: true, deflateLevel: 9 }));
  return { png: file, key: key(file), format: 'PNG' };
}

function iccChannels(doc: PDFDocument, space: PDFArray): number {
  const profile = doc.context.lookup(space.get(1));
  const n = profile instanceof PDFStream ? profile.dict.get(N('N')) : undefined;
  return n instanceof PDFNumber ? n.asNumber() : 0;
}

/** The outline as a tree: each entry's title, page and height on it. */
function readOutline(doc: PDFDocument, pages: PageModel[]): OutlineEntry[] {
  const root = doc.catalog.lookup(N('Outlines'));
  if (!(root instanceof PDFDict)) return [];
  const where = destinations(doc);
  const seen = new Set<PDFObject>();
  const list = (first: PDFObject | undefined): OutlineEntry[] => {
    const out: OutlineEntry[] = [];
    let ref = first;
    while (ref) {
      const item = doc.context.lookup(ref);
      if (!(item instanceof PDFDict) || seen.has(item)) break;
      seen.add(item);
      const title = item.lookup(N('Title'));
      let dest = item.get(N('Dest'));
      if (!dest) {
        const action = item.lookup(N('A'));
        if (action instanceof PDFDict) dest = action.get(N('D'));
      }
      const place = where(dest);
      const children = list(item.get(N('First')));
      if ((title instanceof PDFString || title instanceof PDFHexString) && place.page !== undefined)
        out.push({
          title: title.decodeText(),
          page: place.page - 1,
          ...(place.top !== undefined && pages[place.page - 1] ? { top: Math.max(0, pages[place.page - 1].height - place.top * MM) } : {}),
          children,
        });
      else out.push(...children);
      ref = item.get(N('Next'));
    }
    return out;
  };
  return list(root.get(N('First')));
}

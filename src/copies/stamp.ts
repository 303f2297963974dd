/**
 * One numbered copy from the master: its 份号 where the master left its place, the recipient at
 * the foot of the last page when asked, an invisible line on every page that text extraction
 * finds (份号 and recipient: a leaked file or page names its copy), and an ID of its own.
 * Everything the stamp draws is marked content of type Artifact, so the tagged structure is the
 * master's.
 *
 * A copy is the master's bytes, untouched, followed by an incremental update (ISO 32000-1
 * §7.5.6): the stamp's fonts and content streams, the pages that point at them, and a trailer
 * with the copy's ID. The master is parsed once a run; a copy costs only what it adds. Loading
 * and saving the whole master for every copy (pdf-lib's only way to save) took about 60 % of the
 * time of 200 copies, and one document saved 200 times grows with every save, so the copies
 * share nothing mutable: each writes its own objects into a context of its own, numbered after
 * the master's. Pure: bytes in, bytes out.
 */
import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import pako from 'pako';
import { identityCidSet } from '../print/pdfa/archival.js';
import { CustomFontEmbedder, PDFArray, PDFContext, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from '@cantoo/pdf-lib';
import { MM, TEXT_LEFT, TEXT_RIGHT } from '../print/geometry.js';
import { stampFonts, subsetName, type StampFont } from '../fonts/stamp-face.js';
import { addSignatureField, type SignatureField } from './sig-field.js';

/** The 份号's size: 三号, the body size the masthead's serial line inherits (templates/styles/bulletin.css). */
const SERIAL_SIZE = 16;

export interface CopyStamp {
  serial: string;
  recipient: string;
  /** Where the master's 份号 goes: page (1-based), left edge and baseline in points. */
  slot: { page: number; x: number; y: number };
  /** The trace line: text extraction finds it on every page, print never shows it. */
  trace: string;
  /** Print the recipient at the foot of the last page. */
  showRecipient: boolean;
  /** What the copy's ID is made from (the master's fingerprint and this copy). */
  idSeed: string;
  /** A signature field to carry in the same update, sealed afterwards (sign.ts). */
  signature?: SignatureField;
}

/** The master as the copies need it: its bytes, its pages' dictionaries, where its cross-reference table starts. */
export interface StampMaster {
  bytes: Uint8Array;
  pages: { ref: PDFRef; dict: PDFDict }[];
  /** The catalog, set to open with the outline shown (the copies' readers are its first users). */
  catalog: { ref: PDFRef; dict: PDFDict };
  info?: PDFObject;
  /** The first object number free after the master's. */
  size: number;
  /** The byte offset of the master's last cross-reference section. */
  startXref: number;
}

export async function openMaster(bytes: Uint8Array): Promise<StampMaster> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity });
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const startXref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail)?.[1];
  if (startXref === undefined) throw new Error('the master has no cross-reference offset at its end');
  const trailer = doc.context.trailerInfo;
  const catalog = doc.catalog.clone();
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  return {
    bytes,
    pages: doc.getPages().map((p) => ({ ref: p.ref, dict: p.node })),
    catalog: { ref: trailer.Root as PDFRef, dict: catalog },
    info: trailer.Info,
    size: doc.context.largestObjectNumber + 1,
    startXref: Number(startXref),
  };
}

/**
 * The copies of a run share most of their subsets (the recipients' common characters, the
 * fixed words of the trace), so a font is read by fontkit once, and its streams deflated once:
 * deflating the same font for every copy was a fifth of the time of 200 copies. pako, as
 * pdf-lib uses, not node:zlib: its bytes are the same on every machine (Node's zlib picks its
 * hashing by the processor), and copies must be the same bytes everywhere.
 */
const embedders = new WeakMap<Uint8Array, Promise<CustomFontEmbedder>>();
const deflatedFonts = new WeakMap<Uint8Array, Uint8Array>();
const deflatedTexts = new Map<string, Uint8Array>();
function deflateOnce(contents: string | Uint8Array): Uint8Array {
  if (typeof contents !== 'string') {
    let out = deflatedFonts.get(contents);
    if (!out) deflatedFonts.set(contents, (out = pako.deflate(contents)));
    return out;
  }
  let out = deflatedTexts.get(contents);
  if (!out) {
    // The texts are the fonts' ToUnicode maps, a few hundred bytes each: kept for a run, within a bound.
    if (deflatedTexts.size > 4096) deflatedTexts.clear();
    deflatedTexts.set(contents, (out = pako.deflate(latin1(contents))));
  }
  return out;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const num = (n: number) => String(Math.round(n * 1000) / 1000);

export async function stampCopy(master: StampMaster, s: CopyStamp): Promise<Uint8Array> {
  const {
    runs: [serialRuns, recipientRuns, traceRuns],
  } = await stampFonts([s.serial, `（${s.recipient}）`, s.trace]);
  const context = PDFContext.create();
  context.largestObjectNumber = master.size - 1;
  context.flateStream = (contents, dict = {}) => context.stream(deflateOnce(contents), { ...dict, Filter: 'FlateDecode' });
  // One font object a subset, named on every page that draws with it.
  const fonts = new Map<Uint8Array, { embedder: CustomFontEmbedder; ref: PDFRef; key: string }>();
  const fontOf = async (f: StampFont) => {
    let font = fonts.get(f.bytes);
    if (!font) {
      let embedder = embedders.get(f.bytes);
      if (!embedder) embedders.set(f.bytes, (embedder = CustomFontEmbedder.for(fontkit, f.bytes, subsetName(f.bytes))));
      font = { embedder: await embedder, ref: context.nextRef(), key: `BriefsStamp${fonts.size + 1}` };
      fonts.set(f.bytes, font);
    }
    return font;
  };
  const width = async (runs: StampFont[], size: number) => {
    let w = 0;
    for (const run of runs) w += glyphs((await fontOf(run)).embedder, run.text, size).width;
    return w;
  };
  /** Runs set one after another from x, as an Artifact; `invisible` uses text render mode 3. */
  const draw = async (runs: StampFont[], x: number, y: number, size: number, invisible = false) => {
    let ops = `/Artifact BMC\nq\nBT\n0 g\n${invisible ? '3 Tr\n' : ''}`;
    for (const run of runs) {
      const font = await fontOf(run);
      const set = glyphs(font.embedder, run.text, size);
      ops += `/${font.key} ${size} Tf\n1 0 0 1 ${num(x)} ${num(y)} Tm\n${set.hex} Tj\n`;
      x += set.width;
    }
    return `${ops}ET\nQ\nEMC\n`;
  };
  const stream = (ops: string) => context.register(context.stream(latin1(ops)));

  const pages = master.pages;
  const last = pages.length - 1;
  // The master's own content is wrapped in q … Q, so whatever state it leaves does not move the stamp.
  const save = stream('q\n');
  const restore = stream('Q\n');
  const trace = stream(await draw(traceRuns, TEXT_LEFT, 8 * MM, 6, true));
  const serial = stream(await draw(serialRuns, s.slot.x, s.slot.y, SERIAL_SIZE));
  let recipient: PDFRef | undefined;
  if (s.showRecipient) {
    // Under the text block of the last page, on the side its folio is not: odd pages carry
    // theirs at the right, even pages at the left (GB/T 9704 §7.5).
    const size = 10.5;
    const x = pages.length % 2 === 1 ? TEXT_LEFT : TEXT_RIGHT - (await width(recipientRuns, size));
    recipient = stream(await draw(recipientRuns, x, 20 * MM, size));
  }
  // The catalog is the master's, shared by every copy: a signed copy changes a copy of it.
  const catalog = s.signature ? master.catalog.dict.clone(context) : master.catalog.dict;
  const changed: [PDFRef, PDFDict][] = [[master.catalog.ref, catalog]];
  for (const [i, { ref, dict }] of pages.entries()) {
    const added = [trace];
    if (i === s.slot.page - 1) added.push(serial);
    if (recipient && i === last) added.push(recipient);
    changed.push([ref, stampedPage(dict, context, [save], [restore, ...added], [...fonts.values()])]);
  }
  if (s.signature) addSignatureField(context, s.signature, { ref: changed[1][0], dict: changed[1][1] }, catalog);
  for (const { embedder, ref } of fonts.values()) {
    await embedder.embedIntoContext(context, ref);
    addCidSet(context, ref, embedder);
  }

  const id = createHash('sha256').update(s.idSeed).digest('hex').slice(0, 32).toUpperCase();
  return appendUpdate(master, [...changed, ...context.enumerateIndirectObjects()], id);
}

/**
 * The text's glyphs, one a character, as the font's Identity-H codes, and their width. The
 * stamp's texts (digits, names, a few Latin letters) need no shaping: fontkit's layout, which
 * pdf-lib's encodeText runs, set up its shaping plan afresh for each new subset, a tenth of
 * the time of 200 copies.
 */
function glyphs(embedder: CustomFontEmbedder, text: string, size: number): { hex: string; width: number } {
  let hex = '';
  let advance = 0;
  for (const ch of text) {
    // The runs hold only characters their subset has (stamp-face.ts).
    const glyph = embedder.font.glyphForCodePoint(ch.codePointAt(0)!);
    if (!glyph) throw new Error(`the stamp's subset has no glyph for U+${ch.codePointAt(0)!.toString(16)}`);
    hex += glyph.id.toString(16).toUpperCase().padStart(4, '0');
    advance += glyph.advanceWidth;
  }
  return { hex: `<${hex}>`, width: (advance * size) / embedder.font.unitsPerEm };
}

/** The page with the stamp's streams around and after its own, and the stamp's fonts among its resources. */
function stampedPage(page: PDFDict, context: PDFContext, before: PDFRef[], after: PDFRef[], fonts: { ref: PDFRef; key: string }[]): PDFDict {
  const out = page.clone(context);
  const own = page.get(PDFName.of('Contents'));
  const contents = own instanceof PDFArray ? own.asArray() : own ? [own] : [];
  out.set(PDFName.of('Contents'), context.obj([...before, ...contents, ...after]));
  // Resources are looked up where they are (a page may inherit them) and set on the page itself.
  const resources = (page.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? inheritedResources(page) ?? context.obj({})).clone(context);
  const font = (resources.lookupMaybe(PDFName.of('Font'), PDFDict) ?? context.obj({})).clone(context);
  for (const f of fonts) font.set(PDFName.of(f.key), f.ref);
  resources.set(PDFName.of('Font'), font);
  out.set(PDFName.of('Resources'), resources);
  return out;
}

function inheritedResources(page: PDFDict): PDFDict | undefined {
  for (let node = page.lookupMaybe(PDFName.of('Parent'), PDFDict); node; node = node.lookupMaybe(PDFName.of('Parent'), PDFDict)) {
    const found = node.lookupMaybe(PDFName.of('Resources'), PDFDict);
    if (found) return found;
  }
  return undefined;
}

/** The master's bytes and, after them, the objects given, a cross-reference section for them and a trailer. */
function appendUpdate(master: StampMaster, objects: [PDFRef, PDFObject][], id: string): Uint8Array {
  objects.sort((a, b) => a[0].objectNumber - b[0].objectNumber);
  const parts: Uint8Array[] = [master.bytes, latin1('\n')];
  let offset = master.bytes.length + 1;
  const offsets: [number, number][] = [];
  for (const [ref, obj] of objects) {
    const head = latin1(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    const body = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    const foot = latin1('\nendobj\n');
    offsets.push([ref.objectNumber, offset]);
    parts.push(head, body, foot);
    offset += head.length + body.length + foot.length;
  }
  // Subsections of consecutive object numbers, each entry 20 bytes (§7.5.4).
  let xref = 'xref\n';
  for (let i = 0; i < offsets.length;) {
    let j = i + 1;
    while (j < offsets.length && offsets[j][0] === offsets[j - 1][0] + 1) j++;
    xref += `${offsets[i][0]} ${j - i}\n`;
    for (let k = i; k < j; k++) xref += `${String(offsets[k][1]).padStart(10, '0')} 00000 n\r\n`;
    i = j;
  }
  const size = Math.max(master.size, offsets[offsets.length - 1][0] + 1);
  const info = master.info ? `/Info ${master.info.toString()}\n` : '';
  xref += `trailer\n<<\n/Size ${size}\n/Root ${master.catalog.ref.toString()}\n${info}/ID [ <${id}> <${id}> ]\n/Prev ${master.startXref}\n>>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(latin1(xref));
  return Buffer.concat(parts);
}

/**
 * A CIDSet on the stamp font's descriptor (what its subset holds), as PDF/A-1 asks of every
 * subset CID font: a copy of an archival issue stays archival. pako's deflate, as everywhere
 * in the stamp, so the bytes are the same on every machine.
 */
function addCidSet(context: PDFContext, font: PDFRef, embedder: CustomFontEmbedder): void {
  const type0 = context.lookup(font);
  const descendants = type0 instanceof PDFDict ? type0.lookup(PDFName.of('DescendantFonts')) : undefined;
  const cidFont = descendants instanceof PDFArray ? context.lookup(descendants.get(0)) : undefined;
  const descriptor = cidFont instanceof PDFDict ? cidFont.lookup(PDFName.of('FontDescriptor')) : undefined;
  const bits = identityCidSet(embedder.fontData);
  if (!(descriptor instanceof PDFDict) || !bits) return;
  descriptor.set(PDFName.of('CIDSet'), context.register(context.stream(pako.deflate(bits), { Filter: 'FlateDecode' })));
}

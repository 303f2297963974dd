/**
 * A finished PDF made archival: PDF/A-1b (ISO 19005-1, GB/T 23286.1-2009), what China's archives
 * take. What Chromium writes lacks four things, which are added here; nothing of the pages is
 * redrawn:
 * - XMP metadata that says what the document information says, and that it is PDF/A-1b;
 * - an output intent: the sRGB profile (srgb-icc.ts) the pages' RGB colours are meant in;
 * - a CIDSet for every subset CID font, naming the glyphs its program holds (§6.3.5);
 * - the print flag on every annotation (the articles' links), which PDF/A-1 asks for (§6.5.3);
 * and one thing is taken away: the transparency group Chromium puts on every page, where
 * nothing on the page is transparent (a page with a soft mask or a constant alpha below 1 is
 * refused instead, and the PDF is left ordinary: drafts, with their watermark, are not made
 * archival). Proven by Apache PDFBox Preflight in the tests. Pure: a pdf-lib document in, changed.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, PDFString, decodePDFRawStream, type PDFDocument } from '@cantoo/pdf-lib';
import { glyphsWithOutline } from '../../fonts/sfnt-read.js';
import { SRGB_NAME, srgbProfile } from './srgb-icc.js';
import { xmpPacket } from './xmp.js';

export interface ArchivalInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  producer: string;
  date: Date;
}

const name = (n: string) => PDFName.of(n);

export function makeArchival(doc: PDFDocument, info: ArchivalInfo): void {
  const { context, catalog } = doc;
  catalog.set(name('Metadata'), context.register(context.stream(xmpPacket(info), { Type: 'Metadata', Subtype: 'XML' })));
  const profile = context.register(context.flateStream(srgbProfile(), { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_NAME),
    Info: PDFString.of(SRGB_NAME),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: profile,
  });
  catalog.set(name('OutputIntents'), context.obj([context.register(intent)]));
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    if (!dict) continue;
    if (dict.get(name('Subtype')) === name('CIDFontType2')) addCidSet(doc, dict);
    // The page's (and a form's) transparency group, where nothing is drawn through it.
    const group = dict.lookup(name('Group'));
    if (group instanceof PDFDict && group.get(name('S')) === name('Transparency')) dict.delete(name('Group'));
  }
  // ICC profiles of a version PDF/A-1 does not know (Chromium tags a picture with the v4 sRGB
  // profile it converted it to) become the device space: under the sRGB output intent, the same colours.
  for (const dict of [...dictionaries(doc)])
    for (const [key, value] of dict.entries()) {
      const space = value instanceof PDFRef ? context.lookup(value) : value;
      if (!(space instanceof PDFArray) || space.get(0) !== name('ICCBased')) continue;
      const profile = context.lookup(space.get(1));
      if (!(profile instanceof PDFRawStream)) continue;
      const bytes = decodePDFRawStream(profile).decode();
      if (bytes.length > 8 && bytes[8] <= 2) continue;
      const n = profile.dict.get(name('N'));
      const device = n instanceof PDFNumber && n.asNumber() === 1 ? 'DeviceGray' : n instanceof PDFNumber && n.asNumber() === 4 ? 'DeviceCMYK' : 'DeviceRGB';
      dict.set(key, name(device));
    }
  for (const page of doc.getPages())
    for (const a of page.node.Annots()?.asArray() ?? []) {
      const annot = context.lookup(a);
      if (annot instanceof PDFDict) annot.set(name('F'), PDFNumber.of(4));
    }
}

/** Every dictionary of the document, direct ones inside others too (an ExtGState in a page's resources). */
function* dictionaries(doc: PDFDocument): Generator<PDFDict> {
  const seen = new Set<PDFDict>();
  const walk = function* (o: unknown): Generator<PDFDict> {
    const dict = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined;
    if (dict) {
      if (seen.has(dict)) return;
      seen.add(dict);
      yield dict;
      for (const [, v] of dict.entries()) if (!(v instanceof PDFRef)) yield* walk(v);
    } else if (o instanceof PDFArray) for (const v of o.asArray()) if (!(v instanceof PDFRef)) yield* walk(v);
  };
  for (const [, object] of doc.context.enumerateIndirectObjects()) yield* walk(object);
}

/** Whether the document draws anything through transparency (a soft mask, an alpha below 1). */
export function usesTransparency(doc: PDFDocument): boolean {
  for (const dict of dictionaries(doc)) {
    const smask = dict.get(name('SMask'));
    if (smask && smask !== name('None')) return true;
    for (const key of ['CA', 'ca']) {
      const alpha = dict.get(name(key));
      if (alpha instanceof PDFNumber && alpha.asNumber() < 1) return true;
    }
  }
  return false;
}

/**
 * Pictures with an alpha channel (a PNG with transparent parts) composited over white, the
 * paper they print on, and their soft mask dropped: PDF/A-1 has no transparency. Only 8-bit
 * RGB or grey pictures in Flate with no predictor (what Chromium writes for them) are redrawn;
 * any other is left, and the document stays ordinary. Returns how many were flattened.
 */
export function flattenImages(doc: PDFDocument): number {
  let flattened = 0;
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || object.dict.get(name('Subtype')) !== name('Image')) continue;
    const mask = object.dict.lookup(name('SMask'));
    if (!(mask instanceof PDFRawStream)) continue;
    const plain = (s: PDFRawStream) =>
      s.dict.get(name('Filter')) === name('FlateDecode') &&
      !s.dict.has(name('DecodeParms')) &&
      s.dict.get(name('BitsPerComponent')) instanceof PDFNumber &&
      (s.dict.get(name('BitsPerComponent')) as PDFNumber).asNumber() === 8;
    if (!plain(object) || !plain(mask)) continue;
    const channels = channelsOf(doc, object.dict.lookup(name('ColorSpace')));
    if (!channels) continue;
    const pixels = decodePDFRawStream(object).decode();
    const alpha = decodePDFRawStream(mask).decode();
    if (pixels.length !== alpha.length * channels) continue;
    const out = new Uint8Array(pixels.length);
    for (let i = 0; i < alpha.length; i++)
      for (let c = 0; c < channels; c++) out[i * channels + c] = Math.round((pixels[i * channels + c] * alpha[i] + 255 * (255 - alpha[i])) / 255);
    const dict = object.dict.clone(doc.context);
    const maskRef = object.dict.get(name('SMask'));
    if (maskRef instanceof PDFRef) doc.context.delete(maskRef);
    dict.delete(name('SMask'));
    dict.delete(name('Length'));
    dict.delete(name('Filter'));
    const flat = doc.context.flateStream(out, {});
    for (const [k, v] of dict.entries()) flat.dict.set(k, v);
    doc.context.assign(ref, flat);
    flattened++;
  }
  return flattened;
}

/** Colour channels of a picture's colour space: DeviceRGB, DeviceGray, or an ICC profile of 3 or 1 (what Chromium writes); 0 for any other. */
function channelsOf(doc: PDFDocument, space: unknown): number {
  if (space === name('DeviceRGB')) return 3;
  if (space === name('DeviceGray')) return 1;
  if (space instanceof PDFArray && space.get(0) === name('ICCBased')) {
    const profile = doc.context.lookup(space.get(1));
    const n = profile instanceof PDFStream ? profile.dict.get(name('N')) : undefined;
    if (n instanceof PDFNumber && (n.asNumber() === 3 || n.asNumber() === 1)) return n.asNumber();
  }
  return 0;
}

/** The CIDs a subset CID font's program holds, as a CIDSet stream on its descriptor. */
function addCidSet(doc: PDFDocument, cidFont: PDFDict): void {
  const descriptor = cidFont.lookup(name('FontDescriptor'));
  if (!(descriptor instanceof PDFDict) || descriptor.has(name('CIDSet'))) return;
  const file = descriptor.lookup(name('FontFile2'));
  // As read from a file, or as pdf-lib embeds a face (a stream it deflates when it writes).
  const program =
    file instanceof PDFRawStream
      ? decodePDFRawStream(file).decode()
      : file instanceof PDFStream && 'getUnencodedContents' in file
        ? (file as unknown as { getUnencodedContents(): Uint8Array }).getUnencodedContents()
        : undefined;
  if (!program) return;
  const glyphs = glyphsWithOutline(program);
  if (!glyphs) return;
  const map = cidFont.lookup(name('CIDToGIDMap'));
  const cids: number[] = [];
  if (map instanceof PDFRawStream) {
    const bytes = decodePDFRawStream(map).decode();
    for (let cid = 0; cid * 2 + 1 < bytes.length; cid++) if (glyphs.has((bytes[cid * 2] << 8) | bytes[cid * 2 + 1])) cids.push(cid);
    if (!cids.includes(0)) cids.push(0);
  } else cids.push(...glyphs);
  descriptor.set(name('CIDSet'), doc.context.register(doc.context.flateStream(cidBits(cids))));
}

/** A CIDSet's bytes: bit 7 − (cid mod 8) of byte cid ÷ 8 for each CID. */
function cidBits(cids: Iterable<number>): Uint8Array {
  const list = [...cids];
  const bits = new Uint8Array((Math.max(0, ...list) >> 3) + 1);
  for (const cid of list) bits[cid >> 3] |= 0x80 >> (cid & 7);
  return bits;
}

/** The CIDSet of a TrueType program set with CIDToGIDMap /Identity (as pdf-lib embeds one); undefined if it cannot be read. */
export function identityCidSet(program: Uint8Array): Uint8Array | undefined {
  const glyphs = glyphsWithOutline(program);
  return glyphs && cidBits(glyphs);
}

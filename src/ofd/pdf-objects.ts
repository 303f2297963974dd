/**
 * Reading a printed PDF's objects for the OFD edition (with pdf-lib): stream data, dictionaries
 * behind references, number arrays, colour spaces' components. Shared by the page, font and
 * image readers.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { inflateSync } from 'node:zlib';

export const N = (s: string) => PDFName.of(s);

/**
 * A stream's data decoded: a plain Flate stream by Node's zlib (native: pdf-lib's inflater, in
 * JavaScript, was a fifth of the edition's time), any other by pdf-lib.
 */
export function decoded(stream: PDFRawStream): Uint8Array {
  if (stream.dict.get(N('Filter')) === N('FlateDecode') && !stream.dict.has(N('DecodeParms'))) {
    try {
      return inflateSync(stream.contents);
    } catch {
      // A stream zlib refuses (cut short): pdf-lib's inflater takes what it can.
    }
  }
  return decodePDFRawStream(stream).decode();
}

export function lookupDict(doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined {
  const d = o instanceof PDFRef ? doc.context.lookup(o) : o;
  return d instanceof PDFDict ? d : undefined;
}

export function numbersOf(o: PDFObject | undefined): number[] | undefined {
  return o instanceof PDFArray ? o.asArray().map((x) => (x instanceof PDFNumber ? x.asNumber() : 0)) : undefined;
}

/** Components of a colour space named in a content stream; 0 for a pattern or one not followed. */
export function components(doc: PDFDocument, key: string, resources: PDFDict | undefined): number {
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

export function iccChannels(doc: PDFDocument, space: PDFArray): number {
  const profile = doc.context.lookup(space.get(1));
  const n = profile instanceof PDFStream ? profile.dict.get(N('N')) : undefined;
  return n instanceof PDFNumber ? n.asNumber() : 0;
}

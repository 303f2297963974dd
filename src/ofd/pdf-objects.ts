/**
 * Reading a printed PDF's objects for the OFD edition (with pdf-lib): stream data, dictionaries
 * behind references, number arrays, colour spaces' components. Shared by the page, font and
 * image readers.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { inflateSync } from 'node:zlib';

/**
 * A PDF name by its text. pdf-lib's PDFName.of decodes the text's #xx escapes on every call
 * before it looks the name up; a page's reading asks for the same few names thousands of times
 * (Font, XObject, Filter…), which was a twentieth of the OFD edition's time.
 */
const names = new Map<string, PDFName>();
export function N(s: string): PDFName {
  let n = names.get(s);
  if (!n) names.set(s, (n = PDFName.of(s)));
  return n;
}

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

/**
 * A plain Flate stream's data as raw deflate (RFC 1951), when its zlib wrapper (RFC 1950) is the
 * plain one: a two-byte header with no preset dictionary, and a checksum of `data` (the stream
 * decoded) as its last four bytes, so nothing stands between the deflate data and the end. A zip
 * entry can hold those bytes as they are: a font passed on from the PDF is not compressed again
 * (a font's deflate, 90 µs for 5 KB, was most of the OFD edition's zip, 40 fonts an issue).
 */
export function rawDeflate(stream: PDFRawStream, data: Uint8Array): Uint8Array | undefined {
  if (stream.dict.get(N('Filter')) !== N('FlateDecode') || stream.dict.has(N('DecodeParms'))) return undefined;
  const z = stream.contents;
  if (z.length < 7 || (z[0] & 0x0f) !== 8 || z[0] >> 4 > 7 || (z[0] * 256 + z[1]) % 31 !== 0 || z[1] & 0x20) return undefined;
  const end = z.length - 4;
  const sum = ((z[end] << 24) | (z[end + 1] << 16) | (z[end + 2] << 8) | z[end + 3]) >>> 0;
  return sum === adler32(data) ? z.subarray(2, end) : undefined;
}

/** Adler-32 (RFC 1950, 9), the checksum a zlib stream ends with. */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  // 5552 bytes is the most that can be summed before the sums must be reduced (RFC 1950's NMAX).
  for (let i = 0; i < data.length;) {
    const stop = Math.min(data.length, i + 5552);
    for (; i < stop; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
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
    // An ICC profile that does not say how many channels is taken as RGB.
    if (kind === N('ICCBased')) return iccChannels(doc, space) || 3;
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

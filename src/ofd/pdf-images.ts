/**
 * A printed PDF's images as the OFD edition packs them: a JPEG as the PDF holds it, or 8-bit RGB
 * or grey pixels in Flate, with their soft mask as alpha, as a PNG (the same bytes for the same
 * pixels). Anything else (a predictor, an indexed colour space) is not followed.
 */
import { PDFArray, PDFName, PDFNumber, PDFRawStream, type PDFDocument } from '@cantoo/pdf-lib';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { N, components, decoded, iccChannels } from './pdf-objects.js';

/**
 * An image XObject as a file an OFD reader opens: its JPEG as it is, or its 8-bit RGB or grey
 * pixels (with its soft mask as alpha) as a PNG; none for what is not followed.
 */
export function imageOf(doc: PDFDocument, image: PDFRawStream): { png: Uint8Array; key: string; format: 'PNG' | 'JPEG' } | undefined {
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

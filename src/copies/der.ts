/**
 * Just enough DER (ITU-T X.690) to write a CMS signature and to find two fields in a
 * certificate. Hand-written because it is forty lines: node-forge's ASN.1 model, which did this
 * before, re-encoded a certificate's UTF8String names on the way out (see cms.ts), and building
 * its object tree was most of the 80 ms a signature cost.
 */

/** A tag, its length and its contents, as DER writes them. */
function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  const n = body.length;
  const head = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : n < 0x10000 ? [0x82, n >> 8, n & 0xff] : [0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...head]), body]);
}

export const sequence = (...items: Uint8Array[]) => tlv(0x30, ...items);
/** A SET OF, its members in DER's order (sorted as byte strings, X.690 §11.6). */
export const setOf = (...items: Buffer[]) => tlv(0x31, ...[...items].sort((a, b) => Buffer.compare(a, b)));
export const octets = (bytes: Uint8Array) => tlv(0x04, bytes);
export const NULL = Buffer.from([0x05, 0x00]);
export const integer = (n: number) => tlv(0x02, Buffer.from(n < 0x80 ? [n] : [n >> 8, n & 0xff]));
/** An [n] context tag around what follows: constructed, as EXPLICIT and IMPLICIT SET OF need. */
export const tagged = (n: number, ...contents: Uint8Array[]) => tlv(0xa0 | n, ...contents);

export function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const bytes = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) bytes.unshift((v & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5), to the second, in UTC. */
export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'latin1')) : tlv(0x18, Buffer.from(`${iso}Z`, 'latin1'));
}

/** The elements inside a constructed element, each as its whole encoding (tag, length and contents). */
export function children(der: Uint8Array): Uint8Array[] {
  const { start, end } = header(der, 0);
  const out: Uint8Array[] = [];
  for (let at = start; at < end;) {
    const el = header(der, at);
    out.push(der.subarray(at, el.end));
    at = el.end;
  }
  return out;
}

function header(der: Uint8Array, at: number): { start: number; end: number } {
  const first = der[at + 1];
  if (first === undefined) throw new RangeError('DER: the element is cut short');
  let length = first;
  let start = at + 2;
  if (first & 0x80) {
    const bytes = first & 0x7f;
    if (bytes === 0 || bytes > 4) throw new RangeError('DER: an indefinite or impossible length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  if (start + length > der.length) throw new RangeError('DER: the element runs past its end');
  return { start, end: start + length };
}

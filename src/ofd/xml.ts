/**
 * Writing OFD's XML: elements in the ofd: namespace, text and attributes escaped, numbers in
 * millimetres to a thousandth (a micrometre, far below what a reader or a printer shows), and
 * OFD's arrays (ST_Array) with repeated values written once ("g 12 5.644": twelve times 5.644),
 * as GB/T 33190-2016 allows for DeltaX. Pure.
 */

const OFD_NS = 'http://www.ofdspec.org/2016';

/** A number as OFD writes it: at most three decimals, no exponent, no minus zero. */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** An ST_Array of numbers, runs of three or more equal values as "g count value". */
export function numbers(values: readonly number[], compress = false): string {
  const texts = values.map(num);
  if (!compress) return texts.join(' ');
  const out: string[] = [];
  for (let i = 0; i < texts.length;) {
    let j = i + 1;
    while (j < texts.length && texts[j] === texts[i]) j++;
    if (j - i >= 3) out.push('g', String(j - i), texts[i]);
    else for (let k = i; k < j; k++) out.push(texts[k]);
    i = j;
  }
  return out.join(' ');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text as XML character data: the five markup characters escaped, and the characters XML 1.0
 * cannot hold at all (C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF)
 * left out. A carriage return or tab in an attribute is written as a reference, so that a
 * reader's attribute normalisation does not turn it into a space.
 */
// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const PLAIN = /^[^&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]*$/;

export function escape(text: string, attribute = false): string {
  // Most text needs nothing: said at once, not a character at a time.
  if (PLAIN.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0xfffe || cp === 0xffff) continue;
    if (attribute && (cp === 0x09 || cp === 0x0a || cp === 0x0d)) out += `&#${cp};`;
    else out += ENTITIES[ch] ?? ch;
  }
  return out;
}

type Attrs = Record<string, string | number | boolean | undefined>;

/** An element: `ofd:name` with attributes (undefined ones left out) and children or text. */
export function el(name: string, attrs: Attrs = {}, ...children: (string | undefined | false)[]): string {
  // Loops, not entries().filter().map(): a page of an issue has thousands of elements.
  let a = '';
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) a += ` ${k}="${typeof v === 'number' ? num(v) : escape(String(v), true)}"`;
  }
  let body = '';
  for (const c of children) if (typeof c === 'string') body += c;
  return body ? `<ofd:${name}${a}>${body}</ofd:${name}>` : `<ofd:${name}${a}/>`;
}

/** Character data as a child. */
export function text(t: string): string {
  return escape(t);
}

/** A part's root element: an element carrying the namespace, which it declares first. */
export function root(name: string, attrs: Attrs = {}, ...children: (string | undefined | false)[]): string {
  return el(name, { 'xmlns:ofd': OFD_NS, ...attrs }, ...children);
}

/** A whole part: the XML declaration, and the root element (made by root()). */
export function part(rootElement: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${rootElement}\n`;
}

/**
 * A PDF content stream (ISO 32000-1, 7.8.2) read as operations: each operator with its
 * operands (numbers, names, strings as bytes, arrays, dictionaries) and where it stands in the
 * stream. Also reads the CMaps a font's ToUnicode holds, which are written in the same syntax.
 * The one reader of content streams: the OFD edition draws pages from it (ofd/pdf-operators.ts),
 * and the volume finds and cuts each issue's folio with it (volume/content-text.ts). Pure.
 *
 * Hand-written rather than pdf.js's: pdf.js reads the operators too, but only after it has
 * converted every font it meets into one a browser can load, which the OFD edition never uses
 * (it embeds the PDF's own font files). That conversion was nine tenths of pdf.js's 21 ms a page,
 * and the OFD edition of 50 issues took 17 s against the 2 s a quarter of their print allows.
 */

interface Name {
  name: string;
}
export type Operand = number | boolean | null | Name | Uint8Array | Operand[] | { [key: string]: Operand };

/** An operator, or a delimiter that ends an array or a dictionary: not an operand. */
class Word {
  constructor(readonly word: string) {}
}

/** Operators of up to three bytes by those bytes (no byte is 0: white-space), kept for every stream. */
const SHORT_WORDS = new Map<number, Word>();

/** Each byte's class (7.2.2): 1 white-space, 2 delimiter, 0 regular. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const HEX_ONLY = /^[0-9a-fA-F]*$/;

const isName = (o: Operand | undefined): o is Name =>
  typeof o === 'object' &&
  o !== null &&
  !(o instanceof Uint8Array) &&
  !Array.isArray(o) &&
  'name' in o &&
  typeof o.name === 'string' &&
  Object.keys(o).length === 1;
export { isName };

/**
 * Each operation handed to `visit` as it is read: a callback rather than a generator or a list,
 * since a page of an issue has thousands of operations (a glyph is a Td and a Tj) and the
 * OFD edition reads every page of every issue.
 */
export function eachOperation(bytes: Uint8Array, visit: (op: string, args: Operand[], at: number, end: number) => void): void {
  const n = bytes.length;
  let i = 0;
  // The stream as text, one character a byte, for the words, names and numbers cut from it.
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const text = (from: number, to: number) => latin1.slice(from, to);

  /** Where the last object read began. */
  let start = 0;
  /** The next object at i, or an operator's word (a string), or undefined at the end. */
  const next = (): Operand | Word | undefined => {
    for (;;) {
      while (i < n && CLASS[bytes[i]] === 1) i++;
      if (i >= n) return undefined;
      if (bytes[i] === 0x25) {
        while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
        continue;
      }
      break;
    }
    start = i;
    const c = bytes[i];
    if (c === 0x2f) {
      const from = ++i;
      while (i < n && CLASS[bytes[i]] === 0) i++;
      // #xx escapes in names (7.3.5).
      const name = text(from, i);
      return { name: name.includes('#') ? name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : name };
    }
    if (c === 0x28) return literal();
    if (c === 0x3c) {
      if (bytes[i + 1] === 0x3c) {
        i += 2;
        const dict: { [key: string]: Operand } = {};
        for (;;) {
          const key = next();
          if (key === undefined || (key instanceof Word && key.word === '>>')) return dict;
          const value = next();
          if (!(key instanceof Word) && isName(key) && value !== undefined && !(value instanceof Word)) dict[key.name] = value;
        }
      }
      return hex();
    }
    if (c === 0x3e && bytes[i + 1] === 0x3e) {
      i += 2;
      return new Word('>>');
    }
    if (c === 0x5b) {
      i++;
      const list: Operand[] = [];
      for (;;) {
        const item = next();
        if (item === undefined || (item instanceof Word && item.word === ']')) return list;
        if (!(item instanceof Word)) list.push(item);
      }
    }
    if (c === 0x5d) {
      i++;
      return new Word(']');
    }
    if (CLASS[c] === 2) {
      i++;
      return new Word(String.fromCharCode(c));
    }
    const from = i;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const v = number();
      if (v !== undefined) return v;
      i = from;
      while (i < n && CLASS[bytes[i]] === 0) i++;
      const w = Number(text(from, i));
      return Number.isFinite(w) ? w : 0;
    }
    while (i < n && CLASS[bytes[i]] === 0) i++;
    // An operator of up to three bytes (nearly all) is the one Word for those bytes: a page's
    // thousands of Td and Tj make no string or object each.
    if (i - from <= 3) {
      const key = bytes[from] | (i - from > 1 ? bytes[from + 1] << 8 : 0) | (i - from > 2 ? bytes[from + 2] << 16 : 0);
      let known = SHORT_WORDS.get(key);
      if (!known) {
        known = new Word(text(from, i));
        // Bounded, whatever a stream holds: PDF has about seventy operators.
        if (SHORT_WORDS.size < 1024) SHORT_WORDS.set(key, known);
      }
      return known;
    }
    const word = text(from, i);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new Word(word);
  };

  /**
   * A number read from its digits where it is the plain form a printer writes ([+-]digits[.digits],
   * at most 15 digits): the digits as one integer over a power of ten, both exact, so the division
   * gives the value Number() would, without cutting a string for each of a page's thousands of
   * numbers. Anything else (more digits, a stray character) is left to Number(): undefined.
   */
  const number = (): number | undefined => {
    let sign = 1;
    if (bytes[i] === 0x2d || bytes[i] === 0x2b) sign = bytes[i++] === 0x2d ? -1 : 1;
    let m = 0;
    let digits = 0;
    let scale = 1;
    let point = false;
    for (; i < n; i++) {
      const b = bytes[i];
      if (b >= 0x30 && b <= 0x39) {
        m = m * 10 + (b - 0x30);
        digits++;
        if (point) scale *= 10;
      } else if (b === 0x2e && !point) point = true;
      else break;
    }
    if (digits === 0 || digits > 15 || (i < n && CLASS[bytes[i]] === 0)) return undefined;
    return (sign * m) / scale;
  };

  const literal = (): Uint8Array => {
    const out: number[] = [];
    let depth = 0;
    i++;
    while (i < n) {
      const c = bytes[i++];
      if (c === 0x5c) {
        const e = bytes[i++];
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) out.push(simple[e]);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && bytes[i] >= 0x30 && bytes[i] <= 0x37; k++) v = v * 8 + (bytes[i++] - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (bytes[i] === 0x0a) i++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && depth-- === 0) break;
      out.push(c);
    }
    return Uint8Array.from(out);
  };

  const hex = (): Uint8Array => {
    i++;
    // The usual string, an even run of hex digits and nothing else, decoded at once.
    const end = bytes.indexOf(0x3e, i);
    if (end > i && (end - i) % 2 === 0 && HEX_ONLY.test(text(i, end))) {
      const out = Buffer.from(text(i, end), 'hex');
      i = end + 1;
      return out;
    }
    const digits: number[] = [];
    while (i < n && bytes[i] !== 0x3e) {
      const c = bytes[i++];
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 0x37 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (v >= 0) digits.push(v);
    }
    i++;
    if (digits.length % 2) digits.push(0);
    const out = new Uint8Array(digits.length / 2);
    for (let k = 0; k < out.length; k++) out[k] = digits[2 * k] * 16 + digits[2 * k + 1];
    return out;
  };

  let args: Operand[] = [];
  for (;;) {
    const t = next();
    if (t === undefined) return;
    if (t instanceof Word) {
      const at = start;
      if (t.word === 'BI') {
        // An inline image: its dictionary up to ID, then its data up to EI (7.8.2, 8.9.7).
        const dict: { [key: string]: Operand } = {};
        for (;;) {
          const key = next();
          if (key === undefined) return;
          if (key instanceof Word && key.word === 'ID') break;
          const value = next();
          if (!(key instanceof Word) && isName(key) && value !== undefined && !(value instanceof Word)) dict[key.name] = value;
        }
        i++;
        while (i < n && !(bytes[i] === 0x45 && bytes[i + 1] === 0x49 && CLASS[bytes[i - 1]] === 1 && (i + 2 >= n || CLASS[bytes[i + 2]] !== 0))) i++;
        i += 2;
        visit('BI', [dict], at, i);
        args = [];
        continue;
      }
      visit(t.word, args, at, i);
      args = [];
    } else args.push(t);
  }
}

/** A ToUnicode CMap (9.10.3): character code → text, and how many bytes a code has. */
export function toUnicode(bytes: Uint8Array): { map: Map<number, string>; bytes: number } {
  const map = new Map<number, string>();
  let width = 1;
  const code = (b: Uint8Array) => b.reduce((v, x) => v * 256 + x, 0);
  const utf16 = (b: Uint8Array) => {
    let s = '';
    for (let k = 0; k + 1 < b.length; k += 2) s += String.fromCharCode(b[k] * 256 + b[k + 1]);
    return s;
  };
  eachOperation(bytes, (op, args) => {
    if (op === 'endcodespacerange') for (const a of args) if (a instanceof Uint8Array) width = Math.max(width, a.length);
    if (op === 'endbfchar')
      for (let k = 0; k + 1 < args.length; k += 2) {
        const [src, dst] = [args[k], args[k + 1]];
        if (src instanceof Uint8Array && dst instanceof Uint8Array) map.set(code(src), utf16(dst));
      }
    if (op === 'endbfrange')
      for (let k = 0; k + 2 < args.length; k += 3) {
        const [lo, hi, dst] = [args[k], args[k + 1], args[k + 2]];
        if (!(lo instanceof Uint8Array) || !(hi instanceof Uint8Array)) continue;
        const [a, b] = [code(lo), code(hi)];
        if (b - a > 0xffff) continue;
        if (Array.isArray(dst)) dst.forEach((d, j) => d instanceof Uint8Array && a + j <= b && map.set(a + j, utf16(d)));
        else if (dst instanceof Uint8Array) {
          // The last UTF-16 unit counts up through the range.
          const base = utf16(dst);
          const last = base.charCodeAt(base.length - 1);
          for (let c = a; c <= b; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - a)));
        }
      }
  });
  return { map, bytes: width };
}

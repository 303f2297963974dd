/**
 * Where a page's content stream sets text, and a copy of the stream without some of it. The
 * volume's continuous folio (folio: volume) takes the place of each issue's own "— N —", which
 * Chromium set as text in the page's bottom margin; covering it would leave it for every reader
 * that extracts text, so the text objects are cut out of the stream instead.
 *
 * A small reader of content streams (ISO 32000-1 §7.8, §9.4): it follows the transformation
 * matrix through q/Q/cm and the text matrix through Tm, Td, TD, T* and TL, and gives each text object
 * (BT … ET) with the points in default user space where its strings start. Hand-written:
 * pdf-lib writes content streams but does not read them, and pdf.js reads them but cannot give
 * back the byte ranges to cut. Pure.
 */

import { IDENTITY, multiply, type Matrix } from '../pdf/matrix.js';

export interface TextObject {
  /** Byte range of BT … ET in the stream. */
  start: number;
  end: number;
  /** Where each string of it is set (x, y in default user space). */
  points: { x: number; y: number }[];
}

/** Each byte's class (§7.2.2): 1 white-space, 2 delimiter, 0 regular. A table: a page's stream is read byte by byte. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

/** The text objects of a content stream, or undefined when it holds what this reader does not follow (an inline image). */
export function textObjects(bytes: Uint8Array): TextObject[] | undefined {
  const out: TextObject[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let current: TextObject | undefined;
  const operands: number[] = [];
  let i = 0;
  const n = bytes.length;
  // The stream as text, one character a byte, for the words and numbers cut from it.
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const show = () => {
    if (!current) return;
    const m = multiply(tm, ctm);
    current.points.push({ x: m[4], y: m[5] });
  };
  const nextLine = (tx: number, ty: number) => {
    tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
  };
  while (i < n) {
    const c = bytes[i];
    if (CLASS[c] === 1) {
      i++;
      continue;
    }
    if (c === 0x25 /* % */) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
      continue;
    }
    if (c === 0x28 /* ( */) {
      // A literal string: balanced parentheses, backslash escapes.
      let depth = 0;
      for (; i < n; i++) {
        if (bytes[i] === 0x5c) i++;
        else if (bytes[i] === 0x28) depth++;
        else if (bytes[i] === 0x29 && --depth === 0) break;
      }
      i++;
      continue;
    }
    if (c === 0x3c /* < */) {
      if (bytes[i + 1] === 0x3c) i += 2;
      else while (i < n && bytes[i++] !== 0x3e);
      continue;
    }
    if (c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      i++;
      continue;
    }
    if (c === 0x2f /* / */) {
      i++;
      while (i < n && CLASS[bytes[i]] === 0) i++;
      continue;
    }
    const from = i;
    while (i < n && CLASS[bytes[i]] === 0) i++;
    if (i === from) {
      i++;
      continue;
    }
    // A number starts with a digit, a sign or a point; anything else regular is an operator.
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      operands.push(Number(latin1.slice(from, i)));
      continue;
    }
    const word = latin1.slice(from, i);
    const args = operands.splice(0);
    switch (word) {
      case 'q':
        stack.push(ctm);
        break;
      case 'Q':
        ctm = stack.pop() ?? IDENTITY;
        break;
      case 'cm':
        if (args.length === 6) ctm = multiply(args as Matrix, ctm);
        break;
      case 'BT':
        tm = tlm = IDENTITY;
        current = { start: from, end: from, points: [] };
        break;
      case 'ET':
        if (current) {
          current.end = i;
          out.push(current);
        }
        current = undefined;
        break;
      case 'Tm':
        if (args.length === 6) tm = tlm = args as Matrix;
        break;
      case 'Td':
        nextLine(args[0] ?? 0, args[1] ?? 0);
        break;
      case 'TD':
        leading = -(args[1] ?? 0);
        nextLine(args[0] ?? 0, args[1] ?? 0);
        break;
      case 'TL':
        leading = args[0] ?? 0;
        break;
      case 'T*':
        nextLine(0, -leading);
        break;
      case 'Tj':
      case 'TJ':
        show();
        break;
      case "'":
      case '"':
        nextLine(0, -leading);
        show();
        break;
      case 'BI':
        return undefined;
    }
  }
  return out;
}

/** The stream without the byte ranges given (sorted, not overlapping). */
export function cutRanges(bytes: Uint8Array, ranges: readonly { start: number; end: number }[]): Uint8Array {
  const out = new Uint8Array(bytes.length - ranges.reduce((s, r) => s + r.end - r.start, 0));
  let at = 0;
  let from = 0;
  for (const r of ranges) {
    out.set(bytes.subarray(from, r.start), at);
    at += r.start - from;
    from = r.end;
  }
  out.set(bytes.subarray(from), at);
  return out;
}

/**
 * Where a page's content stream sets text, and a copy of the stream without some of it. The
 * volume's continuous folio (folio: volume) takes the place of each issue's own "— N —", which
 * Chromium set as text in the page's bottom margin; covering it would leave it for every reader
 * that extracts text, so the text objects are cut out of the stream instead.
 *
 * It follows the transformation matrix through q/Q/cm and the text matrix through Tm, Td, TD,
 * T* and TL (ISO 32000-1 §8.4, §9.4), over the operations pdf/content-stream.ts reads with their
 * byte ranges, and gives each text object (BT … ET) with the points in default user space where
 * its strings start. pdf-lib writes content streams but does not read them, and pdf.js reads
 * them but cannot give back the byte ranges to cut. Pure.
 */

import { eachOperation } from '../pdf/content-stream.js';
import { IDENTITY, multiply, type Matrix } from '../pdf/matrix.js';

export interface TextObject {
  /** Byte range of BT … ET in the stream. */
  start: number;
  end: number;
  /** Where each string of it is set (x, y in default user space). */
  points: { x: number; y: number }[];
}

/** The text objects of a content stream, or undefined when it holds what this reader does not follow (an inline image). */
export function textObjects(bytes: Uint8Array): TextObject[] | undefined {
  const out: TextObject[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let leading = 0;
  let current: TextObject | undefined;
  let inlineImage = false;
  const show = () => {
    if (!current) return;
    const m = multiply(tm, ctm);
    current.points.push({ x: m[4], y: m[5] });
  };
  const nextLine = (tx: number, ty: number) => {
    tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
    tm = tlm;
  };
  eachOperation(bytes, (word, operands, at, end) => {
    // Only the numbers count here: the operators followed take nothing else.
    const args = operands.filter((a): a is number => typeof a === 'number');
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
        current = { start: at, end: at, points: [] };
        break;
      case 'ET':
        if (current) {
          current.end = end;
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
        inlineImage = true;
        break;
    }
  });
  return inlineImage ? undefined : out;
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

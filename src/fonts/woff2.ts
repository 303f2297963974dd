/**
 * A woff2 file as TrueType bytes (subset-font and the slice merger take TrueType). Unpacking is
 * most of what a Word edition's faces cost (about 3 ms a piece, and a document takes glyphs from
 * dozens of pieces in six stylesheets), and the documents of a run share most of their pieces:
 * the unpacked pieces are kept for the run, the most recently used first, within a budget of
 * bytes, so that memory stays bounded however many documents a run makes.
 */
import { readFileSync } from 'node:fs';
import fontverter from 'fontverter';

/** About a hundred pieces of the CJK faces, unpacked. */
const BUDGET = 40 * 1024 * 1024;
const unpacked = new Map<string, { font: Promise<Buffer>; size: number }>();
let held = 0;
let unpacking: Promise<unknown> = Promise.resolve();

export function truetype(file: string): Promise<Buffer> {
  const kept = unpacked.get(file);
  if (kept) {
    // Most recently used last: a Map iterates in insertion order.
    unpacked.delete(file);
    unpacked.set(file, kept);
    return kept.font;
  }
  // One at a time, and copied out at once: the result is a view of the unpacker's
  // WebAssembly memory, which the next file unpacked writes over.
  const font = unpacking.then(() => fontverter.convert(readFileSync(file), 'truetype')).then((b) => Buffer.from(b));
  unpacking = font.catch(() => undefined);
  const entry = { font, size: 0 };
  unpacked.set(file, entry);
  font.then(
    (b) => {
      if (unpacked.get(file) !== entry) return;
      entry.size = b.length;
      held += b.length;
      for (const [name, e] of unpacked) {
        if (held <= BUDGET || name === file) break;
        unpacked.delete(name);
        held -= e.size;
      }
    },
    () => unpacked.delete(file),
  );
  return font;
}

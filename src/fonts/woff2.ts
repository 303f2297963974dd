/** A woff2 file as TrueType bytes, unpacked once a run (subset-font and the slice merger take TrueType). */
import { readFileSync } from 'node:fs';
import fontverter from 'fontverter';

const unpacked = new Map<string, Promise<Buffer>>();
let unpacking: Promise<unknown> = Promise.resolve();

/** `keep: false` for a file used once (the Word edition's pieces): a run keeps only what it reuses. */
export function truetype(file: string, { keep = true } = {}): Promise<Buffer> {
  let font = unpacked.get(file);
  if (!font) {
    // One at a time, and copied out at once: the result is a view of the unpacker's
    // WebAssembly memory, which the next file unpacked writes over.
    font = unpacking.then(() => fontverter.convert(readFileSync(file), 'truetype')).then((b) => Buffer.from(b));
    unpacking = font.catch(() => undefined);
    if (keep) unpacked.set(file, font);
  }
  return font;
}

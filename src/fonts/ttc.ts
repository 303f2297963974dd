/**
 * The first face of a TrueType collection (.ttc, such as an office's simsun.ttc) as a font file
 * of its own. Chromium does not take a collection as a web font, so briefs serves this instead.
 * A collection's faces share one file and point into it; the face is written again with its
 * tables after its own directory. Pure; a few lines beat a font toolkit for this one job.
 */
export function isCollection(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'ttcf';
}

export function firstFace(bytes: Uint8Array): Buffer {
  const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isCollection(src)) throw new Error('not a TrueType collection');
  const at = src.readUInt32BE(12);
  const numTables = src.readUInt16BE(at + 4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = at + 12 + i * 16;
    return { tag: src.subarray(rec, rec + 4), checksum: src.readUInt32BE(rec + 4), offset: src.readUInt32BE(rec + 8), length: src.readUInt32BE(rec + 12) };
  });
  // Every table must lie inside the file: a directory that points past it (or claims tables of
  // gigabytes) is not a font, and must not make briefs allocate what it claims.
  if (tables.some((t) => t.offset + t.length > src.length)) throw new Error('a table lies outside the file');
  const headerLength = 12 + numTables * 16;
  const padded = (n: number) => (n + 3) & ~3;
  const total = tables.reduce((sum, t) => sum + padded(t.length), headerLength);
  const out = Buffer.alloc(total);
  src.copy(out, 0, at, at + 12);
  let offset = headerLength;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(out, rec);
    out.writeUInt32BE(t.checksum, rec + 4);
    out.writeUInt32BE(offset, rec + 8);
    out.writeUInt32BE(t.length, rec + 12);
    src.copy(out, offset, t.offset, t.offset + t.length);
    offset += padded(t.length);
  });
  return out;
}

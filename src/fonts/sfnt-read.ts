/**
 * Reading a TrueType file's table directory and its glyphs' places: the slice merger copies
 * glyphs by them, and an archival PDF's CIDSet names the glyphs a subset holds. Pure.
 */

/** Each table's place, by tag. */
export function tableDirectory(bytes: Uint8Array): Map<string, { offset: number; length: number }> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, { offset: number; length: number }>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const at = 12 + i * 16;
    tables.set(String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]), {
      offset: view.getUint32(at + 8),
      length: view.getUint32(at + 12),
    });
  }
  return tables;
}

/** The glyph ids a program has an outline for, and .notdef; undefined without head, maxp and loca. */
export function glyphsWithOutline(bytes: Uint8Array): Set<number> | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(bytes);
  const [head, maxp, loca] = [tables.get('head')?.offset, tables.get('maxp')?.offset, tables.get('loca')?.offset];
  if (head === undefined || maxp === undefined || loca === undefined) return undefined;
  const long = view.getInt16(head + 50) === 1;
  const offset = (g: number) => (long ? view.getUint32(loca + g * 4) : view.getUint16(loca + g * 2) * 2);
  const present = new Set<number>([0]);
  for (let g = 1; g < view.getUint16(maxp + 4); g++) if (offset(g + 1) > offset(g)) present.add(g);
  return present;
}

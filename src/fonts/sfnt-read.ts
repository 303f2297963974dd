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

/**
 * The character map: code point → glyph id, from the Windows Unicode subtables (format 12 for
 * the full range, else format 4), as the web font pieces and office faces carry them. Read
 * here, not by fontkit, because the Word edition asks hundreds of pieces for a glyph a run.
 */
export function characterMap(bytes: Uint8Array): Map<number, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cmap = tableDirectory(bytes).get('cmap');
  const out = new Map<number, number>();
  if (!cmap) return out;
  const subtables: { platform: number; encoding: number; at: number }[] = [];
  for (let i = 0; i < view.getUint16(cmap.offset + 2); i++) {
    const rec = cmap.offset + 4 + i * 8;
    subtables.push({ platform: view.getUint16(rec), encoding: view.getUint16(rec + 2), at: cmap.offset + view.getUint32(rec + 4) });
  }
  const pick = (format: number) => subtables.find((s) => (s.platform === 3 || s.platform === 0) && view.getUint16(s.at) === format);
  const f12 = pick(12);
  if (f12) {
    for (let g = 0, n = view.getUint32(f12.at + 12); g < n; g++) {
      const rec = f12.at + 16 + g * 12;
      const [start, end, gid] = [view.getUint32(rec), view.getUint32(rec + 4), view.getUint32(rec + 8)];
      for (let cp = start; cp <= end; cp++) out.set(cp, gid + cp - start);
    }
    return out;
  }
  const f4 = pick(4);
  if (!f4) return out;
  const segs = view.getUint16(f4.at + 6) / 2;
  const ends = f4.at + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const offsets = deltas + segs * 2;
  for (let s = 0; s < segs; s++) {
    const [end, start, delta, offset] = [
      view.getUint16(ends + s * 2),
      view.getUint16(starts + s * 2),
      view.getInt16(deltas + s * 2),
      view.getUint16(offsets + s * 2),
    ];
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      // idRangeOffset 0: the delta alone; else a glyph array entry the offset points at (0: none).
      const raw = offset === 0 ? cp : view.getUint16(offsets + s * 2 + offset + (cp - start) * 2);
      const gid = offset !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
      if (gid !== 0) out.set(cp, gid);
    }
  }
  return out;
}

/**
 * A face's family (the typographic family, name ID 16, else the family, ID 1; Windows English
 * first) and its weight class (OS/2), read from its tables: the OFD edition describes each font
 * it embeds by them, for forty fonts an issue, where fontkit took 3 ms each.
 */
export function faceNames(bytes: Uint8Array): { family?: string; weight?: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(bytes);
  const os2 = tables.get('OS/2');
  const weight = os2 && os2.length >= 6 ? view.getUint16(os2.offset + 4) : undefined;
  const name = tables.get('name');
  if (!name) return { weight };
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  const found = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const at = name.offset + 6 + i * 12;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => view.getUint16(at + k));
    if (id !== 1 && id !== 16) continue;
    const from = strings + offset;
    if (from + length > bytes.length) continue;
    let text = '';
    if (platform === 3 && (encoding === 1 || encoding === 10)) for (let k = 0; k + 1 < length; k += 2) text += String.fromCharCode(view.getUint16(from + k));
    else if (platform === 1 && encoding === 0) for (let k = 0; k < length; k++) text += String.fromCharCode(bytes[from + k]);
    else continue;
    const rank = `${id === 16 ? 0 : 1}${platform === 3 ? 0 : 1}${language === 0x409 || (platform === 1 && language === 0) ? 0 : 1}`;
    if (!found.has(rank)) found.set(rank, text);
  }
  const best = [...found.keys()].sort()[0];
  return { family: best ? found.get(best) : undefined, weight };
}

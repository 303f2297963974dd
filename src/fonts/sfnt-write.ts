/**
 * Writing a TrueType file (the slice merger's output, merge-slices.ts): the table directory with
 * its checksums, a cmap of a format 4 and a format 12 subtable, and a name table for Windows.
 * Pure: bytes out.
 */
export function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

export function assemble(tables: [string, Uint8Array][]): Uint8Array {
  const n = tables.length;
  const log = Math.floor(Math.log2(n));
  let size = 12 + n * 16;
  const offsets = tables.map(([, t]) => {
    const o = size;
    size += (t.length + 3) & ~3;
    return o;
  });
  const font = new Uint8Array(size);
  const view = new DataView(font.buffer);
  view.setUint32(0, 0x00010000);
  view.setUint16(4, n);
  view.setUint16(6, 2 ** log * 16);
  view.setUint16(8, log);
  view.setUint16(10, n * 16 - 2 ** log * 16);
  tables.forEach(([tag, t], i) => {
    const at = 12 + i * 16;
    for (let k = 0; k < 4; k++) font[at + k] = tag.charCodeAt(k);
    view.setUint32(at + 4, checksum(t));
    view.setUint32(at + 8, offsets[i]);
    view.setUint32(at + 12, t.length);
    font.set(t, offsets[i]);
  });
  return font;
}

/** cmap with a format 4 subtable (the BMP, for every reader) and a format 12 (everything). */
export function cmapTable(map: [number, number][]): Uint8Array {
  const ranges = (list: [number, number][]) => {
    const out: [start: number, end: number, gid: number][] = [];
    for (const [cp, gid] of list) {
      const last = out.at(-1);
      if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp;
      else out.push([cp, cp, gid]);
    }
    return out;
  };
  const bmp = [...ranges(map.filter(([cp]) => cp <= 0xfffe)), [0xffff, 0xffff, 0] as [number, number, number]];
  const seg = bmp.length;
  const f4 = new DataView(new ArrayBuffer(16 + seg * 8));
  const log = Math.floor(Math.log2(seg));
  [4, f4.byteLength, 0, seg * 2, 2 ** log * 2, log, seg * 2 - 2 ** log * 2].forEach((v, i) => f4.setUint16(i * 2, v));
  bmp.forEach(([start, end, gid], i) => {
    f4.setUint16(14 + i * 2, end);
    f4.setUint16(16 + seg * 2 + i * 2, start);
    f4.setUint16(16 + seg * 4 + i * 2, start === 0xffff ? 1 : (gid - start) & 0xffff);
    f4.setUint16(16 + seg * 6 + i * 2, 0);
  });
  const all = ranges(map);
  const f12 = new DataView(new ArrayBuffer(16 + all.length * 12));
  f12.setUint16(0, 12);
  f12.setUint32(4, f12.byteLength);
  f12.setUint32(12, all.length);
  all.forEach(([start, end, gid], i) => {
    f12.setUint32(16 + i * 12, start);
    f12.setUint32(20 + i * 12, end);
    f12.setUint32(24 + i * 12, gid);
  });
  const head = new DataView(new ArrayBuffer(4 + 2 * 8));
  head.setUint16(2, 2);
  head.setUint16(4, 3);
  head.setUint16(6, 1);
  head.setUint32(8, 20);
  head.setUint16(12, 3);
  head.setUint16(14, 10);
  head.setUint32(16, 20 + f4.byteLength);
  const out = new Uint8Array(20 + f4.byteLength + f12.byteLength);
  out.set(new Uint8Array(head.buffer), 0);
  out.set(new Uint8Array(f4.buffer), 20);
  out.set(new Uint8Array(f12.buffer), 20 + f4.byteLength);
  return out;
}

/** Family, style, unique, full and PostScript names, for Windows (UTF-16BE, English). */
export function nameTable(family: string, style: string): Uint8Array {
  const ps = `${family}-${style}`.replace(/[^\x21-\x7e]|[[\](){}<>/%]/g, '');
  const records: [number, string][] = [
    [1, family],
    [2, style],
    [3, `briefs:${ps}`],
    [4, style === 'Regular' ? family : `${family} ${style}`],
    [6, ps],
  ];
  const strings = records.map(([, s]) => {
    const b = new Uint8Array(s.length * 2);
    for (let i = 0; i < s.length; i++) new DataView(b.buffer).setUint16(i * 2, s.charCodeAt(i));
    return b;
  });
  const start = 6 + records.length * 12;
  const out = new Uint8Array(start + strings.reduce((a, s) => a + s.length, 0));
  const view = new DataView(out.buffer);
  view.setUint16(2, records.length);
  view.setUint16(4, start);
  let at = 0;
  records.forEach(([id], i) => {
    const r = 6 + i * 12;
    [3, 1, 0x0409, id, strings[i].length, at].forEach((v, k) => view.setUint16(r + k * 2, v));
    out.set(strings[i], start + at);
    at += strings[i].length;
  });
  return out;
}

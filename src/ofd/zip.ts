/**
 * The OFD package's zip (PKWARE APPNOTE 6.3, what GB/T 33190's package is): entries deflated by
 * Node's zlib, which is native and four times quicker here than fflate's, at its quickest level
 * (the XML of a page is a tenth of its size either way, and level 6 took twice as long), every entry stamped
 * with one given time so that the same parts give the same bytes. No zip64: a package stays far
 * below 4 GB. Pure but for zlib.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Uint8Array;
  /** Deflate it (text, fonts), or store it as it is (a PNG or JPEG, already compressed). */
  deflate: boolean;
  /** `data` already deflated (raw deflate), held as it is: a font the PDF had compressed. */
  deflated?: Uint8Array;
}

/** DOS date and time of a local date (zip keeps local time; the caller gives the fields it wants). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export function zip(entries: readonly ZipEntry[], when: Date): Uint8Array {
  const { time, date } = dosTime(when);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const body = e.deflated
      ? Buffer.from(e.deflated.buffer, e.deflated.byteOffset, e.deflated.byteLength)
      : e.deflate
        ? deflateRawSync(e.data, { level: 1 })
        : Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength);
    const method = e.deflated || e.deflate ? 8 : 0;
    // The fields the local header and the central directory's entry share, in the same order
    // (APPNOTE 4.3.7 and 4.3.12): version needed, flags (bit 11: the name is UTF-8), method,
    // time, date, CRC-32, sizes, the name's length, no extra field.
    const fields = Buffer.alloc(26);
    fields.writeUInt16LE(20, 0);
    fields.writeUInt16LE(0x0800, 2);
    fields.writeUInt16LE(method, 4);
    fields.writeUInt16LE(time, 6);
    fields.writeUInt16LE(date, 8);
    fields.writeUInt32LE(crc32(e.data), 10);
    fields.writeUInt32LE(body.length, 14);
    fields.writeUInt32LE(e.data.length, 18);
    fields.writeUInt16LE(name.length, 22);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    fields.copy(head, 4);
    locals.push(head, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    // Version made by, then the shared fields; no comment, disk 0, no attributes; where the entry starts.
    central.writeUInt16LE(20, 4);
    fields.copy(central, 6);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += head.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

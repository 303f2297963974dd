/**
 * An sRGB ICC profile (version 2.1, display class, RGB to XYZ), written here: the output intent
 * of an archival PDF (PDF/A-1 §6.2.2) carries one, and a profile briefs makes itself is one it
 * may ship with no licence to honour. The colorants are IEC 61966-2.1's primaries adapted to the
 * D50 connection space (Bradford), as every sRGB profile has them; each channel's curve is the
 * sRGB transfer function in 1024 steps. Pure.
 */

/** s15Fixed16Number. */
const fixed = (x: number) => Math.round(x * 65536);

/** Primaries (D50-adapted) and white, XYZ. */
const RED = [0.4360747, 0.2225045, 0.0139322];
const GREEN = [0.3850649, 0.7168786, 0.0971045];
const BLUE = [0.1430804, 0.0606169, 0.7141733];
const D50 = [0.9642, 1.0, 0.8249];

function xyz(v: number[]): Uint8Array {
  const out = new DataView(new ArrayBuffer(20));
  out.setUint32(0, 0x58595a20); // 'XYZ '
  v.forEach((x, i) => out.setInt32(8 + i * 4, fixed(x)));
  return new Uint8Array(out.buffer);
}

function curve(): Uint8Array {
  const n = 1024;
  const out = new DataView(new ArrayBuffer(12 + n * 2 + 2)); // padded to 4
  out.setUint32(0, 0x63757276); // 'curv'
  out.setUint32(8, n);
  for (let i = 0; i < n; i++) {
    const v = i / (n - 1);
    const linear = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    out.setUint16(12 + i * 2, Math.round(linear * 65535));
  }
  return new Uint8Array(out.buffer, 0, 12 + n * 2);
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0));
}

/** textDescriptionType: the ASCII description, no Unicode or ScriptCode one. */
function description(s: string): Uint8Array {
  const text = [...ascii(s), 0];
  const out = new Uint8Array(12 + text.length + 4 + 4 + 2 + 1 + 67);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x64657363); // 'desc'
  view.setUint32(8, text.length);
  out.set(text, 12);
  return out;
}

function textTag(s: string): Uint8Array {
  const text = [...ascii(s), 0];
  const out = new Uint8Array(8 + text.length);
  new DataView(out.buffer).setUint32(0, 0x74657874); // 'text'
  out.set(text, 8);
  return out;
}

export const SRGB_NAME = 'sRGB IEC61966-2.1';

/** The profile's bytes. */
export function srgbProfile(): Uint8Array {
  const trc = curve();
  const tags: [string, Uint8Array][] = [
    ['desc', description(SRGB_NAME)],
    ['cprt', textTag('No copyright: written by briefs, free to use')],
    ['wtpt', xyz(D50)],
    ['rXYZ', xyz(RED)],
    ['gXYZ', xyz(GREEN)],
    ['bXYZ', xyz(BLUE)],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
  ];
  const tableSize = 4 + tags.length * 12;
  let at = 128 + tableSize;
  // The three curves are one block of data, shared, as profiles commonly do.
  const placed = new Map<Uint8Array, number>();
  const entries = tags.map(([sig, data]) => {
    let offset = placed.get(data);
    if (offset === undefined) {
      offset = at;
      placed.set(data, offset);
      at += (data.length + 3) & ~3;
    }
    return { sig, offset, size: data.length };
  });
  const out = new Uint8Array(at);
  const view = new DataView(out.buffer);
  view.setUint32(0, at);
  view.setUint32(8, 0x02100000); // version 2.1
  view.setUint32(12, 0x6d6e7472); // 'mntr'
  view.setUint32(16, 0x52474220); // 'RGB '
  view.setUint32(20, 0x58595a20); // 'XYZ '
  // Date: 2026-01-01 00:00:00 (a profile's own date; fixed, so the bytes are).
  [2026, 1, 1, 0, 0, 0].forEach((v, i) => view.setUint16(24 + i * 2, v));
  view.setUint32(36, 0x61637370); // 'acsp'
  D50.forEach((x, i) => view.setInt32(68 + i * 4, fixed(x)));
  view.setUint32(128, tags.length);
  entries.forEach((e, i) => {
    const p = 132 + i * 12;
    out.set(ascii(e.sig), p);
    view.setUint32(p + 4, e.offset);
    view.setUint32(p + 8, e.size);
  });
  for (const [data, offset] of placed) out.set(data, offset);
  return out;
}

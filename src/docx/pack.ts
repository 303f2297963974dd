/**
 * The .docx bytes of a Word edition, the same for the same input: the zip's file times and the
 * document's created and modified dates are the date (the `docx` package writes the
 * clock), and the parts are zipped again in a fixed order with fixed settings.
 */
import { Packer, type Document } from 'docx';
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, strFromU8, strToU8, type Zippable } from 'fflate';

export async function packDocx(doc: Document, date: Date): Promise<Uint8Array> {
  const parts = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = parts['docProps/core.xml'];
  if (core) parts['docProps/core.xml'] = strToU8(strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`));
  // Bookmark ids come from a counter of the process, not of the document: numbered again in order.
  const body = parts['word/document.xml'];
  if (body) {
    const ids = new Map<string, number>();
    parts['word/document.xml'] = strToU8(
      strFromU8(body).replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => {
        if (!ids.has(id)) ids.set(id, ids.size + 1);
        return `${head}${ids.get(id)}"`;
      }),
    );
  }
  // The docx package signs every font with Arial's code pages (w:sig), CJK not among them, which
  // an office may use to choose a substitute: without a signature, it reads the faces themselves.
  const table = parts['word/fontTable.xml'];
  if (table) parts['word/fontTable.xml'] = strToU8(rekeyFonts(parts, strFromU8(table).replace(/<w:sig\b[^>]*\/>/g, '')));
  const files: Zippable = {};
  for (const name of Object.keys(parts).sort()) files[name] = [parts[name], { mtime: date, level: 6 }];
  return zipSync(files);
}

/**
 * Every character the document shows: its parts' text, and the digits and dashes its fields
 * (page numbers, the contents' page references) print when the office fills them in.
 */
export function docxText(docx: Uint8Array): string {
  const parts = unzipSync(docx, { filter: (f) => /^word\/(document|footnotes|header\d*|footer\d*)\.xml$/.test(f.name) });
  let text = '0123456789— .';
  for (const xml of Object.values(parts)) for (const m of strFromU8(xml).matchAll(/<w:t\b[^>]*>([^<]*)<\/w:t>/g)) text += m[1];
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
}

/** An obfuscation key's bytes (ECMA-376 Part 1 §17.8.1): the GUID's 16 bytes, last first. */
function keyBytes(guid: string): number[] {
  return (guid.replace(/[{}-]/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)).reverse();
}

/**
 * Each embedded face under a key made from its own bytes: the docx package draws a random key
 * (a GUID that XORs the file's first 32 bytes) for every face on every run. The bytes after the
 * first 32, which the key leaves alone, name it; the first 32 are turned from the old key to the
 * new one.
 */
function rekeyFonts(parts: Record<string, Uint8Array>, table: string): string {
  const rels = strFromU8(parts['word/_rels/fontTable.xml.rels'] ?? new Uint8Array());
  return table.replace(/(<w:embed\w+ r:id="([^"]+)" w:fontKey=")\{([^}]+)\}"/g, (all, head: string, id: string, old: string) => {
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels);
    const name = target && `word/${target[1] ?? target[2]}`;
    const font = name ? parts[name] : undefined;
    if (!name || !font) return all;
    const hex = createHash('sha256').update(font.subarray(32)).digest('hex').slice(0, 32).toUpperCase();
    const key = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const [from, to] = [keyBytes(old), keyBytes(key)];
    const out = new Uint8Array(font);
    for (let i = 0; i < 32 && i < out.length; i++) out[i] ^= from[i % 16] ^ to[i % 16];
    parts[name] = out;
    return `${head}{${key}}"`;
  });
}

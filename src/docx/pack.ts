/**
 * The .docx bytes of a Word edition, the same for the same input: the zip's file times and the
 * document's created and modified dates are the date (the `docx` package writes the
 * clock), and the parts are zipped again in a fixed order with fixed settings.
 *
 * The faces it embeds are cut to its own characters, which are known only once it is written:
 * the document is built once with stand-ins for its faces (`FACE_STAND_IN`), and `faces` is
 * given what each family prints (face-text.ts) and returns the real faces, in the order the
 * document's fonts list them (fonts/font<N>.odttf), none for a face nothing prints, which is
 * then left out. Building it twice, to learn its text first, was half of what a Word edition
 * cost.
 */
import { Packer, type Document } from 'docx';
import { createHash } from 'node:crypto';
import { zipSync, strFromU8, strToU8, type Zippable } from 'fflate';
import { faceTexts, type FaceTexts } from './face-text.js';

/**
 * The document's parts as the docx package writes them, before it zips them: zipping there and
 * unzipping here to set the dates and faces was a sixth of a Word edition's time. (The compiler
 * is what the package's Packer zips; the package is pinned to one version in package.json.)
 */
function compiled(doc: Document): Record<string, Uint8Array> {
  const { compiler } = Packer as unknown as {
    compiler: { compile(doc: Document, prettify: undefined, overrides: []): Map<string, string | Uint8Array | ArrayBuffer> };
  };
  const parts: Record<string, Uint8Array> = {};
  for (const [name, data] of compiler.compile(doc, undefined, []))
    parts[name] =
      typeof data === 'string'
        ? strToU8(data)
        : ArrayBuffer.isView(data)
          ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
          : new Uint8Array(data);
  return parts;
}

/** What a face is until the document's text is known: the docx package obfuscates its first 32 bytes. */
export const FACE_STAND_IN = Buffer.alloc(64);

export async function packDocx(doc: Document, date: Date, faces?: (texts: FaceTexts) => Promise<(Uint8Array | undefined)[]>): Promise<Uint8Array> {
  const parts = compiled(doc);
  const real = faces ? await faces(faceTexts(parts)) : undefined;
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
  if (table) parts['word/fontTable.xml'] = strToU8(rekeyFonts(parts, strFromU8(table).replace(/<w:sig\b[^>]*\/>/g, ''), real));
  const files: Zippable = {};
  for (const name of Object.keys(parts).sort()) files[name] = [parts[name], { mtime: date, level: 6 }];
  return zipSync(files);
}

/** An obfuscation key's bytes (ECMA-376 Part 1 §17.8.1): the GUID's 16 bytes, last first. */
function keyBytes(guid: string): number[] {
  return (guid.replace(/[{}-]/g, '').match(/../g) ?? []).map((h) => parseInt(h, 16)).reverse();
}

/**
 * Each embedded face under a key made from its own bytes: the docx package draws a random key
 * (a GUID that XORs the file's first 32 bytes) for every face on every run. The bytes after the
 * first 32, which the key leaves alone, name it; the first 32 are turned from the old key to the
 * new one. With `real` (plain faces, in the order of the font files), each takes its stand-in's
 * place, and a stand-in with none is taken out with its relationship.
 */
function rekeyFonts(parts: Record<string, Uint8Array>, table: string, real: readonly (Uint8Array | undefined)[] | undefined): string {
  const relsName = 'word/_rels/fontTable.xml.rels';
  let rels = strFromU8(parts[relsName] ?? new Uint8Array());
  const out = table.replace(/<w:embed\w+ r:id="([^"]+)" w:fontKey="\{([^}]+)\}"\/>/g, (all, id: string, old: string) => {
    const relation = new RegExp(`<Relationship\\b[^>]*\\bId="${id}"[^>]*/>`).exec(rels)?.[0];
    const target = relation && /Target="([^"]+)"/.exec(relation)?.[1];
    const name = target && `word/${target}`;
    if (!relation || !name || !parts[name]) return all;
    const slot = real ? Number(/font(\d+)\.odttf$/.exec(name)?.[1] ?? 0) - 1 : -1;
    const given = real?.[slot];
    if (real && !given) {
      delete parts[name];
      rels = rels.replace(relation, '');
      return '';
    }
    const font = given ?? parts[name];
    const hex = createHash('sha256').update(font.subarray(32)).digest('hex').slice(0, 32).toUpperCase();
    const key = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    // A given face is plain: obfuscated from no key.
    const [from, to] = [given ? new Array<number>(16).fill(0) : keyBytes(old), keyBytes(key)];
    const bytes = new Uint8Array(font);
    for (let i = 0; i < 32 && i < bytes.length; i++) bytes[i] ^= from[i % 16] ^ to[i % 16];
    parts[name] = bytes;
    return all.replace(`{${old}}`, `{${key}}`);
  });
  if (parts[relsName]) parts[relsName] = strToU8(rels);
  return out;
}

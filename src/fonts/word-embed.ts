/**
 * The faces a Word edition embeds: for each role, the face that printed it (project.fonts.roles),
 * cut to the characters the document uses, so that Word, WPS and LibreOffice show the print's
 * faces on a machine that lacks them. A shipped face is merged from its web pieces
 * (merge-slices.ts), regular and bold; an office's own font file (`fonts:` naming a file, or a
 * face installed on the machine) is subset by harfbuzz, unless its licence bits forbid
 * embedding (OS/2 fsType 0x0002, "restricted"): then it is named but not embedded, and the run
 * says so. Word finds an embedded face by its family name, which the runs name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import subsetFont from 'subset-font';
import type { FontConfig } from '../config/types.js';
import type { RoleFace } from './office.js';
import { SHIPPED } from './css.js';
import { mergeSlices } from './merge-slices.js';
import { firstFace, isCollection } from './ttc.js';
import { truetype } from './woff2.js';
import { stylesheetPieces } from './pieces.js';

export interface WordFont {
  /** The family name the runs name and the document's font table embeds. */
  name: string;
  data: Buffer;
  bold?: Buffer;
}

export interface WordFaces {
  /** The family each role's runs name. */
  names: Record<keyof FontConfig, string>;
  fonts: WordFont[];
  /** Faces named but not embedded, with why: for the run's report. */
  notEmbedded: { role: keyof FontConfig; face: string; why: 'restricted' | 'not-found' }[];
}

/** The shipped faces' pieces, by family: the stylesheet of each weight the print uses. */
const PIECES: Record<string, { pkg: string; regular: string; bold?: string }> = {
  'Noto Serif SC': { pkg: 'noto-serif-sc', regular: '400.css', bold: '700.css' },
  'Noto Sans SC': { pkg: 'noto-sans-sc', regular: '500.css', bold: '700.css' },
  'LXGW WenKai': { pkg: 'lxgw-wenkai', regular: 'lxgwwenkai-regular.css', bold: 'lxgwwenkai-bold.css' },
};

async function shipped(family: string, style: 'regular' | 'bold', codepoints: readonly number[]): Promise<Buffer | undefined> {
  const spec = PIECES[family];
  const sheet = style === 'bold' ? spec.bold : spec.regular;
  if (!sheet) return undefined;
  // The pieces that hold a character of the document, in the stylesheet's order.
  const files = stylesheetPieces(spec.pkg, sheet)
    .filter((p) => !p.coverage || codepoints.some((cp) => p.coverage!.has(cp)))
    .map((p) => p.file);
  if (files.length === 0) return undefined;
  const pieces: Uint8Array[] = [];
  for (const f of files) pieces.push(await truetype(f, { keep: false }));
  return Buffer.from(mergeSlices(pieces, codepoints, family, style === 'bold' ? 'Bold' : 'Regular').bytes);
}

/** An office face's file: the workspace's, or the installed one fontconfig listed when the run began (office.ts). */
function officeFile(root: string, role: RoleFace): string | undefined {
  return role.file ? path.resolve(root, role.file) : undefined;
}

async function office(file: string, text: string): Promise<{ bytes?: Buffer; family?: string; restricted: boolean }> {
  let bytes: Buffer = readFileSync(file);
  if (isCollection(bytes)) bytes = firstFace(bytes);
  // fontkit reads fsType as flags: noEmbedding is bit 1 (0x0002, "restricted licence embedding").
  const font = fontkit.create(bytes) as unknown as { familyName: string; 'OS/2'?: { fsType?: { noEmbedding?: boolean } } };
  const restricted = Boolean(font['OS/2']?.fsType?.noEmbedding);
  if (restricted) return { family: font.familyName, restricted };
  return { bytes: await subsetFont(bytes, text, { targetFormat: 'truetype' }), family: font.familyName, restricted };
}

export async function wordFaces(root: string, roles: Record<keyof FontConfig, RoleFace>, text: string): Promise<WordFaces> {
  const codepoints = [...new Set(Array.from(text, (c) => c.codePointAt(0)!))].filter((cp) => cp > 0x20).sort((a, b) => a - b);
  const names = {} as Record<keyof FontConfig, string>;
  const fonts = new Map<string, WordFont>();
  const notEmbedded: WordFaces['notEmbedded'] = [];
  for (const role of Object.keys(roles) as (keyof FontConfig)[]) {
    const r = roles[role];
    if (r.source === 'shipped') {
      const family = SHIPPED[role];
      names[role] = family;
      if (!fonts.has(family)) {
        const [data, bold] = await Promise.all([shipped(family, 'regular', codepoints), shipped(family, 'bold', codepoints)]);
        if (data) fonts.set(family, { name: family, data, ...(bold ? { bold } : {}) });
      }
      continue;
    }
    const file = officeFile(root, r);
    const got = file ? await office(file, String.fromCodePoint(...codepoints)) : undefined;
    names[role] = got?.family ?? r.face;
    if (!got) notEmbedded.push({ role, face: r.face, why: 'not-found' });
    else if (got.restricted) notEmbedded.push({ role, face: r.face, why: 'restricted' });
    else if (got.bytes && !fonts.has(names[role])) fonts.set(names[role], { name: names[role], data: got.bytes });
  }
  return { names, fonts: [...fonts.values()], notEmbedded };
}

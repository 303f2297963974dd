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

/** Where one face of an embedded font comes from. */
type Source = { kind: 'shipped'; family: string; sheet: string; style: 'Regular' | 'Bold' } | { kind: 'office'; bytes: Buffer };

/** The faces a document will embed, known before its text: the family names its runs give, and where each face comes from. */
export interface WordFacePlan {
  names: Record<keyof FontConfig, string>;
  fonts: { name: string; regular: Source; bold?: Source }[];
  notEmbedded: WordFaces['notEmbedded'];
}

function shippedSource(family: string, style: 'regular' | 'bold'): Source | undefined {
  const spec = PIECES[family];
  const sheet = style === 'bold' ? spec.bold : spec.regular;
  if (!sheet || stylesheetPieces(spec.pkg, sheet).length === 0) return undefined;
  return { kind: 'shipped', family, sheet, style: style === 'bold' ? 'Bold' : 'Regular' };
}

/** The face of `source` cut to `codepoints`: merged from the pieces that hold them, or subset by harfbuzz. */
async function cut(source: Source, codepoints: readonly number[]): Promise<Buffer> {
  if (source.kind === 'office') return subsetFont(source.bytes, String.fromCodePoint(...codepoints), { targetFormat: 'truetype' });
  const { pkg } = PIECES[source.family];
  const all = stylesheetPieces(pkg, source.sheet);
  // The pieces that hold a character of the document, in the stylesheet's order (the first
  // alone when none does: a face with .notdef only, so the document's font table stays as planned).
  const chosen = all.filter((p) => !p.coverage || codepoints.some((cp) => p.coverage!.has(cp)));
  const pieces: Uint8Array[] = [];
  for (const p of chosen.length > 0 ? chosen : all.slice(0, 1)) pieces.push(await truetype(p.file));
  return Buffer.from(mergeSlices(pieces, codepoints, source.family, source.style).bytes);
}

/** An office face's file: the workspace's, or the installed one fontconfig listed when the run began (office.ts). */
function officeFile(root: string, role: RoleFace): string | undefined {
  return role.file ? path.resolve(root, role.file) : undefined;
}

/**
 * An office face's bytes and family, and whether its licence forbids embedding it: read once a
 * run, not once a document (an office face is often 10 MB or more).
 */
const offices = new Map<string, { bytes: Buffer; family: string; restricted: boolean }>();
function office(file: string): { bytes: Buffer; family: string; restricted: boolean } {
  let known = offices.get(file);
  if (!known) offices.set(file, (known = readOffice(file)));
  return known;
}

function readOffice(file: string): { bytes: Buffer; family: string; restricted: boolean } {
  let bytes: Buffer = readFileSync(file);
  if (isCollection(bytes)) bytes = firstFace(bytes);
  // fontkit reads fsType as flags: noEmbedding is bit 1 (0x0002, "restricted licence embedding").
  const font = fontkit.create(bytes) as unknown as { familyName: string; 'OS/2'?: { fsType?: { noEmbedding?: boolean } } };
  return { bytes, family: font.familyName, restricted: Boolean(font['OS/2']?.fsType?.noEmbedding) };
}

export function planWordFaces(root: string, roles: Record<keyof FontConfig, RoleFace>): WordFacePlan {
  const names = {} as Record<keyof FontConfig, string>;
  const fonts = new Map<string, WordFacePlan['fonts'][number]>();
  const notEmbedded: WordFaces['notEmbedded'] = [];
  for (const role of Object.keys(roles) as (keyof FontConfig)[]) {
    const r = roles[role];
    if (r.source === 'shipped') {
      const family = SHIPPED[role];
      names[role] = family;
      const regular = shippedSource(family, 'regular');
      const bold = shippedSource(family, 'bold');
      if (!fonts.has(family) && regular) fonts.set(family, { name: family, regular, ...(bold ? { bold } : {}) });
      continue;
    }
    const file = officeFile(root, r);
    const got = file ? office(file) : undefined;
    names[role] = got?.family ?? r.face;
    if (!got) notEmbedded.push({ role, face: r.face, why: 'not-found' });
    else if (got.restricted) notEmbedded.push({ role, face: r.face, why: 'restricted' });
    else if (!fonts.has(names[role])) fonts.set(names[role], { name: names[role], regular: { kind: 'office', bytes: got.bytes } });
  }
  return { names, fonts: [...fonts.values()], notEmbedded };
}

/**
 * The planned faces cut to what each prints, for each font its regular face, then its bold when
 * planned: none where `texts` gives a face nothing to print (docx/face-text.ts).
 */
export async function cutWordFaces(plan: WordFacePlan, texts: (family: string, bold: boolean) => string | undefined): Promise<(Buffer | undefined)[]> {
  const points = (text: string) => [...new Set(Array.from(text, (c) => c.codePointAt(0)!))].filter((cp) => cp > 0x20).sort((a, b) => a - b);
  const out: (Buffer | undefined)[] = [];
  for (const f of plan.fonts)
    for (const [source, bold] of f.bold
      ? ([
          [f.regular, false],
          [f.bold, true],
        ] as const)
      : ([[f.regular, false]] as const)) {
      const text = texts(f.name, bold);
      out.push(text ? await cut(source, points(text)) : undefined);
    }
  return out;
}

/** Plan and cut at once: the faces that print `text`. */
export async function wordFaces(root: string, roles: Record<keyof FontConfig, RoleFace>, text: string): Promise<WordFaces> {
  const plan = planWordFaces(root, roles);
  const faces = await cutWordFaces(plan, () => text);
  const fonts: WordFont[] = [];
  for (const f of plan.fonts) {
    const data = faces.shift()!;
    fonts.push({ name: f.name, data, ...(f.bold ? { bold: faces.shift()! } : {}) });
  }
  return { names: plan.names, fonts, notEmbedded: plan.notEmbedded };
}

/**
 * An office's own faces. A `fonts.<role>` entry is a family name (an installed font) or a path,
 * relative to the workspace and inside it, to a .ttf, .otf, .ttc, .woff or .woff2 file. A file
 * is served to Chromium like the shipped faces, so every machine, CI included, prints the same
 * pages with no system install, and its bytes are part of each PDF's fingerprint.
 * What cannot work is said, never silent:
 *   font-missing   a file that is not there (or lies outside the workspace), a family that is
 *                  not installed: the role falls back to the next entry and the shipped face;
 *   font-outlines  a face with CFF (PostScript) outlines, which Chromium turns into Type 3
 *                  glyphs: blurred in print and unsearchable;
 *   font-features  a bulletin sets 开明式 punctuation, which halves marks through the face's
 *                  OpenType halt feature, and a face has none: Chromium then silently leaves
 *                  every mark full width in that role.
 * The file edge of fonts; fontkit reads names, outlines and character sets.
 */
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FONT_FILE, type Config, type FontConfig } from '../config/types.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { isInside } from '../files/inside.js';
import { readRegular } from '../files/read-regular.js';
import { kept, userTempDir, writeOnce } from '../files/user-temp.js';
import { firstFace, isCollection } from './ttc.js';
import type { Code } from '../messages/catalogue.js';
import { diagnostic, type Variant } from '../messages/say.js';

const MAX_FONT_BYTES = 64 * 1024 * 1024;

export interface OfficeFace {
  role: keyof FontConfig;
  /** Workspace-relative path, with forward slashes. */
  rel: string;
  /** The family name briefs gives it in CSS. */
  family: string;
  /** The face's own name (its PostScript name), for reports. */
  name: string;
  format: 'truetype' | 'opentype' | 'collection' | 'woff' | 'woff2';
  /** SHA-256 of its bytes: in the CSS, so a new file changes every fingerprint. */
  sha256: string;
  /** For a collection (.ttc): the file name, in extractedDir(), of its first face as a font of its own. */
  extracted?: string;
  codepoints: number[];
}

/** How a role will print: the first entry that works, else the shipped face. */
export interface RoleFace {
  face: string;
  source: 'workspace' | 'system' | 'shipped';
  /** Its file: relative to the workspace for a workspace file, as fontconfig lists it for an installed face. */
  file?: string;
}

export interface OfficeFonts {
  faces: OfficeFace[];
  roles: Record<keyof FontConfig, RoleFace>;
  diagnostics: Diagnostic[];
}

const FORMATS: Record<string, OfficeFace['format']> = { ttf: 'truetype', otf: 'opentype', ttc: 'collection', woff: 'woff', woff2: 'woff2' };

export const officeFamily = (role: string, index: number) => `briefs office ${role} ${index + 1}`;

export async function loadOfficeFonts(config: Config, shipped: Record<keyof FontConfig, string>): Promise<OfficeFonts> {
  const faces: OfficeFace[] = [];
  const diagnostics: Diagnostic[] = [];
  const file = config.file ? path.relative(config.root, config.file).split(path.sep).join('/') : 'briefs.config.yaml';
  const roles = {} as Record<keyof FontConfig, RoleFace>;
  const kaiming = Object.values(config.bulletins)
    .filter((b) => b.punctuation === 'kaiming')
    .map((b) => b.id);
  /** The font-features warning's values, for warn(). */
  const noHalt = (role: string): Record<string, string> => ({ role, bulletins: kaiming.join('、'), ids: kaiming.join(', ') });
  let realRoot: string | undefined;
  for (const role of Object.keys(config.fonts) as (keyof FontConfig)[]) {
    for (const [index, entry] of config.fonts[role].entries()) {
      const field = `fonts.${role}`;
      const warn = <C extends Code>(code: C, data: Record<string, string> = {}, variant?: Variant<C>) =>
        diagnostics.push(diagnostic(code, { severity: 'warning', file, field }, { entry, ...data }, variant));
      if (!FONT_FILE.test(entry)) {
        const installed = systemFamily(entry);
        if (installed === 'unknown') continue;
        if (!installed) warn('font-missing', { role });
        else if (installed.cff) warn('font-outlines');
        if (installed && kaiming.length > 0 && installed.file) {
          const facts = await faceFacts(installed.file);
          if (typeof facts === 'object' && !facts.halt) warn('font-features', noHalt(role));
        }
        if (installed && !roles[role]) roles[role] = { face: entry, source: 'system', ...(installed.file ? { file: installed.file } : {}) };
        continue;
      }
      realRoot ??= realpathSync(config.root);
      const abs = path.resolve(config.root, entry);
      let real: string | undefined;
      try {
        real = realpathSync(abs);
      } catch {
        // missing: said below
      }
      if (!real || !isInside(realRoot, real)) {
        warn('font-missing', {}, real ? 'outside' : 'no-file');
        continue;
      }
      const facts = await faceFacts(real);
      if (facts === 'unreadable') {
        warn('font-missing', {}, 'unreadable');
        continue;
      }
      if (facts === 'not-a-font') {
        warn('font-missing', {}, 'not-a-font');
        continue;
      }
      if (facts.cff) warn('font-outlines');
      if (kaiming.length > 0 && !facts.halt) warn('font-features', noHalt(role));
      const face: OfficeFace = {
        role,
        rel: path.relative(config.root, abs).split(path.sep).join('/'),
        family: officeFamily(role, index),
        name: facts.name ?? path.basename(entry),
        // Chromium takes no collection as a web font: its first face is served as a font of its own.
        format: facts.extracted ? 'truetype' : FORMATS[path.extname(entry).slice(1).toLowerCase()],
        sha256: facts.sha256,
        codepoints: facts.codepoints,
        ...(facts.extracted ? { extracted: facts.extracted } : {}),
      };
      faces.push(face);
      if (!roles[role]) roles[role] = { face: face.name, source: 'workspace', file: face.rel };
    }
    roles[role] ??= { face: shipped[role], source: 'shipped' };
  }
  return { faces, roles, diagnostics };
}

/** What briefs needs of a font file: read from the file, or as kept for its path, size and time. */
interface FaceFacts {
  /** Its PostScript name, if it has one. */
  name?: string;
  sha256: string;
  cff: boolean;
  /** Whether it has the OpenType halt feature (half-width marks), which 开明式 needs. */
  halt: boolean;
  codepoints: number[];
  extracted?: string;
}

/**
 * An office's faces are read whole, hashed and parsed by fontkit on every run otherwise: with a
 * 21 MB collection named for two roles, a rerun with nothing to do took 0.49 s instead of 0.23 s.
 * What was found is kept by the file's real path, size and modification time, as the fallback
 * faces' characters are (fallback.ts); a file written since, even to the same size, is read again.
 */
async function faceFacts(real: string): Promise<FaceFacts | 'unreadable' | 'not-a-font'> {
  const info = await stat(real).catch(() => undefined);
  // Not a regular file: no key; readRegular below says what it is.
  if (!info?.isFile()) return readFace(real);
  // A file that cannot be read, or is not a font, this time is not remembered as such.
  return kept(
    'fonts',
    'office',
    [real, info.size, info.mtimeMs],
    wellFormedFacts,
    () => readFace(real),
    (v) => typeof v === 'object',
  );
}

async function readFace(real: string): Promise<FaceFacts | 'unreadable' | 'not-a-font'> {
  const read = await readRegular(real, { maxBytes: MAX_FONT_BYTES });
  if (!('bytes' in read)) return 'unreadable';
  // fontkit reads a font lazily: a table directory that points past the file, or a collection
  // that claims 100,000 faces, fails (or yields undefined) only when a table is asked for. So
  // everything is asked for here, and any failure makes the file "not a font" (a located
  // warning), never a crash of the run.
  try {
    // fontkit loads only for a workspace that names a font file, and only when it is new.
    const { create } = await import('fontkit');
    const opened = create(read.bytes);
    const font = 'fonts' in opened ? (opened as unknown as { fonts: (typeof opened)[] }).fonts[0] : opened;
    if (!font) return 'not-a-font';
    const tables = (font as unknown as { directory?: { tables?: Record<string, unknown> } }).directory?.tables ?? {};
    const codepoints = (font as { characterSet?: number[] }).characterSet ?? [];
    if (!Array.isArray(codepoints) || !codepoints.every((n) => Number.isInteger(n))) return 'not-a-font';
    const name = (font as { postscriptName?: unknown }).postscriptName;
    const features = (font as { availableFeatures?: unknown }).availableFeatures;
    const sha256 = createHash('sha256').update(read.bytes).digest('hex');
    return {
      name: typeof name === 'string' ? name : undefined,
      sha256,
      cff: Boolean(tables['CFF '] || tables.CFF2),
      halt: Array.isArray(features) && features.includes('halt'),
      codepoints,
      ...(isCollection(read.bytes) ? { extracted: extractedFile(sha256, read.bytes) } : {}),
    };
  } catch {
    return 'not-a-font';
  }
}

function wellFormedFacts(v: unknown): v is FaceFacts {
  const f = v as Partial<FaceFacts> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    (f.name === undefined || typeof f.name === 'string') &&
    typeof f.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(f.sha256) &&
    typeof f.cff === 'boolean' &&
    typeof f.halt === 'boolean' &&
    Array.isArray(f.codepoints) &&
    f.codepoints.every((n) => Number.isInteger(n)) &&
    // A collection's first face must still be there to be served.
    (f.extracted === undefined || (f.extracted === `${f.sha256.slice(0, 32)}.ttf` && existsSync(path.join(extractedDir(), f.extracted))))
  );
}

/** Where the first faces of collections are written, once a file; served at /_fonts/office/<name>. */
export const extractedDir = (): string => userTempDir('fonts');

function extractedFile(sha256: string, bytes: Uint8Array): string {
  const name = `${sha256.slice(0, 32)}.ttf`;
  writeOnce(path.join(extractedDir(), name), () => firstFace(bytes));
  return name;
}

interface Installed {
  cff: boolean;
  /** The file of its first face, as fontconfig lists it. */
  file?: string;
}

let installed: Map<string, Installed> | null | undefined;

/** An installed family by any of its names, whether its outlines are CFF, and its file (fc-list; none without fontconfig). */
function systemFamily(family: string): Installed | undefined | 'unknown' {
  if (installed === undefined) {
    try {
      // child_process is loaded here, where fc-list runs, not with every command (a few ms of each start).
      const out = process.getBuiltinModule('node:child_process').execFileSync('fc-list', ['--format', '%{family}\\t%{fontformat}\\t%{file}\\n'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 10_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      installed = new Map();
      for (const line of out.split('\n')) {
        const [families, format, file] = line.split('\t');
        for (const f of (families ?? '').split(',')) {
          if (!f) continue;
          const known = installed.get(f.trim().toLowerCase());
          installed.set(f.trim().toLowerCase(), { cff: (known?.cff ?? false) || format === 'CFF', file: known?.file ?? (file || undefined) });
        }
      }
    } catch {
      installed = null;
    }
  }
  if (installed === null) return 'unknown';
  return installed.get(family.trim().toLowerCase());
}

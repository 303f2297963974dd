/**
 * The fallback faces for rare Han characters (CJK extensions A–F, compatibility ideographs),
 * which the shipped Noto and LXGW faces lack: 刘䶮 (U+4DAE), 王𬱖 (U+2CC56). Hanazono Mincho
 * (花園明朝, free licence) has TrueType outlines, so Chromium embeds it as a CID TrueType subset,
 * never as Type 3. It is too large to ship inside the npm package (53 MB), so `npm run setup`
 * installs Debian's fonts-hanazono and briefs looks for it there; without it, `validate` names
 * every character that cannot print. Chromium loads a face only when a page uses a character of
 * its unicode-range, so an issue without rare characters never reads the files.
 */
import { stat } from 'node:fs/promises';
import { kept } from '../files/user-temp.js';
import { needsGlyph, unicodeRange } from './coverage.js';

export const FALLBACK_FAMILY = 'briefs Han fallback';

/** Where Debian's fonts-hanazono puts its files; BRIEFS_FALLBACK_FONTS (a path list) replaces it. */
const DEBIAN_FILES = ['/usr/share/fonts/truetype/hanazono/HanaMinA.ttf', '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf'];

/** The Han blocks a fallback face is used for: everything else comes from the shipped faces. */
const HAN_BLOCKS: [number, number][] = [
  [0x2e80, 0x2fdf], // radicals
  [0x31c0, 0x31ef], // strokes
  [0x3400, 0x4dbf], // extension A
  [0x4e00, 0x9fff], // unified ideographs (the few the shipped faces lack)
  [0xf900, 0xfaff], // compatibility ideographs
  [0x20000, 0x2ebef], // extensions B–F
  [0x2f800, 0x2fa1f], // compatibility supplement
  [0x30000, 0x323af], // extensions G–H
];

export interface FallbackFace {
  /** Absolute path of the font file. */
  file: string;
  /** Its name in URLs: the file's base name. */
  name: string;
  /** Han code points the face has and no face before it in the list has. */
  codepoints: number[];
  /** The same as a CSS unicode-range, made once a run (it is tens of thousands of code points). */
  unicodeRange: string;
  /** Size and modification time, for fingerprints. */
  stamp: string;
}

const cache = new Map<string, Promise<FallbackFace[]>>();

export function fallbackFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = env.BRIEFS_FALLBACK_FONTS;
  return list === undefined ? DEBIAN_FILES : list.split(':').filter(Boolean);
}

/** The fallback faces found on this machine, each with the Han characters it adds. Read once a run. */
export function loadFallbackFaces(files = fallbackFiles()): Promise<FallbackFace[]> {
  const key = files.join('\0');
  let found = cache.get(key);
  if (!found) {
    found = readFaces(files);
    cache.set(key, found);
  }
  return found;
}

const codepoint = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 0x10ffff;

const integers = (v: unknown): v is number[] => Array.isArray(v) && v.every(codepoint);

/**
 * The code points of a TrueType face (empty for any other), kept between runs by path, size and
 * time: parsing Hanazono's 53 MB with fontkit took a quarter of a second of every run, even one
 * with nothing to print. A file fontkit cannot read counts as empty, and is tried again next run.
 */
async function characters(file: string, stamp: string): Promise<number[]> {
  return kept('fonts', 'chars', [file, stamp], integers, async () => {
    const { openSync } = await import('fontkit');
    const font = openSync(file);
    // TrueType outlines only: a CFF face would print as Type 3 glyphs.
    const tables = (font as unknown as { directory?: { tables?: Record<string, unknown> } }).directory?.tables;
    return 'characterSet' in font && tables?.glyf ? font.characterSet : [];
  }).catch(() => []);
}

async function readFaces(files: string[]): Promise<FallbackFace[]> {
  const found: { file: string; stamp: string }[] = [];
  for (const file of files) {
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) found.push({ file, stamp: `${info.size}-${info.mtimeMs}` });
  }
  // The faces as a whole are kept too: choosing the Han code points of each (a test a code
  // point, tens of thousands) and writing their ranges took 25 ms of every run.
  return kept(
    'fonts',
    'faces',
    found,
    (v): v is FallbackFace[] => wellFormedFaces(v, found),
    async () => {
      const faces: FallbackFace[] = [];
      const seen = new Set<number>();
      for (const { file, stamp } of found) {
        const chars = await characters(file, stamp);
        if (chars.length === 0) continue;
        const codepoints = chars.filter((cp) => !seen.has(cp) && needsGlyph(cp) && HAN_BLOCKS.some(([a, b]) => cp >= a && cp <= b));
        for (const cp of codepoints) seen.add(cp);
        if (codepoints.length > 0) faces.push({ file, name: file.split('/').pop()!, codepoints, unicodeRange: unicodeRange(codepoints), stamp });
      }
      return faces;
    },
  );
}

/**
 * A unicode-range as coverage.ts writes it, and nothing else: the value goes into an
 * @font-face rule of every page, so a kept file with any other text in it is not used.
 */
const UNICODE_RANGE = /^U\+[0-9A-F]{1,6}(?:-[0-9A-F]{1,6})?(?:, ?U\+[0-9A-F]{1,6}(?:-[0-9A-F]{1,6})?)*$/i;

/** A kept list of faces, of the files it was made from, in their order (and every value checked). */
function wellFormedFaces(faces: unknown, found: readonly { file: string; stamp: string }[]): faces is FallbackFace[] {
  if (!Array.isArray(faces)) return false;
  const files = new Map(found.map((f) => [f.file, f.stamp]));
  return faces.every((f: Partial<FallbackFace>) => {
    return (
      typeof f?.file === 'string' &&
      files.get(f.file) === f.stamp &&
      f.name === f.file.split('/').pop() &&
      typeof f.unicodeRange === 'string' &&
      UNICODE_RANGE.test(f.unicodeRange) &&
      Array.isArray(f.codepoints) &&
      f.codepoints.every(codepoint)
    );
  });
}

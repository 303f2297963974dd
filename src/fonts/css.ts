/**
 * Fonts ship with the tool, so every machine prints the same pages. They come from npm packages
 * (development dependencies); `npm run build` copies the files briefs uses (two weights of
 * each, woff2 only: 26 MB of the packages' 193 MB) into lib/font-files/, which is what an
 * install of briefs carries (scripts/bundle.mjs). Their
 * woff2 files have TrueType outlines, which Chromium embeds as CID TrueType subsets (CFF
 * fonts would become Type 3). Each role's stack starts with the families the workspace names
 * (an office's licensed 仿宋_GB2312) and ends with the shipped face.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontConfig } from '../config/types.js';
import { Coverage } from './coverage.js';
import { FALLBACK_FAMILY, fallbackFiles, type FallbackFace } from './fallback.js';
import { FONT_FILE } from '../config/types.js';
import { extractedDir, officeFamily, type OfficeFace } from './office.js';

const require = createRequire(import.meta.url);

/**
 * Shipped font packages (by the name their URLs use), the npm package each comes from, and the
 * stylesheets of the weights briefs uses. @fontsource/lxgw-wenkai holds Latin only, so 楷体
 * text printed in Noto Serif; lxgw-wenkai-webfont has the whole face, cut by unicode-range.
 */
export const FONT_PACKAGES: Record<string, { npm: string; family: string; files: string[] }> = {
  'noto-serif-sc': { npm: '@fontsource/noto-serif-sc', family: 'Noto Serif SC', files: ['400.css', '700.css'] },
  'noto-sans-sc': { npm: '@fontsource/noto-sans-sc', family: 'Noto Sans SC', files: ['500.css', '700.css'] },
  'lxgw-wenkai': { npm: 'lxgw-wenkai-webfont', family: 'LXGW WenKai', files: ['lxgwwenkai-regular.css', 'lxgwwenkai-bold.css'] },
};

/**
 * Where `npm run build` copies the shipped faces' files: lib/font-files/<name>/, two folders above
 * every module of src/, lib/ and lib/bundle/.
 */
const VENDORED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../lib/font-files');
const packageDirs = new Map<string, string>();

/** The folder of a shipped face's files: the copy the build made, else (a checkout not yet built) its npm package. */
export function fontPackageDir(pkg: string): string {
  let dir = packageDirs.get(pkg);
  if (!dir) {
    const own = path.join(VENDORED, pkg);
    dir = existsSync(path.join(own, 'package.json')) ? own : path.dirname(require.resolve(`${FONT_PACKAGES[pkg].npm}/package.json`));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

/** The shipped packages and their versions, for fingerprints and caches: a new version of a face is a new print. */
export const FONT_VERSIONS = Object.entries(FONT_PACKAGES)
  .map(([pkg, { npm }]) => `${npm}@${(JSON.parse(readFileSync(path.join(fontPackageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version}`)
  .join(',');

export const SHIPPED: Record<keyof FontConfig, string> = {
  song: 'Noto Serif SC',
  fang: 'Noto Serif SC',
  xiaobiaosong: 'Noto Serif SC',
  hei: 'Noto Sans SC',
  kai: 'LXGW WenKai',
};

/** The file behind a font URL's package and file name: shipped, fallback, or a collection's face. */
export function fontFile(pkg: string, file: string): string {
  if (pkg === FALLBACK_DIR) return fallbackFiles().find((f) => path.basename(f) === file) ?? file;
  if (pkg === OFFICE_DIR) return path.join(extractedDir(), path.basename(file));
  return path.join(fontPackageDir(pkg), 'files', file);
}

/**
 * A weight's stylesheet in a face's folder: fontsource names the regular weight index.css in some
 * packages and 400.css in others. Shared with the build, which copies what it finds (scripts/bundle.mjs,
 * through lib/: knip cannot see that use).
 * @public
 */
export function packageCssFile(dir: string, file: string): string | undefined {
  return (file === '400.css' ? ['400.css', 'index.css'] : [file]).map((c) => path.join(dir, c)).find((p) => existsSync(p));
}

const cssCache = new Map<string, string>();

function packageCss(pkg: string, file: string): string {
  const key = `${pkg}/${file}`;
  let css = cssCache.get(key);
  if (css === undefined) {
    const found = packageCssFile(fontPackageDir(pkg), file);
    if (!found) throw new Error(`font package @fontsource/${pkg} has no ${file}`);
    css = readFileSync(found, 'utf8');
    cssCache.set(key, css);
  }
  return css;
}

/** The URL folder of the fallback faces, beside the shipped packages: /_fonts/fallback/<file>. */
export const FALLBACK_DIR = 'fallback';
/** The URL folder of the first faces of office collections: /_fonts/office/<file>. */
export const OFFICE_DIR = 'office';

/** A file name inside a CSS comment: one that holds "*\/" would close the comment early. */
const comment = (s: string) => s.replace(/\*\//g, '*\u200b/').replace(/[\n\r]/g, ' ');

/**
 * @font-face rules for every shipped face (woff2 only) and the fallback faces, with URLs made by
 * `fontUrl`. A fallback face's rule names its size and date, so a new file changes fingerprints.
 */
export function fontFaceCss(
  urls: { font(pkg: string, file: string): string; asset(rel: string): string },
  faces: { fallback?: readonly FallbackFace[]; office?: readonly OfficeFace[] } = {},
): string {
  const fontUrl = (pkg: string, file: string) => urls.font(pkg, file);
  const fallback = faces.fallback ?? [];
  const out: string[] = [];
  // An office face covers every weight: Chromium would otherwise embolden a face with no bold
  // by drawing it twice, as Type 3 glyphs. Its hash makes a new file a new fingerprint.
  for (const face of faces.office ?? []) {
    const url = face.extracted ? fontUrl(OFFICE_DIR, face.extracted) : urls.asset(face.rel);
    out.push(
      `/* ${comment(face.rel)} ${face.sha256} */\n@font-face {\n  font-family: '${face.family}';\n  font-weight: 100 900;\n  src: url(${url}) format('${face.format}');\n}`,
    );
  }
  for (const face of fallback) {
    for (const weight of [400, 700]) {
      out.push(
        `/* ${comment(face.name)} ${face.stamp} */\n@font-face {\n  font-family: '${FALLBACK_FAMILY}';\n  font-weight: ${weight};\n  src: url(${fontUrl(FALLBACK_DIR, face.name)}) format('truetype');\n  unicode-range: ${face.unicodeRange};\n}`,
      );
    }
  }
  for (const [pkg, { files }] of Object.entries(FONT_PACKAGES)) {
    for (const file of files) {
      out.push(
        packageCss(pkg, file)
          // woff2 only: the woff fallback is never needed by Chromium and doubles the requests.
          .replace(
            /url\(['"]?\.\/files\/([^)'"]+?\.woff2)['"]?\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g,
            (_, f: string) => `url(${fontUrl(pkg, f)}) format('woff2')`,
          )
          .replace(/url\(['"]?\.\/files\/([^)'"]+)['"]?\)/g, (_, f: string) => `url(${fontUrl(pkg, f)})`),
      );
    }
  }
  return out.join('\n');
}

/**
 * CSS custom properties --font-song, --font-fang … for the stylesheets. Each stack runs: the
 * office's faces, the role's shipped face, the Han fallback (a 明朝, close to 宋 and 仿宋), the other shipped faces. So a
 * character prints if any face briefs serves has it, and `fontCoverage` can say which do.
 */
export function fontRoleCss(fonts: FontConfig): string {
  const shipped = [...new Set(Object.values(FONT_PACKAGES).map((p) => p.family))];
  const lines = (Object.keys(SHIPPED) as (keyof FontConfig)[]).map((role) => {
    const office = fonts[role].map((entry, i) => (FONT_FILE.test(entry) ? officeFamily(role, i) : entry));
    const stack = [...new Set([...office, SHIPPED[role], FALLBACK_FAMILY, ...shipped])].map(quoteFamily).join(', ');
    return `  --font-${role}: ${stack};`;
  });
  return `:root {\n${lines.join('\n')}\n}`;
}

function quoteFamily(name: string): string {
  return `"${name.replace(/[\\"]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;
}

/** Every character the shipped faces and the fallback faces can print. */
export function fontCoverage(fallback: readonly FallbackFace[], office: readonly OfficeFace[] = []): Coverage {
  const coverage = new Coverage();
  for (const face of office) coverage.addAll(face.codepoints);
  for (const [pkg, { files }] of Object.entries(FONT_PACKAGES)) {
    for (const file of files) for (const m of packageCss(pkg, file).matchAll(/unicode-range:([^;]+);/g)) coverage.addUnicodeRange(m[1]);
  }
  for (const face of fallback) coverage.addAll(face.codepoints);
  return coverage;
}

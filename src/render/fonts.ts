/**
 * Fonts ship with the tool as npm packages, so every machine prints the same pages. Their
 * woff2 files have TrueType outlines, which Chromium embeds as CID TrueType subsets (CFF
 * fonts would become Type 3). Each role's stack starts with the families the workspace names
 * (an office's licensed 仿宋_GB2312) and ends with the shipped face.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FontConfig } from '../config/types.js';

const require = createRequire(import.meta.url);

/** Shipped font packages and the weights briefs uses from each. */
export const FONT_PACKAGES: Record<string, { family: string; files: string[] }> = {
  'noto-serif-sc': { family: 'Noto Serif SC', files: ['400.css', '700.css'] },
  'noto-sans-sc': { family: 'Noto Sans SC', files: ['500.css', '700.css'] },
  'lxgw-wenkai': { family: 'LXGW WenKai', files: ['400.css', '700.css'] },
};

const SHIPPED: Record<keyof FontConfig, string> = {
  song: 'Noto Serif SC',
  fang: 'Noto Serif SC',
  xiaobiaosong: 'Noto Serif SC',
  hei: 'Noto Sans SC',
  kai: 'LXGW WenKai',
};

export function fontPackageDir(pkg: string): string {
  return path.dirname(require.resolve(`@fontsource/${pkg}/package.json`));
}

const cssCache = new Map<string, string>();

function packageCss(pkg: string, file: string): string {
  const key = `${pkg}/${file}`;
  let css = cssCache.get(key);
  if (css === undefined) {
    // fontsource names the regular weight index.css in some packages and 400.css in others.
    const dir = fontPackageDir(pkg);
    const candidates = file === '400.css' ? ['400.css', 'index.css'] : [file];
    const found = candidates.map((c) => path.join(dir, c)).find((p) => existsSync(p));
    if (!found) throw new Error(`font package @fontsource/${pkg} has no ${file}`);
    css = readFileSync(found, 'utf8');
    cssCache.set(key, css);
  }
  return css;
}

/** @font-face rules for every shipped face, with URLs made by `fontUrl` (woff2 only). */
export function fontFaceCss(fontUrl: (pkg: string, file: string) => string): string {
  const out: string[] = [];
  for (const [pkg, { files }] of Object.entries(FONT_PACKAGES)) {
    for (const file of files) {
      out.push(
        packageCss(pkg, file)
          // woff2 only: the woff fallback is never needed by Chromium and doubles the requests.
          .replace(/url\(\.\/files\/([^)]+?\.woff2)\)\s*format\('woff2'\)\s*,\s*url\([^)]+\)\s*format\('woff'\)/g, (_, f: string) => `url(${fontUrl(pkg, f)}) format('woff2')`)
          .replace(/url\(\.\/files\/([^)]+)\)/g, (_, f: string) => `url(${fontUrl(pkg, f)})`),
      );
    }
  }
  return out.join('\n');
}

/** CSS custom properties --font-song, --font-fang … for the stylesheets. */
export function fontRoleCss(fonts: FontConfig): string {
  const lines = (Object.keys(SHIPPED) as (keyof FontConfig)[]).map((role) => {
    const stack = [...fonts[role], SHIPPED[role]].map(quoteFamily).join(', ');
    return `  --font-${role}: ${stack};`;
  });
  return `:root {\n${lines.join('\n')}\n}`;
}

function quoteFamily(name: string): string {
  return `"${name.replace(/[\\"]/g, '\\$&').replace(/[\n\r]/g, ' ')}"`;
}

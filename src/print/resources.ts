/**
 * What the print page (and the preview server) may load: the shipped fonts and image files of
 * the workspace. Everything else is refused. URL paths:
 *   /_fonts/<package>/<file>   a file of a shipped font package (see fonts/css.ts)
 *   /_fonts/fallback/<file>    a fallback face (see fonts/fallback.ts), by its base name
 *   /_fonts/office/<hash>.ttf  the first face of an office's font collection (fonts/office.ts)
 *   /_workspace/<path>         an image inside the workspace root
 * Percent-encoding is decoded once and the result must still lie inside the folder it names,
 * so "..", "%2e%2e" and "%2f" lead nowhere.
 */
import { realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { isInside } from '../files/inside.js';
import { readRegular } from '../files/read-regular.js';
import { fallbackFiles } from '../fonts/fallback.js';
import { FALLBACK_DIR, FONT_PACKAGES, fontFile, fontPackageDir, OFFICE_DIR } from '../fonts/css.js';

const TYPES: Record<string, string> = {
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.ttc': 'font/collection',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

export interface Resource {
  file: string;
  contentType: string;
}

/** The file behind a URL path, or undefined when the path is not one briefs serves. */
export async function resolveResource(urlPath: string, root: string): Promise<Resource | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p === '.')) return undefined;
  let base: string;
  let rest: string[];
  if (parts[0] === '_fonts' && parts.length === 3 && parts[1] === FALLBACK_DIR) {
    const file = fallbackFiles().find((f) => path.basename(f) === parts[2]);
    if (!file) return undefined;
    base = path.dirname(file);
    rest = [path.basename(file)];
  } else if (parts[0] === '_fonts' && parts.length === 3 && parts[1] === OFFICE_DIR && /^[0-9a-f]{32}\.ttf$/.test(parts[2])) {
    base = path.dirname(fontFile(OFFICE_DIR, parts[2]));
    rest = [parts[2]];
  } else if (parts[0] === '_fonts' && parts.length === 3 && Object.hasOwn(FONT_PACKAGES, parts[1])) {
    base = path.join(fontPackageDir(parts[1]), 'files');
    rest = parts.slice(2);
  } else if (parts[0] === '_workspace' && parts.length >= 2) {
    base = root;
    rest = parts.slice(1);
  } else return undefined;
  const contentType = TYPES[path.extname(rest[rest.length - 1]).toLowerCase()];
  if (!contentType) return undefined;
  const file = path.join(base, ...rest);
  // Symbolic links may not lead out of the folder either.
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(file)]);
    if (!isInside(realBase, realFile)) return undefined;
    return { file: realFile, contentType };
  } catch {
    return undefined;
  }
}

/** Fonts are the largest files served: a Hanazono face is 30 MB. */
const MAX_RESOURCE_BYTES = 64 * 1024 * 1024;

/** A resource's bytes, if it is still a regular file of a sane size (see files/read-regular.ts). */
export async function readResource(resource: Resource): Promise<Buffer | undefined> {
  const read = await readRegular(resource.file, { maxBytes: MAX_RESOURCE_BYTES });
  return 'bytes' in read ? read.bytes : undefined;
}

/**
 * Answers a request for a font or a workspace image, or 404. Fonts are files of a shipped
 * package and never change, so Chromium may keep them; images are asked for again each time.
 */
export async function sendResource(res: ServerResponse, urlPath: string, root: string): Promise<void> {
  const resource = await resolveResource(urlPath, root);
  if (!resource) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  const body = await readResource(resource);
  if (!body) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': resource.contentType,
    'cache-control': resource.contentType.startsWith('font/') ? 'max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    // Only the server's own pages may embed them: no other site can read a workspace image.
    'cross-origin-resource-policy': 'same-origin',
  });
  res.end(body);
}

/**
 * URLs of fonts and workspace images in printed and previewed documents: relative to the
 * server that serves the document, so the HTML (and its fingerprint) does not depend on a port.
 */
export const printUrls = {
  font: (pkg: string, file: string) => `/_fonts/${pkg}/${file}`,
  asset: (rel: string) => `/_workspace/${rel.split('/').map(encodeURIComponent).join('/')}`,
};

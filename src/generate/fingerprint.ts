/**
 * What an issue's PDF is made of, as one hash: the source of the HTML that is printed (the
 * templates and the data they are given, which hold the issue file, its submissions, the
 * styles, the font settings and the config), the bytes of every workspace image it shows, the
 * PDF's metadata, the briefs version and the versions of the shipped fonts. An unchanged
 * fingerprint means an unchanged PDF.
 */
import { createHash } from 'node:crypto';
import { FONT_VERSIONS } from '../fonts/css.js';
import { VERSION } from '../version.js';
import { readResource, resolveResource } from '../print/resources.js';

export async function fingerprint(source: string, root: string, metadata: object): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`briefs ${VERSION}\n${FONT_VERSIONS}\n${JSON.stringify(metadata)}\n`);
  hash.update(source);
  // Image URLs, quoted in the HTML or escaped in JSON: up to the first quote, backslash or space.
  const assets = new Set([...source.matchAll(/\/_workspace\/[^"'\\\s)<>]+/g)].map((m) => m[0]));
  for (const url of [...assets].sort()) {
    const resource = await resolveResource(url, root);
    hash.update(`\n${url}\n`);
    const bytes = resource && (await readResource(resource));
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

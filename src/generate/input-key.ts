/**
 * What an issue's HTML is made of, hashed without rendering it: the briefs version, the shipped
 * fonts' versions, the @font-face rules, the config, every template and stylesheet, the
 * assembled issue (its file and its submissions as parsed, with their line numbers), and the
 * bytes of each workspace image its render asked about. Rendering is a pure function of these,
 * so an unchanged key means an unchanged HTML, fingerprint and PDF: a rerun with nothing changed
 * skips Handlebars and marked altogether. The key only ever saves a render; any difference, or a
 * manifest without a key, falls back to rendering and comparing fingerprints, as before.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AssembledIssue } from '../assemble/issue.js';
import type { Project } from '../workspace/project.js';
import { FONT_VERSIONS } from '../fonts/css.js';
import { VERSION } from '../version.js';

/** The part every issue of a run shares, hashed once a run. */
export function runInputs(project: Project, fontFacesKey: string): string {
  const { layouts, partials, styles } = project.templates;
  return createHash('sha256')
    .update(JSON.stringify([`briefs ${VERSION}`, FONT_VERSIONS, fontFacesKey, project.config, layouts, partials, styles]))
    .digest('hex');
}

/** `images`: the workspace-relative paths the issue's render looked up, found or not. */
export async function inputKey(project: Project, run: string, assembled: AssembledIssue, images: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(run).update(JSON.stringify(assembled));
  for (const rel of images) {
    // What the render was told about the image (missing, outside, too large…), and the bytes of
    // one it could show: only a file the project's own check let through is read.
    const problem = project.assetProblem(rel);
    hash.update(`\n${rel}\n${problem ?? 'ok'}\n`);
    if (problem) continue;
    const bytes = await readFile(path.join(project.config.root, rel)).catch(() => undefined);
    hash.update(bytes ? `${bytes.length}\n` : 'unreadable\n');
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}

import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Project } from '../workspace/project.js';
import type { IssueResult } from './run.js';
import { isRecorded, stillWritten, type Manifest } from './manifest.js';

/**
 * An issue whose file is gone (withdrawn, renamed to another number) leaves a PDF in the output
 * folder, where CI would upload it with the rest. The manifest says which issue file each PDF
 * was printed from; when that file and its issue are both gone, the PDF and what is beside it go too.
 * Only files the manifest records, at the size it records, are removed: nothing briefs did not
 * write. A file changed since is left where it is and forgotten by the manifest.
 */
export async function removeOrphans(project: Project, manifest: Manifest, outDir: string, onResult?: (r: IssueResult) => void): Promise<IssueResult[]> {
  const live = new Set(project.issues.map((i) => i.id));
  const out: IssueResult[] = [];
  for (const [id, entry] of Object.entries(manifest)) {
    if (!entry.file || live.has(id) || existsSync(path.join(project.config.root, entry.file))) continue;
    delete manifest[id];
    const pdf = path.join(outDir, entry.pdf);
    if (!(await isRecorded(pdf, entry))) continue;
    await rm(pdf, { force: true });
    // And what was written beside it: its HTML; its Word edition and long image when they are
    // still the bytes briefs wrote (an editor may have changed the .docx: that stays).
    if (entry.html) await rm(path.join(outDir, entry.html), { force: true });
    for (const [beside, hash] of [
      [entry.docx, entry.docxSha256],
      [entry.png, entry.pngSha256],
      [entry.ofd, entry.ofdSha256],
    ]) {
      if (beside && hash && (await stillWritten(path.join(outDir, beside), hash))) await rm(path.join(outDir, beside), { force: true });
    }
    const m = /^([^/]+)\/(\d+)\/(s?)(\d+)$/.exec(id);
    const r: IssueResult = {
      id,
      publication: m?.[1] ?? id,
      year: Number(m?.[2] ?? 0),
      number: Number(m?.[4] ?? 0),
      supplement: m?.[3] === 's',
      pdf,
      ms: 0,
      status: 'removed',
      diagnostics: [],
    };
    onResult?.(r);
    out.push(r);
  }
  return out;
}

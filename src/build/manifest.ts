/**
 * The output folder remembers what each PDF was made from (`.briefs-manifest.json`), so an
 * unchanged issue is not printed again. A PDF that is missing or not the size recorded is
 * printed again whatever the manifest says.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from './write-atomic.js';

export interface ManifestEntry {
  fingerprint: string;
  /** The issue file it was printed from (workspace-relative): when that is gone, so is the PDF. */
  file?: string;
  pdf: string;
  bytes: number;
  pages: number;
  html?: string;
}

export type Manifest = Record<string, ManifestEntry>;

export const MANIFEST = '.briefs-manifest.json';

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const data = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as { issues?: Manifest };
    return data.issues ?? {};
  } catch {
    return {};
  }
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  await writeAtomic(path.join(outDir, MANIFEST), `${JSON.stringify({ issues: sorted }, null, 2)}\n`);
}

/** The entry, if the files it describes are still there as written. */
export async function stillValid(outDir: string, entry: ManifestEntry | undefined, fingerprint: string, wantHtml: boolean): Promise<boolean> {
  if (!entry || entry.fingerprint !== fingerprint) return false;
  try {
    if ((await stat(path.join(outDir, entry.pdf))).size !== entry.bytes) return false;
    if (wantHtml) {
      if (!entry.html) return false;
      await stat(path.join(outDir, entry.html));
    }
    return true;
  } catch {
    return false;
  }
}

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
    const data = JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as { issues?: unknown };
    return wellFormed(data?.issues);
  } catch {
    return {};
  }
}

/**
 * Only entries of the right shape are kept: a manifest edited by hand or cut short must cost a
 * reprint, never fail an issue or crash the run.
 */
export function wellFormed(issues: unknown): Manifest {
  const out: Manifest = {};
  if (typeof issues !== 'object' || issues === null || Array.isArray(issues)) return out;
  for (const [id, e] of Object.entries(issues as Record<string, unknown>)) {
    const entry = e as Partial<ManifestEntry> | null;
    if (typeof entry !== 'object' || entry === null) continue;
    const { fingerprint, pdf, bytes, pages, html, file } = entry;
    if (typeof fingerprint !== 'string' || typeof pdf !== 'string' || typeof bytes !== 'number' || typeof pages !== 'number') continue;
    if (html !== undefined && typeof html !== 'string') continue;
    if (file !== undefined && typeof file !== 'string') continue;
    // Paths stay inside the output folder: a doctored entry cannot point removal elsewhere.
    if ([pdf, html].some((p) => p !== undefined && (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')))) continue;
    out[id] = { fingerprint, pdf, bytes, pages, ...(html !== undefined ? { html } : {}), ...(file !== undefined ? { file } : {}) };
  }
  return out;
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

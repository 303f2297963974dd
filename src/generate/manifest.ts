/**
 * The output folder remembers what each PDF was made from (`.briefs-manifest.json`), so an
 * unchanged issue is not printed again. Each PDF is recorded with the SHA-256 of its bytes as
 * soon as it is in place (the manifest is rewritten atomically after every PDF), and a PDF is
 * taken as up to date only when its bytes still hash to that: a run killed between the two
 * writes, or a PDF changed by hand, costs a reprint, never a stale PDF reported current.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../messages/diagnostic.js';
import { writeAtomic } from '../files/write-atomic.js';

export interface ManifestEntry {
  fingerprint: string;
  /** The issue file it was printed from (workspace-relative): when that is gone, so is the PDF. */
  file?: string;
  pdf: string;
  bytes: number;
  /** SHA-256 of the PDF's bytes, hex. */
  sha256: string;
  /**
   * The PDF as it stood when recorded, `inode:mtime:ctime`: the same size and stamp need no hash.
   * A change time cannot be set by hand (touch -r sets the modification time only), and a file
   * put in its place is another inode, so a planted PDF is hashed and found out.
   */
  stamp?: string;
  pages: number;
  /** The page each article starts on, in the issue's order (a volume's contents are made from them before it reads the PDFs). */
  articlePages?: number[];
  html?: string;
  /** The Word edition beside the PDF, and the SHA-256 of its bytes. */
  docx?: string;
  docxSha256?: string;
  /** Whether the PDF was asked to be archival, and what it became: '1b' (PDF/A-1b) or null. */
  archival?: boolean;
  pdfa?: '1b' | null;
  /** The long image beside the PDF, and the SHA-256 of its bytes. */
  png?: string;
  pngSha256?: string;
  /** The OFD edition beside the PDF, and the SHA-256 of its bytes. */
  ofd?: string;
  ofdSha256?: string;
  /**
   * The hash of what the issue's HTML was rendered from (generate/input-key.ts), the workspace
   * images its render looked up, and what the render reported: with an unchanged key a rerun
   * reports the same problems without rendering again.
   */
  inputs?: string;
  images?: string[];
  notes?: Diagnostic[];
}

export type Manifest = Record<string, ManifestEntry>;

export const MANIFEST = '.briefs-manifest.json';

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const text = await readFile(path.join(outDir, MANIFEST), 'utf8');
    const manifest = wellFormed((JSON.parse(text) as { issues?: unknown })?.issues);
    onDisk.set(manifest, text);
    return manifest;
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
    const {
      fingerprint,
      pdf,
      bytes,
      pages,
      html,
      file,
      sha256,
      stamp,
      articlePages,
      docx,
      docxSha256,
      png,
      pngSha256,
      ofd,
      ofdSha256,
      inputs,
      images,
      notes,
      archival,
      pdfa,
    } = entry;
    if (typeof fingerprint !== 'string' || typeof pdf !== 'string' || typeof bytes !== 'number' || typeof pages !== 'number' || typeof sha256 !== 'string')
      continue;
    if (html !== undefined && typeof html !== 'string') continue;
    if (file !== undefined && typeof file !== 'string') continue;
    if (stamp !== undefined && typeof stamp !== 'string') continue;
    if ((docx !== undefined && typeof docx !== 'string') || (docxSha256 !== undefined && typeof docxSha256 !== 'string')) continue;
    if ((png !== undefined && typeof png !== 'string') || (pngSha256 !== undefined && typeof pngSha256 !== 'string')) continue;
    if ((ofd !== undefined && typeof ofd !== 'string') || (ofdSha256 !== undefined && typeof ofdSha256 !== 'string')) continue;
    // Paths stay inside the output folder: a doctored entry cannot point removal elsewhere.
    if ([pdf, html, docx, png, ofd].some((p) => p !== undefined && (path.isAbsolute(p) || p.split(/[\\/]/).includes('..')))) continue;
    out[id] = {
      fingerprint,
      pdf,
      bytes,
      pages,
      sha256,
      ...(stamp !== undefined ? { stamp } : {}),
      ...(Array.isArray(articlePages) && articlePages.every((p) => Number.isInteger(p) && p >= 1 && p <= pages) ? { articlePages } : {}),
      ...(html !== undefined ? { html } : {}),
      ...(file !== undefined ? { file } : {}),
      // The Word edition as recorded: without it every --docx run wrote every .docx again.
      ...(docx !== undefined && docxSha256 !== undefined ? { docx, docxSha256 } : {}),
      ...(png !== undefined && pngSha256 !== undefined ? { png, pngSha256 } : {}),
      ...(ofd !== undefined && ofdSha256 !== undefined ? { ofd, ofdSha256 } : {}),
      ...(archival === true ? { archival } : {}),
      ...(pdfa === '1b' ? { pdfa } : {}),
      // All three or none: without them the issue is rendered to be checked, as before.
      ...(typeof inputs === 'string' && stringList(images) && diagnosticList(notes) ? { inputs, images, notes } : {}),
    };
  }
  return out;
}

function stringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

function diagnosticList(v: unknown): v is Diagnostic[] {
  return (
    Array.isArray(v) &&
    v.every((d) => {
      const { severity, code, file, message } = (d ?? {}) as Partial<Diagnostic>;
      return (severity === 'error' || severity === 'warning') && [code, file, message].every((x) => typeof x === 'string');
    })
  );
}

function serialize(manifest: Manifest): string {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ issues: sorted }, null, 2)}\n`;
}

/** What each manifest object says on disk, as read or last written: a run that changed nothing writes nothing. */
const onDisk = new WeakMap<Manifest, string>();

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const text = serialize(manifest);
  if (onDisk.get(manifest) === text) return;
  await writeAtomic(path.join(outDir, MANIFEST), text);
  onDisk.set(manifest, text);
}

/**
 * Writes the manifest after each PDF, one write at a time (pages print in parallel), so that
 * what it says on disk is never more than one PDF behind the folder.
 */
export function manifestWriter(outDir: string, manifest: Manifest): () => Promise<void> {
  let last: Promise<void> = Promise.resolve();
  return () => (last = last.catch(() => undefined).then(() => writeManifest(outDir, manifest)));
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What `stamp` records of a file (see ManifestEntry). */
export const fileStamp = (st: Stats): string => `${st.ino}:${st.mtimeMs}:${st.ctimeMs}`;

/**
 * Whether the file at `file` is the one the entry records: its bytes hash to the entry's. With
 * `hash`, always by its bytes: what is bound, copied or signed is never taken on its stamp.
 */
export async function isRecorded(file: string, entry: ManifestEntry, hash = false): Promise<boolean> {
  try {
    const st = await stat(file);
    if (!st.isFile() || st.size !== entry.bytes) return false;
    // Written by briefs and not touched since: no need to read 50 PDFs on a run with nothing to do.
    // Any write (a run killed after the rename, an edit by hand, a file put in its place)
    // changes the stamp, and then the bytes decide.
    if (!hash && entry.stamp !== undefined && fileStamp(st) === entry.stamp) return true;
    return sha256(await readFile(file)) === entry.sha256;
  } catch {
    return false;
  }
}

/** The entry, if the files it describes are still there as written. */
export async function stillValid(outDir: string, entry: ManifestEntry | undefined, fingerprint: string, wantHtml: boolean, hash = false): Promise<boolean> {
  if (!entry || entry.fingerprint !== fingerprint) return false;
  if (!(await isRecorded(path.join(outDir, entry.pdf), entry, hash))) return false;
  if (!wantHtml) return true;
  if (!entry.html) return false;
  return stat(path.join(outDir, entry.html)).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** Whether a file beside the PDF (the Word edition, the long image) is still the bytes the manifest recorded. */
export async function stillWritten(file: string, hash: string): Promise<boolean> {
  return readFile(file).then(
    (b) => sha256(b) === hash,
    () => false,
  );
}

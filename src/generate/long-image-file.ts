/**
 * The long image of an issue beside its PDF (generate --png, or png: true), written only when it
 * is not already there as the manifest recorded it. The file edge of print/long-image.ts.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from '../files/write-atomic.js';
import type { BrowserPool } from '../print/browser.js';
import { sha256, stillWritten, type ManifestEntry } from './manifest.js';

export async function longImageFile(
  pool: BrowserPool,
  outDir: string,
  base: string,
  recorded: ManifestEntry | undefined,
  /** The PDF's bytes and pages: just printed, or as recorded (read from disk when asked). */
  pdf: { bytes?: Uint8Array; file: string; pages: number },
): Promise<Pick<ManifestEntry, 'png' | 'pngSha256'> & { written: boolean }> {
  const file = path.join(outDir, `${base}.png`);
  if (recorded?.png && recorded.pngSha256 && (await stillWritten(file, recorded.pngSha256)))
    return { png: recorded.png, pngSha256: recorded.pngSha256, written: false };
  const bytes = pdf.bytes ?? new Uint8Array(await readFile(pdf.file));
  const { longImage } = await import('../print/long-image.js');
  const png = await pool.withPage((page) => longImage(page, bytes, pdf.pages), { retryOnCrash: true });
  await writeAtomic(file, png);
  return { png: `${base}.png`, pngSha256: sha256(png), written: true };
}

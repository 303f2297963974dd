/**
 * The long image of an issue beside its PDF (generate --png, or png: true), written only when it
 * is not already there as the manifest recorded it. The file edge of print/long-image.ts.
 */
import { readFile } from 'node:fs/promises';
import type { BrowserPool } from '../print/browser.js';
import { besidePdf } from './beside-pdf.js';
import type { ManifestEntry } from './manifest.js';

export function longImageFile(
  pool: BrowserPool,
  outDir: string,
  base: string,
  recorded: ManifestEntry | undefined,
  /** The PDF's bytes and pages: just printed, or as recorded (read from disk when asked). */
  pdf: { bytes?: Uint8Array; file: string; pages: number },
): Promise<Pick<ManifestEntry, 'png' | 'pngSha256'> & { written: boolean }> {
  return besidePdf('png', outDir, base, recorded, async () => {
    const bytes = pdf.bytes ?? new Uint8Array(await readFile(pdf.file));
    const { longImage } = await import('../print/long-image.js');
    return pool.withPage((page) => longImage(page, bytes, pdf.pages), { retryOnCrash: true });
  });
}

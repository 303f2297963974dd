/**
 * The OFD edition of an issue beside its PDF (generate --ofd, or ofd: true), written only when it
 * is not already there as the manifest recorded it. Made from the PDF's bytes (ofd/package.ts),
 * so it is rewritten whenever the PDF is. The file edge of ofd/.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';
import { besidePdf } from './beside-pdf.js';
import type { ManifestEntry } from './manifest.js';

/** What ofd/interpret.ts counts as left out, in Chinese. */
const LEFT_OUT_ZH: Record<string, string> = {
  'glyph without text': '无对应文字的字形',
  'soft mask': '软蒙版',
  pattern: '图案填充',
  shading: '渐变',
  image: '图像',
  'text in a font not followed': '不支持字体中的文字',
};

export function ofdFile(
  outDir: string,
  base: string,
  /** What was written before (an issue's manifest entry, the volume's record): kept while the file is still those bytes. */
  recorded: Pick<ManifestEntry, 'ofd' | 'ofdSha256'> | undefined,
  /** The PDF: its bytes just printed, or its file as recorded; its fingerprint and the issue's date. */
  pdf: { bytes?: Uint8Array; file: string; fingerprint: string; date: string; issueFile: string },
  warn: (d: Diagnostic) => void = () => undefined,
): Promise<Pick<ManifestEntry, 'ofd' | 'ofdSha256'> & { written: boolean }> {
  return besidePdf('ofd', outDir, base, recorded, async () => {
    const bytes = pdf.bytes ?? new Uint8Array(await readFile(pdf.file));
    // Loaded only when an OFD edition is written: the reader, pdf-lib's parser and the writer are code a plain run never needs.
    const { pdfToOfd } = await import('../ofd/package.js');
    const made = await pdfToOfd(bytes, { docId: pdf.fingerprint, date: pdf.date });
    const left = Object.entries(made.dropped);
    if (left.length > 0)
      warn(
        diagnostic(
          'ofd-left-out',
          { severity: 'warning', file: pdf.issueFile },
          { what: left.map(([k, n]) => `${k} ×${n}`).join(', '), zhWhat: left.map(([k, n]) => `${LEFT_OUT_ZH[k] ?? k} ×${n}`).join('、') },
        ),
      );
    return made.bytes;
  });
}

/** Reads PDFs back with poppler-utils: what a reader of the PDF would find, not what the CSS intended. */
import { execFileSync } from 'node:child_process';

export function pdfText(file: string, opts: { first?: number; last?: number; layout?: boolean } = {}): string {
  const args = ['-enc', 'UTF-8'];
  if (opts.first) args.push('-f', String(opts.first));
  if (opts.last) args.push('-l', String(opts.last));
  if (opts.layout) args.push('-layout');
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

/** Text with all white space removed: CJK lines break anywhere, so comparisons ignore breaks. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

export function pdfFonts(file: string): PdfFont[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return out.map((line) => {
    // name, then type (may contain spaces), encoding, emb, sub, uni, object, id
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line);
    if (!m) throw new Error(`cannot read pdffonts line: ${line}`);
    return { name: m[1], type: m[2].trim(), embedded: m[4] === 'yes', subset: m[5] === 'yes' };
  });
}

export function pdfInfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) info[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return info;
}

/**
 * The running text of a PDF: page-number lines ("— 3 —") and the draft watermark's rotated
 * characters (草, 稿, each on a line of its own) removed, so paragraphs that cross them read whole.
 */
export function runningText(file: string): string {
  return pdfText(file)
    .split('\n')
    .filter((line) => !/^\f?\s*—\s*\d+\s*—\s*$/.test(line) && !/^\f?\s*[草稿]\s*$/.test(line))
    .join('\n');
}

/**
 * Warnings about the text itself, which never stop an issue from printing: an empty body, a
 * piece longer than its bulletin allows, and half-width punctuation (straight quotes too)
 * inside Chinese text (punctuation.ts). Pure.
 */
import type { BulletinConfig } from '../config/types.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { findHalfWidth, FULL_WIDTH } from './punctuation.js';
import { diagnostic } from '../messages/say.js';

const NOT_HAN = /\P{Script=Han}+/gu;
export interface TextToCheck {
  file: string;
  body: string;
  bodyLine: number;
}

export function checkText(t: TextToCheck, bulletin: BulletinConfig | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (t.body.trim() === '') {
    out.push(diagnostic('empty-body', { severity: 'warning', file: t.file, line: t.bodyLine }));
    return out;
  }
  // Counted without an array of every character (15,000 files of them made validate wait on
  // the garbage collector): what is left once all else is removed, in code points.
  const only = t.body.replace(NOT_HAN, '');
  let han = 0;
  for (let i = 0; i < only.length; i++) {
    const c = only.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) han++;
  }
  if (bulletin && han > bulletin.maxChars) {
    out.push(
      diagnostic(
        'too-long',
        { severity: 'warning', file: t.file, line: t.bodyLine },
        { count: han, limit: bulletin.maxChars, bulletin: bulletin.name, id: bulletin.id },
      ),
    );
  }
  // Every half-width mark touching Han text: the terminal lists ten a file and counts the rest.
  for (const m of findHalfWidth(t.body)) {
    const full = FULL_WIDTH[m.mark];
    out.push(
      diagnostic(
        'halfwidth-punctuation',
        { severity: 'warning', file: t.file, line: t.bodyLine + m.line, column: m.column + 1 },
        { mark: m.mark, full },
        m.mark === '"' ? 'quote' : undefined,
      ),
    );
  }
  return out;
}

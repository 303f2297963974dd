/**
 * `glyph-missing`: a character that no face briefs gives Chromium can print. Left alone it
 * would print from whatever font the machine has, or as an empty box. Each character is
 * reported once a file, at its first place, with how often it occurs. Pure.
 */
import type { Coverage } from './coverage.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';

export interface PrintedText {
  file: string;
  text: string;
  /** File line of the text's first line. Body text gets columns; a field's value, whose place on its line is not known, gets the line alone. */
  line?: number;
  field?: string;
}

export function checkGlyphs(texts: readonly PrintedText[], coverage: Coverage): Diagnostic[] {
  const found = new Map<string, { d: Diagnostic; count: number }>();
  const missing = coverage.missingPattern();
  for (const t of texts) {
    // The regex finds the characters without a glyph (rare); lines and columns are counted from
    // one to the next, so a text full of them is still read once.
    let line = t.line;
    let column = 1;
    let at = 0;
    missing.lastIndex = 0;
    for (let m = missing.exec(t.text); m; m = missing.exec(t.text)) {
      for (; at < m.index; at++) {
        const c = t.text.charCodeAt(at);
        if (c === 10) {
          if (line !== undefined && !t.field) line++;
          column = 1;
        } else if (c < 0xdc00 || c > 0xdfff) column++;
      }
      const ch = m[0];
      const cp = ch.codePointAt(0)!;
      const key = `${t.file}\0${cp}`;
      const seen = found.get(key);
      if (seen) seen.count++;
      else {
        const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
        found.set(key, {
          count: 1,
          d: diagnostic(
            'glyph-missing',
            { severity: 'error', file: t.file, line, column: line === undefined || t.field ? undefined : column, field: t.field },
            { char: ch, codepoint: u },
          ),
        });
      }
    }
  }
  return [...found.values()].map(({ d, count }) => (count > 1 ? { ...d, message: `${d.message}, ${count} times`, data: { ...d.data, count } } : d));
}

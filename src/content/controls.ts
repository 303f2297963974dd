/**
 * `control-character`: characters no expert types on purpose and that change what a reader
 * sees: C0 and C1 controls (NUL, BEL, ESC … but not tab or line break) and the bidirectional
 * overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069), with which a title reads
 * "exe.png" for "gnp.exe". Each character is reported once a file, at its first place, with how
 * often it occurs. Pure, and one pass over the text.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x07: 'BEL',
  0x08: 'BS',
  0x0b: 'VT',
  0x0c: 'FF',
  0x1b: 'ESC',
  0x7f: 'DEL',
  0x061c: 'ARABIC LETTER MARK',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
};

export function checkControls(text: string, file: string): Diagnostic[] {
  const found = new Map<number, { count: number; line: number; column: number; data: { codepoint: string; name: string } }>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(CONTROL)) {
    const cp = m[0].codePointAt(0)!;
    const seen = found.get(cp);
    if (seen) {
      seen.count++;
      continue;
    }
    // Lines are counted only up to each new character's first place: one pass in all.
    for (let i = text.indexOf('\n', scanned); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    scanned = m.index;
    const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = NAMES[cp] ?? 'control character';
    found.set(cp, { count: 1, line, column: m.index - lineStart + 1, data: { codepoint: u, name } });
  }
  // Said once a character, at its first place, with how many times it comes.
  return [...found.values()].map(({ count, line: at, column, data }) =>
    count > 1
      ? diagnostic('control-character', { severity: 'error', file, line: at, column }, { ...data, count }, 'repeated')
      : diagnostic('control-character', { severity: 'error', file, line: at, column }, data),
  );
}

/**
 * Characters that print nothing or change the order of what prints: controls, format characters
 * (zero-width space and joiners, bidi marks and overrides, the BOM, the soft hyphen) and the
 * other default-ignorables. In a name (a recipient, a 单位) they are never meant: 科技\u200b部
 * looks exactly like 科技部 and would be another recipient, with a copy of its own.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** The first invisible character of a name, as U+XXXX, and the name with it shown as <U+XXXX>. */
function invisibleIn(name: string): { codepoint: string; shown: string } | undefined {
  const m = INVISIBLE.exec(name);
  if (!m) return undefined;
  const u = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return { codepoint: u(m[0]), shown: name.replace(new RegExp(INVISIBLE.source, 'gu'), (c) => `<${u(c)}>`) };
}

/** The problem of a recipient's name that holds such a character, said alike wherever it is read. */
export function invisibleNameProblem(name: string): { name: string; codepoint: string } | undefined {
  const found = invisibleIn(name);
  return found && { name: found.shown, codepoint: found.codepoint };
}

/**
 * Bytes → text. UTF-8 is the rule; a UTF-8 BOM and CRLF line endings are accepted silently.
 * A file saved by Word or WPS in GB18030 is named, with the encoding it probably is, unless the
 * workspace says to read such files (--encoding gb18030).
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';

const LEGACY = ['gb18030', 'big5', 'utf-16le', 'utf-16be'] as const;

export function decodeText(bytes: Uint8Array, file: string, encoding: string, diagnostics: Diagnostic[]): string | undefined {
  const wanted = encoding.toLowerCase();
  const utf16 = detectUtf16(bytes);
  if (utf16) {
    // Strict, as UTF-8 is: a broken pair of UTF-16 units is named, never printed as �.
    try {
      return normalise(new TextDecoder(utf16, { fatal: true }).decode(bytes));
    } catch {
      const loose = new TextDecoder(utf16).decode(bytes);
      const line = loose.slice(0, Math.max(0, loose.indexOf('\uFFFD'))).split('\n').length;
      diagnostics.push(diagnostic('encoding-broken', { severity: 'error', file, line }, { encoding: utf16.toUpperCase() }));
      return undefined;
    }
  }
  try {
    return normalise(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    // not UTF-8: fall through
  }
  if (wanted !== 'utf-8' && wanted !== 'utf8') {
    try {
      return normalise(new TextDecoder(wanted, { fatal: true }).decode(bytes));
    } catch {
      diagnostics.push(diagnostic('encoding', { severity: 'error', file }, { encoding }, 'neither'));
      return undefined;
    }
  }
  const guess = guessEncoding(bytes);
  const at = { severity: 'error' as const, file, line: firstBadLine(bytes) };
  diagnostics.push(guess ? diagnostic('encoding', at, { guess, upper: guess.toUpperCase() }) : diagnostic('encoding', at, {}, 'unknown'));
  return undefined;
}

function normalise(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** The first legacy encoding that decodes the bytes without error and yields mostly Han text. */
function guessEncoding(bytes: Uint8Array): string | undefined {
  for (const enc of LEGACY) {
    try {
      const text = new TextDecoder(enc, { fatal: true }).decode(bytes);
      const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
      const odd = (text.match(/[\u0000-\u0008\u000e-\u001f\uE000-\uF8FF]/g) ?? []).length;
      if (han > 0 && odd === 0) return enc;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

function firstBadLine(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return 1;
}

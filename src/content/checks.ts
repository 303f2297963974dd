/**
 * Warnings about the text itself, which never stop an issue from printing: an empty body, a
 * piece longer than its bulletin allows, half-width punctuation inside Chinese text, and
 * mixed quotation marks. Pure.
 */
import type { BulletinConfig } from '../config/types.js';
import type { Diagnostic } from './diagnostic.js';

const HAN = /\p{Script=Han}/gu;
/** A half-width mark touching a Han character: 研究,发展 or 研究(试点). */
const HALF_WIDTH = /(?<=\p{Script=Han})[,;:!?()]|[,;:!?()](?=\p{Script=Han})|(?<=\p{Script=Han})\.(?![\d\w])/u;
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。' };
const STRAIGHT_QUOTE = /(?<=\p{Script=Han}|^|\s)"|"(?=\p{Script=Han})/u;
/**
 * Inline code, link targets (with one level of parentheses and a title) and bare URLs keep
 * their ASCII punctuation. Each alternative matches without ambiguity, so the scan is linear in
 * the line: the pattern this replaces, (?:[^()]|\([^)]*\))*, took 515 s on one 1 MiB line.
 */
const NOT_PROSE = /`[^`]*`|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)|https?:\/\/\S+/g;

export interface TextToCheck {
  file: string;
  body: string;
  bodyLine: number;
}

export function checkText(t: TextToCheck, bulletin: BulletinConfig | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (t.body.trim() === '') {
    out.push({
      severity: 'warning',
      code: 'empty-body',
      file: t.file,
      line: t.bodyLine,
      message: 'the submission has no text after its front matter',
      hint: 'write the text below the closing ---',
    });
    return out;
  }
  const han = (t.body.match(HAN) ?? []).length;
  if (bulletin && han > bulletin.maxChars) {
    out.push({
      severity: 'warning',
      code: 'too-long',
      file: t.file,
      line: t.bodyLine,
      message: `the text has ${han} Han characters; 《${bulletin.name}》 takes at most ${bulletin.maxChars}`,
      hint: `shorten it, or raise bulletins.${bulletin.id}.maxChars in briefs.config.yaml`,
      data: { count: han, limit: bulletin.maxChars, bulletin: bulletin.name },
    });
  }
  const lines = t.body.split('\n');
  let inFence = false;
  let curly = false;
  let straightAt: { line: number; column: number } | undefined;
  lines.forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) inFence = !inFence;
    if (inFence) return;
    // Links, images and inline code keep their ASCII punctuation.
    const prose = text.replace(NOT_PROSE, (m) => ' '.repeat(m.length));
    const line = t.bodyLine + i;
    const m = HALF_WIDTH.exec(prose);
    if (m) {
      out.push({
        severity: 'warning',
        code: 'halfwidth-punctuation',
        file: t.file,
        line,
        column: m.index + 1,
        message: `half-width "${m[0]}" in Chinese text`,
        hint: `use the full-width "${FULL_WIDTH[m[0]]}"`,
        data: { mark: m[0], full: FULL_WIDTH[m[0]] },
      });
    }
    if (/[“”]/.test(prose)) curly = true;
    const s = STRAIGHT_QUOTE.exec(prose);
    if (s && !straightAt) straightAt = { line, column: s.index + 1 };
  });
  if (curly && straightAt) {
    out.push({
      severity: 'warning',
      code: 'mixed-quotes',
      file: t.file,
      ...straightAt,
      message: 'the text mixes straight quotes (") with Chinese quotes (“”)',
      hint: 'use “” throughout',
    });
  }
  return out;
}

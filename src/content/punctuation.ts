/**
 * Half-width punctuation inside Chinese text: 研究,发展 → 研究，发展, 研究(试点) → 研究（试点）,
 * 他说"卡脖子" → 他说“卡脖子”. One policy for what counts, used by validate (every mark, with its
 * place) and by `briefs fix` (which rewrites them, only when asked). Only prose counts, as the
 * Markdown parser sees it (prose.ts): code blocks and spans, raw HTML with its attributes and
 * comments, link targets and URLs keep their ASCII; so do numbers (2.68, 1,000): a mark counts
 * only when it touches a Han character. Pure; the parser runs only on a text that has a mark
 * to check (most have none).
 */
import { proseMask } from './prose.js';

/**
 * A half-width mark touching a Han character, or a Chinese closing mark after one (“三个不适应”:)
 * or a Chinese opening mark before one (:“…); a period only after one, and not before a digit
 * or letter.
 */
const HALF_WIDTH =
  /(?<=\p{Script=Han}[”’）》」』】]?)[,;:!?()]|[,;:!?()](?=[“‘（《「『【]?\p{Script=Han})|(?<=\p{Script=Han}[)"”）]?)\.(?![\d\w])|(?<=\p{Script=Han}[”’）》]?)"|"(?=\p{Script=Han})/gu;
/** A line without any of these has nothing to find (a quick test before the one above). */
const HALF_WIDTH_MARK = /[,;:!?()."]/;
export const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。', '"': '“”' };

/**
 * Inline code, link targets (with one level of parentheses and a title), bare URLs and HTML
 * character references (&lt; ends in a ";" that is not punctuation). Each
 * alternative matches without ambiguity, so the scan is linear in the line: the pattern this
 * replaces, (?:[^()]|\([^)]*\))*, took 515 s on one 1 MiB line.
 */
const NOT_PROSE = /`[^`]*`|\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+"[^"]*")?\)|https?:\/\/\S+|&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/g;

export interface HalfWidthMark {
  /** 0-based line of the text, and 0-based column in it. */
  line: number;
  column: number;
  mark: string;
}

/** The line with code, links and URLs blanked out (same length, so columns stay). */
function prose(line: string): string {
  return line.replace(NOT_PROSE, (m) => ' '.repeat(m.length));
}

/** Offsets of the starts of the lines of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The text's prose, made once and only when asked for. */
function proseOf(text: string): (line: number, column: number) => boolean {
  let mask: Uint8Array | undefined;
  let starts: number[] | undefined;
  return (line, column) => {
    mask ??= proseMask(text);
    starts ??= lineStarts(text);
    return mask[starts[line] + column] === 1;
  };
}

/** Every half-width mark touching Han text, in prose, and the other half of a bracket pair one of them is in. */
export function findHalfWidth(text: string, inProse = proseOf(text)): HalfWidthMark[] {
  const out: HalfWidthMark[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    // Most lines of Chinese prose have no half-width mark at all.
    if (!HALF_WIDTH_MARK.test(line)) return;
    for (const m of prose(line).matchAll(HALF_WIDTH)) if (inProse(i, m.index)) out.push({ line: i, column: m.index, mark: m[0] });
  });
  return pairBrackets(lines, out, inProse);
}

/**
 * Brackets go in pairs: (%) after 2015年 touches Han only with its opening half, and fixing that
 * half alone printed 2015年（%). A half-width bracket whose partner is marked, or is full width
 * (（%) written half by hand), is marked too. Pairs are matched within a paragraph, in prose.
 */
function pairBrackets(lines: readonly string[], marks: HalfWidthMark[], inProse: (line: number, column: number) => boolean): HalfWidthMark[] {
  if (!lines.some((l) => /[()（）]/.test(l) && /[()]/.test(l))) return marks;
  const marked = new Set(marks.map((m) => `${m.line}:${m.column}`));
  const added: HalfWidthMark[] = [];
  let open: { line: number; column: number; ch: string }[] = [];
  const pair = (a: { line: number; column: number; ch: string }, b: { line: number; column: number; ch: string }) => {
    const half = [a, b].filter((x) => x.ch === '(' || x.ch === ')');
    if (half.length === 0) return;
    const full = half.length < 2;
    if (!full && !half.some((x) => marked.has(`${x.line}:${x.column}`))) return;
    for (const x of half) if (!marked.has(`${x.line}:${x.column}`)) added.push({ line: x.line, column: x.column, mark: x.ch });
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') open = [];
    const p = prose(line);
    for (let c = 0; c < p.length; c++) {
      const ch = p[c];
      if ((ch !== '(' && ch !== ')' && ch !== '（' && ch !== '）') || !inProse(i, c)) continue;
      if (ch === '(' || ch === '（') open.push({ line: i, column: c, ch });
      else {
        const a = open.pop();
        if (a) pair(a, { line: i, column: c, ch });
      }
    }
  });
  if (added.length === 0) return marks;
  return [...marks, ...added].sort((x, y) => x.line - y.line || x.column - y.column);
}

/**
 * The text with every such mark made full width. Straight quotes pair in reading order within a
 * paragraph, and a pair is made Chinese when either of its quotes touches Han text ("AI"技术 →
 * “AI”技术); a pair around English words with no Han beside it stays as written.
 */
export function fixHalfWidth(text: string): string {
  const lines = text.split('\n');
  const inProse = proseOf(text);
  const marks = findHalfWidth(text, inProse);
  const replace = new Map<string, string>();
  const at = (line: number, column: number) => `${line}:${column}`;
  for (const m of marks) if (m.mark !== '"') replace.set(at(m.line, m.column), FULL_WIDTH[m.mark]);
  const hanQuotes = new Set(marks.filter((m) => m.mark === '"').map((m) => at(m.line, m.column)));
  if (hanQuotes.size > 0) {
    let paragraph: { line: number; column: number }[] = [];
    const pair = () => {
      for (let k = 0; k < paragraph.length; k += 2) {
        const two = paragraph.slice(k, k + 2);
        if (two.some((q) => hanQuotes.has(at(q.line, q.column)))) two.forEach((q, i) => replace.set(at(q.line, q.column), i === 0 ? '“' : '”'));
      }
      paragraph = [];
    };
    lines.forEach((line, i) => {
      if (line.trim() === '') return pair();
      for (const m of prose(line).matchAll(/"/g)) if (inProse(i, m.index)) paragraph.push({ line: i, column: m.index });
    });
    pair();
  }
  if (replace.size === 0) return text;
  return lines
    .map((line, i) => {
      let out = '';
      for (let c = 0; c < line.length; c++) out += replace.get(at(i, c)) ?? line[c];
      return out;
    })
    .join('\n');
}

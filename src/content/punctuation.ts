/**
 * Half-width punctuation inside Chinese text: 研究,发展 → 研究，发展, 研究(试点) → 研究（试点）,
 * 他说"卡脖子" → 他说“卡脖子”. One policy for what counts, used by validate (every mark, with its
 * place) and by `briefs fix` (which rewrites them, only when asked). Inline code, link targets
 * and URLs keep their ASCII; so do numbers (2.68, 1,000): a mark counts only when it touches a
 * Han character. Code blocks are skipped whole. Pure, and linear in the text.
 */

/** A half-width mark touching a Han character; a period only after one, and not before a digit or letter. */
const HALF_WIDTH =
  /(?<=\p{Script=Han})[,;:!?()]|[,;:!?()](?=\p{Script=Han})|(?<=\p{Script=Han}[)"”）]?)\.(?![\d\w])|(?<=\p{Script=Han}[”’）》]?)"|"(?=\p{Script=Han})/gu;
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
const FENCE = /^\s*(```|~~~)/;

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

/** Every half-width mark touching Han text, outside code blocks. */
export function findHalfWidth(text: string): HalfWidthMark[] {
  const out: HalfWidthMark[] = [];
  let inFence = false;
  text.split('\n').forEach((line, i) => {
    if (FENCE.test(line)) inFence = !inFence;
    // Most lines of Chinese prose have no half-width mark at all.
    if (inFence || !HALF_WIDTH_MARK.test(line)) return;
    for (const m of prose(line).matchAll(HALF_WIDTH)) out.push({ line: i, column: m.index, mark: m[0] });
  });
  return out;
}

/**
 * The text with every such mark made full width. Straight quotes pair in reading order within a
 * paragraph, all of them once one touches Han text ("AI"技术 → “AI”技术), so no pair is left
 * half straight.
 */
export function fixHalfWidth(text: string): string {
  const lines = text.split('\n');
  const marks = findHalfWidth(text);
  const replace = new Map<string, string>();
  const at = (line: number, column: number) => `${line}:${column}`;
  for (const m of marks) if (m.mark !== '"') replace.set(at(m.line, m.column), FULL_WIDTH[m.mark]);
  const hanQuotes = new Set(marks.filter((m) => m.mark === '"').map((m) => at(m.line, m.column)));
  let paragraph: { line: number; column: number }[] = [];
  let inFence = false;
  const pair = () => {
    if (paragraph.some((q) => hanQuotes.has(at(q.line, q.column)))) paragraph.forEach((q, i) => replace.set(at(q.line, q.column), i % 2 === 0 ? '“' : '”'));
    paragraph = [];
  };
  lines.forEach((line, i) => {
    if (FENCE.test(line)) inFence = !inFence;
    if (inFence || line.trim() === '') return pair();
    for (const m of prose(line).matchAll(/"/g)) paragraph.push({ line: i, column: m.index });
  });
  pair();
  return lines
    .map((line, i) => {
      let out = '';
      for (let c = 0; c < line.length; c++) out += replace.get(at(i, c)) ?? line[c];
      return out;
    })
    .join('\n');
}

/**
 * Title lines as a 公文 typesetter sets them (GB/T 9704-2012 §7.3.3): a title that does not
 * fit one line breaks between phrases, never inside one (词意完整; phrase-breaks.ts says where
 * and how well), into lines that form a 梯形 or 菱形 of even length, never an hourglass, with no
 * line of 关于 and one word. Meaning comes first, shape second: a worse place is taken only
 * when it buys lines much more even. Pure but for the dictionary: the text and the measure in,
 * explicit lines out, so the PDF, the preview, the contents and the Word edition break a title
 * the same way.
 */
import { titleWords, type TitleWord } from './phrase-breaks.js';

import { CONTENTS_TITLE_EMS } from './page.js';

/** A title's lines in an issue's contents: the hand-set lines when they fit its measure, else broken for it. */
export function contentsLines(s: { title: string; titleLines?: string[] }): string[] {
  if (s.titleLines && s.titleLines.every((l) => widthEm(l) <= CONTENTS_TITLE_EMS)) return s.titleLines;
  return breakTitle(s.title, CONTENTS_TITLE_EMS);
}

/** Width of text in ems, as a bold 宋/黑 face sets it: full width 1, Latin about half. */
export function widthEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (/[\u0000-\u007f]/.test(ch)) w += ch === ' ' ? 0.3 : /[A-Z0-9]/.test(ch) ? 0.62 : 0.52;
    else if (/[\u00a0-\u02ff]/.test(ch)) w += 0.55;
    else w += 1;
  }
  return w;
}

/** What a place's cost weighs against an em of difference between the longest and shortest line. */
const MEANING = 8;
/** A line more than the fewest the title needs: worth taking only for a much better place. */
const EXTRA_LINE = 40;
/**
 * An hourglass (a line shorter than one above and one below it): GB/T 9704 asks for a 梯形 or a
 * 菱形, and briefs takes one with a worse place, a line more, or both, but not a break inside a
 * phrase: meaning first.
 */
const HOURGLASS = 60;

/** Some line shorter than a line above it and a line below it: an hourglass, however many lines. */
function waisted(ws: readonly number[]): boolean {
  for (let j = 1; j < ws.length - 1; j++) {
    const above = Math.max(...ws.slice(0, j));
    const below = Math.max(...ws.slice(j + 1));
    if (ws[j] < above - 0.5 && ws[j] < below - 0.5) return true;
  }
  return false;
}
/** A line of a word or two characters, or of 关于 and one word. */
const LONE = 100;

interface Split {
  lines: string[];
  cost: number;
}

/**
 * The lines of a title set in `measure` ems. One line when it fits; otherwise the fewest lines,
 * or one more when that buys a much better place, chosen by meaning, then by shape.
 */
export function breakTitle(title: string, measure: number): string[] {
  const text = title.trim();
  if (widthEm(text) <= measure) return [text];
  const key = `${measure}\n${text}`;
  const known = broken.get(key);
  if (known) return [...known];
  const lines = breakLong(text, measure);
  broken.set(key, lines);
  return [...lines];
}

/**
 * Titles broken before, by measure and text. generate keeps them with its parse cache
 * (generate/parse-cache.ts), so that a rerun breaks only titles it has not broken before and a
 * one-change rerun loads no dictionary (about 50 ms of it).
 */
const broken = new Map<string, string[]>();

export const brokenTitles = {
  /** The titles broken so far, the most recent last, at most `limit`. */
  entries(limit = 4096): [string, string[]][] {
    return [...broken].slice(-limit);
  },
  /** Titles broken by an earlier run: only those whose lines are the title's own text are taken. */
  seed(entries: readonly [string, string[]][]): void {
    const squeeze = (s: string) => s.replace(/\s/g, '');
    for (const [key, lines] of entries) {
      const text = key.slice(key.indexOf('\n') + 1);
      if (/^\d+(\.\d+)?\n/.test(key) && lines.length > 0 && squeeze(lines.join('')) === squeeze(text)) broken.set(key, [...lines]);
    }
  },
  get size(): number {
    return broken.size;
  },
};

function breakLong(text: string, measure: number): string[] {
  const words = titleWords(text);
  const widths = words.map((w) => widthEm(w.word));
  const total = widths.reduce((a, b) => a + b, 0);
  const fewest = Math.max(2, Math.ceil(total / measure));
  let best: Split | undefined;
  for (let k = fewest; k <= Math.min(words.length, fewest + 1); k++) {
    const found = bestSplit(words, widths, k, measure, (k - fewest) * EXTRA_LINE);
    if (found && (!best || found.cost < best.cost)) best = found;
  }
  // A single word wider than the measure (a long URL): the browser wraps it where it must.
  return best?.lines ?? [text];
}

function bestSplit(words: readonly TitleWord[], widths: readonly number[], k: number, measure: number, extra: number): Split | undefined {
  let best: Split | undefined;
  const cuts: number[] = [];
  const walk = (start: number, linesLeft: number) => {
    if (linesLeft === 1) {
      const ends = [...cuts, words.length];
      const lines: string[] = [];
      const ws: number[] = [];
      let from = 0;
      let cost = extra;
      for (const end of ends) {
        const line = words
          .slice(from, end)
          .map((w) => w.word)
          .join('')
          .trim();
        const w = widthEm(line);
        if (w > measure) return;
        if (from > 0) cost += words[from].cost === Infinity ? 1e6 : words[from].cost * MEANING;
        if (w <= 2 || (from === 0 && end === 2 && words[0].word === '关于')) cost += LONE;
        lines.push(line);
        ws.push(w);
        from = end;
      }
      cost += Math.max(...ws) - Math.min(...ws);
      if (waisted(ws)) cost += HOURGLASS;
      // Lines that widen and narrow by turns zigzag: each turn costs a little.
      for (let i = 2, last = 0; i < ws.length + 1; i++) {
        const d = Math.sign(Math.round(ws[i - 1] - ws[i - 2]));
        if (d !== 0 && last !== 0 && d !== last) cost += 5;
        if (d !== 0) last = d;
      }
      // Between equals, the classic 正梯形: shorter lines above.
      for (let i = 1; i < ws.length; i++) if (ws[i] < ws[i - 1]) cost += 0.01;
      if (!best || cost < best.cost - 1e-9) best = { lines, cost };
      return;
    }
    let w = 0;
    for (let end = start + 1; end <= words.length - (linesLeft - 1); end++) {
      w += widths[end - 1];
      if (w > measure + 1) break;
      cuts.push(end);
      walk(end, linesLeft - 1);
      cuts.pop();
    }
  };
  walk(0, k);
  return best;
}

/**
 * Lines given by hand (a YAML block scalar, one printed line a line) joined into the title as
 * one text: without a space between Han characters, with one between Latin words.
 */
export function joinTitleLines(lines: readonly string[]): string {
  return lines.reduce((acc, line) => (acc && /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(line) ? `${acc} ${line}` : acc + line), '');
}

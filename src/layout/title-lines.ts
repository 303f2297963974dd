/**
 * Title lines as a 公文 typesetter sets them (GB/T 9704-2012 §7.3.3): a title that does not
 * fit one line is broken with its words whole (词意完整), into lines of even length that form a
 * 梯形 or 菱形, never an hourglass, and no line holds a lone word or a lone punctuation mark.
 * Pure: the text and the measure in, explicit lines out, so the PDF, the preview, the contents
 * and every later output break a title the same way.
 *
 * Words come from Intl.Segmenter (ICU's dictionary, in Node and in Chromium), made a little
 * stronger: a run of Latin letters and digits is one word (R&D, 8.3%), punctuation clings to
 * the word it belongs to (closing marks to the one before, opening marks to the one after),
 * particles such as 的 to the word before, and any other single Han character to the word
 * after, since ICU splits words it does not know (大|模型, 堵|点) into such characters.
 */

/** Ems in a line of an article title: 22 pt on the 156 mm text block. */
export const ARTICLE_TITLE_EMS = 20;
/** Ems the last line of a contents entry holds, after its indent and before leader and number. */
export const CONTENTS_TITLE_EMS = 21;

const SEGMENTER = new Intl.Segmenter('zh', { granularity: 'word' });
const CLOSING = /^[，。、；：！？）》」』】〕”’%‰℃·…—,.;:!?)\]}]+$/u;
const OPENING = /^[（《「『【〔“‘([{]+$/u;
const PARTICLES = new Set(['的', '之', '等', '了', '们', '地', '得']);
const LATIN = /^[A-Za-z0-9\u00c0-\u024f&+\-./_'’%#@]+$/u;
const HAN = /\p{Script=Han}/u;
/** Break after these, or before a phrase's opening word: the strongest places in a title. */
const STRONG_AFTER = /[、，：；]$/u;
const OPENS_PHRASE = /^(关于|对于|[和与及并或对在向从为将把被由以按经])/u;

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

/** The title cut into units no line break may enter. */
export function titleUnits(title: string): string[] {
  const segs = [...SEGMENTER.segment(title.trim())].map((s) => s.segment);
  // Latin runs are one unit; spaces stay at the end of the unit before them.
  const runs: string[] = [];
  for (const s of segs) {
    const last = runs[runs.length - 1];
    if (last !== undefined && /^\s+$/.test(s)) runs[runs.length - 1] = last + s;
    else if (last !== undefined && LATIN.test(s) && LATIN.test(last.slice(-1))) runs[runs.length - 1] = last + s;
    else runs.push(s);
  }
  const units: string[] = [];
  let carry = '';
  runs.forEach((s, i) => {
    const bare = s.trim();
    if (OPENING.test(bare)) {
      carry += s;
      return;
    }
    const last = units.length - 1;
    const clingsBack = CLOSING.test(bare) || PARTICLES.has(bare) || (i === runs.length - 1 && [...bare].length === 1 && HAN.test(bare));
    if (clingsBack && last >= 0 && carry === '') {
      units[last] += s;
      return;
    }
    units.push(carry + s);
    carry = '';
  });
  if (carry) {
    if (units.length) units[units.length - 1] += carry;
    else units.push(carry);
  }
  // A single Han character is a function word that opens the phrase after it (和, 在, 对 …),
  // or a piece of a word ICU did not know (大|模型, 科技|部, 堵|点). Pieces next to each other
  // make one word; a lone piece holds on to both neighbours, a function word to the one after.
  const single = units.map((u) => {
    const han = [...u].filter((c) => HAN.test(c));
    return han.length === 1 && !/[A-Za-z0-9]/.test(u) ? han[0] : undefined;
  });
  const joinAfter = units.map(() => false);
  for (let i = 0; i < units.length; i++) {
    const c = single[i];
    if (c === undefined) continue;
    const runBefore = i > 0 && single[i - 1] !== undefined && !OPENERS.has(single[i - 1]!);
    const runAfter = i < units.length - 1 && single[i + 1] !== undefined && !OPENERS.has(c);
    if (runBefore || runAfter) {
      if (runAfter) joinAfter[i] = true;
      continue;
    }
    if (i < units.length - 1) joinAfter[i] = true;
    if (!OPENERS.has(c) && i > 0) joinAfter[i - 1] = true;
  }
  const out: string[] = [];
  units.forEach((u, i) => {
    if (i > 0 && joinAfter[i - 1]) out[out.length - 1] += u;
    else out.push(u);
  });
  return out;
}

/** Single characters that open a phrase: a title may break before them. */
const OPENERS = new Set([...'和与及并或对在向从为将把被由以仍且又均另按经']);

interface Candidate {
  lines: string[];
  cost: number;
}

/** No interior line shorter than both its neighbours: a 梯形 or a 菱形, never an hourglass. */
function shapely(widths: number[]): boolean {
  for (let i = 1; i < widths.length - 1; i++) if (widths[i] < widths[i - 1] - 0.01 && widths[i] < widths[i + 1] - 0.01) return false;
  return true;
}

/**
 * The lines of a title set in `measure` ems. One line when it fits; otherwise the fewest lines
 * (one more when that is the only way to keep the rules) of the most even lengths.
 */
export function breakTitle(title: string, measure: number): string[] {
  const text = title.trim();
  if (widthEm(text) <= measure) return [text];
  const units = titleUnits(text);
  const widths = units.map(widthEm);
  const total = widths.reduce((a, b) => a + b, 0);
  const fewest = Math.max(2, Math.ceil(total / measure));
  for (const strict of [true, false]) {
    for (let k = fewest; k <= Math.min(units.length, fewest + 1); k++) {
      const best = bestSplit(units, widths, k, measure, strict);
      if (best) return best.lines;
    }
  }
  // A single unit wider than the measure (a long URL): the browser wraps it where it must.
  return [text];
}

function bestSplit(units: string[], widths: number[], k: number, measure: number, strict: boolean): Candidate | undefined {
  let best: Candidate | undefined;
  const cuts: number[] = [];
  const walk = (start: number, linesLeft: number) => {
    if (linesLeft === 1) {
      const ends = [...cuts, units.length];
      const lines: string[] = [];
      const ws: number[] = [];
      let from = 0;
      for (const end of ends) {
        const line = units.slice(from, end).join('').trim();
        const w = widthEm(line);
        if (w > measure) return;
        // No lone word, and no line of a lone mark, while the title has words enough.
        if (strict && end - from < 2 && units.length >= 2 * k) return;
        lines.push(line);
        ws.push(w);
        from = end;
      }
      if (strict && !shapely(ws)) return;
      let cost = Math.max(...ws) - Math.min(...ws);
      // A break after 、，： or before a word that opens a phrase (关于, 和, 对 …) reads best: worth
      // lines up to three characters less even.
      for (const c of cuts) {
        if (STRONG_AFTER.test(units[c - 1].trim()) || OPENS_PHRASE.test(units[c])) cost -= 3;
      }
      // Between equals, the classic 正梯形: shorter lines above.
      for (let i = 1; i < ws.length; i++) if (ws[i] < ws[i - 1]) cost += 0.01;
      if (!best || cost < best.cost - 1e-9) best = { lines, cost };
      return;
    }
    let w = 0;
    for (let end = start + 1; end <= units.length - (linesLeft - 1); end++) {
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

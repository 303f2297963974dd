/**
 * The Word edition's measures and runs, from the print's page (layout/page.ts): every line on
 * the print's pitch (exact line spacing, which Word and LibreOffice both honour and which no
 * face's ascent can stretch), 16 pt text on the 28-character grid (a character spacing of
 * −0.25 pt: Word takes twentieths of a point, and −0.2 pt left 27 characters a line in
 * LibreOffice), and the print's keeps (a number with its unit, a date, a document number, a
 * short quoted term) as runs no office breaks. Pure.
 */
import { LineRuleType, TextRun, type IRunOptions } from 'docx';
import { keptPieces } from '../render/line-keeps.js';
import { GRID } from '../layout/page.js';

/** The print's line pitch in twips, rounded down so that 22 lines fit the text block (as in the print). */
export const LINE = Math.floor(GRID.linePt * 20);
/** The body's character spacing in twips: rounded away from zero, so that 28 characters fit. */
export const GRID_SPACING = Math.floor(GRID.spacingPt * 20);
/** 三号 16 pt, 二号 22 pt, 四号 14 pt, 小四 12 pt, 初号 42 pt: in half-points. */
export const SIZE = { body: GRID.bodyPt * 2, title: 44, small: 28, table: 24, masthead: 84 } as const;

/** Spacing for a paragraph of `lines` lines of the grid, with `before` grid lines above it. */
export function exact(lines = 1, before = 0): { line: number; lineRule: typeof LineRuleType.EXACT; before: number } {
  return { line: Math.round(LINE * lines), lineRule: LineRuleType.EXACT, before: Math.round(LINE * before) };
}

/**
 * Text as runs that break where the print breaks. LibreOffice breaks Chinese text between any two
 * characters, digits too (3 / 0%, 201 / 5年), and honours neither U+2060 in Chinese text nor
 * Word's own no-break lists (w:noLineBreaksBefore): tried, each left numbers split. A kept piece
 * is a run of its own marked English, whose line breaking follows Unicode's rules, with U+2060
 * WORD JOINER (invisible, no width) between its characters where one is not a digit:
 * LibreOffice then keeps it whole (tested), and Unicode's rules, which Word follows for such
 * text, forbid a break at a joiner (not tried: no Word here). A search for the piece typed
 * without the joiners may not find it: the price of numbers that stay whole.
 */
export function keptRuns(text: string, options: IRunOptions): TextRun[] {
  return keptPieces(text).map((p) =>
    p.keep ? new TextRun({ ...options, text: joined(p.text), language: { value: 'en-US', eastAsia: 'en-US' } }) : new TextRun({ ...options, text: p.text }),
  );
}

/** U+2060 between two characters of a kept piece, unless both are digits or a digit's point. */
function joined(text: string): string {
  return text.replace(/(?<=.)(?=.)/gsu, (_, at: number) => (/[\d.,][\d.,]/.test(text.slice(at - 1, at + 1)) ? '' : '\u2060'));
}

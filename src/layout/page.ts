/**
 * The page of GB/T 9704-2012, in one place: A4, a text block of 156 × 225 mm at 37 mm from the
 * top and 28 mm from the left, 22 lines of 28 characters of 16 pt type, folios of 14 pt 7 mm
 * under the block. Everything that lays out or reads a page takes it from here: the stylesheets
 * (as custom properties and the @page rules, written before them by pageCss), the print's checks
 * and stamps (print/geometry.ts), the volume's folios, the Word edition, and the measures that
 * titles are broken at. Pure.
 */

/** The page and its margins, in millimetres. */
export const PAGE_MM = { width: 210, height: 297, top: 37, right: 26, bottom: 35, left: 28 } as const;

/** The text block (版心), in millimetres. */
export const BLOCK_MM = {
  width: PAGE_MM.width - PAGE_MM.left - PAGE_MM.right,
  height: PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom,
} as const;

/**
 * The grid: 22 lines of 28 characters of 16 pt. The line pitch is 225 mm / 22 = 28.99 pt, rounded
 * down to 28.98 pt: Chromium snaps lengths to 1/64 px, and 28.99 pt × 22 overshoots the text
 * block by a hair, losing the 22nd line. A 16 pt character is 15.79 pt wide on the grid
 * (156 mm / 28): letter-spacing −0.21 pt.
 */
export const GRID = { lines: 22, chars: 28, bodyPt: 16, linePt: 28.98, spacingPt: -0.21 } as const;

/** Page numbers: "— N —", 14 pt, the top of their line 7 mm under the text block, one character in. */
export const FOLIO = { sizePt: 14, gapMm: 7 } as const;

/** Ems in a line of an article title: 22 pt on the 156 mm text block. */
export const ARTICLE_TITLE_EMS = 20;
/** Ems the last line of a contents entry holds, after its indent and before leader and number. */
export const CONTENTS_TITLE_EMS = 21;
/**
 * Ems a title line of the volume's contents holds (src/volume/contents.ts): 小四 (12 pt) on the
 * 156 mm text block is 36.8 ems, less the list's indent (2), and the leader's least and the page
 * number (4.6), which stand on the title's last line.
 */
export const VOLUME_CONTENTS_EMS = 30;
/** The same in the indexes, whose entries are indented 2 ems more; the label comes off too. */
export const VOLUME_INDEX_EMS = 28;
/** Ems of an author line (16 pt 楷体 on the text block): a longer one gives each author a line. */
export const AUTHOR_LINE_EMS = GRID.chars;

const mm = (n: number) => `${n}mm`;

/**
 * The page as CSS, written before every stylesheet briefs prints with: custom properties for them
 * to use, and the @page size and margins. A stylesheet of a page of another size (the ledger's)
 * sets its own @page after it.
 */
export function pageCss(): string {
  const { width, height, top, right, bottom, left } = PAGE_MM;
  return [
    `:root { --page-width: ${mm(width)}; --page-height: ${mm(height)}; --page-top: ${mm(top)}; --page-right: ${mm(right)}; ` +
      `--page-bottom: ${mm(bottom)}; --page-left: ${mm(left)}; --line: ${GRID.linePt}pt; --body-size: ${GRID.bodyPt}pt; ` +
      `--grid-spacing: ${GRID.spacingPt}pt; --folio-size: ${FOLIO.sizePt}pt; --folio-gap: ${mm(FOLIO.gapMm)}; }`,
    `@page { size: A4 portrait; margin: ${mm(top)} ${mm(right)} ${mm(bottom)} ${mm(left)}; }`,
  ].join('\n');
}

/**
 * An issue's folios, "— N —", odd pages at the right and even at the left, one character in (a
 * page-margin box takes no custom property, so the figures are written out here).
 */
export function folioCss(): string {
  const folio = (side: 'right' | 'left') =>
    `@page :${side} { @bottom-${side} { content: "— " counter(page) " —"; font-family: var(--font-song); font-size: ${FOLIO.sizePt}pt; ` +
    `line-height: ${FOLIO.sizePt}pt; vertical-align: top; text-align: ${side}; padding-top: ${mm(FOLIO.gapMm)}; padding-${side}: ${FOLIO.sizePt}pt; } }`;
  return `${folio('right')}\n${folio('left')}`;
}

/**
 * From the outline of a measuring print to the layout of the final one. Pure.
 * The measuring print carries invisible marker headings: one at the head of each article and
 * one at the foot of the distribution block. Their outline entries say on which page each
 * article starts and how far above the bottom of the text block the block ends.
 */
import type { MeasuredLayout } from '../render/document.js';
import type { OutlineEntry } from '../print/outline.js';

const MM = 72 / 25.4;
/** The text block ends 35 mm above the bottom edge (GB/T 9704). */
export const TEXT_BLOCK_BOTTOM = 35 * MM;
/** The marker is 1 px high; the outline points at its top. */
const MARK_HEIGHT = 0.75;
/** Leaves the block a hair above the edge so rounding never pushes it onto a new page. */
const SAFETY = 0.5;

export function layoutFromOutline(entries: readonly OutlineEntry[], articleCount: number): MeasuredLayout {
  // A heading split over two pages comes back with its text twice ("briefs-article-2briefs-article-2"):
  // the first entry for a marker is where the article starts.
  const articlePages: number[] = new Array(articleCount).fill(0);
  for (const e of entries) {
    const n = Number(/^briefs-article-(\d+)/.exec(e.title)?.[1]);
    if (n >= 1 && n <= articleCount && articlePages[n - 1] === 0) articlePages[n - 1] = e.page;
  }
  const bottom = entries.filter((e) => e.title.startsWith('briefs-distribution-bottom')).pop();
  const distributionPush = bottom ? Math.max(0, bottom.top - MARK_HEIGHT - TEXT_BLOCK_BOTTOM - SAFETY) : 0;
  return { articlePages, distributionPush };
}

/**
 * Prints one rendered issue so that its contents list has the true page numbers and its 报尾
 * stands on the foot of its page. Chromium cannot say where it printed an element, so:
 * 1. the document is laid out on screen in columns the size of a printed page's text block, to
 *    the pixel (paged.css), which gives a first guess (paginate.ts), written into the page;
 * 2. it is printed with marks (empty links) whose annotations say where each article starts,
 *    where the articles end and where the 报尾 begins and ends;
 * 3. if the guess was right, that print is the PDF (the common case). If not, the marks give
 *    the true layout, and one more print has it. Should that still be off, the 报尾 is printed
 *    without a push and measured directly.
 * Shared by generate (print-and-finish.ts, in a run's own browser or the resident printer), copies
 * and preview.
 */
import type { Page } from 'puppeteer-core';
import type { MeasuredLayout } from '../render/document.js';
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { Marks } from './marks.js';
import { installPageCutter } from './page-cutter.js';
import { placePageNotes } from './page-notes.js';
import { applyPageRules } from './page-rules.js';
import { applyLayout, paginateInColumns } from './paginate.js';
import { openDocument, type PrintResult } from './print-html.js';
import type { PrintServer } from './print-server.js';
import { TEXT_FOOT } from './geometry.js';
import { GRID, PAGE_MM } from '../layout/page.js';

/** The text block ends 35 mm above the bottom edge (GB/T 9704); the 报尾 stops a hair above it. */
const FOOT = TEXT_FOOT + 0.5;
/** How far (pt) the 报尾's foot may be from FOOT and still count as on it. */
const TOLERANCE = 1;

export interface PrintedIssue extends PrintResult {
  /** The PDF parsed, and its marks: read once, for the layout and for finishing it. */
  doc: PDFDocument;
  marks: Marks;
  layout: MeasuredLayout;
  /** Prints it took: 1 when the first guess was right. */
  prints: number;
  /** The notes could not be set at the foot of their pages and close their articles instead. */
  notesAtEnd?: boolean;
}

const pagesRight = (marks: Marks, layout: MeasuredLayout) => layout.articlePages.every((p, i) => marks.articlePages[i] === p);

function settled(marks: Marks, layout: MeasuredLayout): boolean {
  const foot = marks.distributionBottom;
  return pagesRight(marks, layout) && (!foot || (foot.page === marks.pages && Math.abs(foot.y - FOOT) <= TOLERANCE));
}

/**
 * Top of the text block in points from the bottom edge of Chromium's A4 page (841.92 pt tall):
 * 37 mm down, which Chromium rounds to 140 px (templates/styles/paged.css).
 */
const BLOCK_TOP = 841.92 - Math.round((PAGE_MM.top * 96) / 25.4) * 0.75;
/** The 报尾's margin above it: two grid lines (it is dropped where the block starts a page). */
const GAP = 2 * GRID.linePt;

/**
 * The layout the marks of one print call for: the articles where they fell, and the 报尾's push
 * from where the articles end and how tall the 报尾 is (its head mark sits below this print's push).
 */
export function layoutFromMarks(marks: Marks): MeasuredLayout | undefined {
  const articlePages = marks.articlePages.map((p) => p ?? 0);
  const { contentEnd: end, distributionTop: top, distributionBottom: bottom } = marks;
  if (!bottom) return { articlePages, distributionPush: 0 };
  if (!end || !top || top.page !== bottom.page) return undefined;
  const height = top.y - bottom.y;
  const onSamePage = end.y - GAP - height - FOOT;
  const push = onSamePage >= 0 ? onSamePage : BLOCK_TOP - height - FOOT;
  return { articlePages, distributionPush: Math.max(0, Math.floor(push * 100) / 100) };
}

/**
 * Whether every block of page notes came out where it was set: on its page with its references,
 * its foot on the foot of the text block (or, over the 报尾, on the same page).
 */
export function notesRight(marks: Marks): boolean {
  return marks.notes.every(
    (n) => n.page === n.want && (n.last || Math.abs(n.y - FOOT) <= 2) && marks.noteRefs.every((r) => r.block !== n.block || r.page === n.page),
  );
}

/** `html`: the issue's HTML with its marks (RenderedIssue.html({ marks: true })). */
export async function printIssue(page: Page, html: string, server: PrintServer, timeout: number): Promise<PrintedIssue> {
  const first = await printOnce(page, html, server, timeout, true);
  if (first.notesRight) return first;
  // Notes set for a page came out elsewhere: the screen's pages were not the print's (no case
  // is known). Rather than a note on the wrong page, they close their articles, as they did
  // before briefs set them at the foot.
  const again = await printOnce(page, html, server, timeout, false);
  return { ...again, prints: first.prints + again.prints, notesAtEnd: true };
}

async function printOnce(page: Page, html: string, server: PrintServer, timeout: number, pageNotes: boolean): Promise<PrintedIssue & { notesRight: boolean }> {
  // pdf-lib (about 0.1 s to load and set up, cold) loads while Chromium takes the issue in.
  const marking = import('./marks.js');
  const doc = await openDocument(page, { html, server, timeout });
  try {
    let guess = await page.evaluate(paginateInColumns, false);
    // Notes go to the foot of their pages, and the last lines of text to the 报尾's page when it
    // would stand alone there (page-notes.ts, page-rules.ts, with page-cutter.ts's cuts); either
    // moves what follows.
    await page.evaluate(installPageCutter());
    const moved = (await page.evaluate(placePageNotes, pageNotes)) + (await page.evaluate(applyPageRules));
    if (moved) guess = await page.evaluate(paginateInColumns, false);
    let layout: MeasuredLayout = { articlePages: guess.articlePages, distributionPush: Math.round(guess.pushPx * 0.75 * 100) / 100 };
    const print = async () => {
      await page.evaluate(applyLayout, layout.articlePages, layout.distributionPush);
      const pdf = await doc.pdf();
      const { loadPrint } = await marking;
      return { pdf, ...(await loadPrint(pdf)) };
    };
    let { pdf, doc: parsed, marks } = await print();
    let prints = 1;
    const computed = settled(marks, layout) ? undefined : layoutFromMarks(marks);
    if (computed) {
      layout = computed;
      ({ pdf, doc: parsed, marks } = await print());
      prints++;
    }
    if (!settled(marks, layout)) {
      // Still off: print the 报尾 without a push and read its true place.
      layout = { articlePages: marks.articlePages.map((p) => p ?? 0), distributionPush: 0 };
      ({ marks } = await print());
      const foot = marks.distributionBottom;
      layout = { articlePages: marks.articlePages.map((p) => p ?? 0), distributionPush: foot ? Math.max(0, Math.floor((foot.y - FOOT) * 100) / 100) : 0 };
      ({ pdf, doc: parsed, marks } = await print());
      prints += 2;
    }
    return { pdf, doc: parsed, marks, blocked: doc.blocked, failed: doc.failed, layout, prints, notesRight: notesRight(marks) };
  } finally {
    doc.close();
  }
}

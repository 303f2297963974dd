/**
 * Prints one rendered issue so that its contents list has the true page numbers and its 报尾
 * stands on the foot of its page. Chromium cannot say where it printed an element, so:
 * 1. the document is laid out on screen in columns the size of a page, which gives a first
 *    guess (paginate.ts), written into the page;
 * 2. it is printed with marks (empty links) whose annotations say where each article and the
 *    报尾's foot really fell;
 * 3. if the guess was right, that print is the PDF (the common case: one print). If the 报尾
 *    stopped short of the foot, the marks say by how much, and one more print puts it there.
 *    If the guess went wrong otherwise (a page more than the columns had), the 报尾 is printed
 *    without a push, the marks give the true push, and it is printed again.
 * Shared by generate and preview.
 */
import type { Page } from 'puppeteer-core';
import type { MeasuredLayout, RenderedIssue } from '../render/document.js';
import { readMarks, type Marks } from '../print/marks.js';
import { applyLayout, paginateInColumns } from '../print/paginate.js';
import { openDocument, type PrintResult } from '../print/print-html.js';

const MM = 72 / 25.4;
/** The text block ends 35 mm above the bottom edge (GB/T 9704); the 报尾 stops a hair above it. */
export const FOOT = 35 * MM + 0.5;
/** How far (pt) the 报尾's foot may be from FOOT and still count as on it. */
const TOLERANCE = 1;

export interface PrintedIssue extends PrintResult {
  layout: MeasuredLayout;
  /** Prints it took: 1 when the first guess was right. */
  prints: number;
}

const pagesRight = (marks: Marks, layout: MeasuredLayout) => layout.articlePages.every((p, i) => marks.articlePages[i] === p);

function settled(marks: Marks, layout: MeasuredLayout): boolean {
  const foot = marks.distributionBottom;
  return pagesRight(marks, layout) && (!foot || (foot.page === marks.pages && Math.abs(foot.y - FOOT) <= TOLERANCE));
}

export async function printIssue(page: Page, rendered: RenderedIssue, root: string, timeout: number): Promise<PrintedIssue> {
  const doc = await openDocument(page, { html: rendered.html({ marks: true }), root, timeout });
  try {
    const guess = await page.evaluate(paginateInColumns, false);
    const layout: MeasuredLayout = { articlePages: guess.articlePages, distributionPush: Math.round(guess.pushPx * 0.75 * 100) / 100 };
    await page.evaluate(applyLayout, layout.articlePages, layout.distributionPush);
    let pdf = await doc.pdf();
    let marks = await readMarks(pdf);
    let prints = 1;
    const short = marks.distributionBottom;
    if (!settled(marks, layout) && pagesRight(marks, layout) && short && marks.pages === guess.pages && short.y > FOOT) {
      // On the right page, a little high (the columns broke a line differently): push it down.
      layout.distributionPush = Math.floor((layout.distributionPush + short.y - FOOT) * 100) / 100;
      await page.evaluate(applyLayout, layout.articlePages, layout.distributionPush);
      pdf = await doc.pdf();
      marks = await readMarks(pdf);
      prints++;
    }
    if (!settled(marks, layout)) {
      // The columns guessed wrong: measure the print itself, the 报尾 with no push.
      layout.articlePages = marks.articlePages.map((p) => p ?? 0);
      layout.distributionPush = 0;
      await page.evaluate(applyLayout, layout.articlePages, 0);
      marks = await readMarks(await doc.pdf());
      prints++;
      layout.articlePages = marks.articlePages.map((p) => p ?? 0);
      const foot = marks.distributionBottom;
      layout.distributionPush = foot ? Math.max(0, Math.floor((foot.y - FOOT) * 100) / 100) : 0;
      await page.evaluate(applyLayout, layout.articlePages, layout.distributionPush);
      pdf = await doc.pdf();
      prints++;
    }
    return { pdf, blocked: doc.blocked, failed: doc.failed, layout, prints };
  } finally {
    doc.close();
  }
}

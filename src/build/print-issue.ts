/**
 * Prints one rendered issue in a page of the pool, twice: the first print carries invisible
 * markers and tells where articles and the distribution block fall; the second has the true
 * contents page numbers and the block on the foot of its page. Shared by generate and preview.
 */
import type { Page } from 'puppeteer-core';
import type { MeasuredLayout, RenderedIssue } from '../render/document.js';
import { readOutline } from '../print/outline.js';
import { printHtml, type PrintResult } from '../print/print-html.js';
import { layoutFromOutline } from './measure.js';

export interface PrintedIssue extends PrintResult {
  layout: MeasuredLayout;
}

export async function measureIssue(page: Page, rendered: RenderedIssue, articles: number, root: string, timeout: number): Promise<MeasuredLayout> {
  const first = await printHtml(page, { html: rendered.html({ measuring: true }), root, timeout });
  return layoutFromOutline(await readOutline(first.pdf), articles);
}

export async function printIssue(page: Page, rendered: RenderedIssue, articles: number, root: string, timeout: number): Promise<PrintedIssue> {
  const layout = await measureIssue(page, rendered, articles, root, timeout);
  return { ...(await printHtml(page, { html: rendered.html({ layout }), root, timeout })), layout };
}

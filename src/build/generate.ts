/**
 * The batch driver: every selected issue is checked, rendered, printed in the shared browser
 * and written atomically. An issue that cannot be printed is reported and the others go on.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../content/diagnostic.js';
import { BriefsError } from '../errors.js';
import type { IssueFile } from '../content/model.js';
import { BrowserPool } from '../print/browser.js';
import { finishPdf, pdfDate } from '../print/pdf-metadata.js';
import { PRINT_ORIGIN, printUrls } from '../print/resources.js';
import { fontFaceCss, fontPackageDir } from '../render/fonts.js';
import { VERSION } from '../version.js';
import { assemble, issueErrors, renderIssue, type Project, type UrlScheme } from './project.js';
import { printIssue } from './print-issue.js';
import { outputBase } from './select.js';
import { writeAtomic } from './write-atomic.js';

export type IssueStatus = 'printed' | 'cached' | 'failed';

export interface IssueResult {
  id: string;
  publication: string;
  year: number;
  number: number;
  supplement: boolean;
  /** Absolute paths of what was written. */
  pdf?: string;
  html?: string;
  pages?: number;
  bytes?: number;
  ms: number;
  status: IssueStatus;
  /** Problems of this issue's files and of its printing. */
  diagnostics: Diagnostic[];
}

export interface GenerateOptions {
  outDir: string;
  html: boolean;
  jobs: number;
  timeout: number;
  browser?: string;
  /** Called as each issue finishes, for progress output. */
  onResult?: (r: IssueResult) => void;
  pool?: BrowserPool;
}

/** Page scripts never run: only the tool's styles, fonts and the workspace's images load. */
export const PRINT_CSP = `default-src 'none'; style-src 'unsafe-inline'; font-src ${PRINT_ORIGIN}; img-src ${PRINT_ORIGIN} data:`;
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src file:; img-src file: data:";

export async function generate(project: Project, issues: readonly IssueFile[], opts: GenerateOptions): Promise<IssueResult[]> {
  const pool = opts.pool ?? new BrowserPool({ executablePath: opts.browser ?? project.config.browser, jobs: opts.jobs, timeout: opts.timeout });
  const printFonts = fontFaceCss(printUrls.font);
  const fileUrls: UrlScheme = {
    font: (pkg, file) => pathToFileURL(path.join(fontPackageDir(pkg), 'files', file)).href,
    asset: (rel) => pathToFileURL(path.join(project.config.root, rel)).href,
  };
  const fileFonts = opts.html ? fontFaceCss(fileUrls.font) : '';
  try {
    return await Promise.all(issues.map((issue) => generateOne(project, issue, opts, pool, printFonts, fileUrls, fileFonts)));
  } finally {
    if (!opts.pool) await pool.close();
  }
}

async function generateOne(project: Project, issue: IssueFile, opts: GenerateOptions, pool: BrowserPool, printFonts: string, fileUrls: UrlScheme, fileFonts: string): Promise<IssueResult> {
  // Time spent on this issue, not waiting for a page of the pool.
  let started = Date.now();
  const result: IssueResult = { id: issue.id, publication: issue.publication, year: issue.year, number: issue.number, supplement: issue.supplement, ms: 0, status: 'failed', diagnostics: [] };
  const done = (r: IssueResult) => {
    r.ms = Date.now() - started;
    opts.onResult?.(r);
    return r;
  };
  const assembled = assemble(project, issue);
  const rendered = renderIssue(project, assembled, printUrls, printFonts, { csp: PRINT_CSP });
  result.diagnostics = [...rendered.diagnostics];
  const errors = issueErrors(project, issue, rendered.diagnostics);
  if (errors.length > 0) return done(result);

  const base = path.join(opts.outDir, outputBase(issue));
  try {
    const printed = await pool.withPage((page) => {
      started = Date.now();
      return printIssue(page, rendered, assembled.articles.length, project.config.root, opts.timeout);
    });
    for (const url of printed.failed) {
      result.diagnostics.push({ severity: 'warning', code: 'resource-failed', file: issue.file, message: `${url} could not be loaded and is missing from the PDF`, data: { url }, hint: 'check that the file exists inside the workspace' });
    }
    for (const url of printed.blocked) {
      result.diagnostics.push({ severity: 'warning', code: 'request-blocked', file: issue.file, message: `the page asked for ${url}, which was refused`, data: { url }, hint: 'an issue may only use the workspace’s own images' });
    }
    const finished = await finishPdf(printed.pdf, {
      title: rendered.title,
      author: assembled.bulletin.publisher || project.config.publisher,
      subject: assembled.bulletin.name,
      keywords: [...new Set(assembled.articles.map((a) => a.submission.topic).filter((t): t is string => !!t))],
      date: pdfDate(issue.date),
      producer: `briefs ${VERSION}`,
    });
    await writeAtomic(`${base}.pdf`, finished.bytes);
    result.pdf = `${base}.pdf`;
    result.pages = finished.pages;
    result.bytes = finished.bytes.length;
    if (opts.html) {
      // Its own render: image and font URLs point at files, not at the print origin.
      const html = renderIssue(project, assembled, fileUrls, fileFonts, { csp: FILE_CSP }).html({ layout: printed.layout });
      await writeAtomic(`${base}.html`, html);
      result.html = `${base}.html`;
    }
    result.status = 'printed';
  } catch (cause) {
    // No browser, or one that will not start: nothing can print, so the run ends (exit 2).
    if (cause instanceof BriefsError && cause.exitCode === 2) throw cause;
    result.diagnostics.push({
      severity: 'error',
      code: 'print-failed',
      file: issue.file,
      message: `printing failed: ${(cause as Error).message.split('\n')[0]}`,
      data: { reason: (cause as Error).message.split('\n')[0] },
      hint: 'run again with --debug for details; a page that times out may need a larger --timeout',
    });
  }
  return done(result);
}

/**
 * The preview's pages of an issue and of a single submission: the issue's own HTML, made live
 * (the client script under a nonce, the paged class, the version it shows) and with its
 * problems over it. Pure: the project and the measured layout in, HTML out.
 */
import { assembleIssue } from '../assemble/issue.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { Lang } from '../messages/messages-zh.js';
import type { IssueFile, Submission } from '../content/model.js';
import { printUrls } from '../print/resources.js';
import type { MeasuredLayout } from '../render/document.js';
import { fontFaceCss } from '../fonts/css.js';
import { escapeText } from '../render/sanitize.js';
import { assemble, filesOf, type Project } from '../workspace/project.js';
import { renderIssue } from '../workspace/render-issue.js';
import { CLIENT_JS } from './client.js';
import { overlay, shell } from './pages.js';

export interface PageContext {
  nonce: string;
  version: number;
  lang: Lang;
}

export const head = (nonce: string) => `<script nonce="${nonce}">${CLIENT_JS}</script>`;

export const csp = (nonce: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'nonce-${nonce}'; worker-src 'self'`;

/** The issue as its pages. The 报尾's push is measured again by the client, in the columns: the print's may not fit them. */
export function issuePage(p: Project, issue: IssueFile, layout: MeasuredLayout | undefined, ctx: PageContext): string {
  const rendered = renderIssue(p, assemble(p, issue), printUrls, fontFaceCss(printUrls, p.fonts), { csp: csp(ctx.nonce), headExtra: head(ctx.nonce) });
  const files = filesOf(p, issue);
  // Rendering finds the Markdown problems validate found too (then by file, line and code).
  const problems = [
    ...p.diagnostics.filter((d) => files.has(d.file)),
    ...rendered.diagnostics.filter((d) => !p.diagnostics.some((x) => x.file === d.file && x.line === d.line && x.code === d.code)),
  ];
  return withOverlay(rendered.html({ layout: layout && { ...layout, distributionPush: 0 } }), problems, ctx);
}

export function missingIssuePage(p: Project, id: string, ctx: PageContext): string {
  const [bulletin, year] = id.split('/');
  const near = p.diagnostics.filter((d) => d.file.startsWith(`${p.config.issues}/${bulletin}/${year}/`));
  return shell(
    `briefs: ${id}`,
    `${overlay(near, ctx.lang)}<h1>没有这一期：${escapeText(id)}</h1><p><a href="/">返回目录</a></p>`,
    head(ctx.nonce),
    ctx.version,
  );
}

/** A submission proofed on its own: the masthead says 稿件校样, the title names the piece. */
export function proofPage(p: Project, s: Submission, ctx: PageContext): string {
  const rendered = renderIssue(p, assembleIssue(proofIssue(s), p.config.bulletins[s.publication], p.byId), printUrls, fontFaceCss(printUrls, p.fonts), {
    csp: csp(ctx.nonce),
    headExtra: head(ctx.nonce),
    proof: true,
  });
  return withOverlay(
    rendered.html(),
    p.diagnostics.filter((d) => d.file === s.file),
    ctx,
  );
}

export const missingSubmissionPage = (id: string, ctx: PageContext) =>
  shell('briefs', `<h1>没有这篇稿件：${escapeText(id)}</h1><p><a href="/">返回目录</a></p>`, head(ctx.nonce), ctx.version);

/** The issue a proof is printed as: the submission alone, a draft with no number and no 报尾. */
function proofIssue(s: Submission): IssueFile {
  return {
    id: `proof/${s.id}`,
    file: s.file,
    publication: s.publication,
    year: Number(s.submitted.slice(0, 4)),
    number: 0,
    date: s.submitted,
    submissions: [s.id],
    submissionLines: [1],
    status: 'draft',
    distribution: { 报: [], 送: [], 发: [] },
    supplement: false,
    note: '',
    noteLine: 1,
  };
}

/**
 * The layouts' markup is the workspace's (templates may be overridden), so the preview adds its
 * class and version to the <html> tag and the problems after <body>, rather than asking every
 * template for hooks.
 */
function withOverlay(html: string, problems: Diagnostic[], ctx: PageContext): string {
  return html
    .replace('<html lang="zh-CN">', `<html lang="zh-CN" class="briefs-paged" data-version="${ctx.version}">`)
    .replace(/<body[^>]*>/, (m) => `${m}${overlay(problems, ctx.lang)}`);
}

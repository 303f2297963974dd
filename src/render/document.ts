/**
 * An assembled issue → one HTML document, through the bulletin's layout. Pure: the caller
 * passes the templates, the font CSS, and how to name URLs for fonts and workspace files
 * (print, preview and --html each want their own).
 */
import path from 'node:path';
import type { AssembledIssue } from '../assemble/issue.js';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, type AssetProblem } from '../files/images.js';
import type { Config } from '../config/types.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { breakTitle, contentsLines } from '../layout/title-lines.js';
import { ARTICLE_TITLE_EMS } from '../layout/page.js';
import { chineseDate } from './chinese.js';
import type { TemplateEnvironment } from './environment.js';
import { fontRoleCss } from '../fonts/css.js';
import { renderMarkdown, type ImageResolution } from './markdown.js';
import { authorHtml, authorLine } from './author-line.js';
import { folioCss, pageCss } from '../layout/page.js';

export interface RenderOptions {
  config: Config;
  env: TemplateEnvironment;
  /** @font-face rules, with URLs already made for the target. */
  fontFaces: string;
  /** URL of a workspace file (relative to the workspace root) for the target. */
  assetUrl(rel: string): string;
  /** What keeps a workspace image from printing, if anything (see files/images.ts). */
  assetProblem(rel: string): AssetProblem | undefined;
  /** Extra markup for the head, e.g. the preview's live-reload client. */
  headExtra?: string;
  /** Content-Security-Policy of the document: what the page may load and run. */
  csp?: string;
  /** A single submission proofed on its own: the masthead says 稿件校样 instead of 第N期. */
  proof?: boolean;
  /** The master of numbered copies (`briefs copies`): the 份号 is left for each copy's stamp, its place marked. */
  copyMaster?: boolean;
}

export interface MeasuredLayout {
  articlePages: number[];
  /** Points to add above the distribution block. */
  distributionPush: number;
}

/**
 * How an issue is laid out for one use: `marks` adds the print's position marks (empty links
 * that briefs reads back from the PDF and removes); `layout` carries what was measured.
 */
interface PrintPass {
  marks?: boolean;
  layout?: MeasuredLayout;
}

/**
 * An issue whose Markdown is rendered once; `html` lays it out for a pass, so measuring and
 * final prints share the same content (and its diagnostics are reported once).
 */
export interface RenderedIssue {
  title: string;
  diagnostics: Diagnostic[];
  html(pass?: PrintPass): string;
  /**
   * Everything `html(pass)` is made from, as text: the templates and the data given to them.
   * The same source gives the same HTML, so fingerprints hash this and skip the template run.
   */
  source(pass?: PrintPass): string;
}

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|svg)$/i;

/** 《科技工作者建议》2020年第12期 (增刊 when it is one). */
function issueTitle(a: AssembledIssue): string {
  const { issue, bulletin } = a;
  return `《${bulletin.name}》${issue.year}年${issue.supplement ? '增刊' : ''}第${issue.number}期`;
}

export function renderIssueHtml(a: AssembledIssue, opts: RenderOptions): RenderedIssue {
  const diagnostics: Diagnostic[] = [];
  const { config, env } = opts;
  const { issue, bulletin } = a;

  const resolver =
    (file: string) =>
    (src: string): ImageResolution =>
      resolveImage(config, file, src, opts);
  const note = issue.note.trim()
    ? renderMarkdown(
        {
          markdown: issue.note,
          file: issue.file,
          firstLine: issue.noteLine,
          idPrefix: 'note-',
          resolveImage: resolver(issue.file),
          punctuation: bulletin.punctuation,
        },
        diagnostics,
      )
    : '';
  const articles = a.articles.map((art) => ({
    index: art.index,
    anchor: art.anchor,
    title: art.submission.title,
    titleLines: art.submission.titleLines ?? breakTitle(art.submission.title, ARTICLE_TITLE_EMS),
    contentsLines: contentsLines(art.submission),
    authorLine: authorLine(art.submission.authors),
    authorHtml: authorHtml(art.submission.authors),
    topic: art.submission.topic,
    html: renderMarkdown(
      {
        markdown: art.submission.body,
        file: art.submission.file,
        firstLine: art.submission.bodyLine,
        idPrefix: `a${art.index}-`,
        resolveImage: resolver(art.submission.file),
        punctuation: bulletin.punctuation,
      },
      diagnostics,
    ),
  }));
  const byIndex = new Map(articles.map((x) => [x.index, x]));
  const groups = a.groups.map((g) => ({ topic: g.topic, articles: g.articles.map((x) => byIndex.get(x.index)!) }));
  // A proof has no number yet: its window and PDF title name the piece, never 第0期.
  const title = opts.proof ? `《${a.bulletin.name}》稿件校样：${a.articles[0]?.submission.title ?? ''}` : issueTitle(a);
  const distribution = (['报', '送', '发'] as const)
    .filter((k) => issue.distribution[k].length > 0)
    .map((k) => ({ label: k, recipients: issue.distribution[k].join('，') }));
  const styles = [env.styles['bulletin'], env.styles[bulletin.layout], env.styles['paged'], env.styles['local']].filter(Boolean).join('\n');

  const context = {
    lang: 'zh-CN',
    title,
    headExtra: opts.headExtra ?? '',
    csp: opts.csp,
    proof: opts.proof === true,
    // The bulletin's spacing, in grid lines, for the stylesheet (bulletin.css).
    css: `${pageCss()}\n${folioCss()}\n${fontRoleCss(config.fonts)}\n.bulletin { --article-gap: ${bulletin.articleGap}; --topic-gap: ${bulletin.topicGap}; --head-gap: ${bulletin.headGap}; }\n${styles}`,
    bulletin: { id: bulletin.id, name: bulletin.name },
    publisher: bulletin.publisher,
    classification: issue.classification ?? bulletin.classification,
    serial: opts.copyMaster ? undefined : issue.serial,
    serialSlot: opts.copyMaster === true,
    issue: {
      year: issue.year,
      number: issue.number,
      total: issue.total,
      supplement: issue.supplement,
      date: issue.date,
      dateText: chineseDate(issue.date),
      draft: issue.status === 'draft',
      editor: issue.editor,
      approver: issue.approver,
      copies: issue.copies,
    },
    note,
    showContents: bulletin.contents && articles.length > 1,
    articles,
    groups,
    grouped: bulletin.groupByTopic,
    articleBreak: bulletin.articleBreak,
    notes: bulletin.notes,
    punctuation: bulletin.punctuation,
    distribution,
    hasFooter: distribution.length > 0 || issue.copies !== undefined || issue.editor !== undefined || issue.approver !== undefined,
    topics: [...new Set(articles.map((x) => x.topic).filter(Boolean))],
  };
  const forPass = (pass: PrintPass) => {
    const pages = pass.layout?.articlePages;
    const withPage = <T extends { index: number }>(x: T) => ({ ...x, page: pages?.[x.index - 1] });
    const push = pass.layout?.distributionPush ?? 0;
    return {
      ...context,
      css: `${opts.fontFaces}\n${context.css}`,
      articles: articles.map(withPage),
      groups: groups.map((g) => ({ ...g, articles: g.articles.map(withPage) })),
      marks: pass.marks === true,
      layoutCss: push > 0 ? `.distribution-wrap { padding-top: ${push.toFixed(2)}pt; }` : '',
    };
  };
  return {
    title,
    diagnostics,
    html: (pass: PrintPass = {}) => env.render(bulletin.layout, forPass(pass)),
    source: (pass: PrintPass = {}) => `${bulletin.layout}\n${env.digest}\n${JSON.stringify(forPass(pass))}`,
  };
}

/** Images resolve relative to the file that names them, and must stay inside the workspace. */
export function resolveImage(config: Config, file: string, src: string, opts: Pick<RenderOptions, 'assetProblem' | 'assetUrl'>): ImageResolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    return { code: 'remote-image', data: {} };
  }
  if (src.startsWith('/') || src.startsWith('\\')) {
    return { code: 'image-outside-workspace', data: {}, variant: 'absolute' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.split(/[?#]/)[0]);
  } catch {
    decoded = src;
  }
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(file), decoded.replace(/\\/g, '/')));
  if (rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel)) {
    return { code: 'image-outside-workspace', data: {} };
  }
  if (!IMAGE_EXT.test(rel)) {
    return { code: 'image-type', data: {} };
  }
  switch (opts.assetProblem(rel)) {
    case undefined:
      return { url: opts.assetUrl(rel) };
    case 'missing':
      return { code: 'image-missing', data: { rel } };
    case 'outside':
      return { code: 'image-outside-workspace', data: {}, variant: 'link' };
    case 'not-regular':
      return { code: 'image-type', data: {}, variant: 'not-regular' };
    case 'too-large':
      return { code: 'image-too-large', data: { mib: MAX_IMAGE_BYTES / 1024 / 1024 } };
    case 'too-many-pixels':
      return { code: 'image-too-large', data: { million: MAX_IMAGE_PIXELS / 1_000_000 }, variant: 'pixels' };
  }
}

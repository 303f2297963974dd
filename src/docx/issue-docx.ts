/**
 * The Word edition of an issue (`generate --docx`): the same issue data as the print, set as
 * native Word structures an editor can change, on the print's page and grid: A4 with GB/T
 * 9704's text block, every line on the print's pitch and 28 characters to a line (runs.ts), so
 * that titles, contents entries and author lines keep the print's lines and page 1 holds what
 * the print's does (head-docx.ts); topic headings; the body (markdown-docx.ts); "— N —" folios
 * as PAGE fields, odd pages right and even pages left; the 版记 at the foot of the last page
 * (imprint-docx.ts); 草稿 in the header of a draft; the faces that printed, embedded
 * (fonts/word-embed.ts).
 */
import path from 'node:path';
import { AlignmentType, Bookmark, Document, Footer, Header, PageNumber, Paragraph, TextRun, type Table } from 'docx';
import type { AssembledIssue } from '../assemble/issue.js';
import { breakTitle } from '../layout/title-lines.js';
import { ARTICLE_TITLE_EMS, PAGE_MM } from '../layout/page.js';
import { authorLines } from '../render/author-line.js';
import { resolveImage } from '../render/document.js';
import type { Project } from '../workspace/project.js';

/** The faces to embed (fonts/word-embed.ts) and the family each role's runs name. */
export interface Embedding {
  names: Record<keyof FontConfig, string>;
  fonts: WordFont[];
}
import { docxFaces } from '../fonts/word-faces.js';
import type { WordFont } from '../fonts/word-embed.js';
import type { FontConfig } from '../config/types.js';
import { markdownDocx } from './markdown-docx.js';
import { contentsDocx, mastheadDocx, twips, type RunOf } from './head-docx.js';
import { imprintDocx } from './imprint-docx.js';
import { exact, GRID_SPACING, LINE, SIZE } from './runs.js';

export function issueDocx(project: Project, a: AssembledIssue, embedding?: Embedding): Document {
  const { issue, bulletin } = a;
  const faces = docxFaces(project.config.fonts, embedding?.names);
  const footnotes = new Map<number, Paragraph[]>();
  const run: RunOf = (role, text, extra = {}) => new TextRun({ text, font: faces[role], size: SIZE.body, characterSpacing: GRID_SPACING, ...extra });
  const imageFile = (file: string) => (src: string) => {
    const r = resolveImage(project.config, file, src, { assetProblem: project.assetProblem, assetUrl: (rel) => path.join(project.config.root, rel) });
    return 'url' in r ? r.url : undefined;
  };

  const body: (Paragraph | Table)[] = [...mastheadDocx(a, run)];
  if (issue.note.trim()) {
    // 编者按： in bold opens the note's first paragraph, as printed, a grid line under the rule.
    body.push(
      ...markdownDocx(
        issue.note,
        { faces, footnotes, imageFile: imageFile(issue.file), lead: run('kai', '编者按：', { bold: true }), leadBefore: LINE },
        { font: faces.kai },
      ),
    );
  }
  if (bulletin.contents && a.articles.length > 1) body.push(...contentsDocx(a, run));
  const paged = bulletin.articleBreak === 'page';
  a.groups.forEach((group, g) => {
    const topic = group.topic && bulletin.groupByTopic ? group.topic : undefined;
    if (topic)
      // 【科协动态】 in 黑体, topicGap lines above, standing on its first report (a new page for each topic when articles break pages).
      body.push(
        new Paragraph({
          spacing: exact(1, g > 0 && paged ? 0 : bulletin.topicGap),
          pageBreakBefore: g > 0 && paged,
          keepNext: true,
          children: [run('hei', `【${topic}】`)],
        }),
      );
    group.articles.forEach((art, i) => {
      const s = art.submission;
      const lines = s.titleLines ?? breakTitle(s.title, ARTICLE_TITLE_EMS);
      const first = art.index === 1;
      const newPage = paged && !first && !(topic && i === 0);
      const gap = topic && i === 0 ? 0 : newPage ? 0 : bulletin.articleGap;
      body.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          keepLines: true,
          pageBreakBefore: newPage,
          spacing: exact(1, gap),
          children: [
            new Bookmark({
              id: `article${art.index}`,
              children: lines.map((line, n) =>
                run('xiaobiaosong', line, { size: SIZE.title, bold: true, characterSpacing: 0, ...(n > 0 ? { break: 1 } : {}) }),
              ),
            }),
          ],
        }),
        // The print's lines: each author on a line of their own when the line must wrap.
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          keepLines: true,
          spacing: { ...exact(), after: exact(bulletin.headGap).line },
          children: authorLines(s.authors).map((line, n) => run('kai', line, n > 0 ? { break: 1 } : {})),
        }),
        ...markdownDocx(s.body, { faces, footnotes, imageFile: imageFile(s.file), keepLast: art.index === a.articles.length }),
      );
    });
  });
  body.push(...imprintDocx(issue, (text) => run('fang', text, { size: SIZE.small, characterSpacing: 0 })));

  const folio = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: object) =>
    new Footer({
      children: [
        new Paragraph({ alignment, indent, children: [new TextRun({ font: faces.song, size: SIZE.small, children: ['— ', PageNumber.CURRENT, ' —'] })] }),
      ],
    });
  const draft =
    issue.status === 'draft'
      ? new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('song', '草稿', { color: 'F4B6BB', size: SIZE.title })] })] })
      : undefined;

  return new Document({
    title: `《${bulletin.name}》${issue.year}年${issue.supplement ? '增刊' : ''}第${issue.number}期`,
    creator: bulletin.publisher || 'briefs',
    lastModifiedBy: 'briefs',
    subject: bulletin.name,
    keywords: [...new Set(a.articles.map((x) => x.submission.topic).filter(Boolean))].join(','),
    description: a.articles.map((x) => x.submission.title).join('；'),
    features: { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          // The grid's character spacing is on each body run, not here: the docx package writes no
          // spacing of 0, so a run could not take it off again.
          run: { font: faces.fang, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: exact() },
        },
      },
    },
    fonts: embedding?.fonts,
    footnotes: Object.fromEntries([...footnotes].map(([id, children]) => [String(id), { children }])),
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(PAGE_MM.width), height: twips(PAGE_MM.height) },
            margin: {
              top: twips(PAGE_MM.top),
              bottom: twips(PAGE_MM.bottom),
              left: twips(PAGE_MM.left),
              right: twips(PAGE_MM.right),
              header: twips(15),
              // Measured in LibreOffice: the folio's line then starts about 7 mm under the text block.
              footer: twips(21),
            },
          },
          // No document grid: every paragraph has the print's exact pitch (new ones an editor writes
          // too, from the default style), and LibreOffice snaps even exact lines to a grid, giving
          // a 22 pt title line two.
        },
        headers: draft ? { default: draft, even: draft } : undefined,
        footers: { default: folio(AlignmentType.RIGHT, { right: 280 }), even: folio(AlignmentType.LEFT, { left: 280 }) },
        children: body,
      },
    ],
  });
}

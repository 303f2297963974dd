/**
 * The Word edition of an issue (`generate --docx`): the same issue data as the print, set as
 * native Word structures an editor can change. A4 with GB/T 9704's text block (156 × 225 mm,
 * 37 mm from the top, 28 mm from the left) and a grid of 22 lines of 28 characters; faces by
 * role as East Asian font names; the masthead in red over a red rule (a paragraph border); the
 * editor's note; the contents with PAGEREF fields to bookmarks on the titles (Word updates them
 * on opening); the titles in the print's lines; author lines; the body (markdown-docx.ts);
 * "— N —" folios as PAGE fields, odd pages right and even pages left; the 报尾 as a table with
 * its rules; 草稿 in the header of a draft. Word paginates by itself: the 报尾 ends the text
 * rather than standing on the foot of the last page.
 */
import path from 'node:path';
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  LeaderType,
  PageNumber,
  PageReference,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { AssembledIssue } from '../assemble/issue.js';
import { breakTitle, contentsLines } from '../layout/title-lines.js';
import { ARTICLE_TITLE_EMS } from '../layout/page.js';
import { authorLines } from '../render/author-line.js';
import { chineseDate } from '../render/chinese.js';
import { resolveImage } from '../render/document.js';
import type { Project } from '../workspace/project.js';
import { docxFaces, type Faces } from '../fonts/word-faces.js';
import { markdownDocx } from './markdown-docx.js';
import { BLOCK_MM, GRID, PAGE_MM } from '../layout/page.js';

/** Twips (1/20 pt) in a millimetre. */
const MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM);
const RED = 'E60012';
/** 三号 16 pt, 二号 22 pt, 四号 14 pt, 初号 42 pt: in half-points. */
const SIZE = { body: 32, title: 44, small: 28, masthead: 84 };

export function issueDocx(project: Project, a: AssembledIssue): Document {
  const { issue, bulletin } = a;
  const faces = docxFaces(project.config.fonts);
  const footnotes = new Map<number, Paragraph[]>();
  const run = (role: keyof Faces, text: string, extra: Partial<IRunOptions> = {}) => new TextRun({ text, font: faces[role], size: SIZE.body, ...extra });
  const center = (children: (TextRun | Bookmark)[], extra: object = {}) => new Paragraph({ alignment: AlignmentType.CENTER, children, ...extra });
  const imageFile = (file: string) => (src: string) => {
    const r = resolveImage(project.config, file, src, { assetProblem: project.assetProblem, assetUrl: (rel) => path.join(project.config.root, rel) });
    return 'url' in r ? r.url : undefined;
  };

  const head: (Paragraph | Table)[] = [
    new Paragraph({ children: [run('song', issue.serial !== undefined ? String(issue.serial).padStart(6, '0') : '')] }),
    new Paragraph({ children: [run('hei', issue.classification ?? bulletin.classification)] }),
    center([run('xiaobiaosong', bulletin.name, { color: RED, bold: true, size: SIZE.masthead })], { spacing: { before: 120, after: 120 } }),
    center([run('kai', `${issue.supplement ? '增刊' : ''}第${issue.number}期${issue.total ? `（总第${issue.total}期）` : ''}`)]),
    new Paragraph({
      children: [run('kai', bulletin.publisher), run('kai', `\t${chineseDate(issue.date)}`)],
      tabStops: [{ type: TabStopType.RIGHT, position: twips(BLOCK_MM.width) }],
      spacing: { before: 240 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 24, color: RED, space: 4 } },
    }),
  ];

  const body: (Paragraph | Table)[] = [];
  if (issue.note.trim()) {
    // 编者按： in bold opens the note's first paragraph, as printed.
    body.push(
      ...markdownDocx(issue.note, { faces, footnotes, imageFile: imageFile(issue.file), lead: run('kai', '编者按：', { bold: true }) }, { font: faces.kai }),
    );
  }
  if (bulletin.contents && a.articles.length > 1) {
    body.push(center([run('hei', '本期目录')], { spacing: { before: 240 } }));
    // Each entry with the print's lines (one breaker for both), the leader and the page after the last.
    for (const art of a.articles) {
      const lines = contentsLines(art.submission);
      body.push(
        new Paragraph({
          indent: { left: 640 },
          tabStops: [{ type: TabStopType.RIGHT, position: twips(BLOCK_MM.width), leader: LeaderType.DOT }],
          children: [
            ...lines.map((line, i) => run('fang', i === lines.length - 1 ? `${line}\t` : line, i > 0 ? { break: 1 } : {})),
            new PageReference(`article${art.index}`, {}),
          ],
        }),
      );
    }
  }
  for (const art of a.articles) {
    const s = art.submission;
    const lines = s.titleLines ?? breakTitle(s.title, ARTICLE_TITLE_EMS);
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: 480 },
        children: [
          new Bookmark({
            id: `article${art.index}`,
            children: lines.map((line, i) => run('xiaobiaosong', line, { size: SIZE.title, bold: true, ...(i > 0 ? { break: 1 } : {}) })),
          }),
        ],
      }),
      // The print's lines: each author on a line of their own when the line must wrap.
      center(
        authorLines(s.authors).map((line, i) => run('kai', line, i > 0 ? { break: 1 } : {})),
        { keepNext: true, spacing: { after: 240 } },
      ),
      ...markdownDocx(s.body, { faces, footnotes, imageFile: imageFile(s.file) }),
    );
  }

  // The 报尾: 报/送/发, then 责任编辑, 签发 and 共印N份, between rules (GB/T 9704 §7.4).
  const lines = (['报', '送', '发'] as const).filter((k) => issue.distribution[k].length > 0);
  type Rule = { style: (typeof BorderStyle)[keyof typeof BorderStyle]; size: number; color: string };
  const thick: Rule = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin: Rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none: Rule = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const texts = lines.map((k) => `${k}：${issue.distribution[k].join('，')}`);
  const who = [issue.editor ? `责任编辑：${issue.editor}` : '', issue.approver ? `签发：${issue.approver}` : ''].filter(Boolean).join('　　');
  const last = who || issue.copies !== undefined ? `${who}${issue.copies !== undefined ? `\t共印${issue.copies}份` : ''}` : undefined;
  const all = [...texts, ...(last !== undefined ? [last] : [])];
  const rows = all.map((text, i) => {
    // A thick rule over the first line and under the last; a thin one over 责任编辑.
    const top = i === 0 ? thick : last !== undefined && i === all.length - 1 ? thin : none;
    const bottom = i === all.length - 1 ? thick : none;
    return new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          borders: { top, bottom, left: none, right: none },
          children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: twips(150) }], children: [run('fang', text, { size: SIZE.small })] })],
        }),
      ],
    });
  });
  const bare = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  if (rows.length)
    body.push(new Paragraph({ children: [], spacing: { before: 480 } }), new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: bare, rows }));

  const folio = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType], indent: object) =>
    new Footer({
      children: [
        new Paragraph({ alignment, indent, children: [new TextRun({ font: faces.song, size: SIZE.small, children: ['— ', PageNumber.CURRENT, ' —'] })] }),
      ],
    });
  const draft = issue.status === 'draft' ? new Header({ children: [center([run('song', '草稿', { color: 'F4B6BB', size: SIZE.title })])] }) : undefined;

  return new Document({
    title: `《${bulletin.name}》${issue.year}年${issue.supplement ? '增刊' : ''}第${issue.number}期`,
    creator: bulletin.publisher || 'briefs',
    lastModifiedBy: 'briefs',
    subject: bulletin.name,
    keywords: [...new Set(a.articles.map((x) => x.submission.topic).filter(Boolean))].join(','),
    description: a.articles.map((x) => x.submission.title).join('；'),
    features: { updateFields: true },
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: faces.fang, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } } } } },
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
          // 22 lines in the text block: a line pitch of 225/22 mm. Word's character grid (28 a
          // line) is left off: LibreOffice spreads the characters under it to about 17 a line.
          grid: { type: DocumentGridType.LINES, linePitch: Math.round((BLOCK_MM.height / GRID.lines) * MM) },
        },
        headers: draft ? { default: draft, even: draft } : undefined,
        footers: { default: folio(AlignmentType.RIGHT, { right: 280 }), even: folio(AlignmentType.LEFT, { left: 280 }) },
        children: [...head, ...body],
      },
    ],
  });
}

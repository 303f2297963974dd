/**
 * The front matter of a year's volume as data: the cover, the cumulative contents (each issue
 * with its articles and their page in the volume) and two indexes, by topic (栏目) and by author
 * (one person: the same name and affiliation), names sorted by pinyin. Pure.
 */
import type { AssembledIssue } from '../assemble/issue.js';
import { breakTitle, widthEm } from '../layout/title-lines.js';
import { VOLUME_CONTENTS_EMS, VOLUME_INDEX_EMS } from '../layout/page.js';
import { chineseDate } from '../render/chinese.js';
import type { FolioMode } from './folios.js';
import { pushTo } from '../group.js';

interface VolumeArticle {
  title: string;
  /** The title's lines in the contents, and in an index (with the issue's label after the last). */
  lines: string[];
  indexLines: string[];
  authors: string;
  topic?: string;
  /** 1-based page in the volume (what a link goes to). */
  page: number;
  /** The page number as printed on that page: the issue's own (folio: issue), else the volume's. */
  folio: string;
  issueLabel: string;
}

interface VolumeIssue {
  id: string;
  label: string;
  dateText: string;
  draft: boolean;
  firstPage: number;
  lastPage: number;
  /** The printed number of its first page (see VolumeArticle.folio); none with the issues' own folios, where it is always 1. */
  folio: string;
  articles: VolumeArticle[];
}

export interface VolumeContents {
  issues: VolumeIssue[];
  topics: { topic: string; articles: VolumeArticle[] }[];
  authors: { name: string; affiliation: string; articles: VolumeArticle[] }[];
}

export interface PlacedIssue {
  assembled: AssembledIssue;
  /** Pages of the issue's PDF, and the page in it where each article starts (by title). */
  pages: number;
  articlePages: ReadonlyMap<string, number>;
}

const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

const issueLabel = (a: AssembledIssue) => `${a.issue.supplement ? '增刊' : ''}第${a.issue.number}期`;

/**
 * `front` is the number of front matter pages before the first issue. The pages listed are
 * the ones printed: with each issue's own folios a reader looks for 第3期 and its page 2, so
 * that is what the contents give (the index entries name the issue); with the volume's, its
 * continuous numbers, which start after the front matter.
 */
export function volumeContents(placed: readonly PlacedIssue[], front: number, folio: FolioMode = 'issue'): VolumeContents {
  let start = front + 1;
  const printed = (page: number, first: number) => String(folio === 'issue' ? page - first + 1 : page - front);
  const issues: VolumeIssue[] = placed.map(({ assembled, pages, articlePages }) => {
    const label = issueLabel(assembled);
    const first = start;
    start += pages;
    return {
      id: assembled.issue.id,
      label,
      dateText: chineseDate(assembled.issue.date),
      draft: assembled.issue.status === 'draft',
      firstPage: first,
      lastPage: first + pages - 1,
      folio: folio === 'issue' ? '' : printed(first, first),
      articles: assembled.articles.map((a) => {
        const page = first - 1 + (articlePages.get(a.submission.title) ?? 1);
        return {
          title: a.submission.title,
          lines: breakTitle(a.submission.title, VOLUME_CONTENTS_EMS),
          indexLines: breakTitle(a.submission.title, VOLUME_INDEX_EMS - widthEm(`（${label}）`)),
          authors: a.submission.authors.map((x) => x.name).join('、'),
          topic: a.submission.topic,
          page,
          folio: printed(page, first),
          issueLabel: label,
        };
      }),
    };
  });
  const all = issues.flatMap((i) => i.articles);
  const topics = new Map<string, VolumeArticle[]>();
  for (const a of all) if (a.topic) pushTo(topics, a.topic, a);
  const authors = new Map<string, { name: string; affiliation: string; articles: VolumeArticle[] }>();
  placed.forEach(({ assembled }, k) =>
    assembled.articles.forEach((a, j) => {
      for (const person of a.submission.authors) {
        const key = `${person.name}\u0000${person.affiliation ?? ''}`;
        const entry = authors.get(key) ?? { name: person.name, affiliation: person.affiliation ?? '', articles: [] };
        entry.articles.push(issues[k].articles[j]);
        authors.set(key, entry);
      }
    }),
  );
  return {
    issues,
    topics: [...topics].map(([topic, articles]) => ({ topic, articles })),
    authors: [...authors.values()].sort((x, y) => collator.compare(x.name, y.name) || collator.compare(x.affiliation, y.affiliation)),
  };
}

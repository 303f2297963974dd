/**
 * The web edition's pages (`briefs site`), as files of a static site: a home page with the
 * latest issues of each bulletin, a page per bulletin and year, per issue and per article, and
 * indexes by topic and by author. Every link is relative, so the site works from any host or
 * sub-path; nothing is fetched from another host. Article pages are the ones Pagefind indexes
 * (`data-pagefind-body`), with the bulletin, year and topic as filters and the date to sort by.
 * Pure: the issues in, the pages out. Text is escaped here; an article's body comes rendered and
 * sanitized by render/markdown.ts, as the print's does.
 */
import path from 'node:path';
import { SITE_WORDS, type SiteLang } from './words.js';

interface SiteArticle {
  /** 1-based, in the issue's order. */
  index: number;
  title: string;
  /** The author line(s), as printed. */
  authors: string[];
  authorNames: string[];
  topic?: string;
  /** The body, rendered and sanitized; media URLs start with ROOT. */
  html: string;
  /** Its first page in the printed PDF, when known. */
  pdfPage?: number;
}

export interface SiteIssue {
  id: string;
  bulletin: { id: string; name: string };
  year: number;
  /** 001, or s01 for a supplement. */
  number: string;
  /** YYYY-MM-DD and as printed (二〇二六年…). */
  date: string;
  dateText: string;
  /** The editor's note, rendered; empty when none. */
  noteHtml: string;
  articles: SiteArticle[];
  /** Files of the issue inside the site (files/…), when present. */
  files: { pdf?: string; docx?: string; ofd?: string };
}

export interface SitePage {
  /** Path inside the site, with / between folders. */
  path: string;
  html: string;
}

/** Where a page's relative links to the site's root start: replaced per page. */
export const ROOT = '\u0000ROOT\u0000';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const issueDir = (i: SiteIssue) => `${i.bulletin.id}/${i.year}/${i.number}`;
const articlePath = (i: SiteIssue, a: SiteArticle) => `${issueDir(i)}/${a.index}.html`;

export function sitePages(issues: readonly SiteIssue[], lang: SiteLang = 'zh'): SitePage[] {
  const w = SITE_WORDS[lang];
  const sorted = [...issues].sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : b.date.localeCompare(a.date)));
  const issueName = (i: SiteIssue) => w.issueOf(i.bulletin.name, i.year, i.number.replace(/^0+(?=\d)/, ''));
  const pages: SitePage[] = [];
  const add = (file: string, title: string, body: string, indexed = false) => pages.push({ path: file, html: shell(file, title, body, lang, indexed) });
  const link = (to: string, text: string) => `<a href="${ROOT}${esc(to)}">${esc(text)}</a>`;
  const issueLink = (i: SiteIssue) => link(`${issueDir(i)}/index.html`, issueName(i));

  // Home: the latest issues of each bulletin, and every bulletin's years.
  const bulletins = [...new Map(sorted.map((i) => [i.bulletin.id, i.bulletin])).values()];
  let home = `<h1>${esc(w.site)}</h1>`;
  for (const b of bulletins) {
    const own = sorted.filter((i) => i.bulletin.id === b.id);
    home += `<section><h2>《${esc(b.name)}》</h2><h3>${esc(w.latest)}</h3><ul>${own
      .slice(0, 5)
      .map((i) => `<li>${issueLink(i)} <span class="date">${esc(i.dateText)}</span></li>`)
      .join('')}</ul><p>${[...new Set(own.map((i) => i.year))].map((y) => link(`${b.id}/${y}/index.html`, w.yearOf(b.name, y))).join(' ')}</p></section>`;
  }
  home += `<p>${link('topics.html', w.topics)} ${link('authors.html', w.authors)}</p>`;
  add('index.html', w.site, home);

  // A page per bulletin and year.
  const years = new Map<string, SiteIssue[]>();
  for (const i of sorted) years.set(`${i.bulletin.id}/${i.year}`, [...(years.get(`${i.bulletin.id}/${i.year}`) ?? []), i]);
  for (const [key, list] of years) {
    const title = w.yearOf(list[0].bulletin.name, list[0].year);
    add(
      `${key}/index.html`,
      title,
      `<h1>${esc(title)}</h1><ul>${list.map((i) => `<li>${issueLink(i)} <span class="date">${esc(i.dateText)}</span></li>`).join('')}</ul>`,
    );
  }

  for (const i of sorted) {
    // The issue: its masthead line, date, note, contents and files.
    const files = [i.files.pdf && link(i.files.pdf, w.pdf), i.files.docx && link(i.files.docx, w.docx), i.files.ofd && link(i.files.ofd, w.ofd)].filter(
      Boolean,
    );
    add(
      `${issueDir(i)}/index.html`,
      issueName(i),
      `<h1 class="masthead"><span class="name">${esc(i.bulletin.name)}</span><span class="number">${esc(issueName(i))}</span></h1><p class="date">${esc(w.date)}：${esc(i.dateText)}</p>${
        i.noteHtml ? `<section class="note"><h2>${esc(w.note)}</h2>${i.noteHtml}</section>` : ''
      }<h2>${esc(w.contents)}</h2><ol>${i.articles.map((a) => `<li>${link(articlePath(i, a), a.title)}</li>`).join('')}</ol>${files.length ? `<p class="files">${files.join(' ')}</p>` : ''}`,
    );
    for (const a of i.articles) {
      const f = w.facet;
      const filters = [`${f.bulletin}:${i.bulletin.name}`, `${f.year}:${i.year}`, ...(a.topic ? [`${f.topic}:${a.topic}`] : [])];
      add(
        articlePath(i, a),
        a.title,
        `<article><h1 data-pagefind-meta="title">${esc(a.title)}</h1>${a.authors.map((l) => `<p class="authors">${esc(l)}</p>`).join('')}` +
          `<p class="where"><span data-pagefind-meta="${esc(w.facet.issue)}">${esc(issueName(i))}</span> · <span>${esc(i.dateText)}</span>${a.topic ? ` · ${esc(w.topic)}：${esc(a.topic)}` : ''}</p>` +
          filters.map((f) => `<span hidden data-pagefind-filter="${esc(f)}"></span>`).join('') +
          `<span hidden data-pagefind-sort="date:${esc(i.date)}"></span>` +
          `<div class="body">${a.html}</div>` +
          `<p class="files">${issueLink(i)}${i.files.pdf ? ` · ${link(`${i.files.pdf}${a.pdfPage ? `#page=${a.pdfPage}` : ''}`, a.pdfPage ? w.pdfPage(a.pdfPage) : w.pdf)}` : ''}</p></article>`,
        true,
      );
    }
  }

  // Indexes by topic and by author, as the volume's.
  const index = (file: string, title: string, keyOf: (a: SiteArticle) => string[]) => {
    const groups = new Map<string, { i: SiteIssue; a: SiteArticle }[]>();
    for (const i of sorted) for (const a of i.articles) for (const k of keyOf(a)) groups.set(k, [...(groups.get(k) ?? []), { i, a }]);
    const keys = [...groups.keys()].sort((x, y) => x.localeCompare(y, 'zh-Hans-CN-u-co-pinyin'));
    add(
      file,
      title,
      `<h1>${esc(title)}</h1>${keys
        .map(
          (k) =>
            `<section><h2>${esc(k)}</h2><ul>${groups
              .get(k)!
              .map(({ i, a }) => `<li>${link(articlePath(i, a), a.title)} <span class="date">${esc(issueName(i))}</span></li>`)
              .join('')}</ul></section>`,
        )
        .join('')}`,
    );
  };
  index('topics.html', w.topics, (a) => [a.topic ?? w.none]);
  index('authors.html', w.authors, (a) => a.authorNames);
  return pages;
}

/** A page: its head, the site's header with the search box, its body; links made relative to it. */
function shell(file: string, title: string, body: string, lang: SiteLang, indexed: boolean): string {
  const w = SITE_WORDS[lang];
  const up = path.posix.relative(path.posix.dirname(file), '.') || '.';
  const root = `${up}/`;
  const html = `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${ROOT}site.css">
<link rel="stylesheet" href="${ROOT}pagefind/pagefind-ui.css">
<script src="${ROOT}pagefind/pagefind-ui.js"></script>
</head>
<body>
<header><nav aria-label="${esc(w.site)}"><a href="${ROOT}index.html">${esc(w.home)}</a> <a href="${ROOT}topics.html">${esc(w.topics)}</a> <a href="${ROOT}authors.html">${esc(w.authors)}</a></nav>
<div role="search" aria-label="${esc(w.search)}"><label class="sort">${esc(w.sort.label)} <select id="sort"><option value="">${esc(w.sort.relevance)}</option><option value="desc">${esc(w.sort.date)}</option></select></label>
<div id="search"></div></div></header>
<main${indexed ? ' data-pagefind-body' : ''}>
${body}
</main>
<script>
window.addEventListener('DOMContentLoaded', function () {
  if (!window.PagefindUI) return;
  // Fresh options each time: Pagefind's UI deletes the keys of the object it is given.
  var options = function (sort) {
    var o = { element: '#search', showSubResults: false, showImages: false };
    if (sort) o.sort = { date: sort };
    return o;
  };
  var ui = new PagefindUI(options());
  // By relevance (Pagefind's order) or by the issue's date, newest first: the search box made again, its words kept.
  document.getElementById('sort').addEventListener('change', function (e) {
    var box = document.getElementById('search');
    var input = box.querySelector('input');
    var term = input ? input.value : '';
    var fresh = document.createElement('div');
    fresh.id = 'search';
    box.replaceWith(fresh);
    ui = new PagefindUI(options(e.target.value));
    // The new box starts as its script loads: the words are given to it once it is there.
    var tries = 0;
    (function again() {
      if (!term) return;
      try { ui.triggerSearch(term); } catch (err) { if (tries++ < 100) setTimeout(again, 50); }
    })();
  });
});
</script>
</body>
</html>
`;
  return html.split(ROOT).join(root);
}

/** The site's stylesheet: readable on a phone and a desktop, and on paper. */
export const SITE_CSS = `:root { color-scheme: light; }
body { margin: 0 auto; max-width: 46rem; padding: 0 1rem 3rem; font: 1.0625rem/1.8 "Noto Serif SC", "Source Han Serif SC", "Songti SC", SimSun, serif; color: #1a1a1a; }
header { border-bottom: 3px solid #c00; padding: .75rem 0; margin-bottom: 1rem; }
header nav a { margin-right: 1rem; }
.sort { display: block; margin: .5rem 0; font-size: .875rem; color: #555; }
h1 { font-size: 1.5rem; line-height: 1.4; }
h1, h2, h3 { font-family: "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
a { color: #a00; }
.masthead { text-align: center; border-bottom: 2px solid #c00; padding-bottom: .5rem; }
.masthead .name { display: block; color: #c00; font-family: "Noto Serif SC", "Source Han Serif SC", serif; font-size: 2.25rem; letter-spacing: .12em; }
.masthead .number { display: block; font-size: 1rem; font-weight: normal; }
.date, .where, .authors { color: #555; }
.authors { margin: 0; font-family: "LXGW WenKai", "Kaiti SC", KaiTi, serif; }
.where { margin-top: 1em; font-size: .9375rem; }
.body p { text-indent: 2em; margin: .5em 0; }
.body li p, .body .footnotes p { text-indent: 0; }
.body img { max-width: 100%; height: auto; }
.body table { border-collapse: collapse; display: block; overflow-x: auto; }
.body td, .body th { border: 1px solid #999; padding: .2em .5em; }
@media print { header, .files { display: none; } body { max-width: none; } a { color: inherit; text-decoration: none; } }
`;

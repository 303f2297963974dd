/**
 * The preview's own pages: the index of issues and unplaced submissions, and the overlay that
 * shows problems over an issue. Pure: a project in, HTML out; every value escaped.
 */
import type { Project } from '../workspace/project.js';
import { filesOf } from '../workspace/project.js';
import { capRepeats, sortDiagnostics, type Diagnostic } from '../messages/diagnostic.js';
import { localize, type Lang } from '../messages/messages-zh.js';
import { chineseDate } from '../render/chinese.js';
import { escapeText as esc } from '../render/sanitize.js';
import { pushTo } from '../group.js';

function issuePath(id: string): string {
  return `/issues/${id}`;
}

const PAGE_STYLE = `
body { font: 15px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.draft { color: #b00; } .ok { color: #070; } .bad { color: #b00; font-weight: 600; } .warn { color: #a60; }
a { color: #0645ad; } th, td:nth-child(-n+3) { white-space: nowrap; } .none { color: #666; }`;

export function shell(title: string, body: string, head: string, version: number): string {
  return `<!DOCTYPE html><html lang="zh-CN" data-version="${version}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PAGE_STYLE}</style>${head}</head><body>${body}</body></html>`;
}

/** Every word of the preview's own pages, in both languages. */
const WORDS = {
  zh: {
    title: 'briefs 预览',
    issue: '期',
    date: '日期',
    state: '状态',
    pieces: '稿件',
    problems: '问题',
    bulletin: '刊物',
    authors: '作者',
    draft: '草稿',
    final: '定稿',
    missing: (id: string) => `（缺少 ${id}）`,
    unplaced: (n: number) => `尚未编入任何一期的稿件（${n}）`,
    allPlaced: '所有稿件都已编入一期。',
    noIssues: '还没有任何一期：用 briefs new issue 或 briefs assemble 新建。',
    unreadable: '无法读取的文件',
    errors: (n: number) => `${n} 个错误`,
    warnings: (n: number) => `${n} 个警告`,
    and: '，',
    status: { submitted: '已提交', accepted: '已采用', rejected: '已退回' },
  },
  en: {
    title: 'briefs preview',
    issue: 'issue',
    date: 'date',
    state: 'state',
    pieces: 'pieces',
    problems: 'problems',
    bulletin: 'bulletin',
    authors: 'authors',
    draft: 'draft',
    final: 'final',
    missing: (id: string) => `(missing ${id})`,
    unplaced: (n: number) => `Submissions in no issue yet (${n})`,
    allPlaced: 'Every submission is in an issue.',
    noIssues: 'No issue yet: make one with briefs new issue or briefs assemble.',
    unreadable: 'Files that cannot be read',
    errors: (n: number) => `${n} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
    and: ', ',
    status: { submitted: 'submitted', accepted: 'accepted', rejected: 'rejected' },
  },
};

function counts(diagnostics: readonly Diagnostic[], lang: Lang): string {
  const w = WORDS[lang];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!errors && !warnings) return '<span class="ok">✓</span>';
  return [errors ? `<span class="bad">${w.errors(errors)}</span>` : '', warnings ? `<span class="warn">${w.warnings(warnings)}</span>` : '']
    .filter(Boolean)
    .join(' ');
}

export function indexPage(project: Project, lang: Lang = 'zh'): string {
  const w = WORDS[lang];
  const rows: string[] = [];
  const byBulletin = new Map<string, typeof project.issues>();
  for (const i of [...project.issues].sort(
    (a, b) => a.publication.localeCompare(b.publication) || b.year - a.year || Number(a.supplement) - Number(b.supplement) || b.number - a.number,
  )) {
    pushTo(byBulletin, i.publication, i);
  }
  for (const [id, issues] of byBulletin) {
    const b = project.config.bulletins[id];
    rows.push(`<h2>《${esc(b.name)}》</h2><table><tr><th>${w.issue}</th><th>${w.date}</th><th>${w.state}</th><th>${w.pieces}</th><th>${w.problems}</th></tr>`);
    for (const i of issues) {
      const files = filesOf(project, i);
      const titles = i.submissions.map((s) => esc(project.byId.get(s)?.title ?? w.missing(s))).join('<br>');
      rows.push(
        `<tr><td><a href="${esc(issuePath(i.id))}">${i.year}年${i.supplement ? '增刊' : ''}第${i.number}期</a></td><td>${esc(chineseDate(i.date))}</td><td class="${i.status}">${i.status === 'draft' ? w.draft : w.final}</td><td>${titles}</td><td>${counts(
          project.diagnostics.filter((d) => files.has(d.file)),
          lang,
        )}</td></tr>`,
      );
    }
    rows.push('</table>');
  }
  if (byBulletin.size === 0) rows.push(`<p class="none">${w.noIssues}</p>`);
  const placed = new Set(project.issues.flatMap((i) => i.submissions));
  const unplaced = project.submissions.filter((s) => !placed.has(s.id));
  rows.push(`<h2>${w.unplaced(unplaced.length)}</h2>`);
  // An empty table says nothing: a sentence does.
  if (unplaced.length === 0) rows.push(`<p class="none">${w.allPlaced}</p>`);
  else {
    rows.push(`<table><tr><th>${w.pieces}</th><th>${w.bulletin}</th><th>${w.state}</th><th>${w.authors}</th><th>${w.problems}</th></tr>`);
    for (const s of unplaced) {
      rows.push(
        `<tr><td><a href="/submissions/${encodeURIComponent(s.id)}">${esc(s.title)}</a></td><td>《${esc(project.config.bulletins[s.publication].name)}》</td><td>${w.status[s.status]}</td><td>${esc(s.authors.map((a) => a.name).join('、'))}</td><td>${counts(
          project.diagnostics.filter((d) => d.file === s.file),
          lang,
        )}</td></tr>`,
      );
    }
    rows.push('</table>');
  }
  const broken = project.diagnostics.filter(
    (d) => d.severity === 'error' && !project.submissions.some((s) => s.file === d.file) && !project.issues.some((i) => i.file === d.file),
  );
  if (broken.length) rows.push(`<h2>${w.unreadable}</h2>${overlayList(broken, lang)}`);
  return `<h1>${w.title}</h1>${rows.join('\n')}`;
}

function overlayList(diagnostics: readonly Diagnostic[], lang: Lang): string {
  return `<ul>${capRepeats(sortDiagnostics(diagnostics))
    .map((d) => localize(d, lang))
    .map(
      (d) =>
        `<li class="${d.severity}"><b>${esc(d.file)}${d.line ? `:${d.line}` : ''}</b> ${esc(d.message)}${d.hint ? `<br><small>→ ${esc(d.hint)}</small>` : ''}</li>`,
    )
    .join('')}</ul>`;
}

/**
 * Problems beside the page: a panel fixed at the right edge, clear of page 1's masthead (份号,
 * 密级), naming file and line, in the chosen language; gone when the files are fixed.
 */
export function overlay(diagnostics: readonly Diagnostic[], lang: Lang = 'zh'): string {
  if (diagnostics.length === 0) return '';
  const w = WORDS[lang];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const head = [errors ? w.errors(errors) : '', warnings ? w.warnings(warnings) : ''].filter(Boolean).join(w.and);
  return `<div class="briefs-overlay" role="alert" style="position:fixed;z-index:1000;top:0;right:0;bottom:0;width:min(26rem,calc(100vw - 220mm));min-width:16rem;overflow:auto;background:#fff8f8;border-left:3px solid ${errors ? '#c00' : '#d80'};font:14px/1.5 system-ui,sans-serif;color:#222;padding:.5rem 1rem;box-sizing:border-box;column-count:1;letter-spacing:0;text-indent:0;text-align:left">
<b>${head}</b>${overlayList(diagnostics, lang)}</div>`;
}

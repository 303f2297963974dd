/**
 * The preview's own pages: the index of issues and unplaced submissions, and the overlay that
 * shows problems over an issue. Pure: a project in, HTML out; every value escaped.
 */
import type { Project } from '../workspace/project.js';
import { filesOf } from '../workspace/project.js';
import { capRepeats, sortDiagnostics, type Diagnostic } from '../content/diagnostic.js';
import { localize, type Lang } from '../content/messages-zh.js';
import { chineseDate } from '../render/chinese.js';
import { escapeText as esc } from '../render/sanitize.js';

function issuePath(id: string): string {
  return `/issues/${id}`;
}

const PAGE_STYLE = `
body { font: 15px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; } td, th { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
.draft { color: #b00; } .ok { color: #070; } .bad { color: #b00; font-weight: 600; } .warn { color: #a60; }
a { color: #0645ad; } td:nth-child(-n+3) { white-space: nowrap; }`;

export function shell(title: string, body: string, head: string, version: number): string {
  return `<!DOCTYPE html><html lang="zh-CN" data-version="${version}"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${PAGE_STYLE}</style>${head}</head><body>${body}</body></html>`;
}

function counts(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (!errors && !warnings) return '<span class="ok">✓</span>';
  return [errors ? `<span class="bad">${errors} 错误</span>` : '', warnings ? `<span class="warn">${warnings} 警告</span>` : ''].filter(Boolean).join(' ');
}

export function indexPage(project: Project): string {
  const rows: string[] = [];
  const byBulletin = new Map<string, typeof project.issues>();
  for (const i of [...project.issues].sort(
    (a, b) => a.publication.localeCompare(b.publication) || b.year - a.year || Number(a.supplement) - Number(b.supplement) || b.number - a.number,
  )) {
    byBulletin.set(i.publication, [...(byBulletin.get(i.publication) ?? []), i]);
  }
  for (const [id, issues] of byBulletin) {
    const b = project.config.bulletins[id];
    rows.push(`<h2>《${esc(b.name)}》</h2><table><tr><th>期</th><th>日期</th><th>状态</th><th>稿件</th><th>问题</th></tr>`);
    for (const i of issues) {
      const files = filesOf(project, i);
      const titles = i.submissions.map((s) => esc(project.byId.get(s)?.title ?? `（缺少 ${s}）`)).join('<br>');
      rows.push(
        `<tr><td><a href="${esc(issuePath(i.id))}">${i.year}年${i.supplement ? '增刊' : ''}第${i.number}期</a></td><td>${esc(chineseDate(i.date))}</td><td class="${i.status}">${i.status === 'draft' ? '草稿' : '定稿'}</td><td>${titles}</td><td>${counts(project.diagnostics.filter((d) => files.has(d.file)))}</td></tr>`,
      );
    }
    rows.push('</table>');
  }
  const placed = new Set(project.issues.flatMap((i) => i.submissions));
  const unplaced = project.submissions.filter((s) => !placed.has(s.id));
  rows.push(`<h2>尚未编入任何一期的稿件（${unplaced.length}）</h2><table><tr><th>稿件</th><th>刊物</th><th>状态</th><th>作者</th><th>问题</th></tr>`);
  const status = { submitted: '已提交', accepted: '已采用', rejected: '已退回' };
  for (const s of unplaced) {
    rows.push(
      `<tr><td><a href="/submissions/${encodeURIComponent(s.id)}">${esc(s.title)}</a></td><td>${esc(project.config.bulletins[s.publication].name)}</td><td>${status[s.status]}</td><td>${esc(s.authors.map((a) => a.name).join('、'))}</td><td>${counts(project.diagnostics.filter((d) => d.file === s.file))}</td></tr>`,
    );
  }
  rows.push('</table>');
  const broken = project.diagnostics.filter(
    (d) => d.severity === 'error' && !project.submissions.some((s) => s.file === d.file) && !project.issues.some((i) => i.file === d.file),
  );
  if (broken.length) rows.push(`<h2>无法读取的文件</h2>${overlayList(broken, 'zh')}`);
  return `<h1>briefs 预览</h1>${rows.join('\n')}`;
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

/** Problems over the page: fixed, on top, naming file and line; gone when the files are fixed. */
export function overlay(diagnostics: readonly Diagnostic[], lang: Lang = 'zh'): string {
  if (diagnostics.length === 0) return '';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `<div class="briefs-overlay" role="alert" style="position:fixed;z-index:1000;top:0;left:0;right:0;max-height:45vh;overflow:auto;background:#fff8f8;border-bottom:3px solid ${errors ? '#c00' : '#d80'};font:14px/1.5 system-ui,sans-serif;color:#222;padding:.5rem 1rem;column-count:1;letter-spacing:0;text-indent:0;text-align:left">
<b>${errors ? `${errors} 个错误` : ''}${errors && diagnostics.length > errors ? '，' : ''}${diagnostics.length > errors ? `${diagnostics.length - errors} 个警告` : ''}</b>${overlayList(diagnostics, lang)}</div>`;
}

/**
 * `briefs site`: the web edition of every final issue (never a draft), built in memory and then
 * written where it differs, so that a rerun with nothing changed writes nothing and the same
 * input gives the same bytes. The file edge of site/: it reads the workspace, the issues' PDFs
 * and Word files from the output folder (as generate recorded them), the images articles use,
 * and runs Pagefind (its extended build, which segments Chinese) over the article pages.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { usageError } from '../errors.js';
import { readRegular } from '../files/read-regular.js';
import { writeAtomic } from '../files/write-atomic.js';
import { readManifest } from '../generate/manifest.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { chineseDate } from '../render/chinese.js';
import { authorLines } from '../render/author-line.js';
import { resolveImage } from '../render/document.js';
import { renderMarkdown } from '../render/markdown.js';
import { assemble, issueErrors, loadProject } from '../workspace/project.js';
import { outputBase } from '../workspace/select.js';
import { ROOT, SITE_CSS, sitePages, type SiteIssue } from './pages.js';
import type { SiteLang } from './words.js';

export interface SiteResult {
  dir: string;
  pages: number;
  issues: number;
  articles: number;
  /** The Pagefind folder. */
  index: string;
  /** Files written (0 when nothing changed) and removed. */
  written: number;
  removed: number;
  diagnostics: Diagnostic[];
}

export async function buildSite(config: Config, opts: { outDir: string; siteDir: string; lang: SiteLang }): Promise<SiteResult> {
  const project = await loadProject(config);
  const manifest = await readManifest(opts.outDir);
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, Uint8Array | string>();
  const media = new Map<string, string>();
  const issues: SiteIssue[] = [];
  for (const issue of project.issues) {
    if (issue.status !== 'final') continue;
    const errors = issueErrors(project, issue);
    if (errors.length > 0) {
      diagnostics.push(...errors);
      continue;
    }
    const a = assemble(project, issue);
    const base = outputBase(issue);
    const recorded = manifest[issue.id];
    const own: SiteIssue['files'] = {};
    // The output folder is the run's, but a file in it may have been put there by someone else:
    // a regular file only, never a link to one elsewhere (the manifest's names are checked to
    // stay inside it, files/read-regular.ts refuses the rest).
    const copy = async (name: string | undefined, key: keyof SiteIssue['files']) => {
      if (!name) return;
      const read = await readRegular(path.join(opts.outDir, name), { maxBytes: 512 * 1024 * 1024, noFollow: true });
      if (!('bytes' in read)) return;
      files.set(`files/${path.basename(name)}`, read.bytes);
      own[key] = `files/${path.basename(name)}`;
    };
    await copy(recorded?.pdf ?? `${base}.pdf`, 'pdf');
    await copy(recorded?.docx, 'docx');
    await copy(recorded?.ofd, 'ofd');
    // An image an article uses is copied under media/, named by a hash of its path: its place
    // in the workspace is not published.
    const resolver = (file: string) => (src: string) =>
      resolveImage(config, file, src, {
        assetProblem: project.assetProblem,
        assetUrl: (rel) => {
          let name = media.get(rel);
          if (!name) {
            name = `media/${createHash('sha256').update(rel).digest('hex').slice(0, 16)}${path.extname(rel).toLowerCase()}`;
            media.set(rel, name);
          }
          return `${ROOT}${name}`;
        },
      });
    const render = (markdown: string, file: string, firstLine: number, idPrefix: string) =>
      renderMarkdown({ markdown, file, firstLine, idPrefix, resolveImage: resolver(file), punctuation: a.bulletin.punctuation }, diagnostics);
    issues.push({
      id: issue.id,
      bulletin: { id: a.bulletin.id, name: a.bulletin.name },
      year: issue.year,
      number: base.slice(base.lastIndexOf('-') + 1),
      date: issue.date,
      dateText: chineseDate(issue.date),
      noteHtml: issue.note.trim() ? render(issue.note, issue.file, issue.noteLine, 'note-') : '',
      files: own,
      articles: a.articles.map((art) => ({
        index: art.index,
        title: art.submission.title,
        authors: authorLines(art.submission.authors),
        authorNames: art.submission.authors.map((x) => x.name),
        topic: art.submission.topic,
        html: render(art.submission.body, art.submission.file, art.submission.bodyLine, `a${art.index}-`),
        pdfPage: recorded?.articlePages?.[art.index - 1],
      })),
    });
  }
  // Read as every untrusted file is (the render already refused links and files outside).
  for (const [rel, name] of media) {
    const read = await readRegular(path.join(config.root, rel), { maxBytes: 64 * 1024 * 1024, noFollow: true });
    if ('bytes' in read) files.set(name, read.bytes);
  }
  const pages = sitePages(issues, opts.lang);
  for (const p of pages) files.set(p.path, p.html);
  files.set('site.css', SITE_CSS);

  // The search index: Pagefind's extended build (Chinese segmentation), over the article pages.
  const pagefind = await import('pagefind');
  const { index } = await pagefind.createIndex({ forceLanguage: opts.lang === 'zh' ? 'zh' : 'en' });
  if (!index) throw new Error('Pagefind did not start');
  try {
    for (const p of pages) await index.addHTMLFile({ url: p.path, content: p.html });
    const { files: made } = await index.getFiles();
    for (const f of made) files.set(`pagefind/${f.path}`, f.content);
  } finally {
    await index.deleteIndex();
    await pagefind.close();
  }

  files.set(MARK, MARK_TEXT);
  await ownFolder(opts.siteDir);
  const { written, removed } = await sync(opts.siteDir, files);
  return {
    dir: opts.siteDir,
    pages: pages.length,
    issues: issues.length,
    articles: issues.reduce((n, i) => n + i.articles.length, 0),
    index: path.join(opts.siteDir, 'pagefind'),
    written,
    removed,
    diagnostics,
  };
}

/**
 * A site's folder says it is one: a run removes every file of it that is not part of the site,
 * so a folder that holds anything else (`--out` naming the wrong one) is refused, not emptied.
 */
const MARK = '.briefs-site';
const MARK_TEXT = 'made by briefs site: files in this folder that are not part of the site are removed when it is made again\n';

async function ownFolder(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  if (entries.length === 0 || entries.includes(MARK)) return;
  throw usageError('bad-flag', `${dir} holds files and is not a site briefs made; nothing was written`, {
    hint: 'name an empty folder, or the one an earlier briefs site made (it holds .briefs-site)',
    zh: [`${dir} 中已有文件，且不是 briefs site 生成的网站；未写出任何文件`, '请指定空文件夹，或此前由 briefs site 生成的文件夹（其中有 .briefs-site）'],
  });
}

/** The folder made to hold exactly `files`: a file written only where its bytes differ, a file not among them removed. */
async function sync(dir: string, files: Map<string, Uint8Array | string>): Promise<{ written: number; removed: number }> {
  let written = 0;
  let removed = 0;
  for (const [rel, content] of [...files].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const file = path.join(dir, ...rel.split('/'));
    const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const old = await readFile(file).catch(() => undefined);
    if (old?.equals(bytes)) continue;
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomic(file, bytes);
    written++;
  }
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, sub), { withFileTypes: true }).catch(() => [])) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else if (!files.has(rel)) {
        await rm(path.join(dir, rel), { force: true });
        removed++;
      }
    }
  };
  await walk('');
  return { written, removed };
}

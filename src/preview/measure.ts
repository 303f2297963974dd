/**
 * The preview's one browser: it measures each issue as it prints (contents page numbers, the
 * 报尾's place), once for each content, and with --pdf prints the issues in view. Both come
 * from a print server of their own, started on first use, and one page that keeps its fonts.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { IssueFile } from '../content/model.js';
import { generate } from '../generate/generate.js';
import { BrowserPool } from '../print/browser.js';
import { startPrintServer, type PrintServer } from '../print/print-server.js';
import { printUrls } from '../print/resources.js';
import type { MeasuredLayout } from '../render/document.js';
import { fontFaceCss } from '../fonts/css.js';
import { assemble, type Project } from '../workspace/project.js';
import { renderIssue } from '../workspace/render-issue.js';

export class Measurer {
  private readonly pool: BrowserPool;
  private print: { root: string; server: Promise<PrintServer> } | undefined;
  private readonly layouts = new Map<string, { key: string; layout: MeasuredLayout }>();
  private readonly measuring = new Map<string, Promise<void>>();

  /** `changed` is told when a layout shown before was measured again and differs. */
  constructor(private readonly opts: { timeout: number; systemFonts: boolean; log: (line: string) => void; changed: () => void; lang: 'en' | 'zh' }) {
    this.pool = new BrowserPool({ jobs: 1, timeout: opts.timeout, systemFonts: opts.systemFonts });
  }

  private printServer(root: string): Promise<PrintServer> {
    if (this.print?.root !== root) {
      void this.print?.server.then((s) => s.close());
      this.print = { root, server: startPrintServer(root) };
    }
    return this.print.server;
  }

  /**
   * The layout measured for this exact content, measuring it (once) when there is none. Without
   * `wait`, a first view does not wait for the browser: it is served with the page's own guess
   * (the client's columns, right for nearly every issue) and told to refresh when the
   * print's pages differ from the columns it showed.
   */
  async layoutFor(p: Project, issue: IssueFile, wait: boolean): Promise<MeasuredLayout | undefined> {
    // Measured as it prints: print URLs, print fonts. The key is the content measured.
    const rendered = renderIssue(p, assemble(p, issue), printUrls, fontFaceCss(printUrls, p.fonts), {});
    const key = createHash('sha1')
      .update(rendered.source({ marks: true }))
      .digest('hex');
    const known = this.layouts.get(issue.id);
    if (known?.key === key) return known.layout;
    if (!this.measuring.has(issue.id)) {
      const job = this.pool
        .withPage(async (page) => {
          const { printIssue } = await import('../print/print-issue.js');
          return printIssue(page, rendered.html({ marks: true }), await this.printServer(p.config.root), this.opts.timeout);
        })
        .then(({ layout, prints }) => {
          const changed = JSON.stringify(layout) !== JSON.stringify(known?.layout);
          this.layouts.set(issue.id, { key, layout });
          // Shown first with the client's own columns: those were the print's pages when the
          // print took one pass (its first guess is the same columns), so no refresh then.
          if (changed && (known || prints > 1)) this.opts.changed();
        })
        .catch((e: unknown) =>
          this.opts.log(this.opts.lang === 'zh' ? `无法测量 ${issue.id}：${(e as Error).message}\n` : `cannot measure ${issue.id}: ${(e as Error).message}\n`),
        )
        .finally(() => this.measuring.delete(issue.id));
      this.measuring.set(issue.id, job);
    }
    if (wait) await this.measuring.get(issue.id);
    return this.layouts.get(issue.id)?.layout ?? known?.layout;
  }

  /** --pdf: prints these issues into the workspace's output folder, as generate would. */
  async printPdfs(p: Project, issues: readonly IssueFile[]): Promise<void> {
    const results = await generate(p, issues, {
      outDir: path.resolve(p.config.root, p.config.out),
      html: false,
      jobs: 1,
      timeout: this.opts.timeout,
      pool: this.pool,
      server: await this.printServer(p.config.root),
    });
    const status = this.opts.lang === 'zh' ? { printed: '已印出', cached: '未改动', failed: '失败', removed: '已删除' } : undefined;
    for (const r of results) this.opts.log(`${status?.[r.status] ?? r.status} ${r.id}${r.pdf ? ` → ${path.relative(process.cwd(), r.pdf)}` : ''}\n`);
  }

  async close(): Promise<void> {
    await this.pool.close();
    await this.print?.server.then((s) => s.close());
  }
}

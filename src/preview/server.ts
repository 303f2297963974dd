/**
 * The live preview: a local HTTP server that shows the index, each issue as its pages and each
 * submission on its own, rebuilds when a file of the workspace or a template changes (debounced,
 * with changes that arrive during a rebuild queued), and tells open pages to update through
 * server-sent events. One browser measures every issue (contents page numbers, the 报尾's place)
 * and, with --pdf, prints them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { watch, type FSWatcher } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { generate } from '../generate/generate.js';
import { assemble, filesOf, loadProject, renderIssue, type Project } from '../workspace/project.js';
import { selectIssues } from '../workspace/select.js';
import { assembleIssue } from '../assemble/issue.js';
import { CONFIG_FILE, loadConfig, type ConfigFlags } from '../config/load.js';
import { namesSystemFonts } from '../config/types.js';
import type { Diagnostic } from '../content/diagnostic.js';
import type { IssueFile } from '../content/model.js';
import { BriefsError } from '../errors.js';
import { BrowserPool } from '../print/browser.js';
import { startPrintServer, type PrintServer } from '../print/print-server.js';
import { printUrls, sendResource } from '../print/resources.js';
import type { MeasuredLayout } from '../render/document.js';
import { fontFaceCss } from '../render/fonts.js';
import { escapeText } from '../render/sanitize.js';
import { TOOL_TEMPLATES } from '../render/template-files.js';
import type { Lang } from '../content/messages-zh.js';
import { CLIENT_JS } from './client.js';
import { indexPage, overlay, shell } from './pages.js';

/** Live-reload streams open at once (one per preview tab). */
export const MAX_EVENT_CLIENTS = 64;

export interface PreviewOptions {
  flags: ConfigFlags;
  port: number;
  host: string;
  /** Also regenerate the PDF of the issues being previewed on every change. */
  pdf: boolean;
  /** The issue in focus (its PDF is the one --pdf keeps current). */
  issue?: string;
  lang: Lang;
  timeout: number;
  log: (line: string) => void;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const DEBOUNCE_MS = 100;

export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  // The measuring prints come from a print server of their own, started on first use.
  let print: { root: string; server: Promise<PrintServer> } | undefined;
  const printServer = (root: string): Promise<PrintServer> => {
    if (print?.root !== root) {
      void print?.server.then((s) => s.close());
      print = { root, server: startPrintServer(root) };
    }
    return print.server;
  };
  // Pages and measuring prints use the same URLs (root-relative) and so the same font rules.
  // Office families named in the config need the machine's fonts (read once: a change of
  // fonts: restarts the preview's browser only with the preview).
  const systemFonts = await loadConfig(opts.flags).then(namesSystemFonts, () => false);
  const pool = new BrowserPool({ jobs: 1, timeout: opts.timeout, systemFonts });
  const clients = new Set<ServerResponse>();
  const layouts = new Map<string, { key: string; layout: MeasuredLayout }>();
  const measuring = new Map<string, Promise<void>>();
  const viewed = new Set<string>();
  let version = 0;
  let project: Project | undefined;
  let fatal: BriefsError | undefined;
  let building: Promise<void> = Promise.resolve();
  let queued = false;
  let timer: NodeJS.Timeout | undefined;

  const broadcast = () => {
    for (const res of clients) res.write(`event: version\ndata: ${version}\n\n`);
  };

  async function rebuild(): Promise<void> {
    try {
      const config = await loadConfig(opts.flags);
      project = await loadProject(config);
      fatal = undefined;
    } catch (e) {
      if (!(e instanceof BriefsError)) throw e;
      fatal = e;
    }
    version++;
    broadcast();
    const errors = project?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
    opts.log(`rebuilt (${project?.issues.length ?? 0} issues, ${errors} error${errors === 1 ? '' : 's'})${fatal ? `: ${fatal.message}` : ''}\n`);
    if (opts.pdf && project) await printPdfs(project);
  }

  /** Rebuilds run one at a time; changes during one make exactly one more. */
  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (queued) return;
      queued = true;
      building = building
        .then(() => {
          queued = false;
          return rebuild();
        })
        .catch((e: unknown) => opts.log(`rebuild failed: ${(e as Error).message}\n`));
    }, DEBOUNCE_MS);
  }

  async function printPdfs(p: Project): Promise<void> {
    const ids = opts.issue ? [opts.issue] : [...viewed];
    let chosen: IssueFile[];
    try {
      chosen = selectIssues(p.issues, ids, p.config.bulletins, p.config.root, process.cwd());
    } catch {
      return;
    }
    // The measuring prints' server and pool: the page keeps its fonts between prints.
    const results = await generate(p, chosen, {
      outDir: path.resolve(p.config.root, p.config.out),
      html: false,
      jobs: 1,
      timeout: opts.timeout,
      pool,
      server: await printServer(p.config.root),
    });
    for (const r of results) opts.log(`${r.status} ${r.id}${r.pdf ? ` → ${path.relative(process.cwd(), r.pdf)}` : ''}\n`);
  }

  /** The layout measured for this exact content, measuring it (once) when there is none. */
  async function layoutFor(p: Project, issue: IssueFile, wait: boolean): Promise<MeasuredLayout | undefined> {
    const a = assemble(p, issue);
    // Measured as it prints: print URLs, print fonts. The key is the content measured.
    const rendered = renderIssue(p, a, printUrls, fontFaceCss(printUrls, p.fonts), {});
    const key = createHash('sha1')
      .update(rendered.source({ marks: true }))
      .digest('hex');
    const known = layouts.get(issue.id);
    if (known?.key === key) return known.layout;
    if (!measuring.has(issue.id)) {
      const job = pool
        .withPage(async (page) => {
          const { printIssue } = await import('../print/print-issue.js');
          return printIssue(page, rendered, await printServer(p.config.root), opts.timeout);
        })
        .then(({ layout }) => {
          const changed = JSON.stringify(layout) !== JSON.stringify(known?.layout);
          layouts.set(issue.id, { key, layout });
          if (changed && known) {
            version++;
            broadcast();
          }
        })
        .catch((e: unknown) => opts.log(`cannot measure ${issue.id}: ${(e as Error).message}\n`))
        .finally(() => measuring.delete(issue.id));
      measuring.set(issue.id, job);
    }
    if (wait || !known) await measuring.get(issue.id);
    return layouts.get(issue.id)?.layout ?? known?.layout;
  }

  function head(nonce: string): string {
    return `<script nonce="${nonce}">${CLIENT_JS}</script>`;
  }

  function csp(nonce: string): string {
    return `default-src 'none'; style-src 'unsafe-inline'; font-src 'self'; img-src 'self' data:; connect-src 'self'; script-src 'nonce-${nonce}'`;
  }

  async function issuePage(p: Project, id: string, nonce: string): Promise<{ status: number; html: string }> {
    const issue = p.issues.find((i) => i.id === id);
    if (!issue) {
      const [bulletin, year] = id.split('/');
      const near = p.diagnostics.filter((d) => d.file.startsWith(`${p.config.issues}/${bulletin}/${year}/`));
      return {
        status: 404,
        html: shell(`briefs: ${id}`, `${overlay(near, opts.lang)}<h1>没有这一期：${escapeText(id)}</h1><p><a href="/">返回目录</a></p>`, head(nonce), version),
      };
    }
    viewed.add(issue.id);
    const layout = await layoutFor(p, issue, false);
    const rendered = renderIssue(p, assemble(p, issue), printUrls, fontFaceCss(printUrls, p.fonts), { csp: csp(nonce), headExtra: head(nonce) });
    const files = filesOf(p, issue);
    const problems = [
      ...p.diagnostics.filter((d) => files.has(d.file)),
      ...rendered.diagnostics.filter((d) => !p.diagnostics.some((x) => x.file === d.file && x.line === d.line && x.code === d.code)),
    ];
    // The 报尾's push is measured again by the client, in the columns: the print's may not fit them.
    return { status: 200, html: withOverlay(rendered.html({ layout: layout && { ...layout, distributionPush: 0 } }), problems) };
  }

  function submissionPage(p: Project, id: string, nonce: string): { status: number; html: string } {
    const s = p.byId.get(id);
    if (!s) return { status: 404, html: shell('briefs', `<h1>没有这篇稿件：${escapeText(id)}</h1><p><a href="/">返回目录</a></p>`, head(nonce), version) };
    const bulletin = p.config.bulletins[s.publication];
    const proof: IssueFile = {
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
    const rendered = renderIssue(p, assembleIssue(proof, bulletin, p.byId), printUrls, fontFaceCss(printUrls, p.fonts), {
      csp: csp(nonce),
      headExtra: head(nonce),
      proof: true,
    });
    const problems = [...p.diagnostics.filter((d) => d.file === s.file)];
    return { status: 200, html: withOverlay(rendered.html(), problems) };
  }

  function withOverlay(html: string, problems: Diagnostic[]): string {
    return html
      .replace('<html lang="zh-CN">', `<html lang="zh-CN" class="briefs-paged" data-version="${version}">`)
      .replace(/<body[^>]*>/, (m) => `${m}${overlay(problems, opts.lang)}`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    // The preview answers only to the name it was started on: no DNS rebinding from a web page.
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!['localhost', '127.0.0.1', '::1', opts.host].includes(hostHeader)) return send(res, 403, 'text/plain', 'forbidden host');
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/_events') {
      // A tab keeps one stream open; a few hundred are a page gone wrong, not editors.
      if (clients.size >= MAX_EVENT_CLIENTS) return send(res, 503, 'text/plain', 'too many live-reload connections');
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`event: version\ndata: ${version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (pathname.startsWith('/_fonts/') || pathname.startsWith('/_workspace/')) {
      const root = project?.config.root ?? path.resolve(opts.flags.root ?? '.');
      await sendResource(res, pathname, root);
      return;
    }
    await building;
    const nonce = randomBytes(12).toString('base64');
    if (fatal || !project) {
      const problem: Diagnostic = {
        severity: 'error',
        code: fatal?.code ?? 'config-invalid',
        file: CONFIG_FILE,
        message: fatal?.message ?? 'the workspace could not be read',
        hint: fatal?.hint,
      };
      return send(res, 500, 'text/html; charset=utf-8', shell('briefs', overlay([problem], opts.lang), head(nonce), version), nonce);
    }
    if (pathname === '/') return send(res, 200, 'text/html; charset=utf-8', shell('briefs 预览', indexPage(project), head(nonce), version), nonce);
    let m = /^\/issues\/([^/]+)\/(\d{4})\/(s?\d+)\/?$/.exec(pathname);
    if (m) {
      const id = `${m[1]}/${m[2]}/${m[3].replace(/^(s?)0*(\d)/, '$1$2')}`;
      const page = await issuePage(project, id, nonce);
      return send(res, page.status, 'text/html; charset=utf-8', page.html, nonce);
    }
    m = /^\/submissions\/([^/]+)\/?$/.exec(pathname);
    if (m) {
      let id: string;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        return send(res, 404, 'text/plain', 'not found');
      }
      const page = submissionPage(project, id, nonce);
      return send(res, page.status, 'text/html; charset=utf-8', page.html, nonce);
    }
    return send(res, 404, 'text/plain', 'not found');
  }

  function send(res: ServerResponse, status: number, type: string, body: string, nonce?: string): void {
    const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (nonce) headers['content-security-policy'] = csp(nonce);
    res.writeHead(status, headers);
    res.end(body);
  }

  await rebuild();
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      opts.log(`preview: ${(e as Error).message}\n`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new BriefsError('port-in-use', `port ${opts.port} on ${opts.host} is in use`, { hint: 'choose another with --port, or stop the other preview' })
          : e,
      ),
    );
    server.listen(opts.port, opts.host, resolve);
  });

  const watchers: FSWatcher[] = [];
  const config = project?.config;
  const root = config?.root ?? path.resolve(opts.flags.root ?? '.');
  const dirs = config ? [config.submissions, config.issues, config.assets, config.templates].map((d) => path.resolve(root, d)) : [];
  for (const dir of [...new Set([...dirs, TOOL_TEMPLATES])]) {
    try {
      watchers.push(
        watch(dir, { recursive: true }, (_event, name) => {
          if (name && path.basename(String(name)).startsWith('.')) return; // editors' and briefs' temporary files
          schedule();
        }),
      );
    } catch {
      // a folder the workspace does not have
    }
  }
  try {
    // The config file is watched through its folder: editors replace files rather than write them.
    watchers.push(
      watch(root, (_event, name) => {
        if (name === path.basename(opts.flags.config ?? CONFIG_FILE)) schedule();
      }),
    );
  } catch {
    // no such folder
  }

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      clearTimeout(timer);
      watchers.forEach((w) => w.close());
      for (const res of clients) res.end();
      clients.clear();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await pool.close();
      await print?.server.then((s) => s.close());
    },
  };
}

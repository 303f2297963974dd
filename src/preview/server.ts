/**
 * The live preview: a local HTTP server that shows the index, each issue as its pages and each
 * submission on its own, rebuilds when a file of the workspace or a template changes (one
 * rebuild at a time; changes during one make exactly one more), and tells open pages to update
 * (events.ts). Pages are composed in compose.ts; the browser that measures and, with --pdf,
 * prints is measure.ts. A page request waits for a rebuild, never for a --pdf print.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CONFIG_FILE, loadConfig, type ConfigFlags } from '../config/load.js';
import { namesSystemFonts } from '../config/types.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { Lang } from '../messages/messages-zh.js';
import { BriefsError } from '../errors.js';
import { sendResource } from '../print/resources.js';
import { cookieHolds, sameSecret } from '../print/secret.js';
import { TOOL_TEMPLATES } from '../render/template-files.js';
import { loadProject, type Project } from '../workspace/project.js';
import { selectIssues } from '../workspace/select.js';
import { csp, head, issuePage, missingIssuePage, missingSubmissionPage, proofPage, type PageContext } from './compose.js';
import { LIVE_WORKER, LiveEvents } from './events.js';
import { Measurer } from './measure.js';
import { indexPage, overlay, shell } from './pages.js';
import { watchWorkspace } from './watch.js';

export { MAX_EVENT_CLIENTS } from './events.js';

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
  /** The server's origin (http://127.0.0.1:4173): no page answers there without the token. */
  url: string;
  /** The secret every request must carry, in the query (`?token=`) or the cookie it sets. */
  token: string;
  /** The address of a page, token included: what briefs prints and opens. */
  link(pathname?: string): string;
  close(): Promise<void>;
}

/**
 * Access to the preview, as notebook servers do it: 127.0.0.1 is reachable by every user of the
 * machine, so loopback alone keeps no one out. Each preview has a random token; the address
 * briefs prints and opens carries it, and the first page loaded with it sets a cookie (one a
 * port, since cookies do not tell ports apart) that the browser sends with every later request,
 * images, fonts and the live-reload stream included. A request with neither is refused.
 */
function allowed(req: IncomingMessage, query: string | undefined, token: string, cookie: string): 'token' | 'cookie' | undefined {
  const given = new URLSearchParams(query ?? '').get('token');
  if (given !== null && sameSecret(given, token)) return 'token';
  return cookieHolds(req.headers.cookie, cookie, token) ? 'cookie' : undefined;
}

export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const events = new LiveEvents();
  const say = (en: string, zh: string) => (opts.lang === 'zh' ? zh : en);
  const viewed = new Set<string>();
  let version = 0;
  let project: Project | undefined;
  let fatal: BriefsError | undefined;
  let building: Promise<void> = Promise.resolve();
  let printing: Promise<void> = Promise.resolve();
  let queued = false;
  const bump = () => events.broadcast(++version);
  const token = randomBytes(24).toString('hex');
  let cookie = 'briefs-preview';
  // Office families named in the config need the machine's fonts (read once: a change of
  // fonts: restarts the preview's browser only with the preview).
  const systemFonts = await loadConfig(opts.flags).then(namesSystemFonts, () => false);
  const measurer = new Measurer({ timeout: opts.timeout, systemFonts, log: opts.log, changed: bump, lang: opts.lang });

  async function rebuild(): Promise<void> {
    try {
      project = await loadProject(await loadConfig(opts.flags));
      fatal = undefined;
    } catch (e) {
      if (!(e instanceof BriefsError)) throw e;
      fatal = e;
    }
    bump();
    const errors = project?.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
    const n = project?.issues.length ?? 0;
    opts.log(
      say(
        `rebuilt (${n} issues, ${errors} error${errors === 1 ? '' : 's'})${fatal ? `: ${fatal.message}` : ''}\n`,
        `已重建（${n} 期，${errors} 个错误）${fatal ? `：${fatal.zh?.message ?? fatal.message}` : ''}\n`,
      ),
    );
    // --pdf prints after the rebuild, on a queue of its own: pages never wait for it.
    if (opts.pdf && project) {
      const p = project;
      printing = printing
        .then(() => printPdfs(p))
        .catch((e: unknown) => opts.log(say(`printing failed: ${(e as Error).message}\n`, `印制失败：${(e as Error).message}\n`)));
    }
  }

  /** Rebuilds run one at a time; changes during one make exactly one more. */
  function schedule(): void {
    if (queued) return;
    queued = true;
    building = building
      .then(() => {
        queued = false;
        return rebuild();
      })
      .catch((e: unknown) => opts.log(say(`rebuild failed: ${(e as Error).message}\n`, `重建失败：${(e as Error).message}\n`)));
  }

  async function printPdfs(p: Project): Promise<void> {
    const ids = opts.issue ? [opts.issue] : [...viewed];
    let chosen;
    try {
      chosen = selectIssues(p.issues, ids, p.config.bulletins, p.config.root, process.cwd());
    } catch {
      return;
    }
    await measurer.printPdfs(p, chosen);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');
    // The preview answers only to the name it was started on: no DNS rebinding from a web page.
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!['localhost', '127.0.0.1', '::1', opts.host].includes(hostHeader)) return send(res, 403, 'text/plain', 'forbidden host');
    const [pathname, query] = (req.url ?? '/').split('?');
    const access = allowed(req, query, token, cookie);
    if (!access)
      return send(
        res,
        403,
        'text/plain; charset=utf-8',
        say(
          'This preview opens only at the address briefs printed, with its token (preview: http://…?token=…).\n',
          '预览只能从 briefs 打印的地址打开，地址中带有令牌（预览：http://…?token=…）。\n',
        ),
      );
    if (access === 'token') res.setHeader('set-cookie', `${cookie}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    if (pathname === '/_live.js') {
      // The worker may reach the stream and nothing else.
      res.writeHead(200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; connect-src 'self'",
      });
      res.end(LIVE_WORKER);
      return;
    }
    if (pathname === '/_events') {
      if (!events.accept(req, res, version)) send(res, 503, 'text/plain', 'too many live-reload connections');
      return;
    }
    if (pathname.startsWith('/_fonts/') || pathname.startsWith('/_workspace/')) {
      await sendResource(res, pathname, project?.config.root ?? path.resolve(opts.flags.root ?? '.'));
      return;
    }
    await building;
    const ctx: PageContext = { nonce: randomBytes(12).toString('base64'), version, lang: opts.lang };
    const html = (status: number, body: string) => send(res, status, 'text/html; charset=utf-8', body, ctx.nonce);
    if (fatal || !project) {
      const problem: Diagnostic = {
        severity: 'error',
        code: fatal?.code ?? 'config-invalid',
        file: CONFIG_FILE,
        message: fatal?.message ?? 'the workspace could not be read',
        hint: fatal?.hint,
      };
      return html(500, shell('briefs', overlay([problem], opts.lang), head(ctx.nonce), version));
    }
    const p = project;
    if (pathname === '/') return html(200, shell(opts.lang === 'zh' ? 'briefs 预览' : 'briefs preview', indexPage(p, opts.lang), head(ctx.nonce), version));
    let m = /^\/issues\/([^/]+)\/(\d{4})\/(s?\d+)\/?$/.exec(pathname);
    if (m) {
      const id = `${m[1]}/${m[2]}/${m[3].replace(/^(s?)0*(\d)/, '$1$2')}`;
      const issue = p.issues.find((i) => i.id === id);
      if (!issue) return html(404, missingIssuePage(p, id, ctx));
      viewed.add(issue.id);
      return html(200, issuePage(p, issue, await measurer.layoutFor(p, issue, false), ctx));
    }
    m = /^\/submissions\/([^/]+)\/?$/.exec(pathname);
    if (m) {
      let id: string;
      try {
        id = decodeURIComponent(m[1]);
      } catch {
        return send(res, 404, 'text/plain', 'not found');
      }
      const s = p.byId.get(id);
      return s ? html(200, proofPage(p, s, ctx)) : html(404, missingSubmissionPage(id, ctx));
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

  const config = project?.config;
  const root = config?.root ?? path.resolve(opts.flags.root ?? '.');
  const dirs = config ? [config.submissions, config.issues, config.assets, config.templates].map((d) => path.resolve(root, d)) : [];
  // Folders the workspace does not have yet are watched too: a new briefs/assets/ is seen.
  const configFile = opts.flags.config ? path.resolve(opts.flags.config) : path.join(root, CONFIG_FILE);
  const unwatch = watchWorkspace([...dirs, TOOL_TEMPLATES, configFile], schedule, (message) =>
    opts.log(say(`watching the workspace failed: ${message}\n`, `监视工作区出错：${message}\n`)),
  );

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  cookie = `briefs-preview-${address.port}`;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    token,
    link: (pathname = '/') => `${url}${pathname}?token=${token}`,
    async close() {
      await unwatch();
      events.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await measurer.close();
    },
  };
}

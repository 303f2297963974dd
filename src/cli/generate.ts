import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { generate, type IssueResult } from '../generate/generate.js';
import { inShard, parseShard, selectIssues } from '../workspace/select.js';
import { abandonWrites } from '../files/write-atomic.js';
import { withBrowserRun } from './browser-run.js';
import { printerNote } from './printer.js';
import { progress } from './progress.js';
import { loadConfig } from '../config/load.js';
import { capRepeats, sortDiagnostics, type Diagnostic } from '../messages/diagnostic.js';
import { usageError } from '../errors.js';
import { chooseLang, localize } from '../messages/messages-zh.js';
import { formatDiagnostics, type Output } from './report.js';
import { globalFlags, parseInteger, sayer } from './options.js';

interface GenerateFlags {
  out?: string;
  html?: boolean;
  docx?: boolean;
  png?: boolean;
  ofd?: boolean;
  json?: boolean;
  jobs?: number;
  timeout: number;
  browser?: string;
  encoding?: string;
  force?: boolean;
  shard?: string;
}

export function generateCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('print issues to PDF (all of them, or those named); the PDF of a final issue is archival, PDF/A-1b, unless pdfa: false')
    .argument('[issue...]', 'issues to print: bulletin/year/number (jianyi/2020/12) or an issue file')
    .option('-o, --out <dir>', 'output folder (default: dist, or "out" in briefs.config.yaml)')
    .option('--html', 'also write the HTML that was printed, beside each PDF')
    .option('--docx', 'also write the Word edition (.docx) beside each PDF (or docx: true in the config)')
    .option('--png', 'also write the long image for chat apps (.png: the pages one under another, 1080 px wide) beside each PDF (or png: true)')
    .option('--ofd', 'also write the OFD edition (.ofd, GB/T 33190: what document systems store and exchange) beside each PDF (or ofd: true)')
    .option('--json', 'print one JSON summary on stdout and nothing else there')
    .option('-j, --jobs <n>', 'pages printing at once (default: the number of cores, at most 4)', parseInteger)
    .option('--timeout <ms>', 'how long one issue may take to print', parseInteger, 60_000)
    .option('--browser <path>', 'the Chrome or Chromium to print with')
    .option('--encoding <name>', 'read files that are not UTF-8 in this encoding, e.g. gb18030')
    .option('-f, --force', 'print every issue, even those whose PDF is up to date')
    .option('--shard <i/n>', 'print only shard i of n (a stable subset: for CI runners in parallel)')
    .action(async (selectors: string[], flags: GenerateFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      const config = await loadConfig({ root: g.root, config: g.config, out: flags.out, browser: flags.browser, encoding: flags.encoding });
      const outDir = path.resolve(config.root, config.out);
      const jobs = flags.jobs ?? Math.max(1, Math.min(4, os.availableParallelism()));
      if (jobs < 1) throw usageError('bad-flag', '--jobs must be at least 1', { zh: ['--jobs 至少为 1'] });
      const rel = (p?: string) => (p ? path.relative(process.cwd(), p).split(path.sep).join('/') : null);
      const { project, results, aborted } = await withBrowserRun(
        config,
        outDir,
        // Issues go to the resident printer whole, unless the run draws long images (in the pool's pages).
        { jobs, timeout: flags.timeout, force: !!flags.force, note: printerNote(io, say), printThere: !flags.png && config.png !== true },
        async ({ project, pool, server, resident }) => {
          const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
          const selected = selectIssues(project.issues, selectors, config.bulletins, config.root, process.cwd());
          const chosen = selected.filter((i) => !shard || inShard(i.id, shard));
          if (chosen.length === 0 && selectors.length === 0 && project.diagnostics.length === 0) {
            // A shard with nothing of its own is not a workspace without issues (CI's second runner of one issue).
            if (shard && selected.length > 0)
              io.err(
                say(
                  `shard ${flags.shard} has none of the ${selected.length} issue(s): the other shards print them\n`,
                  `第 ${flags.shard} 份中没有期（共 ${selected.length} 期，由其他分片印出）\n`,
                ),
              );
            else io.err(say(`no issue files under ${path.join(config.root, config.issues)}\n`, `${path.join(config.root, config.issues)} 下没有期文件\n`));
          }
          // Ctrl-C or SIGTERM: stop taking issues, close the browser, remove half-written files.
          const controller = new AbortController();
          const stop = () => {
            controller.abort();
            void pool.close();
            void resident?.().then((link) => link?.close());
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          const bar = progress(
            chosen.length,
            io.err,
            !!io.tty,
            chooseLang(g.lang),
            (r) => rel(r.docx) ?? '',
            (r) => rel(r.png) ?? '',
          );
          try {
            const results = await generate(project, chosen, {
              outDir,
              html: !!flags.html,
              docx: !!flags.docx || config.docx === true,
              png: !!flags.png || config.png === true,
              ofd: !!flags.ofd || config.ofd === true,
              jobs,
              timeout: flags.timeout,
              force: !!flags.force,
              pool,
              server,
              resident,
              signal: controller.signal,
              onResult: (r) => bar.done(r, rel(r.pdf)),
              // Nothing of this command prints after the issues: Chromium shuts down while the
              // last PDFs are finished and written.
              printsDone: () => pool.finish(),
            });
            return { project, results, aborted: controller.signal.aborted };
          } finally {
            bar.end();
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
          }
        },
      );
      if (aborted) {
        await abandonWrites();
        io.err(
          say(
            'interrupted: the browser is closed; finished PDFs are whole, unfinished ones were not written\n',
            '已中断：浏览器已关闭；印完的 PDF 完整无损，未印完的没有写出\n',
          ),
        );
        setExit(130);
        return;
      }
      const lang = chooseLang(g.lang);
      const shown = capRepeats(sortDiagnostics(problemsToShow(project.diagnostics, results))).map((d) => localize(d, lang));
      if (shown.length > 0) io.err(formatDiagnostics(shown, io.color, lang));
      const failed = results.filter((r) => r.status === 'failed').length;
      const cached = results.filter((r) => r.status === 'cached').length;
      const removed = results.filter((r) => r.status === 'removed').length;
      const total = results.length - removed;
      const words = results.filter((r) => r.docxWritten).length;
      const images = results.filter((r) => r.pngWritten).length;
      const ofds = results.filter((r) => r.ofdWritten).length;
      io.err(
        say(
          `${total - failed - cached} of ${total} issue${total === 1 ? '' : 's'} printed to ${rel(outDir) || '.'}${cached ? `, ${cached} up to date` : ''}${failed ? `, ${failed} failed` : ''}${removed ? `, ${removed} withdrawn issue${removed === 1 ? '' : 's'} removed` : ''}${words ? `; ${words} Word edition${words === 1 ? '' : 's'} written` : ''}${images ? `; ${images} long image${images === 1 ? '' : 's'} written` : ''}${ofds ? `; ${ofds} OFD edition${ofds === 1 ? '' : 's'} written` : ''}\n`,
          `${total} 期中印出 ${total - failed - cached} 期，在 ${rel(outDir) || '.'}${cached ? `；${cached} 期未改动` : ''}${failed ? `；${failed} 期失败` : ''}${removed ? `；删除了 ${removed} 期已撤销的期` : ''}${words ? `；写出 ${words} 份 Word 版` : ''}${images ? `；写出 ${images} 张长图` : ''}${ofds ? `；写出 ${ofds} 份 OFD 版` : ''}\n`,
        ),
      );
      if (flags.json) {
        const issues = results.map((r) => ({
          id: r.id,
          publication: r.publication,
          year: r.year,
          number: r.number,
          pdf: rel(r.pdf),
          html: rel(r.html),
          pdfa: r.pdfa ?? null,
          ...(r.docx ? { docx: rel(r.docx), docxWritten: !!r.docxWritten } : {}),
          ...(r.png ? { png: rel(r.png), pngWritten: !!r.pngWritten } : {}),
          ...(r.ofd ? { ofd: rel(r.ofd), ofdWritten: !!r.ofdWritten } : {}),
          pages: r.pages ?? null,
          bytes: r.bytes ?? null,
          prints: r.prints ?? 0,
          ...(r.printer ? { printer: r.printer } : {}),
          ms: r.ms,
          status: r.status,
        }));
        // Which face prints each role: the workspace's file, an installed family, or the shipped face.
        io.out(`${JSON.stringify({ issues, fonts: project.fonts.roles })}\n`);
      }
      setExit(failed > 0 ? 1 : 0);
    });
}

/** Errors of the printed issues' files, their render warnings, and every file-level problem. */
function problemsToShow(projectDiagnostics: readonly Diagnostic[], results: readonly IssueResult[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...projectDiagnostics, ...results.flatMap((r) => r.diagnostics)]) {
    const key = `${d.file}:${d.line}:${d.code}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return sortDiagnostics(out);
}

import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { volumeFile } from '../volume/paths.js';
import { capRepeats, sortDiagnostics } from '../messages/diagnostic.js';
import { chooseLang, localize } from '../messages/messages-zh.js';
import { usageError } from '../errors.js';
import { withBrowserRun } from './browser-run.js';
import { printerNote } from './printer.js';
import { globalFlags, parseInteger, sayer } from './options.js';
import { formatDiagnostics, type Output } from './report.js';

interface VolumeFlags {
  out?: string;
  json?: boolean;
  drafts?: boolean;
  ofd?: boolean;
  force?: boolean;
  timeout: number;
  browser?: string;
  folio?: string;
}

export function volumeCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('volume')
    .description('the year’s bound volume (合订本): every issue of a year in one PDF, with a cover, cumulative contents and indexes')
    .argument('<bulletin>', 'the bulletin: its id (jianyi) or name (科技工作者建议)')
    .argument('<year>', 'the year, e.g. 2026')
    .option('-o, --out <dir>', 'output folder (default: dist, or "out" in briefs.config.yaml); the volume goes to <out>/volumes/')
    .option('--json', 'print one JSON object on stdout: {"volume":{"publication","year","pdf","pages","issues":[{"id","firstPage","lastPage"}]}}')
    .option('--ofd', "also write the volume's OFD edition (.ofd, GB/T 33190) beside its PDF")
    .option('--drafts', 'bind draft issues too, each marked 草稿 in the contents')
    .option(
      '--folio <mode>',
      "the page numbers of the issues' pages: issue (their own), volume (the volume's, continuous) or both (default: the bulletin's volumeFolio, else issue)",
    )
    .option('-f, --force', 'make the volume again, even when it is up to date')
    .option('--timeout <ms>', 'how long one print may take', parseInteger, 60_000)
    .option('--browser <path>', 'the Chrome or Chromium to print with')
    .action(async (bulletinArg: string, yearArg: string, flags: VolumeFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      const lang = chooseLang(g.lang);
      const config = await loadConfig({ root: g.root, config: g.config, out: flags.out, browser: flags.browser });
      const bulletin = Object.values(config.bulletins).find((b) => b.id === bulletinArg || b.name === bulletinArg.replace(/^《|》$/g, ''));
      if (!bulletin)
        throw usageError('bad-argument', `no bulletin "${bulletinArg}"`, {
          hint: `one of ${Object.keys(config.bulletins).join(', ')}`,
          zh: [`没有刊物“${bulletinArg}”`, `可选：${Object.keys(config.bulletins).join('、')}`],
        });
      const folio = flags.folio;
      if (folio !== undefined && folio !== 'issue' && folio !== 'volume' && folio !== 'both')
        throw usageError('bad-argument', `--folio ${folio}: not a folio mode`, {
          hint: 'issue, volume or both',
          zh: [`--folio ${folio}：没有这种页码方式`, 'issue（各期页码）、volume（合订本连续页码）或 both（两者）'],
        });
      const year = Number(yearArg);
      if (!/^\d{4}$/.test(yearArg))
        throw usageError('bad-argument', `"${yearArg}" is not a year`, { hint: 'e.g. 2026', zh: [`“${yearArg}”不是年份`, '例如 2026'] });
      const outDir = path.resolve(config.root, config.out);
      const jobs = Math.max(1, Math.min(4, os.availableParallelism()));
      // Loaded when asked for, as copies is: pdf-lib would slow every other command's start.
      const { makeVolume } = await import('../volume/volume.js');
      const result = await withBrowserRun(
        config,
        outDir,
        { jobs, timeout: flags.timeout, force: !!flags.force, outputs: [volumeFile(outDir, bulletin.id, year)], note: printerNote(io, say) },
        ({ project, pool, server }) =>
          makeVolume(project, bulletin.id, year, {
            outDir,
            drafts: !!flags.drafts,
            force: !!flags.force,
            jobs,
            timeout: flags.timeout,
            pool,
            server,
            folio,
            ofd: !!flags.ofd || config.ofd === true,
          }),
      );
      const shown = capRepeats(sortDiagnostics(result.diagnostics)).map((d) => localize(d, lang));
      if (shown.length > 0) io.err(formatDiagnostics(shown, io.color, lang));
      const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join('/');
      if (result.pdf) {
        io.err(
          result.status === 'cached'
            ? say(`up to date: ${rel(result.pdf)} (${result.pages} pages)\n`, `未改动：${rel(result.pdf)}（${result.pages} 页）\n`)
            : say(
                `bound ${result.issues.length} issues into ${rel(result.pdf)} (${result.pages} pages)\n`,
                `已将 ${result.issues.length} 期合订为 ${rel(result.pdf)}（${result.pages} 页）\n`,
              ),
        );
      }
      if (flags.json) {
        io.out(
          `${JSON.stringify({ volume: { publication: bulletin.id, year, pdf: result.pdf ? rel(result.pdf) : null, pages: result.pages ?? null, pdfa: result.pdfa ?? null, ...(result.ofd ? { ofd: rel(result.ofd), ofdWritten: !!result.ofdWritten } : {}), issues: result.issues } })}\n`,
        );
      }
      // A volume made or up to date can still carry an error: its OFD edition could not be made.
      setExit(result.status === 'failed' || result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

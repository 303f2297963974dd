import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { capRepeats, sortDiagnostics } from '../messages/diagnostic.js';
import type { CopySigner } from '../copies/sign.js';
import { chooseLang, localize } from '../messages/messages-zh.js';
import { usageError } from '../errors.js';
import { readRegular } from '../files/read-regular.js';
import { selectIssues } from '../workspace/select.js';
import { withBrowserRun } from './browser-run.js';
import { printerNote } from './printer.js';
import { globalFlags, parseInteger, sayer } from './options.js';
import { formatDiagnostics, type Output } from './report.js';

interface CopiesFlags {
  out?: string;
  json?: boolean;
  sign?: string;
  force?: boolean;
  showRecipient?: boolean;
  timeout: number;
  browser?: string;
}

export function copiesCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('copies')
    .description('numbered copies of final issues, one PDF a recipient’s copy, with the distribution ledger')
    .argument('<issue...>', 'issues to copy: bulletin/year/number (jianyi/2026/2) or an issue file')
    .option('-o, --out <dir>', 'output folder (default: dist, or "out" in briefs.config.yaml); copies go to <out>/copies/')
    .option('--json', 'print one JSON object on stdout: the copies and the ledgers')
    .option('--sign <file.p12>', 'sign each copy with this certificate; its password is read from BRIEFS_SIGN_PASSWORD')
    .option('--show-recipient', 'also print the recipient at the foot of each copy’s last page')
    .option('-f, --force', 'stamp every copy again, even those up to date')
    .option('--timeout <ms>', 'how long printing the master may take', parseInteger, 60_000)
    .option('--browser <path>', 'the Chrome or Chromium to print with')
    .action(async (selectors: string[], flags: CopiesFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      const lang = chooseLang(g.lang);
      const config = await loadConfig({ root: g.root, config: g.config, out: flags.out, browser: flags.browser });
      const outDir = path.resolve(config.root, config.out);
      let signer: CopySigner | undefined;
      if (flags.sign) {
        const password = process.env.BRIEFS_SIGN_PASSWORD;
        if (password === undefined)
          throw usageError('sign-password', 'BRIEFS_SIGN_PASSWORD is not set', {
            hint: 'put the certificate’s password in the environment variable BRIEFS_SIGN_PASSWORD',
            zh: ['未设置 BRIEFS_SIGN_PASSWORD', '把证书口令放在环境变量 BRIEFS_SIGN_PASSWORD 中'],
          });
        const read = await readRegular(path.resolve(flags.sign), { maxBytes: 1024 * 1024 });
        if ('problem' in read)
          throw usageError('sign-certificate', `cannot read the signing certificate ${flags.sign} (${read.problem})`, {
            hint: 'name a .p12 file',
            zh: [`无法读取签名证书 ${flags.sign}`],
          });
        const { loadSigner } = await import('../copies/sign.js');
        signer = loadSigner(read.bytes, password);
      }
      // Loaded when asked for: pdf-lib, harfbuzz and the signer would slow every other command's start.
      const { makeCopies } = await import('../copies/copies.js');
      const { project, chosen, results } = await withBrowserRun(
        config,
        outDir,
        { jobs: 1, timeout: flags.timeout, force: !!flags.force, note: printerNote(io, say) },
        async ({ project, pool, server }) => {
          const chosen = selectIssues(project.issues, selectors, config.bulletins, config.root, process.cwd());
          const results = await makeCopies(project, chosen, {
            outDir,
            force: !!flags.force,
            timeout: flags.timeout,
            pool,
            server,
            signer,
            showRecipient: !!flags.showRecipient,
          });
          return { project, chosen, results };
        },
      );
      const files = new Set(chosen.map((i) => i.file));
      const problems = [...project.diagnostics.filter((d) => d.severity === 'error' && files.has(d.file)), ...results.flatMap((r) => r.diagnostics)];
      const shown = capRepeats(sortDiagnostics(problems)).map((d) => localize(d, lang));
      if (shown.length > 0) io.err(formatDiagnostics(shown, io.color, lang));
      const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join('/');
      const failed = results.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length;
      for (const r of results.filter((x) => x.ledger)) {
        io.err(
          say(
            `${r.issue}: ${r.copies.length} copies (${r.stamped} stamped) in ${rel(path.dirname(r.ledger!.csv)) || '.'}\n`,
            `${r.issue}：共 ${r.copies.length} 份（本次加印份号 ${r.stamped} 份），在 ${rel(path.dirname(r.ledger!.csv)) || '.'}\n`,
          ),
        );
      }
      if (flags.json) {
        const copies = results.flatMap((r) => r.copies.map((c) => ({ ...c, pdf: rel(c.pdf), pdfa: r.pdfa ?? null })));
        const ledgers = results
          .filter((r) => r.ledger)
          .map((r) => ({ issue: r.issue, csv: rel(r.ledger!.csv), pdf: rel(r.ledger!.pdf), pdfa: r.pdfa ?? null }));
        io.out(`${JSON.stringify({ copies, ledgers })}\n`);
      }
      setExit(failed > 0 || problems.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

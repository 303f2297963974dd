import type { Command } from 'commander';
import { recipientsOf } from '../copies/recipients.js';
import { loadProject } from '../workspace/project.js';
import { loadConfig } from '../config/load.js';
import { capRepeats, sortDiagnostics, type Diagnostic } from '../messages/diagnostic.js';
import { chooseLang, localize } from '../messages/messages-zh.js';
import { globalFlags } from './options.js';
import { formatDiagnostics, summaryLine, type Output } from './report.js';

interface ValidateFlags {
  json?: boolean;
  encoding?: string;
}

export function validateCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check every submission and issue file, and report every problem at once')
    .option('--json', 'print {"errors":[…],"warnings":[…]} on stdout and nothing else there')
    .option('--encoding <name>', 'read files that are not UTF-8 in this encoding, e.g. gb18030')
    .action(async (flags: ValidateFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const lang = chooseLang(g.lang);
      const config = await loadConfig({ root: g.root, config: g.config, encoding: flags.encoding });
      const project = await loadProject(config);
      // The recipients of each issue, as copies will read them: a bad list is found now, not
      // after copies has stamped half of them.
      const all: Diagnostic[] = [...project.diagnostics];
      for (const issue of project.issues) await recipientsOf(issue, config.root, all);
      const problems = sortDiagnostics(all).map((d) => localize(d, lang));
      io.err(
        formatDiagnostics(
          capRepeats(sortDiagnostics(all)).map((d) => localize(d, lang)),
          io.color,
          lang,
        ),
      );
      io.err(`${summaryLine(problems, project.files.submissions, project.files.issues, lang)}\n`);
      if (flags.json) {
        const plain = (d: Diagnostic) => ({
          file: d.file,
          line: d.line ?? null,
          column: d.column ?? null,
          field: d.field ?? null,
          code: d.code,
          message: d.message,
          hint: d.hint ?? null,
        });
        io.out(
          `${JSON.stringify({ errors: problems.filter((d) => d.severity === 'error').map(plain), warnings: problems.filter((d) => d.severity === 'warning').map(plain) }, null, 2)}\n`,
        );
      }
      setExit(problems.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

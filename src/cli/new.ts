import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { createIssues, today } from '../workspace/create-issues.js';
import { submissionFileText, submissionSlug } from '../assemble/submission-file.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/types.js';
import { bulletinChoices, resolveBulletin } from '../content/bulletin.js';
import { usageError } from '../errors.js';
import { globalFlags, sayer } from './options.js';
import type { Output } from './report.js';

export function bulletinOrFail(config: Config, name: string): string {
  const b = resolveBulletin(name, config.bulletins);
  if (!b)
    throw usageError('unknown-bulletin', `"${name}" is not a bulletin briefs knows`, {
      hint: `use one of ${bulletinChoices(config.bulletins)}`,
      zh: [`未知刊物“${name}”`, `可用的刊物：${bulletinChoices(config.bulletins)}`],
    });
  return b.id;
}

export function dateOrFail(value: string | undefined): string {
  const date = value ?? today();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (!m || !d || d.getUTCDate() !== +m[3])
    throw usageError('bad-flag', `--date must be a date written YYYY-MM-DD, not "${date}"`, { zh: [`--date 应为 YYYY-MM-DD 格式的日期，而不是“${date}”`] });
  return date;
}

export const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join('/') || '.';

export function newCommand(program: Command, io: Output): void {
  const cmd = program.command('new').description('write a new submission form or the next issue file');

  cmd
    .command('submission')
    .description('write a new submission with every field and guidance, to send to an expert; prints its path')
    .requiredOption('--publication <bulletin>', '(required) jianyi, qingkuang, or a bulletin name')
    .requiredOption('--title <title>', '(required) the title, e.g. 关于……的建议; the file is named from the date and the title (see docs/commands.md)')
    .option('--author <name>', 'the first author’s name')
    .option('--date <date>', 'submission date (default: today)')
    .action(async (flags: { publication: string; title: string; author?: string; date?: string }, c: Command) => {
      const g = globalFlags(c);
      const config = await loadConfig({ root: g.root, config: g.config });
      const publication = bulletinOrFail(config, flags.publication);
      const date = dateOrFail(flags.date);
      const dir = path.join(config.root, config.submissions, publication);
      await mkdir(dir, { recursive: true });
      const base = submissionSlug(date, flags.title, publication);
      const text = submissionFileText({ publication, title: flags.title, author: flags.author, date });
      // Never overwrite: the next free suffix.
      for (let n = 1; ; n++) {
        const file = path.join(dir, `${base}${n === 1 ? '' : `-${n}`}.md`);
        try {
          await writeFile(file, text, { flag: 'wx' });
          io.out(`${rel(file)}\n`);
          return;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
      }
    });

  cmd
    .command('issue')
    .description('write the next issue file of a bulletin (next number and total, draft, no submissions yet); prints its path')
    .argument('<bulletin>', 'jianyi, qingkuang, or a bulletin name')
    .option('--year <year>', 'the year (default: the date’s)')
    .option('--date <date>', 'the issue date (default: today)')
    .option('--supplement', 'a supplement (增刊), numbered on its own')
    .action(async (name: string, flags: { year?: string; date?: string; supplement?: boolean }, c: Command) => {
      const g = globalFlags(c);
      const config = await loadConfig({ root: g.root, config: g.config });
      const publication = bulletinOrFail(config, name);
      let date = dateOrFail(flags.date);
      if (flags.year !== undefined) {
        if (!/^\d{4}$/.test(flags.year)) throw usageError('bad-flag', '--year must be a year such as 2026', { zh: ['--year 应为年份，如 2026'] });
        // Another year's issue, with no date yet: its first day, for the editor to change.
        if (flags.date === undefined) date = date.startsWith(flags.year) ? date : `${flags.year}-01-01`;
        else if (date.slice(0, 4) !== flags.year)
          throw usageError('bad-flag', `--date ${date} is not in --year ${flags.year}`, { zh: [`--date ${date} 不在 --year ${flags.year} 内`] });
      }
      const [created] = await createIssues(config, publication, date, !!flags.supplement, [[]]);
      // Its path on stdout (for scripts), and said with the issue it is (for people).
      const say = sayer(c);
      io.err(
        say(
          `new issue ${created.id}${created.total ? ` (总第${created.total}期)` : ''}, a draft: ${rel(created.file)}\n`,
          `新建一期 ${created.id}${created.total ? `（总第${created.total}期）` : ''}，草稿：${rel(created.file)}\n`,
        ),
      );
      io.out(`${rel(created.file)}\n`);
    });
}

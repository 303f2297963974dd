import type { Command } from 'commander';
import { createIssues } from '../workspace/create-issues.js';
import { loadProject } from '../workspace/project.js';
import { hanCount, planIssues, unplaced } from '../assemble/plan.js';
import { loadConfig } from '../config/load.js';
import { usageError } from '../errors.js';
import { bulletinOrFail, dateOrFail, rel } from './new.js';
import { nextNumbers } from '../assemble/numbering.js';
import { globalFlags, parseInteger, sayer } from './options.js';
import type { Output } from './report.js';

interface AssembleFlags {
  dryRun?: boolean;
  maxArticles?: number;
  maxChars?: number;
  year?: string;
  date?: string;
}

export function assembleCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('assemble')
    .description('aggregate the accepted submissions that are in no issue into new draft issues')
    .argument('<bulletin>', 'jianyi, qingkuang, or a bulletin name')
    .option('--dry-run', 'print the plan and write nothing')
    .option('--max-articles <n>', 'articles an issue holds at most (default: the bulletin’s issueArticles)', parseInteger)
    .option('--max-chars <n>', 'Han characters an issue holds at most (default: the bulletin’s issueChars)', parseInteger)
    .option('--year <year>', 'the year of the new issues (default: the date’s)')
    .option('--date <date>', 'the date of the new issues (default: today)')
    .action(async (name: string, flags: AssembleFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      const config = await loadConfig({ root: g.root, config: g.config });
      const publication = bulletinOrFail(config, name);
      const bulletin = config.bulletins[publication];
      let date = dateOrFail(flags.date);
      if (flags.year !== undefined && !date.startsWith(flags.year)) {
        if (flags.date !== undefined || !/^\d{4}$/.test(flags.year))
          throw usageError('bad-flag', `--year ${flags.year} does not fit --date ${date}`, { zh: [`--year ${flags.year} 与 --date ${date} 不符`] });
        date = `${flags.year}-01-01`;
      }
      const maxArticles = flags.maxArticles ?? bulletin.issueArticles;
      if (maxArticles < 1) throw usageError('bad-flag', '--max-articles must be at least 1', { zh: ['--max-articles 至少为 1'] });
      const project = await loadProject(config);
      const plan = planIssues(unplaced(project.submissions, project.issues, bulletin), { maxArticles, maxChars: flags.maxChars ?? bulletin.issueChars });
      if (plan.length === 0) {
        io.err(say(`no accepted submission of 《${bulletin.name}》 is waiting for an issue\n`, `《${bulletin.name}》没有等待编入一期的已采用稿件\n`));
        setExit(0);
        return;
      }
      if (flags.dryRun) {
        // Labelled with the numbers the issues would get now (another new issue first would move them).
        const year = Number(date.slice(0, 4));
        const numbers = nextNumbers(project.issues, publication, year, false, plan.length);
        plan.forEach((p, i) => {
          const { number, total } = numbers[i];
          io.out(
            say(
              `${publication}/${year}/${number}${total ? ` (总第${total}期)` : ''}, new issue ${i + 1} of ${plan.length} (${p.chars} Han characters):\n`,
              `${year}年第${number}期${total ? `（总第${total}期）` : ''}，新编 ${plan.length} 期中的第 ${i + 1} 期（${p.chars} 个汉字）：\n`,
            ),
          );
          for (const s of p.submissions) io.out(`  ${s.id}  ${s.topic ? `【${s.topic}】` : ''}${s.title}  (${hanCount(s.body)})\n`);
        });
        io.err(
          say(
            `dry run: ${plan.length} new issue${plan.length === 1 ? '' : 's'} of 《${bulletin.name}》 would be written\n`,
            `试编：将为《${bulletin.name}》写出 ${plan.length} 期新的期文件\n`,
          ),
        );
        return;
      }
      const created = await createIssues(
        config,
        publication,
        date,
        false,
        plan.map((p) => p.submissions.map((s) => s.id)),
      );
      for (const c of created) {
        io.out(`${rel(c.file)}\n`);
        io.err(`  ${c.id}: ${c.submissions.join(', ')}\n`);
      }
      io.err(
        say(
          `wrote ${created.length} draft issue${created.length === 1 ? '' : 's'} of 《${bulletin.name}》\n`,
          `已为《${bulletin.name}》写出 ${created.length} 期草稿\n`,
        ),
      );
    });
}

import type { Command } from 'commander';
import { loadProject } from '../workspace/project.js';
import { loadConfig } from '../config/load.js';
import { resolveBulletin } from '../content/bulletin.js';
import { displayWidth } from '../content/text-width.js';
import { SUBMISSION_STATUS } from '../content/fields.js';
import { usageError } from '../errors.js';
import { chineseDate } from '../render/chinese.js';
import { chooseLang } from '../messages/messages-zh.js';
import { globalFlags } from './options.js';
import { printable, type Output } from './report.js';

interface ListFlags {
  status?: string;
  publication?: string;
  json?: boolean;
}

export function listCommand(program: Command, io: Output): void {
  program
    .command('list')
    .description('the submissions with their status and issue, and the issues with their number, date, articles and state')
    .option('--status <status>', 'only submissions of this status: submitted, accepted, rejected (or 已提交 …)')
    .option('--publication <bulletin>', 'only this bulletin')
    .option('--json', 'print JSON on stdout')
    .action(async (flags: ListFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const config = await loadConfig({ root: g.root, config: g.config });
      const project = await loadProject(config);
      const status = flags.status === undefined || !Object.hasOwn(SUBMISSION_STATUS, flags.status) ? undefined : SUBMISSION_STATUS[flags.status];
      if (flags.status !== undefined && !status)
        throw usageError('bad-flag', `--status must be one of ${Object.keys(SUBMISSION_STATUS).join(', ')}`, {
          zh: [`--status 应为以下之一：${Object.keys(SUBMISSION_STATUS).join('、')}`],
        });
      const bulletin = flags.publication === undefined ? undefined : resolveBulletin(flags.publication, config.bulletins);
      if (flags.publication !== undefined && !bulletin)
        throw usageError('bad-flag', `unknown bulletin "${flags.publication}"`, { zh: [`未知刊物“${flags.publication}”`] });
      // A submission's issue comes from the issue files, the one record of what went where.
      const issueOf = new Map<string, string>();
      for (const i of project.issues) for (const id of i.submissions) issueOf.set(id, i.id);
      const submissions = project.submissions
        .filter((s) => (!status || s.status === status) && (!bulletin || s.publication === bulletin.id))
        .sort((a, b) => a.submitted.localeCompare(b.submitted) || a.id.localeCompare(b.id))
        .map((s) => ({
          id: s.id,
          file: s.file,
          title: s.title,
          publication: s.publication,
          status: s.status,
          submitted: s.submitted,
          topic: s.topic ?? null,
          authors: s.authors.map((a) => a.name),
          issue: issueOf.get(s.id) ?? null,
        }));
      const issues = project.issues
        .filter((i) => !bulletin || i.publication === bulletin.id)
        .sort((a, b) => a.publication.localeCompare(b.publication) || a.year - b.year || Number(a.supplement) - Number(b.supplement) || a.number - b.number)
        .map((i) => ({
          id: i.id,
          file: i.file,
          publication: i.publication,
          year: i.year,
          number: i.number,
          total: i.total ?? null,
          supplement: i.supplement,
          date: i.date,
          status: i.status,
          submissions: i.submissions,
        }));
      if (flags.json) {
        io.out(`${JSON.stringify({ submissions, issues }, null, 2)}\n`);
        return;
      }
      const table = (cells: string[][]) => {
        const rows = cells.map((r) => r.map(printable));
        const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
        return rows
          .map((r) =>
            r
              .map((cell, c) => cell + ' '.repeat(widths[c] - displayWidth(cell)))
              .join('  ')
              .trimEnd(),
          )
          .join('\n');
      };
      const statusText = { submitted: '已提交', accepted: '已采用', rejected: '已退回' };
      const zh = chooseLang(g.lang) === 'zh';
      const name = (id: string) => `《${config.bulletins[id]?.name ?? id}》`;
      const h = zh
        ? {
            subs: '稿件',
            issues: '期',
            id: '编号',
            bulletin: '刊物',
            status: '状态',
            issue: '所在期',
            submitted: '提交日期',
            title: '标题',
            date: '印发日期',
            state: '状态',
            articles: '篇数',
          }
        : {
            subs: 'Submissions',
            issues: 'Issues',
            id: 'id',
            bulletin: 'bulletin',
            status: 'status',
            issue: 'issue',
            submitted: 'submitted',
            title: 'title',
            date: 'date',
            state: 'state',
            articles: 'articles',
          };
      io.out(`${h.subs} (${submissions.length})\n`);
      if (submissions.length)
        io.out(
          `${table([[h.id, h.bulletin, h.status, h.issue, h.submitted, h.title], ...submissions.map((s) => [s.id, name(s.publication), statusText[s.status], s.issue ?? '—', s.submitted, s.title])])}\n`,
        );
      io.out(`\n${h.issues} (${issues.length})\n`);
      if (issues.length)
        io.out(
          `${table([[h.issue, h.bulletin, h.date, h.state, h.articles], ...issues.map((i) => [i.id, name(i.publication), chineseDate(i.date), i.status === 'draft' ? '草稿' : '定稿', String(i.submissions.length)])])}\n`,
        );
      // The problems are validate's to list: here, one line that says how many and where to look.
      const errors = project.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = project.diagnostics.length - errors;
      if (errors + warnings > 0) {
        io.err(
          zh
            ? `文件中有 ${errors} 个错误、${warnings} 个警告：运行 briefs validate 查看\n`
            : `the files have ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}: run briefs validate to see them\n`,
        );
      }
    });
}

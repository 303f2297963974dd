/**
 * `briefs fix [FILES…]`: rewrites half-width punctuation in the Chinese text of submissions and
 * issue notes to full width (content/punctuation.ts), and only when asked: no other command
 * ever changes a submission. What changes is printed first, as a diff on stdout; the front
 * matter, code, links, URLs and numbers are left alone; line endings and a BOM are kept; each
 * file is written atomically. With --check nothing is written and the exit code is 1 when
 * something would change, for CI.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { chooseLang } from '../messages/messages-zh.js';
import { fixHalfWidth } from '../content/punctuation.js';
import { MAX_FILE_BYTES } from '../content/workspace.js';
import { usageError } from '../errors.js';
import { readRegularSync } from '../files/read-regular.js';
import { writeAtomic } from '../files/write-atomic.js';
import { loadProject } from '../workspace/project.js';
import { globalFlags } from './options.js';
import { printable, type Output } from './report.js';

interface FixFlags {
  check?: boolean;
}

export function fixCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('fix')
    .description('rewrite half-width punctuation in Chinese text (研究,发展 → 研究，发展; "…" → “…”) in submissions and issue notes; shows the changes')
    .argument('[file...]', 'submission or issue files (default: all of them)')
    .option('--check', 'change nothing: show what would change, and exit 1 if anything would')
    .action(async (files: string[], flags: FixFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const zh = chooseLang(g.lang) === 'zh';
      const config = await loadConfig({ root: g.root, config: g.config });
      const project = await loadProject(config, { markdownChecks: false });
      // Each file with the line its text starts on: a submission's body, an issue's note.
      const texts = new Map<string, number>([
        ...project.submissions.map((s) => [s.file, s.bodyLine] as const),
        ...project.issues.map((i) => [i.file, i.noteLine] as const),
      ]);
      const wanted = files.map((f) => path.relative(config.root, path.resolve(f)).split(path.sep).join('/'));
      for (const f of wanted)
        if (!texts.has(f))
          throw usageError('bad-file', `${f} is not a submission or issue file of this workspace that briefs can read`, {
            hint: 'give paths of files under briefs/submissions or briefs/issues; run briefs validate for files with errors',
            zh: [`${f} 不是本工作区中可以读取的稿件或期文件`, '请给出 briefs/submissions 或 briefs/issues 下文件的路径；有错误的文件请先运行 briefs validate'],
          });
      let changedFiles = 0;
      let changedLines = 0;
      for (const [file, firstLine] of texts) {
        if (wanted.length > 0 && !wanted.includes(file)) continue;
        // Read as every file briefs did not write is read; a file that is not UTF-8 (validate
        // names it) is never rewritten here.
        const read = readRegularSync(path.join(config.root, file), { maxBytes: MAX_FILE_BYTES, noFollow: true });
        if (!('bytes' in read)) continue;
        let raw: string;
        try {
          raw = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(read.bytes);
        } catch {
          continue;
        }
        const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
        const eol = raw.includes('\r\n') ? '\r\n' : '\n';
        const lines = raw.slice(bom.length).split(/\r?\n/);
        const head = lines.slice(0, firstLine - 1);
        const body = lines.slice(firstLine - 1);
        const fixed = fixHalfWidth(body.join('\n')).split('\n');
        const diff: string[] = [];
        fixed.forEach((line, i) => {
          if (line !== body[i]) diff.push(`${file}:${firstLine + i}\n- ${printable(body[i])}\n+ ${printable(line)}\n`);
        });
        if (diff.length === 0) continue;
        changedFiles++;
        changedLines += diff.length;
        io.out(diff.join(''));
        if (!flags.check) await writeAtomic(path.join(config.root, file), bom + [...head, ...fixed].join(eol));
      }
      const summary = flags.check
        ? zh
          ? `${changedFiles} 个文件中有 ${changedLines} 行需要改用全角标点（运行 briefs fix 改正）`
          : `${changedLines} line${changedLines === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'} would change (run briefs fix to change them)`
        : zh
          ? `已改正 ${changedFiles} 个文件中的 ${changedLines} 行`
          : `fixed ${changedLines} line${changedLines === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}`;
      io.err(`${summary}\n`);
      setExit(flags.check && changedLines > 0 ? 1 : 0);
    });
}

/**
 * The command-line program. `run` resolves to an exit code and never calls process.exit:
 * 0 done, 1 a content problem, 2 a usage or environment problem (see the README: "Exit codes").
 */
import { Command, CommanderError } from 'commander';
import { abandonWrites } from '../files/write-atomic.js';
import { BriefsError } from '../errors.js';
import { VERSION } from '../version.js';
import { copiesCommand } from './copies.js';
import { volumeCommand } from './volume.js';
import { siteCommand } from './site.js';
import { fixCommand } from './fix.js';
import { generateCommand } from './generate.js';
import { assembleCommand } from './assemble.js';
import { initCommand } from './init.js';
import { listCommand } from './list.js';
import { newCommand } from './new.js';
import { previewCommand } from './preview.js';
import { printerCommand } from './printer.js';
import { validateCommand } from './validate.js';
import { chooseLang } from '../messages/messages-zh.js';
import { onForeignTemp } from '../files/user-temp.js';
import { EXAMPLES_ZH, translateCommanderError, translateHelp } from './help-zh.js';
import { defaultOutput, formatError, type Output } from './report.js';

/** --lang's value in the arguments, before commander has read them. */
function langFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at === -1) return undefined;
  return argv[at].includes('=') ? argv[at].slice('--lang='.length) : argv[at + 1];
}

export async function run(argv: readonly string[], io: Output = defaultOutput(argv.includes('--debug'))): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  // The language is known before the program is built, so that its help can be said in it.
  const zh = chooseLang(langFlag(argv)) === 'zh';
  onForeignTemp((dir) =>
    io.err(
      zh
        ? `briefs: ${dir} 不是当前用户私有的文件夹（属于其他用户、对他人开放或是链接），本次运行改用一个新的私有文件夹\n`
        : `briefs: ${dir} is not this user's private folder (another user's, open to others, or a link); this run uses a fresh private folder instead\n`,
    ),
  );
  const program = new Command('briefs')
    .description('Turn expert submissions into the printed issues of 《科技界情况》 and 《科技工作者建议》.')
    .version(VERSION, '-v, --version', 'output the version number')
    .option('-r, --root <dir>', 'the workspace folder', '.')
    .option('-c, --config <file>', 'the config file (default: briefs.config.yaml in the workspace)')
    .option('--lang <lang>', 'language of messages: zh or en (default: from LANG / LC_ALL)')
    .option('--debug', 'show stack traces')
    .helpOption('-h, --help', 'display help for command')
    .helpCommand('help [command]', 'display help for command')
    .showHelpAfterError(zh ? '（运行 briefs --help 查看用法）' : '(run briefs --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: (s, write) => write(zh ? translateCommanderError(s) : s) });
  initCommand(program, io);
  validateCommand(program, io, setExit);
  generateCommand(program, io, setExit);
  copiesCommand(program, io, setExit);
  volumeCommand(program, io, setExit);
  siteCommand(program, io, setExit);
  previewCommand(program, io, setExit);
  printerCommand(program, io);
  newCommand(program, io);
  assembleCommand(program, io, setExit);
  listCommand(program, io);
  fixCommand(program, io, setExit);
  if (zh) translateHelp(program);
  program.addHelpText(
    'after',
    zh
      ? EXAMPLES_ZH
      : `
Examples:
  briefs validate                    check everything; exit 1 on any error
  briefs generate                    print every issue into dist/
  briefs generate jianyi/2026/2      print one issue
  briefs generate --json --html      also write the HTML; one JSON summary on stdout
  briefs copies qingkuang/2026/1     a numbered copy for each recipient, and the ledger
  briefs volume jianyi 2026          the year's bound volume, with contents and indexes
  briefs site                        the web edition of every final issue, searchable, in dist/site/
  briefs preview jianyi/2026/2       live preview: prints its address, token included (http://127.0.0.1:4173/…?token=…)
  briefs printer start               keep a browser running: reprinting one issue then takes under a second
  briefs new issue jianyi            the next issue file of 《科技工作者建议》
  briefs assemble qingkuang --dry-run   plan new issues from accepted submissions
  briefs fix --check                 check for half-width punctuation in Chinese text

Exit codes: 0 done, 1 a content problem (an issue could not be printed), 2 a usage or environment problem.`,
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exitCode 0; a bad flag with 1, which is ours as 2.
      return e.exitCode === 0 ? 0 : 2;
    }
    await abandonWrites();
    io.err(formatError(e, io.debug, io.color, zh ? 'zh' : 'en'));
    return e instanceof BriefsError ? e.exitCode : 2;
  }
}

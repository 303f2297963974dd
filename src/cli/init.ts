import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { promisify } from 'node:util';
import path from 'node:path';
import type { Command } from 'commander';
import { today } from '../workspace/create-issues.js';
import { GITIGNORE, WORKFLOW, configText, exampleIssue, exampleSubmission, workspacePackage } from '../workspace/init-files.js';
import { TOOL_ROOT } from '../render/template-files.js';
import { VERSION } from '../version.js';
import { CONFIG_FILE } from '../config/load.js';
import { usageError } from '../errors.js';
import { rel } from './new.js';
import { sayer } from './options.js';
import type { Output } from './report.js';

/** npm install --package-lock-only in the new workspace: whether package-lock.json was written. */
async function lockDependencies(root: string): Promise<boolean> {
  try {
    const run = promisify(process.getBuiltinModule('node:child_process').execFile);
    await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--silent'], {
      cwd: root,
      maxBuffer: 16 << 20,
      timeout: 120_000,
    });
    return true;
  } catch {
    return false;
  }
}

/** npm pack's name for this package and version. */
const tarballName = () => `briefs-${VERSION}.tgz`;

export function initCommand(program: Command, io: Output): void {
  program
    .command('init')
    .description('make a new workspace: config with every default, folders, an example submission and issue, .gitignore, CI workflow')
    .argument('[dir]', 'the folder (default: the current one)', '.')
    .action(async (dir: string, _flags: unknown, cmd: Command) => {
      const say = sayer(cmd);
      const root = path.resolve(dir);
      const date = today();
      const files: [string, string][] = [
        [CONFIG_FILE, configText()],
        ['briefs/submissions/jianyi/example.md', exampleSubmission(date)],
        [`briefs/issues/jianyi/${date.slice(0, 4)}/001.md`, exampleIssue(date)],
        ['briefs/assets/.gitkeep', ''],
        ['.gitignore', GITIGNORE],
        ['.github/workflows/briefs.yml', WORKFLOW],
        ['package.json', workspacePackage(path.basename(root), tarballName())],
      ];
      // All or nothing: nothing is written if anything is already there, or if any folder on the
      // way is a link (init would write through it, somewhere else) or not a folder.
      const existing: string[] = [];
      const links: string[] = [];
      for (const name of [...files.map(([n]) => n), `vendor/${tarballName()}`]) {
        const parts = name.split('/');
        for (let i = 1; i <= parts.length; i++) {
          const at = parts.slice(0, i).join('/');
          const st = await lstat(path.join(root, at)).catch(() => undefined);
          if (!st) break;
          if (st.isSymbolicLink()) links.push(at);
          else if (i === parts.length || !st.isDirectory()) existing.push(at);
          else continue;
          break;
        }
      }
      if (links.length)
        throw usageError('init-exists', `${rel(root)} has links where briefs init would write: ${[...new Set(links)].join(', ')}`, {
          hint: 'briefs init never writes through a link: remove the links, or choose an empty folder',
          zh: [
            `${rel(root)} 中 briefs init 要写入的位置是链接：${[...new Set(links)].join('、')}`,
            'briefs init 从不通过链接写入：请删除这些链接，或选一个空文件夹',
          ],
        });
      if (existing.length)
        throw usageError('init-exists', `${rel(root)} already has ${[...new Set(existing)].join(', ')}`, {
          hint: 'briefs init never overwrites: choose an empty folder, or move those files away',
          zh: [`${rel(root)} 中已有 ${[...new Set(existing)].join('、')}`, 'briefs init 从不覆盖文件：请选一个空文件夹，或先把这些文件移走'],
        });
      // The briefs this workspace was made with, packed (before anything is written, so that a
      // failure leaves nothing half made) for vendor/: what package.json pins.
      const packs = await mkdtemp(path.join(os.tmpdir(), 'briefs-pack-'));
      try {
        try {
          // child_process is loaded here, not with every command (a few ms of each start).
          const run = promisify(process.getBuiltinModule('node:child_process').execFile);
          await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', packs, TOOL_ROOT], { maxBuffer: 16 << 20 });
        } catch (cause) {
          throw usageError('init-pack', 'cannot pack this briefs into the new workspace (npm pack failed)', {
            hint: 'check that npm is on the PATH',
            cause,
            zh: ['无法把本版 briefs 打包进新工作区（npm pack 失败）', '检查 PATH 中是否有 npm'],
          });
        }
        for (const [name, text] of files) {
          await mkdir(path.dirname(path.join(root, name)), { recursive: true });
          await writeFile(path.join(root, name), text, { flag: 'wx' });
          io.out(`${rel(path.join(root, name))}\n`);
        }
        const vendor = path.join(root, 'vendor');
        await mkdir(vendor, { recursive: true });
        await copyFile(path.join(packs, tarballName()), path.join(vendor, tarballName()), constants.COPYFILE_EXCL);
        io.out(`${rel(path.join(vendor, tarballName()))}\n`);
      } finally {
        await rm(packs, { recursive: true, force: true });
      }
      // package-lock.json, so that CI installs the same packages every time (npm ci). It needs the
      // registry; offline, the workspace is still whole and the next npm install writes it.
      const locked = await lockDependencies(root);
      if (locked) io.out(`${rel(path.join(root, 'package-lock.json'))}\n`);
      else
        io.err(
          say(
            'package-lock.json not written (npm could not reach the registry): run npm install in the workspace once, and commit package-lock.json\n',
            '未写入 package-lock.json（npm 无法访问软件源）：请在工作区中运行一次 npm install，并提交 package-lock.json\n',
          ),
        );
      // briefs is not on the PATH of a new workspace: npm install puts it in node_modules, npx runs it.
      const cd = dir === '.' ? '' : `cd ${dir} && `;
      io.err(
        say(
          `a new briefs workspace in ${rel(root)}: next, ${cd}npm install, then npx briefs validate and npx briefs generate\n`,
          `已在 ${rel(root)} 新建 briefs 工作区：接下来运行 ${cd}npm install，然后运行 npx briefs validate 和 npx briefs generate\n`,
        ),
      );
    });
}

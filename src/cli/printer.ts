/**
 * `briefs printer start | stop | status`: the workspace's resident printer (print/resident/).
 * `start` runs `printer serve` as a process of its own, detached from the terminal, and waits
 * until it answers; `serve` is that process (hidden: it is not for people to type).
 */
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { namesSystemFonts } from '../config/types.js';
import { usageError } from '../errors.js';
import { findBrowser } from '../print/find-browser.js';
import { TOOL_ROOT } from '../render/template-files.js';
import type { Mismatch } from '../print/resident/identity.js';
import type { PrinterNote } from '../print/resident/link.js';
import { globalFlags, sayer } from './options.js';
import type { Output } from './report.js';

interface StartFlags {
  idle: number;
  browser?: string;
}

/** Minutes, possibly a fraction (tests wait seconds, not minutes). */
function parseMinutes(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0)
    throw usageError('bad-flag', `--idle ${value}: not a number of minutes`, { hint: 'e.g. 30', zh: [`--idle ${value}：不是分钟数`, '例如 30'] });
  return n;
}

const WHY: Record<Mismatch, [string, string]> = {
  build: ['it runs another build of briefs', '它运行的是另一版本的 briefs'],
  workspace: ['it prints another workspace', '它服务于另一个工作区'],
  browser: ['it runs another browser', '它使用另一个浏览器'],
  fonts: ['it was started with other fonts', '它启动时的字体设置不同'],
  upgraded: ['its browser was upgraded since it started', '它启动后浏览器已升级'],
  stopping: ['it is stopping', '它正在停止'],
};

/** What a printing run says when the workspace's resident printer could not print for it. */
export function printerNote(io: Output, say: (en: string, zh: string) => string): PrinterNote {
  return (why, stopped) => {
    const [en, zh] = WHY[why] ?? [why, why];
    io.err(
      stopped
        ? say(
            `the resident printer was not used: ${en}; it has stopped (briefs printer start starts a new one)\n`,
            `未使用常驻印制进程：${zh}；它已停止（用 briefs printer start 重新启动）\n`,
          )
        : say(`the resident printer was not used: ${en}\n`, `未使用常驻印制进程：${zh}\n`),
    );
  };
}

const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

export function printerCommand(program: Command, io: Output): void {
  const cmd = program
    .command('printer')
    .description('keep a browser running for this workspace between runs, so that printing one issue takes a fraction of the time');

  const place = async (c: Command, browser?: string) => {
    const g = globalFlags(c);
    const config = await loadConfig({ root: g.root, config: g.config, browser });
    const { printerSocket } = await import('../print/resident/place.js');
    return { config, socket: printerSocket(config.root) };
  };

  cmd
    .command('start')
    .description('start the resident printer of this workspace (replacing one already running); it stops after --idle minutes without work')
    .option('--idle <minutes>', 'minutes without a run after which it stops', parseMinutes, 30)
    .option('--browser <path>', 'the Chrome or Chromium to print with')
    .action(async (flags: StartFlags, c: Command) => {
      const say = sayer(c);
      const { config, socket } = await place(c, flags.browser);
      findBrowser({ explicit: config.browser });
      const { printerLog, privateFolderOrFail } = await import('../print/resident/place.js');
      privateFolderOrFail();
      const { ask, stopPrinter } = await import('../print/resident/control.js');
      // One printer a workspace: the one running (perhaps another build's) makes way.
      await stopPrinter(socket);
      const g = globalFlags(c);
      const args = [path.join(TOOL_ROOT, 'bin', 'briefs.js'), '--root', config.root, ...(g.config ? ['--config', path.resolve(g.config)] : [])];
      args.push('printer', 'serve', '--idle', String(flags.idle), ...(config.browser ? ['--browser', config.browser] : []));
      if (g.lang) args.unshift(args.shift()!, '--lang', g.lang);
      const log = printerLog(socket);
      const fd = openSync(log, 'w', 0o600);
      const { spawn } = process.getBuiltinModule('node:child_process');
      const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      child.unref();
      let exited = false;
      child.once('exit', () => (exited = true));
      // Chromium starts in about a second; a slow machine gets thirty.
      for (let i = 0; i < 300 && !exited; i++) {
        const status = await ask(socket, { briefs: 'status' }, 500).catch(() => undefined);
        if (status) {
          io.err(
            say(
              `resident printer started for ${config.root} (pid ${String(status.pid)}); it stops after ${flags.idle} minutes without work, or with briefs printer stop\n`,
              `已为 ${config.root} 启动常驻印制进程（pid ${String(status.pid)}）；空闲 ${flags.idle} 分钟后自动停止，或用 briefs printer stop 停止\n`,
            ),
          );
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      // Said here, the log has served: a printer that stops cleanly leaves none either.
      const said = readFileSync(log, 'utf8').trim();
      rmSync(log, { force: true });
      throw usageError('printer-start', `the resident printer did not start${said ? `:\n${said}` : ''}`, {
        hint: `its log is ${log}`,
        zh: [`常驻印制进程未能启动${said ? `：\n${said}` : ''}`, `日志见 ${log}`],
      });
    });

  cmd
    .command('stop')
    .description('stop the resident printer of this workspace')
    .action(async (_flags: object, c: Command) => {
      const say = sayer(c);
      const { config, socket } = await place(c);
      const { stopPrinter } = await import('../print/resident/control.js');
      if (await stopPrinter(socket)) io.err(say(`stopped the resident printer of ${config.root}\n`, `已停止 ${config.root} 的常驻印制进程\n`));
      else io.err(say(`no resident printer runs for ${config.root}\n`, `${config.root} 没有常驻印制进程\n`));
    });

  cmd
    .command('status')
    .description('say whether this workspace has a resident printer, and what it has done')
    .option('--json', 'print one JSON object on stdout: {"running","pid","root","started","runs","busy","stopsAt","pages","attached"}')
    .action(async (flags: { json?: boolean }, c: Command) => {
      const say = sayer(c);
      const { config, socket } = await place(c);
      const { ask } = await import('../print/resident/control.js');
      const status = await ask(socket, { briefs: 'status' }).catch(() => undefined);
      if (flags.json) {
        const { briefs: _, ...rest } = status ?? { briefs: '' };
        io.out(`${JSON.stringify({ running: !!status, ...rest })}\n`);
      } else if (!status) {
        io.out(say(`no resident printer runs for ${config.root}\n`, `${config.root} 没有常驻印制进程\n`));
      } else {
        const runs = Number(status.runs);
        const when = status.busy
          ? say('printing now', '正在印制')
          : say(`stops at ${clock(Number(status.stopsAt))} unless used`, `若无使用，${clock(Number(status.stopsAt))} 停止`);
        io.out(
          say(
            `resident printer for ${config.root}: pid ${String(status.pid)}, since ${clock(Number(status.started))}, ${runs} run${runs === 1 ? '' : 's'}; ${when}\n`,
            `${config.root} 的常驻印制进程：pid ${String(status.pid)}，${clock(Number(status.started))} 起，已印 ${runs} 次；${when}\n`,
          ),
        );
      }
    });

  cmd
    .command('serve', { hidden: true })
    .description('run the resident printer in this process, until it stops')
    .option('--idle <minutes>', 'minutes without a run after which it stops', parseMinutes, 30)
    .option('--browser <path>', 'the Chrome or Chromium to print with')
    .action(async (flags: StartFlags, c: Command) => {
      const { config, socket } = await place(c, flags.browser);
      const { servePrinter } = await import('../print/resident/daemon.js');
      await servePrinter({
        root: config.root,
        executable: findBrowser({ explicit: config.browser }).executablePath,
        systemFonts: namesSystemFonts(config),
        socket,
        idleMs: flags.idle * 60_000,
      });
    });
}

import type { Command } from 'commander';
import { chooseLang } from '../messages/messages-zh.js';
import { globalFlags, parseInteger, sayer } from './options.js';
import type { Output } from './report.js';

interface PreviewFlags {
  port: number;
  host: string;
  open?: boolean;
  pdf?: boolean;
  timeout: number;
}

export function previewCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('preview')
    .description('a live preview of the issues as they will print, updated as files change')
    .argument('[issue]', 'the issue to open (and, with --pdf, to keep printed): bulletin/year/number')
    .option('-p, --port <n>', 'port to listen on', parseInteger, 4173)
    .option('--host <address>', 'address to listen on; the bulletins are internal, so the default is this machine only', '127.0.0.1')
    .option('--open', 'open the preview in the default browser')
    .option('--pdf', 'also print the issue to PDF on every change')
    .option('--timeout <ms>', 'how long one measurement or print may take', parseInteger, 60_000)
    .action(async (issue: string | undefined, flags: PreviewFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      // Loaded here: the preview's server, watcher and renderer are no part of the other commands' start.
      const { startPreview } = await import('../preview/server.js');
      const preview = await startPreview({
        flags: { root: g.root, config: g.config },
        port: flags.port,
        host: flags.host,
        pdf: !!flags.pdf,
        issue,
        lang: chooseLang(g.lang),
        timeout: flags.timeout,
        log: (line) => io.err(say(`preview: ${line}`, `预览：${line}`)),
      });
      // Runs until Ctrl-C or SIGTERM; then the server, the watchers and the browser close.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      const target = preview.link(issue ? `/issues/${issue.replace(/^\/+|\/+$/g, '')}` : '/');
      io.err(say(`preview: ${target}  (Ctrl-C to stop)\n`, `预览：${target}（按 Ctrl-C 停止）\n`));
      if (flags.open) openInBrowser(target);
      await stopped;
      io.err(say('preview: stopping\n', '预览：正在停止\n'));
      await preview.close();
      setExit(0);
    });
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  process
    .getBuiltinModule('node:child_process')
    .spawn(cmd, args, { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

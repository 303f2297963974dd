import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { capRepeats, sortDiagnostics } from '../messages/diagnostic.js';
import { chooseLang, localize } from '../messages/messages-zh.js';
import { globalFlags, sayer } from './options.js';
import { formatDiagnostics, type Output } from './report.js';

interface SiteFlags {
  out?: string;
  json?: boolean;
}

export function siteCommand(program: Command, io: Output, setExit: (code: number) => void): void {
  program
    .command('site')
    .description('the web edition: every final issue as a static site with Chinese full-text search (Pagefind), built from the PDFs generate made')
    .option('-o, --out <dir>', 'the site’s folder (default: <output folder>/site)')
    .option('--json', 'print one JSON object on stdout: {"site":{"dir","pages","issues","articles","index"}}')
    .action(async (flags: SiteFlags, cmd: Command) => {
      const g = globalFlags(cmd);
      const say = sayer(cmd);
      const lang = chooseLang(g.lang);
      const config = await loadConfig({ root: g.root, config: g.config });
      const outDir = path.resolve(config.root, config.out);
      const siteDir = flags.out ? path.resolve(process.cwd(), flags.out) : path.join(outDir, 'site');
      // Loaded when asked for: Pagefind starts a process of its own.
      const { buildSite } = await import('../site/build.js');
      // The site's readers are Chinese: its pages are in Chinese unless --lang en asks otherwise
      // (the language of this run's messages follows LANG as everywhere).
      const result = await buildSite(config, { outDir, siteDir, lang: g.lang === 'en' ? 'en' : 'zh' });
      const shown = capRepeats(sortDiagnostics(result.diagnostics)).map((d) => localize(d, lang));
      if (shown.length > 0) io.err(formatDiagnostics(shown, io.color, lang));
      const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join('/') || '.';
      io.err(
        result.written + result.removed === 0
          ? say(`up to date: ${rel(siteDir)} (${result.pages} pages)\n`, `未改动：${rel(siteDir)}（${result.pages} 页）\n`)
          : say(
              `web edition of ${result.issues} issues, ${result.articles} articles in ${rel(siteDir)}: ${result.written} files written, ${result.removed} removed\n`,
              `网络版：${result.issues} 期、${result.articles} 篇，在 ${rel(siteDir)}；写出 ${result.written} 个文件，删除 ${result.removed} 个\n`,
            ),
      );
      if (flags.json)
        io.out(
          `${JSON.stringify({ site: { dir: rel(siteDir), pages: result.pages, issues: result.issues, articles: result.articles, index: rel(result.index) } })}\n`,
        );
      setExit(result.diagnostics.some((d) => d.severity === 'error') ? 1 : 0);
    });
}

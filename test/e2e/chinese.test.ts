/**
 * Chinese from end to end: every command, its help, its progress, its summary and its errors,
 * under --lang zh, say nothing in English but codes, paths, flags, commands and names.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/print/find-browser.js';
import { runCli } from '../helpers/run-cli.js';

let dir: string;
const ws = () => path.join(dir, 'ws');

/** Three English words in a row, once what may be English is taken out. */
function englishIn(text: string): string[] {
  const cleaned = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.-]*\/[\w./@-]*/g, ' ') // paths, ids such as jianyi/2026/1
    .replace(/(?:^|\s)--?[a-z][\w-]*(?: <[^>]+>)?/g, ' ') // flags
    .replace(/\[[^\]]*\]|<[^>]*>/g, ' ') // usage syntax
    .replace(/briefs(?: [a-z][\w-]*)*/g, ' ') // commands
    .replace(/\b[a-z]+(?:-[a-z0-9]+)+\b/g, ' ') // codes such as placeholder-left, and kebab names
    .replace(/“[^”]*”|"[^"]*"/g, ' ') // quoted values from the files
    .replace(
      /\b(?:README|YAML|PDF|HTML|JSON|CI|UTF-8|Chrome|Chromium|Edge|LANG|LC_ALL|Ctrl-C|CPU|TrueType|CFF|Markdown|Type 3|zh|en|gb18030|issueArticles|issueChars|maxChars|submitted|accepted|rejected|jianyi|qingkuang|draft|final|out|dist|package\.json)\b/g,
      ' ',
    );
  return [...cleaned.matchAll(/[A-Za-z]{2,}(?:[ ,:;]+[A-Za-z]{2,}){2,}/g)].map((m) => m[0]);
}

async function zh(...args: string[]) {
  const r = await runCli(['--lang', 'zh', ...args]);
  return { ...r, english: englishIn(`${r.stdout}\n${r.stderr}`) };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-zh-'));
  // Another name for the same browser: a run that asks for it passes the resident printer over, and says why.
  symlinkSync(findBrowser().executablePath, path.join(dir, 'chromium'));
});
afterAll(async () => {
  await runCli(['--root', ws(), 'printer', 'stop']);
  rmSync(dir, { recursive: true, force: true });
});

describe('briefs in Chinese', () => {
  it('(the check finds English where there is some)', async () => {
    for (const args of [
      ['generate', '--help'],
      ['--root', path.resolve(__dirname, '../fixtures/broken'), 'list'],
      ['generate', '--no-such-flag'],
    ]) {
      const r = await runCli(['--lang', 'en', ...args]);
      expect(englishIn(`${r.stdout}\n${r.stderr}`).length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('helps in Chinese, every command', async () => {
    for (const args of [
      ['--help'],
      ...[
        'init',
        'validate',
        'generate',
        'copies',
        'volume',
        'preview',
        'new',
        'new submission',
        'new issue',
        'assemble',
        'list',
        'fix',
        'printer',
        'printer start',
        'printer stop',
        'printer status',
      ].map((c) => [...c.split(' '), '--help']),
    ]) {
      const r = await zh(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.english, args.join(' ')).toEqual([]);
      expect(r.stdout, args.join(' ')).toMatch(/用法：/);
    }
  });

  it('says in Chinese what init, new, validate, list, assemble, fix, generate, copies, volume and printer do', { timeout: 120_000 }, async () => {
    for (const args of [
      ['init', ws()],
      ['--root', ws(), 'new', 'submission', '--publication', 'jianyi', '--title', '关于测试的建议', '--date', '2026-05-01'],
      ['--root', ws(), 'new', 'issue', 'qingkuang', '--date', '2026-05-02'],
      ['--root', ws(), 'validate'],
      ['--root', ws(), 'list'],
      ['--root', ws(), 'assemble', 'jianyi', '--dry-run'],
      ['--root', ws(), 'fix', '--check'],
      ['--root', ws(), 'generate', 'jianyi/2026/1'],
      ['--root', ws(), 'copies', 'jianyi/2026/1'],
      ['--root', ws(), 'volume', 'jianyi', '2026', '--drafts'],
      ['--root', ws(), 'printer', 'start', '--idle', '1'],
      ['--root', ws(), 'printer', 'status'],
      ['--root', ws(), 'generate', '--force', 'jianyi/2026/1', '--browser', path.join(dir, 'chromium')],
      ['--root', ws(), 'printer', 'stop'],
      ['--root', ws(), 'printer', 'status'],
    ]) {
      const r = await zh(...args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBeLessThan(2);
      expect(r.english, `${args.join(' ')}:\n${r.stdout}${r.stderr}`).toEqual([]);
    }
  });

  it('says its errors, and commander’s, in Chinese', async () => {
    for (const args of [
      ['--root', ws(), 'generate', 'jianyi/1999/7'],
      ['generate', '--no-such-flag'],
      ['new', 'submission'],
      ['init', ws()],
      ['--root', ws(), 'list', '--status', 'nope'],
    ]) {
      const r = await zh(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.english, `${args.join(' ')}: ${r.stderr}`).toEqual([]);
      expect(r.stderr, args.join(' ')).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const root = path.resolve(__dirname, '../..');

describe('the command line', () => {
  it('prints its version and help on stdout with exit 0', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const h = await runCli(['generate', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('--json');
  });

  it('goes on quietly when its reader goes away (briefs list | head), with its own exit code', async () => {
    for (const args of [['--help'], ['--root', root, 'list'], ['--root', root, 'validate', '--json']]) {
      // The reading end is closed before briefs writes a byte: every write meets EPIPE.
      const child = spawn(process.execPath, [path.join(root, 'bin/briefs.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      expect(stderr, args.join(' ')).not.toMatch(/EPIPE|Unhandled/);
      expect(code, args.join(' ')).toBe(0);
    }
  });

  it('exits 2 on an unknown flag and on an issue that does not exist', async () => {
    expect((await runCli(['generate', '--no-such-flag'])).code).toBe(2);
    const r = await runCli(['--root', root, 'generate', 'jianyi/1999/7']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no issue matches "jianyi/1999/7"');
  });

  it('exits 2 and names the problem when the named browser does not exist', async () => {
    const before = process.env.CHROME_PATH;
    process.env.CHROME_PATH = '/nonexistent/chrome';
    try {
      const r = await runCli(['--root', root, 'generate', 'jianyi/2026/1', '--out', path.join(os.tmpdir(), 'briefs-no-browser')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('CHROME_PATH does not exist: /nonexistent/chrome');
    } finally {
      if (before === undefined) delete process.env.CHROME_PATH;
      else process.env.CHROME_PATH = before;
    }
  });
});

describe('briefs list', () => {
  const broken = path.resolve(__dirname, '../fixtures/broken');
  it('names each bulletin, and says in one line how many problems validate would list', async () => {
    const r = await runCli(['--root', broken, '--lang', 'en', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id +bulletin +status/m);
    // Each submission row names its bulletin, after its id.
    expect(r.stdout).toMatch(/^\S+ +《科技工作者建议》 +(已提交|已采用|已退回)/m);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^the files have \d+ errors and \d+ warnings: run briefs validate to see them\n$/);
    const zh = await runCli(['--root', broken, '--lang', 'zh', 'list']);
    expect(zh.stdout).toMatch(/^编号 +刊物 +状态/m);
    expect(zh.stderr).toMatch(/^文件中有 \d+ 个错误、\d+ 个警告：运行 briefs validate 查看\n$/);
  });
});

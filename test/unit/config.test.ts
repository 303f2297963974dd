/** Config precedence, key by key: defaults < the file's top level < bulletins.<id> < flags. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, INHERITED } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function load(yaml: string, flags: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-config-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'briefs.config.yaml'), yaml);
  return loadConfig({ root: dir, ...flags });
}

const VALUES: Record<(typeof INHERITED)[number], [string, string]> = {
  publisher: ['中国科协调研宣传部', '中国科协办公厅（学会）'],
  classification: ['内部资料', '机密★1年'],
};

describe('configuration precedence', () => {
  it('has defaults that every built-in bulletin inherits', () => {
    const d = defaultConfig('/ws');
    for (const key of INHERITED) for (const b of Object.values(d.bulletins)) expect(b[key], `${b.id}.${key}`).toBe(d[key]);
  });

  for (const key of INHERITED) {
    const [top, own] = VALUES[key];
    it(`takes ${key} from the top level for every bulletin, built-in or new`, async () => {
      const c = await load(`bulletins:\n  dongtai:\n    name: 学会动态\n${key}: ${top}\n`);
      for (const id of ['jianyi', 'qingkuang', 'dongtai']) expect(c.bulletins[id][key], id).toBe(top);
    });
    it(`lets bulletins.<id>.${key} win over the top level, for that bulletin only, in either order`, async () => {
      for (const yaml of [`${key}: ${top}\nbulletins:\n  jianyi:\n    ${key}: ${own}\n`, `bulletins:\n  jianyi:\n    ${key}: ${own}\n${key}: ${top}\n`]) {
        const c = await load(yaml);
        expect(c.bulletins.jianyi[key]).toBe(own);
        expect(c.bulletins.qingkuang[key]).toBe(top);
      }
    });
  }

  it('takes the editions beside the PDF (docx, png, ofd) and pdfa as true or false, and names anything else', async () => {
    const c = await load('docx: true\npng: false\nofd: true\npdfa: false\n');
    expect([c.docx, c.png, c.ofd, c.pdfa]).toEqual([true, false, true, false]);
    await expect(load('ofd: yes please\n')).rejects.toThrow(/"ofd" must be true or false/);
  });

  it('lets flags win over the file', async () => {
    const c = await load('out: dist-file\nencoding: utf-8\n', { out: 'dist-flag', encoding: 'gb18030' });
    expect(c.out).toBe('dist-flag');
    expect(c.encoding).toBe('gb18030');
  });

  it('keeps the built-in bulletin settings a file does not name', async () => {
    const c = await load('bulletins:\n  jianyi:\n    maxChars: 4000\n');
    expect(c.bulletins.jianyi.maxChars).toBe(4000);
    expect(c.bulletins.jianyi.name).toBe('科技工作者建议');
    expect(c.bulletins.qingkuang).toEqual(defaultConfig(c.root).bulletins.qingkuang);
  });

  it('takes notes page or end, and names anything else', async () => {
    expect((await load('bulletins:\n  jianyi:\n    notes: end\n')).bulletins.jianyi.notes).toBe('end');
    expect(defaultConfig('/ws').bulletins.qingkuang.notes).toBe('page');
    await expect(load('bulletins:\n  qingkuang:\n    notes: margin\n')).rejects.toThrow(/notes.*page.*end/);
  });

  it('takes volumeFolio issue, volume or both, and names anything else', async () => {
    expect((await load('bulletins:\n  jianyi:\n    volumeFolio: both\n')).bulletins.jianyi.volumeFolio).toBe('both');
    expect(defaultConfig('/ws').bulletins.jianyi.volumeFolio).toBe('issue');
    await expect(load('bulletins:\n  jianyi:\n    volumeFolio: continuous\n')).rejects.toThrow(/volumeFolio.*issue.*volume.*both/);
  });

  it('takes punctuation full (the default, 全身式) or kaiming (开明式), and names anything else', async () => {
    expect((await load('bulletins:\n  qingkuang:\n    punctuation: kaiming\n')).bulletins.qingkuang.punctuation).toBe('kaiming');
    expect(defaultConfig('/ws').bulletins.jianyi.punctuation).toBe('full');
    expect((await load('bulletins:\n  dongtai:\n    name: 学会动态\n')).bulletins.dongtai.punctuation).toBe('full');
    await expect(load('bulletins:\n  jianyi:\n    punctuation: 开明\n')).rejects.toThrow(/bulletins\.jianyi\.punctuation.*full.*kaiming/);
  });

  it('takes each spacing as whole grid lines from 0 to 4, qingkuang 1/1/0 and jianyi 2/2/1 by default', async () => {
    const d = defaultConfig('/ws').bulletins;
    expect([d.qingkuang.topicGap, d.qingkuang.articleGap, d.qingkuang.headGap]).toEqual([1, 1, 0]);
    expect([d.jianyi.topicGap, d.jianyi.articleGap, d.jianyi.headGap]).toEqual([2, 2, 1]);
    expect((await load('bulletins:\n  qingkuang:\n    headGap: 2\n')).bulletins.qingkuang.headGap).toBe(2);
    await expect(load('bulletins:\n  qingkuang:\n    articleGap: 1.5\n')).rejects.toThrow(
      /bulletins\.qingkuang\.articleGap.*whole number of grid lines from 0 to 4/,
    );
    await expect(load('bulletins:\n  qingkuang:\n    topicGap: 9\n')).rejects.toThrow(/topicGap.*0 to 4/);
    await expect(load('bulletins:\n  qingkuang:\n    headGap: "1"\n')).rejects.toThrow(/headGap.*must be a number/);
  });

  it('takes articleBreak page or flow, and names anything else', async () => {
    expect((await load('bulletins:\n  qingkuang:\n    articleBreak: page\n')).bulletins.qingkuang.articleBreak).toBe('page');
    expect(defaultConfig('/ws').bulletins.jianyi.articleBreak).toBe('page');
    await expect(load('bulletins:\n  qingkuang:\n    articleBreak: sideways\n')).rejects.toThrow(/articleBreak.*page.*flow/);
  });
});

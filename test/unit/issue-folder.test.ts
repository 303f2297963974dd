/** An issue file in one bulletin's folder that names another is said, on its publication line. */
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/defaults.js';
import { folderMismatch } from '../../src/content/bulletin.js';

const { bulletins, issues } = defaultConfig('/ws');

describe('folderMismatch', () => {
  it('warns when the folder names another bulletin, by id or by name', () => {
    for (const folder of ['jianyi', '科技工作者建议']) {
      const d = folderMismatch({ file: `${issues}/${folder}/2026/003.md`, publication: 'qingkuang', lines: { publication: 2 } }, issues, bulletins);
      expect(d).toMatchObject({ code: 'issue-folder', severity: 'warning', line: 2, field: 'publication', file: `${issues}/${folder}/2026/003.md` });
      expect(d!.message).toContain('《科技界情况》');
      expect(d!.hint).toContain(`${issues}/qingkuang/`);
    }
  });

  it('says nothing of a file in its own folder, or in a folder that names no bulletin', () => {
    expect(folderMismatch({ file: `${issues}/qingkuang/2026/003.md`, publication: 'qingkuang' }, issues, bulletins)).toBeUndefined();
    expect(folderMismatch({ file: `${issues}/2026/003.md`, publication: 'qingkuang' }, issues, bulletins)).toBeUndefined();
    expect(folderMismatch({ file: `${issues}/old/003.md`, publication: 'jianyi' }, issues, bulletins)).toBeUndefined();
  });
});

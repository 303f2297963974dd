/**
 * What the repository holds: no file a tool would read as an option (a page image named
 * "--1.ppm" once went in by accident), and nothing large that is not meant to be there.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../..');

describe('the repository', () => {
  it('tracks no file over 500 KB and none whose name starts with "-"', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: repo, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => path.basename(f).startsWith('-'))).toEqual([]);
    expect(files.filter((f) => (statSync(path.join(repo, f), { throwIfNoEntry: false })?.size ?? 0) > 500 * 1024)).toEqual([]);
  });
});

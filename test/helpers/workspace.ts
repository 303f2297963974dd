/** Temporary copies of fixture workspaces, so that tests never write into the repository. */
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export function copyFixture(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `briefs-${name}-`));
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** path → sha256 of every file below dir, except those under `skip`. */
export function snapshotFiles(dir: string, skip: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (skip.some((s) => abs === path.join(dir, s))) continue;
      if (statSync(abs).isDirectory()) walk(abs);
      else out.set(path.relative(dir, abs), createHash('sha256').update(readFileSync(abs)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

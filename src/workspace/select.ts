/**
 * Which issues a command means: jianyi/2020/12, jianyi/2020/012, 科技工作者建议/2020/12,
 * jianyi/2020/s1 (a supplement), or the path of an issue file. Pure.
 */
import path from 'node:path';
import type { BulletinConfig } from '../config/types.js';
import { resolveBulletin } from '../content/bulletin.js';
import { issueId, type IssueFile } from '../content/model.js';
import { usageError } from '../errors.js';

export function selectIssues(
  issues: readonly IssueFile[],
  selectors: readonly string[],
  bulletins: Record<string, BulletinConfig>,
  root: string,
  cwd: string,
): IssueFile[] {
  if (selectors.length === 0) return [...issues];
  const chosen = new Set<IssueFile>();
  for (const sel of selectors) {
    const matches = matchSelector(issues, sel, bulletins, root, cwd);
    if (matches.length === 0) {
      throw usageError('unknown-issue', `no issue matches "${sel}"`, {
        hint: 'name an issue as bulletin/year/number (e.g. jianyi/2020/12) or by the path of its file under briefs/issues/',
        zh: [`没有与“${sel}”相符的期`, '用“刊物/年/期号”（如 jianyi/2020/12）或 briefs/issues/ 下期文件的路径指定一期'],
      });
    }
    matches.forEach((m) => chosen.add(m));
  }
  return issues.filter((i) => chosen.has(i));
}

function matchSelector(issues: readonly IssueFile[], sel: string, bulletins: Record<string, BulletinConfig>, root: string, cwd: string): IssueFile[] {
  if (sel.toLowerCase().endsWith('.md')) {
    const rel = path.relative(root, path.resolve(cwd, sel)).split(path.sep).join('/');
    return issues.filter((i) => i.file === rel);
  }
  const parts = sel.replace(/\\/g, '/').split('/').filter(Boolean);
  const bulletin = parts[0] ? resolveBulletin(parts[0], bulletins) : undefined;
  if (!bulletin) return [];
  if (parts.length === 1) return issues.filter((i) => i.publication === bulletin.id);
  const year = Number(parts[1]);
  if (parts.length === 2) return issues.filter((i) => i.publication === bulletin.id && i.year === year);
  const m = /^(s|增刊)?0*(\d+)$/i.exec(parts[2]);
  if (!m || parts.length > 3) return [];
  const id = issueId(bulletin.id, year, Number(m[2]), m[1] !== undefined);
  return issues.filter((i) => i.id === id);
}

/** dist/jianyi-2020-012.pdf; a supplement dist/jianyi-2020-s01.pdf. */
export function outputBase(issue: IssueFile): string {
  const n = issue.supplement ? `s${String(issue.number).padStart(2, '0')}` : String(issue.number).padStart(3, '0');
  return `${issue.publication}-${issue.year}-${n}`;
}

/**
 * --shard i/n: the issues whose id hashes to shard i. Each issue always lands in the same shard
 * whatever other issues exist, so CI runners split the work without talking to each other.
 */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count)
    throw usageError('bad-flag', `--shard takes i/n with 1 ≤ i ≤ n, e.g. 1/3, not "${value}"`, {
      zh: [`--shard 应为 i/n（1 ≤ i ≤ n），如 1/3，而不是“${value}”`],
    });
  return { index, count };
}

export function inShard(id: string, shard: { index: number; count: number }): boolean {
  // FNV-1a: small, stable across versions and platforms.
  let h = 0x811c9dc5;
  for (const ch of id) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shard.count === shard.index - 1;
}

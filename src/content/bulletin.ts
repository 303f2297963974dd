import type { Diagnostic } from '../messages/diagnostic.js';
import type { BulletinConfig } from '../config/types.js';
import { diagnostic } from '../messages/say.js';

/** A bulletin may be named by id or by its Chinese name, with or without 《》. */
export function resolveBulletin(name: string, bulletins: Record<string, BulletinConfig>): BulletinConfig | undefined {
  const key = name
    .trim()
    .replace(/^《(.*)》$/, '$1')
    .trim();
  // Own properties only: "toString" must not find Object's.
  if (Object.hasOwn(bulletins, key)) return bulletins[key];
  if (Object.hasOwn(bulletins, key.toLowerCase())) return bulletins[key.toLowerCase()];
  return Object.values(bulletins).find((b) => b.name === key);
}

export function bulletinChoices(bulletins: Record<string, BulletinConfig>): string {
  return Object.values(bulletins)
    .map((b) => `${b.id} (${b.name})`)
    .join(', ');
}

/**
 * An issue file kept in the folder of one bulletin (issues/jianyi/…) that names another
 * (publication: qingkuang) is an issue of the bulletin it names; an editor looking in the folder
 * would not think so. Said as a warning on its publication line. Pure.
 */
export function folderMismatch(
  issue: { file: string; publication: string; lines?: Record<string, number> },
  issuesDir: string,
  bulletins: Record<string, BulletinConfig>,
): Diagnostic | undefined {
  const dir = issuesDir.replace(/\\/g, '/').replace(/\/+$/, '');
  if (!issue.file.startsWith(`${dir}/`)) return undefined;
  const folder = issue.file.slice(dir.length + 1).split('/')[0];
  const named = resolveBulletin(folder, bulletins);
  const own = bulletins[issue.publication];
  if (!named || !own || named.id === own.id) return undefined;
  return diagnostic(
    'issue-folder',
    { severity: 'warning', file: issue.file, line: issue.lines?.publication, field: 'publication' },
    { folder, named: named.name, own: own.name, path: `${dir}/${own.id}/`, dir, id: own.id },
  );
}

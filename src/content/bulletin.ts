import type { BulletinConfig } from '../config/types.js';

/** A bulletin may be named by id or by its Chinese name, with or without 《》. */
export function resolveBulletin(name: string, bulletins: Record<string, BulletinConfig>): BulletinConfig | undefined {
  const key = name.trim().replace(/^《(.*)》$/, '$1').trim();
  return bulletins[key] ?? bulletins[key.toLowerCase()] ?? Object.values(bulletins).find((b) => b.name === key);
}

export function bulletinChoices(bulletins: Record<string, BulletinConfig>): string {
  return Object.values(bulletins)
    .map((b) => `${b.id} (${b.name})`)
    .join(', ');
}

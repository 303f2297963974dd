import type { BulletinConfig } from '../config/types.js';

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

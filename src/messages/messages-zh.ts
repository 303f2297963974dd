/**
 * Every diagnostic in Chinese, by its stable code (catalogue.ts). A diagnostic is made with its English text
 * and the values it names (`data`); `localize` says it again in Chinese from those values, and
 * keeps the English text wherever a value it needs is missing, so nothing is ever lost.
 */
import { CATALOGUE } from './catalogue.js';
import type { Diagnostic } from './diagnostic.js';

export type Lang = 'en' | 'zh';

/** [message, hint] by code, from the catalogue; {name} is a value of the diagnostic's data, or its field. */
export const MESSAGES_ZH: Record<string, readonly [string, string]> = Object.fromEntries(Object.entries(CATALOGUE).map(([code, e]) => [code, e.zh]));

function fill(template: string, values: Record<string, string | number | undefined>): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return String(v ?? '');
  });
  return missing ? undefined : out;
}

export function localize(d: Diagnostic, lang: Lang): Diagnostic {
  const more = (m: string) => (!d.more ? m : lang === 'zh' ? `${m}（本文件另有 ${d.more} 处同类问题）` : `${m} (and ${d.more} more like it in this file)`);
  const entry = MESSAGES_ZH[d.code];
  if (lang === 'en' || !entry) return { ...d, message: more(d.message) };
  const values = { field: d.field, key: d.field, ...d.data };
  return { ...d, message: more(fill(entry[0], values) ?? d.message), hint: d.hint === undefined ? undefined : (fill(entry[1], values) ?? d.hint) };
}

/** --lang wins; else a Chinese locale (LC_ALL, LC_MESSAGES, LANG = zh_*) says Chinese. */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/**
 * Every diagnostic in the reader's language. A diagnostic is made in English from the catalogue
 * (say.ts) with the values it names (`data`); `localize` says it again in Chinese from the same
 * entry, and keeps the English wherever a value it needs is missing, so nothing is ever lost.
 */
import { CATALOGUE, type Code } from './catalogue.js';
import type { Diagnostic } from './diagnostic.js';
import { fill, wording } from './say.js';

export type Lang = 'en' | 'zh';

export function localize(d: Diagnostic, lang: Lang): Diagnostic {
  const more = (m: string) => (!d.more ? m : lang === 'zh' ? `${m}（本文件另有 ${d.more} 处同类问题）` : `${m} (and ${d.more} more like it in this file)`);
  if (lang === 'en' || !(d.code in CATALOGUE)) return { ...d, message: more(d.message) };
  const [message, hint] = wording(d.code as Code, d.variant, 'zh');
  const values = { field: d.field, key: d.field, ...d.data };
  return { ...d, message: more(fill(message, values) ?? d.message), hint: d.hint === undefined ? undefined : (fill(hint, values) ?? d.hint) };
}

/** --lang wins; else a Chinese locale (LC_ALL, LC_MESSAGES, LANG = zh_*) says Chinese. */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

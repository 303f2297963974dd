/**
 * Config precedence: built-in defaults < the file's top level < the file's bulletins.<id> <
 * command-line flags. A bulletin's publisher and classification follow the top level unless the
 * bulletin names its own, wherever in the file either is written.
 * Paths in the file are relative to the workspace root (the file's folder).
 */
import { readRegular } from '../files/read-regular.js';
import path from 'node:path';
import { BriefsError, usageError } from '../errors.js';
import { defaultConfig, inherit, newBulletin } from './defaults.js';
import type { BulletinConfig, Config, FontConfig } from './types.js';

export const CONFIG_FILE = 'briefs.config.yaml';

export interface ConfigFlags {
  root?: string;
  config?: string;
  out?: string;
  browser?: string;
  encoding?: string;
}

const TOP_KEYS = [
  'submissions',
  'issues',
  'assets',
  'templates',
  'out',
  'publisher',
  'classification',
  'encoding',
  'browser',
  'docx',
  'png',
  'ofd',
  'pdfa',
  'fonts',
  'bulletins',
];
const BULLETIN_KEYS = [
  'name',
  'layout',
  'publisher',
  'classification',
  'contents',
  'groupByTopic',
  'articleBreak',
  'notes',
  'punctuation',
  'articleGap',
  'topicGap',
  'headGap',
  'volumeFolio',
  'maxChars',
  'issueArticles',
  'issueChars',
];
const FONT_ROLES: (keyof FontConfig)[] = ['song', 'fang', 'kai', 'hei', 'xiaobiaosong'];

export async function loadConfig(flags: ConfigFlags = {}, cwd = process.cwd()): Promise<Config> {
  const root = path.resolve(cwd, flags.root ?? '.');
  const config = defaultConfig(root);
  const named = flags.config !== undefined;
  const file = path.resolve(cwd, flags.config ?? path.join(root, CONFIG_FILE));
  let text: string | undefined;
  const read = await readRegular(file, { maxBytes: 1024 * 1024 }).catch((cause: unknown) => {
    throw usageError('config-unreadable', `cannot read the config file ${file}`, { hint: 'check the path given to --config', cause });
  });
  if ('bytes' in read) text = read.bytes.toString('utf8');
  else if (read.problem !== 'missing' || named) {
    throw usageError(
      'config-unreadable',
      `cannot read the config file ${file}: ${read.problem === 'missing' ? 'it does not exist' : read.problem === 'too-large' ? 'it is larger than 1 MiB' : read.problem === 'unreadable' ? read.errno : 'it is not a regular file'}`,
      { hint: 'check the path given to --config' },
    );
  }
  // yaml is loaded only when there is a config file to read.
  if (text !== undefined) applyFile(config, text.replace(/^\uFEFF/, ''), file, (await import('yaml')).parseDocument);
  if (flags.out !== undefined) config.out = flags.out;
  if (flags.browser !== undefined) config.browser = flags.browser;
  if (flags.encoding !== undefined) config.encoding = flags.encoding;
  return config;
}

function applyFile(config: Config, text: string, file: string, parseDocument: typeof import('yaml').parseDocument): void {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: true });
  const rel = path.relative(process.cwd(), file) || file;
  if (doc.errors.length > 0) {
    throw usageError('config-syntax', `${rel}: ${doc.errors[0].message}`, { hint: 'fix the YAML of the config file' });
  }
  const raw = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw configError(rel, '', 'the config file must be a map of settings');
  config.file = file;
  const own = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    if (!TOP_KEYS.includes(key)) throw configError(rel, key, `unknown setting "${key}"; known settings: ${TOP_KEYS.join(', ')}`);
    if (key === 'fonts') config.fonts = readFonts(value, rel, config.fonts);
    else if (key === 'bulletins') config.bulletins = readBulletins(value, rel, config, own);
    else if (key === 'docx' || key === 'png' || key === 'ofd' || key === 'pdfa') {
      if (typeof value !== 'boolean') throw configError(rel, key, `"${key}" must be true or false`);
      config[key] = value;
    } else if (typeof value !== 'string') throw configError(rel, key, `"${key}" must be a string`);
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
  inherit(config, own);
}

function readFonts(value: unknown, rel: string, base: FontConfig): FontConfig {
  if (!isMap(value)) throw configError(rel, 'fonts', 'fonts must map a role (song, fang, kai, hei, xiaobiaosong) to a list of font family names');
  const fonts = { ...base };
  for (const [role, families] of Object.entries(value)) {
    if (!FONT_ROLES.includes(role as keyof FontConfig)) throw configError(rel, `fonts.${role}`, `unknown font role; known roles: ${FONT_ROLES.join(', ')}`);
    const list = typeof families === 'string' ? [families] : families;
    if (!Array.isArray(list) || !list.every((f) => typeof f === 'string'))
      throw configError(rel, `fonts.${role}`, 'a font role takes a family name or a list of them');
    fonts[role as keyof FontConfig] = list;
  }
  return fonts;
}

function readBulletins(value: unknown, rel: string, config: Config, own: Set<string>): Record<string, BulletinConfig> {
  if (!isMap(value)) throw configError(rel, 'bulletins', 'bulletins must map an id (e.g. jianyi) to its settings');
  const bulletins = { ...config.bulletins };
  for (const [id, settings] of Object.entries(value)) {
    if (!/^[a-z][a-z0-9-]*$/.test(id)) throw configError(rel, `bulletins.${id}`, 'a bulletin id is lower-case letters, digits and dashes');
    if (!isMap(settings)) throw configError(rel, `bulletins.${id}`, 'a bulletin takes a map of settings');
    const known = bulletins[id];
    if (!known && typeof settings.name !== 'string') throw configError(rel, `bulletins.${id}.name`, 'a new bulletin needs a name');
    const merged: BulletinConfig = known ? { ...known } : newBulletin(id);
    for (const [key, v] of Object.entries(settings)) {
      if (!BULLETIN_KEYS.includes(key)) throw configError(rel, `bulletins.${id}.${key}`, `unknown bulletin setting; known: ${BULLETIN_KEYS.join(', ')}`);
      const expected = typeof (merged as unknown as Record<string, unknown>)[key];
      if (typeof v !== expected) throw configError(rel, `bulletins.${id}.${key}`, `must be a ${expected}`);
      if (key === 'articleBreak' && v !== 'page' && v !== 'flow')
        throw configError(rel, `bulletins.${id}.${key}`, 'must be page (each article starts a new page) or flow (articles follow on)');
      if (key === 'notes' && v !== 'page' && v !== 'end')
        throw configError(
          rel,
          `bulletins.${id}.${key}`,
          'must be page (脚注: at the foot of the page of the reference) or end (尾注: at the end of the article)',
        );
      if (key === 'punctuation' && v !== 'full' && v !== 'kaiming')
        throw configError(
          rel,
          `bulletins.${id}.${key}`,
          'must be full (全身式: every mark a whole character cell, the 公文 default) or kaiming (开明式: 。？！ whole, other marks half)',
        );
      if ((key === 'articleGap' || key === 'topicGap' || key === 'headGap') && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 4))
        throw configError(rel, `bulletins.${id}.${key}`, 'must be a whole number of grid lines from 0 to 4');
      if (key === 'volumeFolio' && v !== 'issue' && v !== 'volume' && v !== 'both')
        throw configError(
          rel,
          `bulletins.${id}.${key}`,
          "must be issue (each issue keeps its own page numbers), volume (the volume's continuous numbers) or both",
        );
      (merged as unknown as Record<string, unknown>)[key] = key === 'name' ? String(v).replace(/^《|》$/g, '') : v;
      own.add(`${id}.${key}`);
    }
    bulletins[id] = merged;
  }
  return bulletins;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function configError(rel: string, field: string, message: string): BriefsError {
  return usageError('config-invalid', `${rel}${field ? ` (${field})` : ''}: ${message}`, { hint: 'see docs/workspace.md (configuration)' });
}

import type { BulletinConfig, Config } from './types.js';

/** Settings a bulletin takes from the top level of the config unless it sets its own. */
export const INHERITED = ['publisher', 'classification'] as const;

/**
 * Everything briefs assumes when a workspace says nothing; `briefs.config.yaml` overrides any of
 * it. Precedence: these defaults < the file's top level < the file's `bulletins.<id>` < flags.
 */
export function defaultConfig(root: string): Config {
  const config: Config = {
    root,
    submissions: 'briefs/submissions',
    issues: 'briefs/issues',
    assets: 'briefs/assets',
    templates: 'templates',
    out: 'dist',
    publisher: '中国科协办公厅',
    classification: '内部资料 注意保存',
    encoding: 'utf-8',
    fonts: { song: [], fang: [], kai: [], hei: [], xiaobiaosong: [] },
    bulletins: {
      qingkuang: {
        id: 'qingkuang',
        name: '科技界情况',
        layout: 'qingkuang',
        publisher: '',
        classification: '',
        contents: true,
        groupByTopic: true,
        articleBreak: 'flow',
        notes: 'page',
        punctuation: 'full',
        articleGap: 1,
        topicGap: 1,
        headGap: 0,
        volumeFolio: 'issue',
        maxChars: 2500,
        issueArticles: 5,
        issueChars: 6000,
      },
      jianyi: {
        id: 'jianyi',
        name: '科技工作者建议',
        layout: 'jianyi',
        publisher: '',
        classification: '',
        contents: true,
        groupByTopic: false,
        articleBreak: 'page',
        notes: 'page',
        punctuation: 'full',
        articleGap: 2,
        topicGap: 2,
        headGap: 1,
        volumeFolio: 'issue',
        maxChars: 3000,
        issueArticles: 1,
        issueChars: 6000,
      },
    },
  };
  inherit(config, new Set());
  return config;
}

/** Fills each bulletin's inherited settings from the top level, except those in `own` ("jianyi.publisher"). */
export function inherit(config: Config, own: ReadonlySet<string>): void {
  for (const b of Object.values(config.bulletins)) {
    for (const key of INHERITED) if (!own.has(`${b.id}.${key}`)) b[key] = config[key];
  }
}

/** A bulletin the config adds (it must give a name): reports that follow on, without topic headings. */
export function newBulletin(id: string): BulletinConfig {
  return {
    id,
    name: '',
    layout: 'qingkuang',
    publisher: '',
    classification: '',
    contents: true,
    groupByTopic: false,
    articleBreak: 'flow',
    notes: 'page',
    punctuation: 'full',
    articleGap: 1,
    topicGap: 1,
    headGap: 0,
    volumeFolio: 'issue',
    maxChars: 3000,
    issueArticles: 5,
    issueChars: 6000,
  };
}

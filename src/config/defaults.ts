import type { Config } from './types.js';

/** Everything briefs assumes when a workspace says nothing; `briefs.config.yaml` overrides any of it. */
export function defaultConfig(root: string): Config {
  return {
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
        publisher: '中国科协办公厅',
        contents: true,
        groupByTopic: true,
        maxChars: 2500,
        issueArticles: 5,
        issueChars: 6000,
      },
      jianyi: {
        id: 'jianyi',
        name: '科技工作者建议',
        layout: 'jianyi',
        publisher: '中国科协办公厅',
        contents: true,
        groupByTopic: false,
        maxChars: 3000,
        issueArticles: 1,
        issueChars: 6000,
      },
    },
  };
}

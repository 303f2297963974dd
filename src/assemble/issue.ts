/** An issue file and its submissions → the articles in print order, grouped by topic. Pure. */
import type { BulletinConfig } from '../config/types.js';
import type { IssueFile, Submission } from '../content/model.js';

interface Article {
  submission: Submission;
  /** 1-based position in print order. */
  index: number;
  /** Anchor of the article in the HTML, for the contents list and PDF outline. */
  anchor: string;
}

interface TopicGroup {
  topic?: string;
  articles: Article[];
}

export interface AssembledIssue {
  issue: IssueFile;
  bulletin: BulletinConfig;
  articles: Article[];
  groups: TopicGroup[];
}

/**
 * Articles follow the issue file's order; with groupByTopic, reports gather under their topic,
 * topics in the order they first appear. Unknown ids are skipped here: crossCheck reports them.
 */
export function assembleIssue(issue: IssueFile, bulletin: BulletinConfig, submissions: ReadonlyMap<string, Submission>): AssembledIssue {
  const ordered = issue.submissions.map((id) => submissions.get(id)).filter((s): s is Submission => s !== undefined);
  const groups: TopicGroup[] = [];
  if (bulletin.groupByTopic) {
    const byTopic = new Map<string, TopicGroup>();
    for (const s of ordered) {
      const key = s.topic ?? '';
      let group = byTopic.get(key);
      if (!group) {
        group = { topic: s.topic, articles: [] };
        byTopic.set(key, group);
        groups.push(group);
      }
      group.articles.push({ submission: s, index: 0, anchor: '' });
    }
  } else {
    groups.push({ topic: undefined, articles: ordered.map((s) => ({ submission: s, index: 0, anchor: '' })) });
  }
  const articles = groups.flatMap((g) => g.articles);
  articles.forEach((a, i) => {
    a.index = i + 1;
    a.anchor = `article-${i + 1}`;
  });
  return { issue, bulletin, articles, groups };
}

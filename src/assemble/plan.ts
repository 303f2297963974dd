/**
 * `briefs assemble`: the accepted submissions that are in no issue, aggregated into new issues.
 * jianyi takes one suggestion an issue by default; qingkuang groups reports by topic, oldest
 * first, and fills each issue up to a length budget. Pure.
 */
import type { BulletinConfig } from '../config/types.js';
import type { IssueFile, Submission } from '../content/model.js';
import { pushTo } from '../group.js';

export interface PlanOptions {
  maxArticles: number;
  /** Han characters an issue may hold; an article longer than that goes alone. */
  maxChars: number;
}

export interface PlannedIssue {
  submissions: Submission[];
  chars: number;
}

export function hanCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu) ?? []).length;
}

/** Accepted submissions of the bulletin that no issue holds, in the order they will be placed. */
export function unplaced(submissions: readonly Submission[], issues: readonly IssueFile[], bulletin: BulletinConfig): Submission[] {
  const placed = new Set(issues.flatMap((i) => i.submissions));
  const waiting = submissions.filter((s) => s.publication === bulletin.id && s.status === 'accepted' && !placed.has(s.id));
  const byDate = (a: Submission, b: Submission) => a.submitted.localeCompare(b.submitted) || a.id.localeCompare(b.id);
  if (!bulletin.groupByTopic) return waiting.sort(byDate);
  // Topics in the order of their oldest report, reports oldest first within each.
  const topics = new Map<string, Submission[]>();
  for (const s of waiting.sort(byDate)) pushTo(topics, s.topic ?? '', s);
  return [...topics.values()].flat();
}

export function planIssues(waiting: readonly Submission[], opts: PlanOptions): PlannedIssue[] {
  const plan: PlannedIssue[] = [];
  let current: PlannedIssue | undefined;
  for (const s of waiting) {
    const chars = hanCount(s.body);
    if (!current || current.submissions.length >= opts.maxArticles || (current.submissions.length > 0 && current.chars + chars > opts.maxChars)) {
      current = { submissions: [], chars: 0 };
      plan.push(current);
    }
    current.submissions.push(s);
    current.chars += chars;
  }
  return plan;
}

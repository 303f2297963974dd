/**
 * Reads a workspace from disk: every submission and issue file, decoded and parsed.
 * This is the file edge of `content`; everything it calls is pure.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { decodeText } from './decode.js';
import type { Diagnostic } from './diagnostic.js';
import { parseIssue } from './issue.js';
import type { IssueFile, Submission } from './model.js';
import { parseSubmission } from './submission.js';

export interface Workspace {
  config: Config;
  submissions: Submission[];
  issues: IssueFile[];
  diagnostics: Diagnostic[];
}

export async function loadWorkspace(config: Config): Promise<Workspace> {
  const diagnostics: Diagnostic[] = [];
  const submissionFiles = await listMarkdown(path.join(config.root, config.submissions));
  const issueFiles = await listMarkdown(path.join(config.root, config.issues));
  const submissions: Submission[] = [];
  const issues: IssueFile[] = [];
  for (const abs of submissionFiles) {
    const file = relativePath(config.root, abs);
    const text = decodeText(await readFile(abs), file, config.encoding, diagnostics);
    if (text === undefined) continue;
    const s = parseSubmission(text, file, config.bulletins, diagnostics);
    if (s) submissions.push(s);
  }
  for (const abs of issueFiles) {
    const file = relativePath(config.root, abs);
    const text = decodeText(await readFile(abs), file, config.encoding, diagnostics);
    if (text === undefined) continue;
    const issue = parseIssue(text, file, config.bulletins, diagnostics);
    if (issue) issues.push(issue);
  }
  return { config, submissions, issues, diagnostics };
}

/** Every *.md below dir, sorted by path so that runs are repeatable; a missing dir is empty. */
export async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

export function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

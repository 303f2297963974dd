/**
 * Reads a workspace from disk: every submission and issue file, decoded and parsed.
 * This is the file edge of `content`; everything it calls is pure.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
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
  /** Files read, usable or not. */
  files: { submissions: number; issues: number };
}

export async function loadWorkspace(config: Config): Promise<Workspace> {
  const diagnostics: Diagnostic[] = [];
  const submissionFiles = await listMarkdown(path.join(config.root, config.submissions));
  const issueFiles = await listMarkdown(path.join(config.root, config.issues));
  const submissions: Submission[] = [];
  const issues: IssueFile[] = [];
  for (const abs of submissionFiles) {
    const file = relativePath(config.root, abs);
    const text = await readText(abs, file, config.encoding, diagnostics);
    if (text === undefined) continue;
    const s = parseSubmission(text, file, config.bulletins, diagnostics);
    if (s) submissions.push(s);
  }
  for (const abs of issueFiles) {
    const file = relativePath(config.root, abs);
    const text = await readText(abs, file, config.encoding, diagnostics);
    if (text === undefined) continue;
    const issue = parseIssue(text, file, config.bulletins, diagnostics);
    if (issue) issues.push(issue);
  }
  return { config, submissions, issues, diagnostics, files: { submissions: submissionFiles.length, issues: issueFiles.length } };
}

/**
 * A bulletin article is some ten thousand characters; a file a hundred times that is a mistake
 * or an attack, and is refused before it is read rather than fed to the parser and the browser.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

async function readText(abs: string, file: string, encoding: string, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const { size } = await stat(abs);
  if (size > MAX_FILE_BYTES) {
    diagnostics.push({
      severity: 'error',
      code: 'file-too-large',
      file,
      message: `the file is ${(size / 1024 / 1024).toFixed(1)} MiB; briefs reads files of at most ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
      hint: 'split it, or check that it is the submission you meant (images belong in briefs/assets/, not inside the text)',
      data: { size: (size / 1024 / 1024).toFixed(1), limit: MAX_FILE_BYTES / 1024 / 1024 },
    });
    return undefined;
  }
  return decodeText(await readFile(abs), file, encoding, diagnostics);
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

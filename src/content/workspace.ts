/**
 * Reads a workspace from disk: every submission and issue file, decoded and parsed.
 * This is the file edge of `content`; everything it calls is pure.
 */
import { readdir } from 'node:fs/promises';
import { readRegularSync } from '../files/read-regular.js';
import path from 'node:path';
import type { Config } from '../config/types.js';
import { folderMismatch } from './bulletin.js';
import { checkControls } from './controls.js';
import { decodeText } from './decode.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { HeldText, IssueFile, Submission } from './model.js';
import { diagnostic } from '../messages/say.js';

/** What parsing one file gave: the submission or issue (null when it could not be read) and its problems. */
export interface ParsedFile {
  value: Submission | IssueFile | null;
  diagnostics: Diagnostic[];
  /** A submission that could not be used, whose text is still checked (validate says everything at once). */
  held?: HeldText;
}

/** Remembers parsed files by path and text, so a rerun parses only what changed (see generate/parse-cache.ts). */
export interface ParseMemo {
  get(file: string, text: string): ParsedFile | undefined;
  set(file: string, text: string, parsed: ParsedFile): void;
}

export interface Workspace {
  config: Config;
  submissions: Submission[];
  issues: IssueFile[];
  diagnostics: Diagnostic[];
  /** Files read, usable or not. */
  files: { submissions: number; issues: number };
  /**
   * Submission files that could not be used, by the id they claim (their id: line, else their
   * file name), so an issue that lists one is sent to that file, not told the id is unknown.
   */
  unusable: Map<string, string>;
  /** The text of each unusable submission whose front matter could be split from it. */
  held: HeldText[];
}

/** The id a submission file claims, read from its text alone: its id: (编号:) line, else its file name. */
export function claimedId(file: string, text: string | undefined): string {
  const declared = text === undefined ? null : /^(?:id|编号)\s*[:：]\s*["']?([^"'\s#]+)/m.exec(text.split(/^---\s*$/m, 3)[1] ?? '');
  return declared?.[1] ?? path.basename(file).replace(/\.md$/i, '');
}

export async function loadWorkspace(config: Config, memo?: ParseMemo): Promise<Workspace> {
  const diagnostics: Diagnostic[] = [];
  const submissionFiles = await listMarkdown(path.join(config.root, config.submissions));
  const issueFiles = await listMarkdown(path.join(config.root, config.issues));
  const submissions: Submission[] = [];
  const issues: IssueFile[] = [];
  // Read one after another (files/read-regular.ts reads synchronously: faster here than a file
  // handle's four thread-pool hops a file), parsed in order, so that diagnostics come out in the
  // same order on every run.
  const read = (abs: string) => {
    const file = relativePath(config.root, abs);
    const found: Diagnostic[] = [];
    return { file, text: readText(abs, file, config.encoding, found), found };
  };
  const submissionTexts = submissionFiles.map(read);
  const issueTexts = issueFiles.map(read);
  // The parsers (gray-matter, yaml) load on the first file the memo does not know.
  let parsers: Promise<{ submission: typeof import('./submission.js'); issue: typeof import('./issue.js') }> | undefined;
  const loadParsers = () => (parsers ??= Promise.all([import('./submission.js'), import('./issue.js')]).then(([submission, issue]) => ({ submission, issue })));
  const parse = async (kind: 'submission' | 'issue', file: string, text: string): Promise<ParsedFile> => {
    let parsed = memo?.get(file, text);
    if (!parsed) {
      const { submission, issue } = await loadParsers();
      const found: Diagnostic[] = [];
      let held: HeldText | undefined;
      const value =
        kind === 'submission'
          ? submission.parseSubmission(text, file, config.bulletins, found, (t) => (held = t))
          : issue.parseIssue(text, file, config.bulletins, found);
      parsed = { value: value ?? null, diagnostics: found, ...(held ? { held } : {}) };
      memo?.set(file, text, parsed);
    }
    diagnostics.push(...parsed.diagnostics);
    return parsed;
  };
  const unusable = new Map<string, string>();
  const held: HeldText[] = [];
  for (const { file, text, found } of submissionTexts) {
    diagnostics.push(...found);
    const parsed = text === undefined ? undefined : await parse('submission', file, text);
    const s = (parsed?.value ?? null) as Submission | null;
    if (s) submissions.push(s);
    else if (!unusable.has(claimedId(file, text))) unusable.set(claimedId(file, text), file);
    if (!s && parsed?.held) held.push(parsed.held);
  }
  for (const { file, text, found } of issueTexts) {
    diagnostics.push(...found);
    if (text === undefined) continue;
    const issue = (await parse('issue', file, text)).value as IssueFile | null;
    if (!issue) continue;
    issues.push(issue);
    const misplaced = folderMismatch(issue, config.issues, config.bulletins);
    if (misplaced) diagnostics.push(misplaced);
  }
  return { config, submissions, issues, diagnostics, files: { submissions: submissionFiles.length, issues: issueFiles.length }, unusable, held };
}

/**
 * A bulletin article is some ten thousand characters; a file a hundred times that is a mistake
 * or an attack, and is refused before it is read rather than fed to the parser and the browser.
 */
export const MAX_FILE_BYTES = 1024 * 1024;

function readText(abs: string, file: string, encoding: string, diagnostics: Diagnostic[]): string | undefined {
  const read = readRegularSync(abs, { maxBytes: MAX_FILE_BYTES, noFollow: true });
  if ('bytes' in read) {
    const text = decodeText(read.bytes, file, encoding, diagnostics);
    if (text !== undefined) diagnostics.push(...checkControls(text, file));
    return text;
  }
  if (read.problem === 'too-large') {
    const size = (read.size / 1024 / 1024).toFixed(1);
    diagnostics.push(diagnostic('file-too-large', { severity: 'error', file }, { size, limit: MAX_FILE_BYTES / 1024 / 1024 }));
  } else diagnostics.push(notRegular(file, read.problem));
  return undefined;
}

/** `not-a-regular-file`: a symbolic link, a FIFO, a device or a folder where a text file should be; `file-unreadable`: no permission. */
function notRegular(file: string, problem: 'missing' | 'not-regular' | 'symlink' | 'unreadable'): Diagnostic {
  if (problem === 'unreadable') return diagnostic('file-unreadable', { severity: 'error', file });
  // Worded by what it is (the catalogue's variants of not-a-regular-file).
  return diagnostic('not-a-regular-file', { severity: 'error', file }, { kind: problem }, problem === 'symlink' ? undefined : problem);
}

/** Every *.md below dir, sorted by path so that runs are repeatable; a missing dir is empty. */
async function listMarkdown(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  // Not only regular files: a link or a FIFO named *.md is reported when it is read, never skipped in silence.
  return entries
    .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith('.md') && !e.name.startsWith('.'))
    .map((e) => path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
}

function relativePath(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}

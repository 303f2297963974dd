/**
 * Writes new issue files with the next free numbers, under the numbering lock: `new issue`
 * writes one with no submissions, `assemble` one per planned issue. Files are created
 * exclusively, so an existing file is never overwritten.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { nextNumber } from '../assemble/numbering.js';
import { issueFileText } from '../assemble/issue-file.js';
import type { Config } from '../config/types.js';
import type { IssueFile } from '../content/model.js';
import { loadWorkspace } from '../content/workspace.js';
import { withLock } from './lock.js';

export interface CreatedIssue {
  file: string;
  id: string;
  number: number;
  total?: number;
  submissions: string[];
}

const LOCK_TIMEOUT_MS = 10_000;

export async function createIssues(config: Config, publication: string, date: string, supplement: boolean, contents: string[][]): Promise<CreatedIssue[]> {
  const year = Number(date.slice(0, 4));
  const lock = path.join(config.root, config.issues, '.briefs.lock');
  return withLock(lock, LOCK_TIMEOUT_MS, async () => {
    // Read the issue files inside the lock: the numbers are those on disk now.
    const issues: IssueFile[] = [...(await loadWorkspace(config)).issues];
    const created: CreatedIssue[] = [];
    for (const submissions of contents) {
      const { number, total } = nextNumber(issues, publication, year, supplement);
      const name = supplement ? `s${String(number).padStart(2, '0')}.md` : `${String(number).padStart(3, '0')}.md`;
      const file = path.join(config.root, config.issues, publication, String(year), name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(
        file,
        issueFileText({ publication, name: config.bulletins[publication]?.name ?? publication, year, number, total, date, supplement, submissions }),
        { flag: 'wx' },
      );
      const id = `${publication}/${year}/${supplement ? 's' : ''}${number}`;
      issues.push({
        id,
        file,
        publication,
        year,
        number,
        total,
        date,
        submissions,
        submissionLines: [],
        status: 'draft',
        distribution: { 报: [], 送: [], 发: [] },
        supplement,
        note: '',
        noteLine: 1,
      });
      created.push({ file, id, number, total, submissions });
    }
    return created;
  });
}

/** Today in the machine's time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Progress on stderr: a bar redrawn in place on a terminal; one plain line per issue
 * otherwise (CI logs), so nothing is lost when output is a file.
 */
import type { IssueResult } from '../generate/generate.js';

export interface Progress {
  done(r: IssueResult, pdf: string | null): void;
  end(): void;
}

const STATUS_ZH = { printed: '已印出', cached: '未改动', failed: '失败  ', removed: '已删除' };

export function progress(
  total: number,
  err: (s: string) => void,
  tty: boolean,
  lang: 'en' | 'zh' = 'en',
  /** A path as the run shows it (relative to where it was started). */
  word: (r: IssueResult) => string = (r) => r.docx ?? '',
  image: (r: IssueResult) => string = (r) => r.png ?? '',
): Progress {
  let count = 0;
  const line =
    lang === 'zh'
      ? (r: IssueResult, pdf: string | null) =>
          r.status === 'failed'
            ? `失败    ${r.id}`
            : r.status === 'removed'
              ? `已删除  ${r.id}：它的期文件已不在，所以删除了 ${pdf}`
              : `${STATUS_ZH[r.status]}  ${r.id} → ${pdf}（${r.pages} 页${r.status === 'printed' ? `，${r.ms} 毫秒` : ''}）${r.docxWritten ? `；写出 Word 版 ${word(r)}` : ''}${r.pngWritten ? `；写出长图 ${image(r)}` : ''}`
      : (r: IssueResult, pdf: string | null) =>
          r.status === 'failed'
            ? `failed   ${r.id}`
            : r.status === 'removed'
              ? `removed  ${r.id}: its issue file is gone, so ${pdf} was removed`
              : `${r.status.padEnd(8)} ${r.id} → ${pdf} (${r.pages} page${r.pages === 1 ? '' : 's'}${r.status === 'printed' ? `, ${r.ms} ms` : ''})${r.docxWritten ? `; wrote the Word edition ${word(r)}` : ''}${r.pngWritten ? `; wrote the long image ${image(r)}` : ''}`;
  if (!tty) return { done: (r, pdf) => err(`${line(r, pdf)}\n`), end: () => undefined };
  return {
    done(r, pdf) {
      if (r.status !== 'removed') count++;
      const width = 24;
      const filled = Math.round((count / Math.max(1, total)) * width);
      // A failure stays on screen above the bar, and a Word edition written; the rest only move it.
      if (r.status === 'failed' || r.status === 'removed' || r.docxWritten || r.pngWritten) err(`\r\x1b[K${line(r, pdf)}\n`);
      err(`\r\x1b[K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} ${r.id}`);
    },
    end() {
      if (count > 0) err('\r\x1b[K');
    },
  };
}

/** What a generate run is asked (its options) and what it says of each issue (its results). */
import type { Diagnostic } from '../messages/diagnostic.js';
import type { BrowserPool } from '../print/browser.js';
import type { PrintServer } from '../print/print-server.js';
import type { PrintLink } from '../print/resident/print-link.js';

/** What became of an issue in a run (not its draft/final status, which is content's IssueStatus). */
type PrintStatus = 'printed' | 'cached' | 'failed' | 'removed';

export interface IssueResult {
  id: string;
  publication: string;
  year: number;
  number: number;
  supplement: boolean;
  /** Absolute paths of what was written (or found up to date). */
  pdf?: string;
  html?: string;
  docx?: string;
  /** Whether this run wrote the Word edition (it was new, changed, or missing), not found it up to date. */
  docxWritten?: boolean;
  /** '1b' when the PDF is PDF/A-1b (a final issue), null when not. */
  pdfa?: '1b' | null;
  /** The long image for chat apps, and whether this run wrote it. */
  png?: string;
  pngWritten?: boolean;
  /** The OFD edition (GB/T 33190), and whether this run wrote it. */
  ofd?: string;
  ofdWritten?: boolean;
  pages?: number;
  /** The page each article starts on (from the print, or the manifest when up to date). */
  articlePages?: number[];
  bytes?: number;
  /** Chromium prints it took (1 when the first guess at page breaks held). */
  prints?: number;
  /** Printed by the workspace's resident printer, or by the run's own browser. */
  printer?: 'resident' | 'own';
  ms: number;
  status: PrintStatus;
  /** Problems of this issue's files and of its printing. */
  diagnostics: Diagnostic[];
}

export interface GenerateOptions {
  outDir: string;
  html: boolean;
  /** Also write the Word edition (.docx) beside each PDF. */
  docx?: boolean;
  /** Also write the long image (.png) beside each PDF. */
  png?: boolean;
  /** Also write the OFD edition (.ofd) beside each PDF. */
  ofd?: boolean;
  jobs: number;
  timeout: number;
  browser?: string;
  /** Print even what is up to date. */
  force?: boolean;
  /** Take no PDF as up to date on its stamp: hash it (for what is bound into a volume). */
  verify?: boolean;
  /** Called as each issue finishes, for progress output. */
  onResult?: (r: IssueResult) => void;
  /** The run's browser: the command makes it, and closes it (also on signals). */
  pool: BrowserPool;
  /**
   * The workspace's resident printer, to print and finish issues in (resident/print-link.ts);
   * without it, or once it is gone, issues print in `pool`.
   */
  resident?: () => Promise<PrintLink | undefined>;
  /** The server documents print from; one is started for the run when none is given. */
  server?: PrintServer;
  /** Stops the run between issues (Ctrl-C). */
  signal?: AbortSignal;
  /**
   * Called once no issue of the run will print any more (what is left is finishing and writing
   * files), so that the command can close the browser meanwhile (BrowserPool.finish).
   */
  printsDone?: () => void;
}

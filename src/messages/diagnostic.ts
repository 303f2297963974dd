/**
 * A diagnostic is data, made where the problem is found and printed by the CLI, so that
 * `validate`, `generate` and the preview overlay all show the same problems.
 */
import type { Code, UsageCode } from './catalogue.js';

type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier: one of the catalogue's (catalogue.ts), listed in docs/diagnostics.md. */
  code: Code | UsageCode;
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
  /** What to do about it. */
  hint?: string;
  /** A few source lines with a caret, for YAML syntax errors. */
  frame?: string;
  /** The values the message names, so it can be said again in another language. */
  data?: Record<string, string | number>;
  /** Which of the code's wordings (the catalogue's variants), when it has more than one. */
  variant?: string;
  /** How many more problems of this code in this file were left unlisted (see capRepeats). */
  more?: number;
}

/** At most this many problems of one code are listed for one file. */
const MAX_REPEATS = 10;

/**
 * A file with 40,000 unsafe links should say so in a screenful, not in 40,000 lines: the first
 * MAX_REPEATS problems of each code in each file are kept, the last kept one counts the rest.
 * Order is kept otherwise.
 */
export function capRepeats(diagnostics: readonly Diagnostic[], max = MAX_REPEATS): Diagnostic[] {
  const seen = new Map<string, { kept: number; last: Diagnostic }>();
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.code}`;
    const s = seen.get(key);
    if (!s) {
      const copy = { ...d };
      seen.set(key, { kept: 1, last: copy });
      out.push(copy);
    } else if (s.kept < max) {
      s.kept++;
      s.last = { ...d };
      out.push(s.last);
    } else s.last.more = (s.last.more ?? 0) + 1 + (d.more ?? 0);
  }
  return out;
}

/** Sorted by file, then line, so output is stable from run to run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code),
  );
}

/**
 * A diagnostic is data, made where the problem is found and printed by the CLI, so that
 * `validate`, `generate` and the preview overlay all show the same problems.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable identifier, listed in the README. */
  code: string;
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
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sorted by file, then line, so output is stable from run to run. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.code.localeCompare(b.code),
  );
}

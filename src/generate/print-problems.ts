/**
 * What a print tells about an issue beyond its PDF, as diagnostics: images and fonts that could
 * not be loaded, requests the print page refused, notes that had to close their articles, and a
 * print that failed. Pure.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';

export function printWarnings(printed: { failed: readonly string[]; blocked: readonly string[]; notesAtEnd?: boolean }, file: string): Diagnostic[] {
  return [
    ...printed.failed.map((url): Diagnostic => diagnostic('resource-failed', { severity: 'warning', file }, { url })),
    ...printed.blocked.map((url): Diagnostic => diagnostic('request-blocked', { severity: 'warning', file }, { url })),
    ...(printed.notesAtEnd ? [diagnostic('notes-at-end', { severity: 'warning', file }) satisfies Diagnostic] : []),
  ];
}

export function printFailed(cause: unknown, file: string, code: 'print-failed' | 'ofd-failed' = 'print-failed'): Diagnostic {
  const message = (cause as { message?: unknown } | null)?.message;
  const reason = (typeof message === 'string' ? message : (JSON.stringify(cause) ?? 'an unknown error')).split('\n')[0];
  return diagnostic(code, { severity: 'error', file }, { reason });
}

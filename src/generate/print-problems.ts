/**
 * What a print tells about an issue beyond its PDF, as diagnostics: images and fonts that could
 * not be loaded, requests the print page refused, notes that had to close their articles, and a
 * print that failed. Pure.
 */
import type { Diagnostic } from '../messages/diagnostic.js';

export function printWarnings(printed: { failed: readonly string[]; blocked: readonly string[]; notesAtEnd?: boolean }, file: string): Diagnostic[] {
  return [
    ...printed.failed.map((url): Diagnostic => ({
      severity: 'warning',
      code: 'resource-failed',
      file,
      message: `${url} could not be loaded and is missing from the PDF`,
      data: { url },
      hint: 'check that the file exists inside the workspace',
    })),
    ...printed.blocked.map((url): Diagnostic => ({
      severity: 'warning',
      code: 'request-blocked',
      file,
      message: `the page asked for ${url}, which was refused`,
      data: { url },
      hint: 'an issue may only use the workspace’s own images',
    })),
    ...(printed.notesAtEnd
      ? [
          {
            severity: 'warning',
            code: 'notes-at-end',
            file,
            message: 'the notes could not be set at the foot of the pages of their references; they close their articles instead',
            hint: 'please report it, with the issue’s HTML (generate --html)',
          } satisfies Diagnostic,
        ]
      : []),
  ];
}

export function printFailed(cause: unknown, file: string): Diagnostic {
  const message = (cause as { message?: unknown } | null)?.message;
  const reason = (typeof message === 'string' ? message : (JSON.stringify(cause) ?? 'an unknown error')).split('\n')[0];
  return {
    severity: 'error',
    code: 'print-failed',
    file,
    message: `printing failed: ${reason}`,
    data: { reason },
    hint: 'run again with --debug for details; a page that times out may need a larger --timeout',
  };
}

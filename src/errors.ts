/**
 * One error type for the whole tool. `exitCode` follows the table in the README:
 * 1 a content problem (a submission or issue that cannot be used), 2 a usage or environment problem.
 * `hint` says what to do; the CLI prints message, hint and the chain of causes, and a stack only
 * with --debug.
 */
import type { UsageCode } from './messages/catalogue.js';

export type ExitCode = 0 | 1 | 2;

export class BriefsError extends Error {
  readonly exitCode: ExitCode;
  readonly hint?: string;
  readonly code: UsageCode;
  /** The message and hint said in Chinese, printed under --lang zh. */
  readonly zh?: { message: string; hint?: string };

  constructor(code: UsageCode, message: string, opts: { exitCode?: ExitCode; hint?: string; cause?: unknown; zh?: { message: string; hint?: string } } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'BriefsError';
    this.code = code;
    this.exitCode = opts.exitCode ?? 2;
    this.hint = opts.hint;
    this.zh = opts.zh;
  }
}

/** What a usage error may add to its message: what to do, what caused it, and both said in Chinese ([message, hint]). */
export interface UsageDetails {
  hint?: string;
  cause?: unknown;
  zh?: [string, string?];
}

/** A usage or environment problem: exit 2. */
export function usageError(code: UsageCode, message: string, { hint, cause, zh }: UsageDetails = {}): BriefsError {
  return new BriefsError(code, message, { exitCode: 2, hint, cause, zh: zh && { message: zh[0], hint: zh[1] } });
}

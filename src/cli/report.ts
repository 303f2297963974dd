/**
 * Talk goes to stderr, data to stdout. Diagnostics print grouped by file, coloured only on a
 * terminal and never when NO_COLOR is set.
 */
import { inspect } from 'node:util';
import { sortDiagnostics, type Diagnostic } from '../messages/diagnostic.js';
import { BriefsError } from '../errors.js';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  debug: boolean;
  /** stderr is a terminal: progress may redraw in place. */
  tty?: boolean;
}

export function defaultOutput(debug = false): Output {
  const color = !!process.stderr.isTTY && process.env.NO_COLOR === undefined && process.env.TERM !== 'dumb';
  return { out: writer(process.stdout), err: writer(process.stderr), color, debug, tty: !!process.stderr.isTTY };
}

/** Streams whose reader went away (EPIPE). */
const gone = new WeakSet<NodeJS.WriteStream>();
const watched = new WeakSet<NodeJS.WriteStream>();

/**
 * Writes to a standard stream until its reader goes away (`briefs list | head`): after that,
 * what briefs still has to say is dropped and the run goes on to its end, its files written and
 * its exit code its own. Node would otherwise throw EPIPE from the write and crash with a stack
 * trace, mid-run.
 */
function writer(stream: NodeJS.WriteStream): (s: string) => void {
  if (!watched.has(stream)) {
    watched.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      gone.add(stream);
    });
  }
  return (s) => {
    if (!gone.has(stream)) stream.write(s);
  };
}

/**
 * Text from files, made safe for a terminal or a CI log: control characters (ESC sequences can
 * clear a screen or rewrite earlier lines of a log), line breaks inside a value, and bidi
 * overrides (a title shown as "exe.png" for "gnp.exe") become visible \u{…} escapes.
 */
export function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** printable, but a multi-line text (a code frame) keeps its line breaks. */
const printableLines = (s: string) => s.split('\n').map(printable).join('\n');

const paint = (on: boolean, code: number, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

const LABELS = { en: { error: 'error', warning: 'warning' }, zh: { error: '错误', warning: '警告' } };

export function formatDiagnostics(diagnostics: readonly Diagnostic[], color: boolean, lang: 'en' | 'zh' = 'en'): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const d of sortDiagnostics(diagnostics)) {
    if (d.file !== current) {
      current = d.file;
      lines.push('', paint(color, 1, printable(d.file)));
    }
    const where = d.line ? `${d.line}${d.column ? `:${d.column}` : ''}` : '';
    const label = paint(color, d.severity === 'error' ? 31 : 33, LABELS[lang][d.severity]);
    lines.push(
      `  ${where.padEnd(6)} ${label} ${printable(d.message)}${d.field ? paint(color, 2, `  [${printable(d.field)}]`) : ''}  ${paint(color, 2, d.code)}`,
    );
    if (d.frame)
      lines.push(
        ...printableLines(d.frame)
          .split('\n')
          .map((l) => `         ${l}`),
      );
    if (d.hint) lines.push(`         ${paint(color, 36, '→')} ${printable(d.hint)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** One line that closes a report: what was checked and what was found. */
export function summaryLine(problems: readonly Diagnostic[], submissions: number, issues: number, lang: 'en' | 'zh'): string {
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.length - errors;
  if (lang === 'zh') return `检查了 ${submissions} 个稿件文件、${issues} 个期文件：${errors} 个错误，${warnings} 个警告`;
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `checked ${n(submissions, 'submission file')} and ${n(issues, 'issue file')}: ${n(errors, 'error')}, ${n(warnings, 'warning')}`;
}

/** An error that ends the command: message, hint, the chain of causes; a stack with --debug. */
export function formatError(e: unknown, debug: boolean, color: boolean, lang: 'en' | 'zh' = 'en'): string {
  const lines: string[] = [];
  if (e instanceof BriefsError) {
    const zh = lang === 'zh' ? e.zh : undefined;
    lines.push(`${paint(color, 31, 'briefs:')} ${zh?.message ?? e.message}`);
    const hint = zh?.hint ?? e.hint;
    if (hint) lines.push(`  ${paint(color, 36, '→')} ${hint}`);
  } else lines.push(`${paint(color, 31, 'briefs:')} ${errorText(e)}`);
  let cause = (e as Error)?.cause;
  while (cause) {
    lines.push(`  ${lang === 'zh' ? '原因' : 'caused by'}: ${errorText(cause)}`);
    cause = (cause as Error).cause;
  }
  if (debug && (e as Error)?.stack) lines.push((e as Error).stack!);
  return `${lines.join('\n')}\n`;
}

/** What a thrown value says: an error's message, or the value itself as Node would print it. */
function errorText(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : typeof e === 'string' ? e : inspect(e);
}

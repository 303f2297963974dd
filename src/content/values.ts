/**
 * Reading typed values out of parsed front matter. Each reader returns the value or undefined,
 * and on a bad value pushes a diagnostic that names the field as the author wrote it.
 */
import type { Diagnostic } from '../messages/diagnostic.js';
import { aliasTable, closestKey, type FieldSpec } from './fields.js';
import type { Position } from './front-matter.js';
import type { Code } from '../messages/catalogue.js';
import { diagnostic, type Variant } from '../messages/say.js';

export class FieldReader {
  readonly values = new Map<string, { raw: unknown; key: string; pos?: Position }>();

  constructor(
    readonly file: string,
    readonly diagnostics: Diagnostic[],
    data: Record<string, unknown>,
    positions: Map<string, Position>,
    readonly fields: readonly FieldSpec[],
    readonly kind: string,
    /** The file's text: what a value was written as, where parsing changed it (a number past 2^53). */
    readonly source?: string,
  ) {
    const table = aliasTable(fields);
    for (const [key, raw] of Object.entries(data)) {
      const name = table.get(key) ?? table.get(key.toLowerCase());
      const pos = positions.get(key);
      if (name === undefined) {
        const guess = closestKey(key, fields);
        this.report(
          'warning',
          'unknown-field',
          key,
          pos,
          guess ? { kind, key, guess } : { kind, key, known: fields.map((f) => f.name).join(', ') },
          guess ? undefined : 'no-guess',
        );
        continue;
      }
      if (this.values.has(name)) {
        this.report('error', 'duplicate-field', key, pos, { other: this.values.get(name)!.key, key });
        continue;
      }
      this.values.set(name, { raw, key, pos });
    }
  }

  /** A field is missing: report it once, naming both spellings. */
  requireAll(): void {
    for (const f of this.fields) {
      if (f.required && !this.present(f.name)) {
        this.report('error', 'missing-field', f.name, { line: 1, column: 1 }, { alias: f.aliases[0], name: f.name });
      }
    }
  }

  present(name: string): boolean {
    const v = this.values.get(name);
    // Blank text is missing text: a title of spaces would print an untitled article.
    return v !== undefined && v.raw !== null && !(typeof v.raw === 'string' && v.raw.trim() === '');
  }

  /** Canonical field → the line it stands on, for problems found later across files. */
  lines(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, v] of this.values) if (v.pos) out[name] = v.pos.line;
    return out;
  }

  where(name: string): Position | undefined {
    return this.values.get(name)?.pos;
  }

  keyOf(name: string): string {
    return this.values.get(name)?.key ?? name;
  }

  raw(name: string): unknown {
    return this.values.get(name)?.raw;
  }

  string(name: string): string | undefined {
    const v = this.values.get(name);
    if (!v || v.raw === null || v.raw === undefined) return undefined;
    if (typeof v.raw === 'string') return v.raw.trim() === '' ? undefined : v.raw.trim();
    if (typeof v.raw === 'number') return String(v.raw);
    this.fail(name, 'invalid-type', { key: v.key });
    return undefined;
  }

  /**
   * A whole number within [min, max]. Every integer field has a sensible bound: a typo such as
   * number: 30000000 or copies: 1e21 is reported here, never carried into loops or print.
   */
  integer(name: string, min: number, max: number): number | undefined {
    const v = this.values.get(name);
    if (!v || v.raw === null || v.raw === undefined) return undefined;
    const n = typeof v.raw === 'string' && /^\s*\d{1,15}\s*$/.test(v.raw) ? Number(v.raw) : v.raw;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
      // A number past 2^53 comes out of YAML as another number: quote what the file says.
      const shown = (typeof v.raw === 'number' && this.written(name)) || JSON.stringify(v.raw);
      this.fail(name, 'invalid-type', { key: v.key, shown, min }, 'integer');
      return undefined;
    }
    if (n < min || n > max) {
      this.fail(name, 'out-of-range', { value: n, min, max, key: v.key });
      return undefined;
    }
    return n;
  }

  /** The value of a one-line field as the file writes it, when the file's text is known. */
  private written(name: string): string | undefined {
    const v = this.values.get(name);
    const line = v?.pos && this.source?.split('\n')[v.pos.line - 1];
    if (!line || !v?.pos) return undefined;
    const m = /^[^:]*:\s*(.*?)\s*(?:#.*)?$/.exec(line.slice(v.pos.column - 1));
    return m?.[1] || undefined;
  }

  boolean(name: string): boolean | undefined {
    const v = this.values.get(name);
    if (!v || v.raw === null || v.raw === undefined) return undefined;
    if (typeof v.raw === 'boolean') return v.raw;
    if (v.raw === '是') return true;
    if (v.raw === '否') return false;
    this.fail(name, 'invalid-type', { key: v.key }, 'boolean');
    return undefined;
  }

  /** A calendar date, YYYY-MM-DD, that exists (2020-02-30 does not). */
  date(name: string): string | undefined {
    const v = this.values.get(name);
    if (!v || v.raw === null || v.raw === undefined) return undefined;
    const text = v.raw instanceof Date ? v.raw.toISOString().slice(0, 10) : (typeof v.raw === 'string' ? v.raw : JSON.stringify(v.raw)).trim();
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (!m) {
      this.fail(name, 'invalid-date', { value: text, key: v.key });
      return undefined;
    }
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      this.fail(name, 'impossible-date', { value: text, key: v.key });
      return undefined;
    }
    return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }

  /** One of the values of an enumeration (English or Chinese). */
  oneOf<T extends string>(name: string, table: Record<string, T>): T | undefined {
    const s = this.string(name);
    if (s === undefined) return undefined;
    // Own properties only: "constructor" or "__proto__" must not find Object's.
    const value = Object.hasOwn(table, s) ? table[s] : Object.hasOwn(table, s.toLowerCase()) ? table[s.toLowerCase()] : undefined;
    if (value === undefined) {
      this.fail(name, 'invalid-value', {
        value: s,
        choices: Object.keys(table).join('、'),
        v2: this.keyOf(name),
        v3: Object.keys(table).join(', '),
        v4: Object.keys(table)[0],
      });
    }
    return value;
  }

  stringList(name: string): string[] | undefined {
    const v = this.values.get(name);
    if (!v || v.raw === null || v.raw === undefined) return undefined;
    const list = typeof v.raw === 'string' ? [v.raw] : v.raw;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' || typeof x === 'number')) {
      this.fail(name, 'invalid-type', { key: v.key }, 'list');
      return undefined;
    }
    return list.map((x) => String(x).trim()).filter((x) => x !== '');
  }

  fail<C extends Code>(name: string, code: C, data?: Record<string, string | number>, variant?: Variant<C>): void {
    this.report('error', code, this.keyOf(name), this.where(name), data, variant);
  }

  /** A problem of a field, worded by the catalogue (messages/say.ts). */
  report<C extends Code>(
    severity: 'error' | 'warning',
    code: C,
    field: string,
    pos?: Position,
    data?: Record<string, string | number>,
    variant?: Variant<C>,
  ): void {
    this.diagnostics.push(diagnostic(code, { severity, file: this.file, line: pos?.line, column: pos?.column, field }, data, variant));
  }
}

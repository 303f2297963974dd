/**
 * A diagnostic made from the catalogue: the place it is found (severity, file, line, field …),
 * the values it names, and, where a code has more than one wording, which (a variant). Its
 * English message and hint are the catalogue's, filled from the values; `localize` says it in
 * Chinese from the same entry. No message is written where a problem is found.
 */
import { CATALOGUE, type Code } from './catalogue.js';
import type { Diagnostic } from './diagnostic.js';
import type { Text } from './entry.js';

type Where = Pick<Diagnostic, 'severity' | 'file' | 'line' | 'column' | 'field' | 'frame'>;
type Values = Record<string, string | number>;

/** {name} filled from the values (a diagnostic's field is {field} and {key}); undefined when one is missing. */
export function fill(template: string, values: Record<string, string | number | undefined>): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return String(v ?? '');
  });
  return missing ? undefined : out;
}

/** The wording of a code in a language: its variant's, else its own. */
export function wording(code: Code, variant: string | undefined, lang: 'en' | 'zh'): Text {
  const entry = CATALOGUE[code] as { en: Text; zh: Text; variants?: Record<string, { en: Text; zh?: Text }> };
  const v = variant ? entry.variants?.[variant] : undefined;
  return lang === 'en' ? (v?.en ?? entry.en) : (v?.zh ?? entry.zh);
}

/** The names of a code's other wordings (none for most). */
export type Variant<C extends Code> = (typeof CATALOGUE)[C] extends { variants: infer V } ? keyof V & string : never;

export function diagnostic<C extends Code>(code: C, where: Where, data: Values = {}, variant?: Variant<C>): Diagnostic {
  const [message, hint] = wording(code, variant, 'en');
  const values = { field: where.field, key: where.field, ...data };
  return {
    ...where,
    code,
    // A value left out leaves its name in braces: seen, never a crash.
    message: fill(message, values) ?? message.replace(/\{(\w+)\}/g, (m, n: string) => String(values[n as keyof typeof values] ?? m)),
    ...(hint ? { hint: fill(hint, values) ?? hint } : {}),
    ...(Object.keys(data).length ? { data } : {}),
    ...(variant ? { variant } : {}),
  };
}

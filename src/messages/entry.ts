/** A message and its hint (an empty hint: none). */
export type Text = readonly [message: string, hint: string];

/** One code of the catalogue (catalogue.ts). */
export interface CatalogueEntry {
  severity: 'error' | 'warning' | 'error / warning';
  /** What it means, for docs/diagnostics.md (Markdown). */
  means: string;
  /** The message and hint in English and in Chinese: {name} is a value of the diagnostic's data, or its field. */
  en: Text;
  zh: Text;
  /** Other wordings of the same problem, by name (a diagnostic's variant); Chinese as the code's unless given. */
  variants?: Record<string, { en: Text; zh?: Text }>;
}

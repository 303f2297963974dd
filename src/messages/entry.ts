/** One code of the catalogue (catalogue.ts). */
export interface CatalogueEntry {
  severity: 'error' | 'warning' | 'error / warning';
  /** What it means, for docs/diagnostics.md (Markdown). */
  means: string;
  /** The Chinese message and hint. */
  zh: readonly [message: string, hint: string];
}

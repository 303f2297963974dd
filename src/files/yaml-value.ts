/**
 * One YAML value as briefs writes it into the files it makes (new, assemble, init): on one line,
 * quoted where YAML needs it. The yaml package is loaded on first use (its CommonJS build, so
 * that this stays synchronous): reading a workspace, which every command does, never needs it.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let yaml: typeof import('yaml') | undefined;

export function yamlValue(value: unknown): string {
  yaml ??= require('yaml') as typeof import('yaml');
  return yaml.stringify(value, { lineWidth: 0 }).trimEnd();
}

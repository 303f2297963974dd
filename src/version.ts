import { readFileSync } from 'node:fs';
import { TOOL_ROOT } from './render/template-files.js';
import path from 'node:path';

/** The version in package.json: printed by --version and recorded in every PDF. */
export const VERSION: string = (JSON.parse(readFileSync(path.join(TOOL_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Runs the CLI in-process and captures what it says on stdout and stderr. It runs the bundle
 * bin/briefs.js runs (lib/bundle/, made by npm run build, which npm test runs first): the
 * commands the tests drive are the code an office installs, dependencies bundled in and all.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Cli from '../../src/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const bundle = pathToFileURL(path.resolve(__dirname, '../../lib/bundle/cli.js')).href;

export async function runCli(args: string[]): Promise<CliResult> {
  const { run } = (await import(/* @vite-ignore */ bundle)) as typeof Cli;
  let stdout = '';
  let stderr = '';
  const code = await run(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), color: false, debug: false });
  return { code, stdout, stderr };
}

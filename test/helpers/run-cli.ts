/** Runs the CLI in-process and captures what it says on stdout and stderr. */
import { run } from '../../src/cli/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { out: (s) => (stdout += s), err: (s) => (stderr += s), color: false, debug: false });
  return { code, stdout, stderr };
}

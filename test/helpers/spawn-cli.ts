/**
 * Runs bin/briefs.js as a process of its own, for what a test does to a run from outside (a
 * signal, its Chromium killed): `onStderr` hears, once, the first time what the run has said on
 * stderr matches `when`, with the process to act on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(__dirname, '../../bin/briefs.js');

export interface SpawnedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whether `when` was said, and `act` done. */
  acted: boolean;
}

export function spawnCli(args: string[], when: RegExp, act: (child: ChildProcess) => void): Promise<SpawnedRun> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const run: SpawnedRun = { code: null, stdout: '', stderr: '', acted: false };
  child.stdout.on('data', (c) => (run.stdout += c));
  child.stderr.on('data', (c) => {
    run.stderr += c;
    if (!run.acted && when.test(run.stderr)) {
      run.acted = true;
      act(child);
    }
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      run.code = code;
      resolve(run);
    }),
  );
}

/**
 * The sample workspace, printed once for the whole suite (every issue, with --html, one page at a
 * time so that later issues reuse the page of earlier ones) and shared by the tests that read
 * it: sample-workspace, layout and the reproducibility check. Printing it in each of them cost
 * three full runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The sample's output folder and generate's --json summary. */
    sample: { out: string; summary: string };
  }
}

const repo = path.resolve(__dirname, '..');
let out: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  out = mkdtempSync(path.join(os.tmpdir(), 'briefs-sample-print-'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(repo, 'bin/briefs.js'), '--root', repo, 'generate', '--out', out, '--json', '--html', '--jobs', '1'],
    {
      maxBuffer: 16 << 20,
    },
  );
  project.provide('sample', { out, summary: stdout });
}

export function teardown(): void {
  if (out) rmSync(out, { recursive: true, force: true });
}

/**
 * The e2e project's setup. First, the end-to-end tests run the program as users run it
 * (bin/briefs.js → lib/bundle/), which is built from src/: when any source, template of the
 * build or build setting is newer than the bundle, lib/ is built again here, and it says so, so
 * that no e2e run tests yesterday's code.
 * Then the sample workspace, printed once for the whole suite (every issue, with --html and --ofd, one page at a
 * time so that later issues reuse the page of earlier ones) and shared by the tests that read
 * it: sample-workspace, layout, ofd and the reproducibility check. Printing it in each of them cost
 * three full runs.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

/** The newest modification time of the files below `dir` (ms), or of `dir` itself. */
function newest(file: string): number {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(file).map((name) => newest(path.join(file, name))));
}

/** What the bundle is made from: when any of it is newer, lib/ is stale. */
const SOURCES = ['src', 'scripts/bundle.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

async function buildIfStale(): Promise<void> {
  const bundle = newest(path.join(repo, 'lib/bundle/cli.js'));
  const source = Math.max(...SOURCES.map((f) => newest(path.join(repo, f))));
  if (bundle >= source) return;
  process.stderr.write(
    bundle ? 'e2e: src/ is newer than lib/bundle/, building it again (npm run build)\n' : 'e2e: no lib/bundle/ yet, building it (npm run build)\n',
  );
  await promisify(execFile)('npm', ['run', 'build'], { cwd: repo, maxBuffer: 16 << 20 });
}

export async function setup(project: TestProject): Promise<void> {
  await buildIfStale();
  out = mkdtempSync(path.join(os.tmpdir(), 'briefs-sample-print-'));
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [path.join(repo, 'bin/briefs.js'), '--root', repo, 'generate', '--out', out, '--json', '--html', '--ofd', '--jobs', '1'],
    {
      maxBuffer: 16 << 20,
    },
  );
  project.provide('sample', { out, summary: stdout });
}

export function teardown(): void {
  if (out) rmSync(out, { recursive: true, force: true });
}

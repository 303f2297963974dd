/**
 * Finds the templates: the tool's own `templates/`, with any file of the same name in the
 * workspace's `templates/` taking its place. This is the only file I/O of `render`.
 */
import { readdir } from 'node:fs/promises';
import { usageError } from '../errors.js';
import { readRegular } from '../files/read-regular.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder the tool is installed in (holds package.json, templates/). */
export const TOOL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOL_TEMPLATES = path.join(TOOL_ROOT, 'templates');

export interface TemplateSet {
  layouts: Record<string, string>;
  partials: Record<string, string>;
  styles: Record<string, string>;
  /** Every file that went in, absolute, for fingerprints and the preview watcher. */
  files: string[];
}

export async function loadTemplates(workspaceTemplates: string | undefined): Promise<TemplateSet> {
  const dirs = [TOOL_TEMPLATES];
  if (workspaceTemplates && path.resolve(workspaceTemplates) !== TOOL_TEMPLATES) dirs.push(path.resolve(workspaceTemplates));
  const set: TemplateSet = { layouts: {}, partials: {}, styles: {}, files: [] };
  // Later folders win: the workspace overrides the tool.
  for (const dir of dirs) {
    await readInto(set.layouts, path.join(dir, 'layouts'), '.hbs', set.files);
    await readInto(set.partials, path.join(dir, 'partials'), '.hbs', set.files);
    await readInto(set.styles, path.join(dir, 'styles'), '.css', set.files);
  }
  return set;
}

/** A template is a few kilobytes; a FIFO or a huge file in the folder must not stall a run. */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

async function readInto(target: Record<string, string>, dir: string, ext: string, files: string[]): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(ext)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const read = await readRegular(file, { maxBytes: MAX_TEMPLATE_BYTES });
    if (!('bytes' in read))
      throw usageError(
        'template-unreadable',
        `cannot read the template ${file}: ${read.problem === 'too-large' ? 'it is larger than 1 MiB' : read.problem === 'unreadable' ? read.errno : 'it is not a regular file'}`,
        { hint: 'templates are small text files; replace it with one' },
      );
    target[name.slice(0, -ext.length)] = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
    files.push(file);
  }
}

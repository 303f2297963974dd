/**
 * Watches the workspace's folders, the tool's templates and the config file, and calls back,
 * debounced, when something changed. Names starting with a dot are editors' and briefs' own
 * temporary files. The config file is watched through its folder: editors replace files rather
 * than write them.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const DEBOUNCE_MS = 100;

export function watchWorkspace(dirs: readonly string[], root: string, configName: string, onChange: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  };
  const watchers: FSWatcher[] = [];
  for (const dir of new Set(dirs)) {
    try {
      watchers.push(
        watch(dir, { recursive: true }, (_event, name) => {
          if (name && path.basename(String(name)).startsWith('.')) return;
          changed();
        }),
      );
    } catch {
      // a folder the workspace does not have
    }
  }
  try {
    watchers.push(
      watch(root, (_event, name) => {
        if (name === configName) changed();
      }),
    );
  } catch {
    // no such folder
  }
  return () => {
    clearTimeout(timer);
    watchers.forEach((w) => w.close());
  };
}

/**
 * Watches the workspace's folders, the tool's templates and the config file, and calls back,
 * debounced, when something changed. chokidar, not fs.watch: an editor that saves by writing a
 * new file and renaming it over the old one (vim, sed -i) left fs.watch watching a file that
 * no longer existed, so the preview went silently stale after the first such save; chokidar
 * follows renames, folders made after the start, and reports its errors. Names starting with a
 * dot are editors' and briefs' own temporary files.
 */
import path from 'node:path';
import { watch } from 'chokidar';

const DEBOUNCE_MS = 100;

export function watchWorkspace(paths: readonly string[], onChange: () => void, onError: (message: string) => void): () => Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, DEBOUNCE_MS);
  };
  const watcher = watch([...new Set(paths)], {
    ignoreInitial: true,
    // Follows a file replaced by rename as the same file (atomic saves).
    atomic: true,
    ignored: (p: string) => path.basename(p).startsWith('.'),
  });
  watcher.on('all', changed);
  watcher.on('error', (e: unknown) => onError((e as Error).message));
  return async () => {
    clearTimeout(timer);
    await watcher.close();
  };
}

/** Whether `file` lies strictly inside `dir` (both absolute; resolve links first where they matter). */
import path from 'node:path';

export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

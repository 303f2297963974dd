/**
 * Where a workspace's resident printer listens: a Unix socket named for the workspace's real
 * path, in a folder of the user's own. The folder is checked, not only made, to be the user's
 * and closed to everyone else: a socket in a folder another user could write to could be
 * swapped for theirs, and a run would send them its issues to print.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../../errors.js';
import { ownFolder, userTempPath } from '../../files/user-temp.js';

/**
 * Not a fresh folder when this one is not the user's (user-temp.ts): runs must find the printer
 * by its name, so a folder that is not private is refused instead.
 */
export const PRINTERS = userTempPath('printer');

/** The socket of the workspace at `root` (which exists: the config was read from it). */
export function printerSocket(root: string): string {
  const key = createHash('sha256').update(realpathSync(root)).digest('hex').slice(0, 16);
  return path.join(PRINTERS, `${key}.sock`);
}

/** What the printer at `socket` says (only why it could not start, or stopped on an error). */
export const printerLog = (socket: string): string => socket.replace(/\.sock$/, '.log');

/** Whether the printers' folder is the user's own and private (made so when missing). */
export function privateFolder(make: boolean): boolean {
  return ownFolder(PRINTERS, make);
}

/** The printers' folder, made when missing; refused when it is not private to this user. */
export function privateFolderOrFail(): void {
  if (!privateFolder(true))
    throw usageError('printer-folder', `the resident printers’ folder ${PRINTERS} is not private to this user`, {
      hint: 'remove it, or set TMPDIR to a folder of your own',
      zh: [`常驻印制进程的文件夹 ${PRINTERS} 不是当前用户私有的`, '删除它，或把 TMPDIR 设为自己的文件夹'],
    });
}

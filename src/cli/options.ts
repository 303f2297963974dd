import { InvalidArgumentError, type Command } from 'commander';

export interface GlobalFlags {
  root?: string;
  config?: string;
  debug?: boolean;
  lang?: string;
}

/** The program-level flags, from any subcommand. */
export function globalFlags(cmd: Command): GlobalFlags {
  let top = cmd;
  while (top.parent) top = top.parent;
  return top.opts<GlobalFlags>();
}

export function parseInteger(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

import { InvalidArgumentError, type Command } from 'commander';
import { chooseLang } from '../messages/messages-zh.js';

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

/** What a command says to a person, in the run's language: say('3 issues', '3 期'). */
export function sayer(cmd: Command): (en: string, zh: string) => string {
  const zh = chooseLang(globalFlags(cmd).lang) === 'zh';
  return (en, cn) => (zh ? cn : en);
}

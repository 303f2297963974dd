/**
 * Issue numbers: per bulletin per year from 1, supplements (增刊) numbered on their own, and the
 * running total (总第N期) continuing across years. Pure: the issue files are the record.
 */
import type { IssueFile } from '../content/model.js';

export interface NextNumber {
  number: number;
  /** The next 总期号, when the bulletin's issues carry one. */
  total?: number;
}

export function nextNumber(issues: readonly IssueFile[], publication: string, year: number, supplement: boolean): NextNumber {
  const mine = issues.filter((i) => i.publication === publication);
  const sameSeries = mine.filter((i) => i.year === year && i.supplement === supplement);
  const number = Math.max(0, ...sameSeries.map((i) => i.number)) + 1;
  if (supplement) return { number };
  const totals = mine.filter((i) => !i.supplement && i.total !== undefined).map((i) => i.total!);
  return totals.length ? { number, total: Math.max(...totals) + 1 } : { number };
}

/** The numbers `count` new issues would get, one after another (what assemble --dry-run shows). */
export function nextNumbers(issues: readonly IssueFile[], publication: string, year: number, supplement: boolean, count: number): NextNumber[] {
  const known = [...issues];
  const out: NextNumber[] = [];
  for (let k = 0; k < count; k++) {
    const next = nextNumber(known, publication, year, supplement);
    out.push(next);
    known.push({ publication, year, supplement, number: next.number, total: next.total } as IssueFile);
  }
  return out;
}

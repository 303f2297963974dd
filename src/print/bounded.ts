/**
 * Waits with a bound, for work that puppeteer or the protocol leave unbounded (a browser's close
 * waits for a process that may never exit). The timer is cleared when the work ends first, so
 * a wait that ended early keeps no process alive for the rest of its bound.
 */

/** Rejects when `work` takes longer than `ms`, naming what took so long. */
export async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timeout of ${ms} ms exceeded`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits for `work` at most `ms`; whether it settled (its failure counts as settled, and is not thrown). */
export const settlesWithin = (work: Promise<unknown>, ms: number): Promise<boolean> =>
  within(
    ms,
    'waiting',
    work.then(
      () => true,
      () => true,
    ),
  ).catch(() => false);

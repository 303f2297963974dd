/**
 * Waits with a bound, for the calls to Chromium that puppeteer or the protocol leave unbounded
 * (closing a page or a browser waits for a process or a target that may never go). Each clears
 * its timer, so a wait that ended early keeps no process alive for the rest of its bound.
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
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

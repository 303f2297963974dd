import { describe, expect, it } from 'vitest';
import { settlesWithin, within } from '../../src/print/bounded.js';

const never = new Promise<never>(() => undefined);

describe('waits with a bound', () => {
  it('within: the work’s value, or a failure that names what took too long', async () => {
    expect(await within(1000, 'printing', Promise.resolve(7))).toBe(7);
    await expect(within(20, 'loading the issue', never)).rejects.toThrow('loading the issue: timeout of 20 ms exceeded');
    await expect(within(1000, 'printing', Promise.reject(new Error('crashed')))).rejects.toThrow('crashed');
  });

  it('settlesWithin: whether the work ended in time, a failure counting as ended and never thrown', async () => {
    expect(await settlesWithin(Promise.resolve(), 1000)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error('gone')), 1000)).toBe(true);
    expect(await settlesWithin(never, 20)).toBe(false);
  });
});

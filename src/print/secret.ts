/**
 * A server's secret, as the print server and the preview check it (one policy for both): equal
 * strings compared in constant time, so the time an answer takes says nothing of how much of a
 * guess was right; and whether a request's Cookie header carries it under a name.
 */
import { timingSafeEqual } from 'node:crypto';

export const sameSecret = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export function cookieHolds(header: string | undefined, name: string, secret: string): boolean {
  return (header ?? '').split(';').some((c) => {
    const pair = c.trim();
    return pair.startsWith(`${name}=`) && sameSecret(pair.slice(name.length + 1), secret);
  });
}

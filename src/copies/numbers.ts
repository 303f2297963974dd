/**
 * The 份号 of each copy of an issue. Numbers run from `start` (the serialStart, or 1);
 * a recipient keeps the numbers it had, so a list that only grows renumbers no one; a number
 * once given is never given again, even when its recipient leaves the list or takes fewer
 * copies. The record of what was given is kept beside the manifest. Pure.
 */
import { recipientKey, type Recipient } from './recipients.js';

export interface SerialRecord {
  /** The next number never given. */
  next: number;
  /** Numbers given, by recipient (group and name). */
  given: Record<string, number[]>;
}

export interface NumberedCopy {
  serial: number;
  recipient: Recipient;
}

/** The copies of this list, in its order, and the record to keep. Throws past 999999. */
export function assignSerials(
  previous: SerialRecord | undefined,
  recipients: readonly Recipient[],
  start = 1,
): { record: SerialRecord; copies: NumberedCopy[] } {
  const record: SerialRecord = { next: Math.max(previous?.next ?? start, start), given: { ...previous?.given } };
  const copies: NumberedCopy[] = [];
  for (const recipient of recipients) {
    const key = recipientKey(recipient);
    const had = [...(record.given[key] ?? [])];
    while (had.length < recipient.copies) {
      if (record.next > 999_999) throw new RangeError('the 份号 would pass 999999');
      had.push(record.next++);
    }
    record.given[key] = had;
    for (const serial of had.slice(0, recipient.copies)) copies.push({ serial, recipient });
  }
  return { record, copies };
}

export const sixDigits = (n: number) => String(n).padStart(6, '0');

/**
 * The record of copies kept beside the manifest (dist/.briefs-copies.json): which 份号 each
 * recipient was given, which files were stamped from what. It is read back from a folder anyone
 * with the workspace can write to, so nothing in it is trusted: each issue's record is checked
 * for shape and range (serials whole numbers 1–999999, each given once, below `next`; file names
 * six digits; hashes 64 hex digits) and dropped whole when anything is wrong. Pure but for the
 * read.
 */
import path from 'node:path';
import { readRegular } from '../files/read-regular.js';
import type { SerialRecord } from './numbers.js';

export interface IssueRecord {
  serials: SerialRecord;
  /** What the copies were stamped from: the master's fingerprint and the stamp's settings. */
  key?: string;
  files?: Record<string, { sha256: string; recipient: string }>;
  /** A hash of the ledger's rows, so an unchanged ledger is not printed again. */
  ledger?: string;
  /** The master kept beside the copies (.master.pdf): its fingerprint, bytes' hash and 份号 place. */
  master?: { fingerprint: string; sha256: string; slot: { page: number; x: number; y: number } };
}

export const RECORD = '.briefs-copies.json';

/** A copy's file name is its 份号, six digits, and nothing else ever reaches a path. */
export const SERIAL = /^\d{6}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const MAX_SERIAL = 999_999;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);
const serialNumber = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1 && (n as number) <= MAX_SERIAL;

function wellFormedSerials(v: unknown): v is SerialRecord {
  if (!isObject(v) || !Number.isSafeInteger(v.next) || (v.next as number) < 1 || (v.next as number) > MAX_SERIAL + 1 || !isObject(v.given)) return false;
  const seen = new Set<number>();
  for (const list of Object.values(v.given)) {
    if (!Array.isArray(list)) return false;
    for (const n of list) {
      if (!serialNumber(n) || n >= (v.next as number) || seen.has(n)) return false;
      seen.add(n);
    }
  }
  return true;
}

/** One issue's record, whole and consistent, or not at all. */
export function wellFormedIssueRecord(v: unknown): v is IssueRecord {
  if (!isObject(v) || !wellFormedSerials(v.serials)) return false;
  const given = new Set(Object.values(v.serials.given).flat());
  const files = v.files;
  const master = v.master;
  return (
    optional(v.key, (k) => typeof k === 'string') &&
    optional(v.ledger, (h) => typeof h === 'string' && HEX64.test(h)) &&
    optional(
      files,
      (f) =>
        isObject(f) &&
        Object.entries(f).every(
          ([serial, file]) =>
            SERIAL.test(serial) &&
            given.has(Number(serial)) &&
            isObject(file) &&
            typeof file.sha256 === 'string' &&
            HEX64.test(file.sha256) &&
            typeof file.recipient === 'string',
        ),
    ) &&
    optional(
      master,
      (m) =>
        isObject(m) &&
        typeof m.fingerprint === 'string' &&
        typeof m.sha256 === 'string' &&
        HEX64.test(m.sha256) &&
        isObject(m.slot) &&
        Number.isSafeInteger(m.slot.page) &&
        (m.slot.page as number) >= 0 &&
        [m.slot.x, m.slot.y].every((n) => typeof n === 'number' && Number.isFinite(n)),
    )
  );
}

/** The record read back: the issues whose record is whole, and the ids of those dropped. */
export async function readRecord(outDir: string): Promise<{ issues: Record<string, IssueRecord>; dropped: string[] }> {
  const read = await readRegular(path.join(outDir, RECORD), { maxBytes: 64 * 1024 * 1024, noFollow: true });
  if (!('bytes' in read)) return { issues: {}, dropped: read.problem === 'missing' ? [] : ['*'] };
  let data: unknown;
  try {
    data = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    return { issues: {}, dropped: ['*'] };
  }
  if (!isObject(data) || !isObject(data.issues)) return { issues: {}, dropped: ['*'] };
  const issues: Record<string, IssueRecord> = {};
  const dropped: string[] = [];
  for (const [id, record] of Object.entries(data.issues)) {
    if (wellFormedIssueRecord(record)) issues[id] = record;
    else dropped.push(id);
  }
  return { issues, dropped };
}

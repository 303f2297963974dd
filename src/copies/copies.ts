/**
 * `briefs copies`: the numbered copies of a final issue, one PDF a copy, and its ledger.
 * 1. The recipients (recipients.ts) get their 份号 (numbers.ts), kept in `.briefs-copies.json`
 *    beside the manifest.
 * 2. The master is the issue printed as generate prints it, but with the 份号's place left
 *    empty and marked; it is fingerprinted like an issue, so an unchanged master is not
 *    printed again, and nothing is stamped when no copy changed.
 * 3. Each copy is the master stamped (stamp.ts), signed when asked (sign.ts), and written
 *    atomically to copies/<bulletin>-<year>-<NNN>/<份号>.pdf.
 * 4. The ledger: ledger.csv (份号, recipient, group, copies, file, sha256) and a printable
 *    分发登记表, ledger.pdf, through templates/layouts/ledger.hbs.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { IssueFile } from '../content/model.js';
import { writeAtomic } from '../files/write-atomic.js';
import { fingerprint } from '../generate/fingerprint.js';
import { pdfInfo } from '../generate/pdf-info.js';
import type { BrowserPool } from '../print/browser.js';
import { finishPdf } from '../print/pdf-metadata.js';
import { PRINT_CSP, type PrintServer } from '../print/print-server.js';
import { printUrls } from '../print/resources.js';
import { chineseDate } from '../render/chinese.js';
import { printPage, renderPage } from '../print/print-page.js';
import { printFonts } from '../print/print-fonts.js';
import { sha256 } from '../generate/manifest.js';
import { assemble, issueErrors, type Project } from '../workspace/project.js';
import { renderIssue } from '../workspace/render-issue.js';
import { outputBase } from '../workspace/select.js';
import { assignSerials, sixDigits } from './numbers.js';
import { recipientKey } from './recipients.js';
import { readRecord, RECORD, SERIAL, type IssueRecord } from './record.js';
import { recipientsOf, type Recipient } from './recipients.js';
import type { CopySigner } from './sign.js';
import { openMaster, stampCopy } from './stamp.js';
import type { Code } from '../messages/catalogue.js';
import { diagnostic } from '../messages/say.js';

export interface CopiesOptions {
  outDir: string;
  force: boolean;
  timeout: number;
  pool: BrowserPool;
  server: PrintServer;
  signer?: CopySigner;
  /** Print the recipient at the foot of each copy's last page. */
  showRecipient: boolean;
}

interface CopyFile {
  issue: string;
  serial: string;
  recipient: string;
  group: string;
  pdf: string;
  sha256: string;
  signed: boolean;
}

export interface IssueCopies {
  issue: string;
  copies: CopyFile[];
  ledger?: { csv: string; pdf: string };
  /** Copies stamped in this run (0 when nothing changed). */
  stamped: number;
  /** '1b' when the copies and the ledger are PDF/A-1b (a master made archival), else null. */
  pdfa?: '1b' | null;
  diagnostics: Diagnostic[];
}

/**
 * CSV as RFC 4180 has it: a field with a comma, quote or line end is quoted. The ledger is
 * opened in a spreadsheet, which takes a cell that starts with = + - @ tab or carriage return
 * as a formula (=HYPERLINK(…) sends data away, +cmd|… ran commands): such a cell starts with an
 * apostrophe instead, as OWASP advises, and shows as written.
 */
export const csvField = (value: string | number): string => {
  const s = /^[=+\-@\t\r]/.test(String(value)) ? `'${String(value)}` : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export async function makeCopies(project: Project, issues: readonly IssueFile[], opts: CopiesOptions): Promise<IssueCopies[]> {
  const { issues: record, dropped } = await readRecord(opts.outDir);
  const out: IssueCopies[] = [];
  try {
    for (const issue of issues) {
      const copies = await copiesOf(project, issue, opts, record);
      if (dropped.includes(issue.id) || dropped.includes('*')) copies.diagnostics.unshift(droppedRecord(project, opts.outDir, issue.id));
      out.push(copies);
    }
  } finally {
    await writeAtomic(path.join(opts.outDir, RECORD), `${JSON.stringify({ issues: record }, null, 2)}\n`);
  }
  return out;
}

/** The file of the copy with this 份号: six digits, checked, whatever the record said. */
function copyFile(dir: string, serial: string): string {
  if (!SERIAL.test(serial)) throw new RangeError(`not a 份号: ${JSON.stringify(serial)}`);
  return path.join(dir, `${serial}.pdf`);
}

/** A record of copies that was not as briefs writes it, set aside: the numbers start again. */
function droppedRecord(project: Project, outDir: string, issue: string): Diagnostic {
  return diagnostic(
    'copies-record-invalid',
    { severity: 'warning', file: path.relative(project.config.root, path.join(outDir, RECORD)).split(path.sep).join('/') },
    { issue },
  );
}

async function copiesOf(project: Project, issue: IssueFile, opts: CopiesOptions, record: Record<string, IssueRecord>): Promise<IssueCopies> {
  const result: IssueCopies = { issue: issue.id, copies: [], stamped: 0, diagnostics: [] };
  const fail = (code: Code, field?: string) => {
    result.diagnostics.push(diagnostic(code, { severity: 'error', file: issue.file, line: field ? issue.lines?.[field] : undefined, field }));
    return result;
  };
  if (issue.status !== 'final') return fail('copies-draft', 'status');
  const assembled = assemble(project, issue);
  const rendered = renderIssue(project, assembled, printUrls, printFonts(project, opts.server), {
    csp: PRINT_CSP,
    copyMaster: true,
  });
  const errors = issueErrors(project, issue, rendered.diagnostics);
  if (errors.length > 0) {
    result.diagnostics.push(...errors);
    return result;
  }
  const recipients = await recipientsOf(issue, project.config.root, result.diagnostics);
  if (result.diagnostics.some((d) => d.severity === 'error')) return result;
  if (recipients.length === 0) return fail('recipients-missing', 'distribution');
  const previous = record[issue.id];
  let numbered;
  try {
    numbered = assignSerials(previous?.serials, recipients, issue.serialStart ?? 1);
  } catch {
    return fail('copies-too-many', 'serialStart');
  }

  const base = outputBase(issue);
  const dir = path.join(opts.outDir, 'copies', base);
  // Copies are of final issues, which are archival (PDF/A-1b) unless the config says pdfa: false.
  const info = { ...pdfInfo(assembled, rendered.title), archival: project.config.pdfa !== false };
  const fp = await fingerprint(rendered.source({ marks: true }), project.config.root, info);
  const key = JSON.stringify([fp, opts.showRecipient, opts.signer?.name ?? null]);
  const files: Record<string, { sha256: string; recipient: string }> = {};
  const unchanged = async (serial: string, recipient: string) => {
    const known = previous?.key === key ? previous.files?.[serial] : undefined;
    if (!known || opts.force || known.recipient !== recipient) return false;
    const bytes = await readFile(copyFile(dir, serial)).catch(() => undefined);
    return bytes !== undefined && sha256(bytes) === known.sha256;
  };

  let master: { bytes: Uint8Array; slot: { page: number; x: number; y: number } } | undefined;
  const masterFile = path.join(dir, '.master.pdf');
  // An unchanged master is not printed again: the one kept beside the copies serves.
  const keptMaster = async () => {
    const kept = previous?.master;
    if (!kept || kept.fingerprint !== fp) return undefined;
    const bytes = await readFile(masterFile).catch(() => undefined);
    return bytes && sha256(bytes) === kept.sha256 ? { bytes: new Uint8Array(bytes), slot: kept.slot } : undefined;
  };
  const printMaster = async () => {
    const { printIssue } = await import('../print/print-issue.js');
    const printed = await opts.pool.withPage((page) => printIssue(page, rendered.html({ marks: true }), opts.server, opts.timeout), { retryOnCrash: true });
    const slot = printed.marks.serialSlot;
    if (!slot) return undefined;
    const finished = await finishPdf(printed.doc, { ...info, id: fp });
    await writeAtomic(masterFile, finished.bytes);
    return { bytes: finished.bytes, slot };
  };

  await mkdir(dir, { recursive: true });
  // Which copies are up to date, then the others stamped. (Stamping in two worker threads was
  // tried: on 2 cores it saved nothing, each worker warming pdf-lib and fontkit up on its own.)
  const todo: { serial: string; recipient: Recipient; who: string; file: string }[] = [];
  for (const { serial: n, recipient } of numbered.copies) {
    const serial = sixDigits(n);
    const who = recipientKey(recipient);
    if (await unchanged(serial, who)) files[serial] = previous.files![serial];
    else todo.push({ serial, recipient, who, file: copyFile(dir, serial) });
  }
  // The master first (Chromium's one page is needed for it), then the ledger's print beside the stamping.
  if (todo.length > 0) {
    master = (await keptMaster()) ?? (await printMaster());
    if (!master) return fail('copies-no-slot');
  }
  // The ledger depends on the list only, not on the copies' bytes: it is printed while the
  // copies are stamped (Chromium works in processes of its own; stamping keeps this one busy).
  const perRecipient = new Map(recipients.map((r) => [recipientKey(r), r.copies]));
  const rows = numbered.copies.map(({ serial: n, recipient }) => ({
    serial: sixDigits(n),
    recipient: recipient.name,
    group: recipient.group,
    copies: perRecipient.get(recipientKey(recipient)) ?? 1,
    file: `${sixDigits(n)}.pdf`,
  }));
  const ledgerTitle = `《${assembled.bulletin.name}》${issue.year}年第${issue.number}期 分发登记表`;
  const ledgerHtml = renderPage(project, opts.server, 'ledger', {
    title: ledgerTitle,
    publisher: assembled.bulletin.publisher,
    bulletin: { name: assembled.bulletin.name },
    issue: { year: issue.year, number: issue.number, dateText: chineseDate(issue.date) },
    count: rows.length,
    rows,
  });
  // What the ledger PDF is made from is its HTML (a workspace template included).
  const ledgerKey = sha256(new TextEncoder().encode(ledgerHtml));
  const pdfFile = path.join(dir, 'ledger.pdf');
  const ledgerKept = !opts.force && previous?.ledger === ledgerKey && (await readFile(pdfFile).catch(() => undefined)) !== undefined;
  const ledgerJob = ledgerKept
    ? undefined
    : printPage(opts.pool, opts.server, ledgerHtml, opts.timeout).then((printed) =>
        finishPdf(printed, { ...info, title: ledgerTitle, headings: [], id: ledgerKey }),
      );
  // Awaited below; until then a failure is held, not reported as unhandled.
  ledgerJob?.catch(() => undefined);

  if (master && todo.length > 0) {
    const { slot } = master;
    const opened = await openMaster(master.bytes);
    // Every copy is stamped (and signed) before any is written: a copy that cannot be made
    // leaves the copies and the ledger of the last run as they were, not half of them new.
    const made: { serial: string; who: string; file: string; bytes: Uint8Array }[] = [];
    for (const { serial, recipient, who, file } of todo) {
      const reason = `《${assembled.bulletin.name}》${issue.year}年第${issue.number}期 第${serial}号`;
      const stamped = await stampCopy(opened, {
        serial,
        recipient: recipient.name,
        slot,
        trace: `briefs 份号 ${serial} ${recipient.group ? `${recipient.group} ` : ''}${recipient.name}`,
        showRecipient: opts.showRecipient,
        idSeed: `${fp}\u0000${serial}\u0000${who}`,
        signature: opts.signer?.field(reason),
      });
      const bytes = opts.signer ? opts.signer.seal(stamped) : stamped;
      made.push({ serial, who, file, bytes });
    }
    for (const { serial, who, file, bytes } of made) {
      await writeAtomic(file, bytes);
      files[serial] = { sha256: sha256(bytes), recipient: who };
      result.stamped++;
    }
  }
  for (const row of rows) {
    result.copies.push({
      issue: issue.id,
      serial: row.serial,
      recipient: row.recipient,
      group: row.group,
      pdf: path.join(dir, row.file),
      sha256: files[row.serial].sha256,
      signed: !!opts.signer,
    });
  }
  // Copies of numbers no longer on the list (a recipient removed, or taking fewer) are removed;
  // their numbers stay given.
  for (const serial of Object.keys(previous?.files ?? {})) if (!files[serial]) await rm(copyFile(dir, serial), { force: true });
  record[issue.id] = {
    serials: numbered.record,
    key,
    files,
    master: master ? { fingerprint: fp, sha256: sha256(master.bytes), slot: master.slot } : previous?.master,
  };

  const csv = [
    ['份号', '单位', '分组', '份数', '文件', 'sha256'].join(','),
    ...rows.map((r) => [r.serial, r.recipient, r.group, r.copies, r.file, files[r.serial].sha256].map(csvField).join(',')),
  ].join('\r\n');
  const csvFile = path.join(dir, 'ledger.csv');
  await writeAtomic(csvFile, `\uFEFF${csv}\r\n`);
  if (ledgerJob) await writeAtomic(pdfFile, (await ledgerJob).bytes);
  record[issue.id].ledger = ledgerKey;
  result.ledger = { csv: csvFile, pdf: pdfFile };
  // As the files are: the first copy carries the PDF/A output intent or does not (a kept copy too).
  const first = result.copies[0] ? await readFile(result.copies[0].pdf).catch(() => undefined) : undefined;
  result.pdfa = first?.includes('/GTS_PDFA1') ? '1b' : null;
  return result;
}

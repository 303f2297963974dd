/**
 * `briefs volume <bulletin> <year>`: every issue of a year in one PDF (合订本), after a cover,
 * the cumulative contents and the indexes by topic and by author. The issues' PDFs are
 * generate's own (an unchanged issue is not printed again); the front matter goes through the
 * same templates and Chromium (templates/layouts/volume.hbs), printed until its page count
 * holds, since the volume pages it lists depend on it. The volume is fingerprinted from the
 * issues' PDFs and the front matter, so a rerun with nothing changed writes nothing.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Diagnostic } from '../messages/diagnostic.js';
import { writeAtomic } from '../files/write-atomic.js';
import { generate } from '../generate/generate.js';
import type { BrowserPool } from '../print/browser.js';
import { pdfDate } from '../print/pdf-date.js';
import type { PrintServer } from '../print/print-server.js';
import { printPage, renderPage } from '../print/print-page.js';
import { sha256 } from '../generate/manifest.js';
import { printFailed } from '../generate/print-problems.js';
import { ofdFile } from '../generate/ofd-file.js';
import { VERSION } from '../version.js';
import { assemble, type Project } from '../workspace/project.js';
import { volumeContents, type PlacedIssue } from './contents.js';
import type { FolioMode } from './folios.js';
import { GOTO, mergeVolume } from './merge.js';
import { volumeFile } from './paths.js';
import { outlinePages } from './read-issue-pdf.js';
import { diagnostic } from '../messages/say.js';

export interface VolumeOptions {
  outDir: string;
  drafts: boolean;
  force: boolean;
  jobs: number;
  timeout: number;
  pool: BrowserPool;
  server: PrintServer;
  /** Overrides the bulletin's volumeFolio. */
  folio?: FolioMode;
  /** Also write the volume's OFD edition beside its PDF. */
  ofd?: boolean;
}

export interface VolumeResult {
  publication: string;
  year: number;
  pdf?: string;
  pages?: number;
  /** '1b' when the volume is PDF/A-1b (all its issues final), else null. */
  pdfa?: '1b' | null;
  /** The OFD edition, and whether this run wrote it. */
  ofd?: string;
  ofdWritten?: boolean;
  issues: { id: string; firstPage: number; lastPage: number }[];
  status: 'made' | 'cached' | 'failed';
  diagnostics: Diagnostic[];
}

const RECORD = '.briefs-volumes.json';

/** What `.briefs-volumes.json` keeps of a volume: its fingerprint, bytes, pages and front matter's length. */
interface VolumeRecord {
  key: string;
  sha256: string;
  pages: number;
  issues: VolumeResult['issues'];
  front?: number;
  pdfa?: '1b' | null;
  /** The SHA-256 of the OFD edition written from this PDF. */
  ofdSha256?: string;
}

export async function makeVolume(project: Project, bulletinId: string, year: number, opts: VolumeOptions): Promise<VolumeResult> {
  const result: VolumeResult = { publication: bulletinId, year, issues: [], status: 'failed', diagnostics: [] };
  const bulletin = project.config.bulletins[bulletinId];
  const folio = opts.folio ?? bulletin.volumeFolio;
  const ofYear = project.issues
    .filter((i) => i.publication === bulletinId && i.year === year)
    .sort((a, b) => Number(a.supplement) - Number(b.supplement) || a.number - b.number);
  const drafts = ofYear.filter((i) => i.status === 'draft');
  if (!opts.drafts)
    for (const d of drafts)
      result.diagnostics.push(diagnostic('volume-draft', { severity: 'error', file: d.file, line: d.lines?.status, field: 'status' }, { id: d.id }));
  // An issue file of the year that cannot be read is not left out quietly: its errors stop the
  // volume (it was bound without the issue, with a warning that said no file was there).
  const folder = path.join(project.config.issues, bulletinId, String(year)).split(path.sep).join('/');
  const yearDir = `${folder}/`;
  const parsed = new Set(project.issues.map((i) => i.file));
  const unreadable = project.diagnostics.filter((d) => d.severity === 'error' && d.file.startsWith(yearDir) && !parsed.has(d.file));
  result.diagnostics.push(...unreadable);
  const regular = ofYear.filter((i) => !i.supplement).map((i) => i.number);
  // A gap is said only when no file of the year is unreadable: that file may be the missing one.
  if (unreadable.length === 0)
    for (let n = 1; n <= Math.max(0, ...regular); n++)
      if (!regular.includes(n))
        result.diagnostics.push(
          diagnostic('volume-missing-number', { severity: 'warning', file: folder }, { number: String(n), n, year, v3: n - 1, v4: n + 1 }),
        );
  if (ofYear.length === 0) {
    result.diagnostics.push(
      diagnostic('volume-empty', { severity: 'error', file: folder }, { year: String(year), v1: bulletin?.name ?? bulletinId, year2: year }),
    );
  }
  if (result.diagnostics.some((d) => d.severity === 'error')) return result;

  // The issues' PDFs, as generate makes them (cached when up to date).
  const printed = await generate(project, ofYear, {
    outDir: opts.outDir,
    html: false,
    jobs: opts.jobs,
    timeout: opts.timeout,
    force: false,
    // Bound only as recorded: a PDF put in an issue's place (its size and time copied) is hashed
    // and printed again, never bound.
    verify: true,
    pool: opts.pool,
    server: opts.server,
  });
  for (const r of printed) result.diagnostics.push(...r.diagnostics);
  if (printed.some((r) => r.status === 'failed' || !r.pdf)) return result;
  const files = await Promise.all(printed.map((r) => readFile(r.pdf!)));
  // Where the articles start, as generate recorded it: the front matter is made from that and
  // printed while the PDFs are parsed, and checked against what they hold before it is used.
  const recorded = ofYear.map((issue, k): PlacedIssue | undefined => {
    const assembled = assemble(project, issue);
    const starts = printed[k].articlePages;
    if (printed[k].pages === undefined || starts?.length !== assembled.articles.length) return undefined;
    return { assembled, pages: printed[k].pages, articlePages: new Map(assembled.articles.map((a, i) => [a.submission.title, starts[i]])) };
  });
  const docs: PDFDocument[] = [];
  const parse = async () => {
    const placed: PlacedIssue[] = [];
    for (const [k, issue] of ofYear.entries()) {
      const doc = await PDFDocument.load(files[k], { updateMetadata: false, parseSpeed: Infinity });
      docs.push(doc);
      placed.push({ assembled: recorded[k]?.assembled ?? assemble(project, issue), pages: doc.getPageCount(), articlePages: outlinePages(doc) });
    }
    return placed;
  };
  let placed: PlacedIssue[] = recorded.every((r) => r !== undefined) ? recorded : await parse();

  // The front matter, printed until its page count holds (the pages it lists depend on it).
  const totals = ofYear.map((i) => i.total).filter((t): t is number => t !== undefined);
  const numbers = ofYear.filter((i) => !i.supplement).map((i) => i.number);
  const html = (front: number, from = placed) => {
    const contents = volumeContents(from, front, folio);
    return {
      contents,
      html: renderPage(project, opts.server, 'volume', {
        title: `《${bulletin.name}》${year}年合订本`,
        publisher: bulletin.publisher,
        bulletin: { name: bulletin.name },
        year,
        range: numbers.length ? `第${Math.min(...numbers)}—${Math.max(...numbers)}期` : '',
        totalRange: totals.length ? `总第${Math.min(...totals)}—${Math.max(...totals)}期` : '',
        contents,
      }),
    };
  };
  const printFront = (source: string) => printPage(opts.pool, opts.server, source, opts.timeout);
  let front = 0;
  let made = html(front);
  // The pages are the PDFs' (their bytes are in the key): the front matter's other inputs are
  // taken with every page left out, so that a record of them, right or wrong, gives one key.
  const unplaced = html(
    0,
    placed.map((p) => ({ ...p, pages: 0, articlePages: new Map<string, number>() })),
  );
  // Archival (PDF/A-1b) when every issue bound is final, unless the config says pdfa: false.
  const archival = drafts.length === 0 && project.config.pdfa !== false;
  const key = sha256(new TextEncoder().encode(JSON.stringify([VERSION, files.map((f) => sha256(f)), unplaced.html, folio, archival])));
  const out = volumeFile(opts.outDir, bulletinId, year);
  const record = await readFile(path.join(opts.outDir, RECORD), 'utf8')
    .then((t) => JSON.parse(t) as Record<string, VolumeRecord>)
    .catch((): Record<string, VolumeRecord> => ({}));
  const known = record[`${bulletinId}/${year}`];
  const existing = await readFile(out).catch(() => undefined);
  /**
   * The OFD edition beside the volume: kept when it is what was written from this PDF, else made
   * from it. When it cannot be made, the PDF and its record stand, ofd-failed is said (an error:
   * the command exits 1), and the next run tries the OFD again, as generate does for an issue.
   */
  const ofd = async (pdf: Uint8Array, entry: VolumeRecord): Promise<Pick<VolumeResult, 'ofd' | 'ofdWritten'>> => {
    if (!opts.ofd) return {};
    const file = out.replace(/\.pdf$/, '.ofd');
    const base = path.basename(file, '.ofd');
    try {
      const made = await ofdFile(
        path.dirname(file),
        base,
        { ofd: `${base}.ofd`, ofdSha256: entry.ofdSha256 },
        { bytes: pdf, file: out, fingerprint: key, date: last.date, issueFile: folder },
        (d) => result.diagnostics.push(d),
      );
      entry.ofdSha256 = made.ofdSha256;
      return { ofd: file, ofdWritten: made.written };
    } catch (cause) {
      result.diagnostics.push(printFailed(cause, folder, 'ofd-failed'));
      return {};
    }
  };
  const last = ofYear[ofYear.length - 1];
  if (!opts.force && known?.key === key && existing && sha256(existing) === known.sha256) {
    const beside = await ofd(existing, known);
    if (beside.ofdWritten) await writeAtomic(path.join(opts.outDir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
    return { ...result, pdf: out, pages: known.pages, issues: known.issues, pdfa: known.pdfa ?? null, ...beside, status: 'cached' };
  }
  // Printed first with the front matter's length guessed (the last run's, or an estimate from
  // its lines), so that one print usually holds; a wrong guess costs a second.
  const c = made.contents;
  // About 33 lines of 小四 at 1.6 to the 225 mm text block; a heading counts as two.
  const perPage = 33;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const estimate =
    1 +
    Math.ceil(sum(c.issues.map((i) => 2 + sum(i.articles.map((a) => 1 + a.lines.length)))) / perPage) +
    (c.topics.length ? Math.ceil(sum(c.topics.map((t) => 2 + sum(t.articles.map((a) => a.indexLines.length)))) / perPage) : 0) +
    Math.ceil(sum(c.authors.map((a) => 1 + sum(a.articles.map((x) => x.indexLines.length)))) / perPage);
  front = known?.front ?? estimate;
  made = html(front);
  let first: Promise<Uint8Array> | undefined;
  if (docs.length === 0) {
    // The first print runs in Chromium while this process parses the PDFs.
    first = printFront(made.html);
    first.catch(() => undefined);
    const parsed = await parse();
    const same = parsed.every((p, k) => p.pages === placed[k].pages && [...placed[k].articlePages].every(([t, n]) => (p.articlePages.get(t) ?? 1) === n));
    placed = parsed;
    if (!same) {
      await first.catch(() => undefined);
      first = undefined;
      made = html(front);
    }
  }
  let frontPdf: Uint8Array = new Uint8Array();
  let linkShift = 0;
  // The links' targets aside, what the front matter prints does not depend on its length (the
  // numbers it shows count from an issue's or the body's first page): when only the targets
  // change, the print stands and the merge moves the links. A workspace template that prints a
  // number that does depend on it is printed again.
  const withoutTargets = (h: string) => h.replaceAll(new RegExp(`${GOTO.replace(/[.]/g, '\\.')}\\d+`, 'g'), GOTO);
  for (let round = 0; round < 4; round++) {
    frontPdf = await (first ?? printFront(made.html));
    first = undefined;
    const pages = (await PDFDocument.load(frontPdf, { updateMetadata: false, parseSpeed: Infinity })).getPageCount();
    if (pages === front) break;
    const next = html(pages);
    const stands = withoutTargets(next.html) === withoutTargets(made.html);
    if (stands) linkShift = pages - front;
    front = pages;
    made = next;
    if (stands) break;
  }
  const { bytes, pages, folioNotFound, pdfa } = await mergeVolume(frontPdf, docs, made.contents, {
    title: `《${bulletin.name}》${year}年合订本`,
    author: bulletin.publisher,
    subject: bulletin.name,
    date: pdfDate(last.date),
    producer: `briefs ${VERSION}`,
    id: key,
    year,
    folio,
    linkShift,
    archival,
  });
  if (folioNotFound.length > 0)
    result.diagnostics.push(
      diagnostic(
        'volume-folio-kept',
        { severity: 'warning', file: folder },
        {
          count: String(folioNotFound.length),
          length: folioNotFound.length,
          v2: folioNotFound.slice(0, 10).join(', '),
          v3: folioNotFound.length > 10 ? ' …' : '',
        },
      ),
    );
  await mkdir(path.dirname(out), { recursive: true });
  await writeAtomic(out, bytes);
  const issues = made.contents.issues.map((i) => ({ id: i.id, firstPage: i.firstPage, lastPage: i.lastPage }));
  const entry: VolumeRecord = { key, sha256: sha256(bytes), pages, issues, front, pdfa };
  const beside = await ofd(bytes, entry);
  record[`${bulletinId}/${year}`] = entry;
  await writeAtomic(path.join(opts.outDir, RECORD), `${JSON.stringify(record, null, 2)}\n`);
  return { ...result, pdf: out, pages, issues, pdfa, ...beside, status: 'made' };
}

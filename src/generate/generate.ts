/**
 * The batch driver: every selected issue is checked and rendered; an issue whose fingerprint
 * matches its PDF is left alone (no browser starts when nothing changed); the others print in
 * the shared browser, at most `jobs` at a time, and are written atomically. An issue that
 * cannot be printed is reported and the others go on; a browser that crashes is started again
 * once and the issues it took down are printed again.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { IssueFile } from '../content/model.js';
import { BriefsError } from '../errors.js';
import { mapLimit } from '../map-limit.js';
import type { BrowserPool } from '../print/browser.js';
import { sweepProfiles } from '../print/profiles.js';
import { PRINT_CSP, createPrintServer, type PrintServer } from '../print/print-server.js';
import { printUrls } from '../print/resources.js';
import { fontFaceCss, fontFile } from '../fonts/css.js';
import { fingerprint } from './fingerprint.js';
import { printFonts } from '../print/print-fonts.js';
import { inputKey, runInputs } from './input-key.js';
import { fileStamp, manifestWriter, readManifest, sha256, stillValid, writeManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { assemble, issueErrors, type Project, type UrlScheme } from '../workspace/project.js';
import { outputBase } from '../workspace/select.js';
import { pdfInfo } from './pdf-info.js';
import { removeOrphans } from './orphans.js';
import { removeStaleTemporaries, writeAtomic } from '../files/write-atomic.js';

import type { GenerateOptions, IssueResult } from './run.js';
import { printIssueHere } from './print-where.js';
import { printFailed, printWarnings } from './print-problems.js';
import { wordEdition } from './word-edition.js';
import { longImageFile } from './long-image-file.js';
import { ofdFile } from './ofd-file.js';

export type { GenerateOptions, IssueResult };

const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src file:; img-src file: data:";

interface Shared {
  project: Project;
  opts: GenerateOptions;
  pool: BrowserPool;
  server: PrintServer;
  manifest: Manifest;
  /** Saves the manifest now (after each PDF). */
  saveManifest: () => Promise<void>;
  /** Called by each issue once, when it will print no more. */
  printed: () => void;
  printFonts: string;
  /** What every issue's HTML is made of besides its own files (input-key.ts). */
  runInputs: string;
  fileUrls: UrlScheme;
  fileFonts: string;
}

export async function generate(project: Project, issues: readonly IssueFile[], opts: GenerateOptions): Promise<IssueResult[]> {
  const pool = opts.pool;
  const fileUrls: UrlScheme = {
    font: (pkg, file) => pathToFileURL(fontFile(pkg, file)).href,
    asset: (rel) => pathToFileURL(path.join(project.config.root, rel)).href,
  };
  // A run killed with -9 could not clean up after itself; this one does, printing or not.
  await removeStaleTemporaries(opts.outDir);
  sweepProfiles();
  const manifest = await readManifest(opts.outDir);
  const server = opts.server ?? createPrintServer(project.config.root);
  // The print's HTML imports the rules from the server, by their hash (print/print-fonts.ts).
  const fonts = printFonts(project, server);
  const shared: Shared = {
    project,
    opts,
    pool,
    server,
    manifest,
    saveManifest: manifestWriter(opts.outDir, manifest),
    printed: countdown(issues.length, () => opts.printsDone?.()),
    printFonts: fonts,
    runInputs: runInputs(project, fonts),
    fileUrls,
    fileFonts: opts.html ? fontFaceCss(fileUrls, project.fonts) : '',
  };
  try {
    // Each issue is rendered when a slot frees up, so memory holds `jobs` documents, not all of them.
    const results = await mapLimit(issues, Math.max(1, opts.jobs), (issue) => generateOne(shared, issue));
    if (opts.signal?.aborted) return results;
    return [...results, ...(await removeOrphans(project, manifest, opts.outDir, opts.onResult))];
  } finally {
    if (!opts.server) await server.close();
    await writeManifest(opts.outDir, manifest).catch(() => undefined);
  }
}

async function generateOne(s: Shared, issue: IssueFile): Promise<IssueResult> {
  const { project, opts, pool, manifest } = s;
  const started = Date.now();
  const result: IssueResult = {
    id: issue.id,
    publication: issue.publication,
    year: issue.year,
    number: issue.number,
    supplement: issue.supplement,
    ms: 0,
    status: 'failed',
    diagnostics: [],
  };
  // Every way out of here goes through done(); a printed issue says so as soon as its print is in.
  let printing = true;
  const printOver = () => {
    if (printing) s.printed();
    printing = false;
  };
  /** Whether the OFD edition asked for could not be made (the PDF stands). */
  let ofdFailed = false;
  const done = (r: IssueResult) => {
    printOver();
    if (ofdFailed) r.status = 'failed';
    r.ms = Date.now() - started;
    opts.onResult?.(r);
    return r;
  };
  if (opts.signal?.aborted) return done(result);
  const assembled = assemble(project, issue);
  const base = outputBase(issue);
  const known = manifest[issue.id];
  /** The Word edition, written when asked and not already there as recorded. */
  const docx = async (entry: ManifestEntry | undefined): Promise<Pick<ManifestEntry, 'docx' | 'docxSha256'>> => {
    if (!opts.docx) return {};
    result.docx = path.join(opts.outDir, `${base}.docx`);
    const { written, ...made } = await wordEdition(project, assembled, opts.outDir, base, entry, (d) => result.diagnostics.push(d));
    result.docxWritten = written;
    return made;
  };
  /** The long image, written when asked and not already there as recorded (before the browser may close). */
  const png = async (
    entry: ManifestEntry | undefined,
    pdf: { bytes?: Uint8Array; file: string; pages: number },
  ): Promise<Pick<ManifestEntry, 'png' | 'pngSha256'>> => {
    if (!opts.png) return {};
    result.png = path.join(opts.outDir, `${base}.png`);
    const { written, ...made } = await longImageFile(pool, opts.outDir, base, entry, pdf);
    result.pngWritten = written;
    return made;
  };
  /** The OFD edition, made from the PDF, written when asked and not already there as recorded. */
  const ofd = async (
    entry: ManifestEntry | undefined,
    pdf: { bytes?: Uint8Array; file: string; fingerprint: string },
  ): Promise<Pick<ManifestEntry, 'ofd' | 'ofdSha256'>> => {
    if (!opts.ofd) return {};
    try {
      const { written, ...made } = await ofdFile(opts.outDir, base, entry, { ...pdf, date: issue.date, issueFile: issue.file }, (d) =>
        result.diagnostics.push(d),
      );
      result.ofd = path.join(opts.outDir, `${base}.ofd`);
      result.ofdWritten = written;
      return made;
    } catch (cause) {
      // The PDF stands and is recorded; the issue counts as failed, and the next run tries the OFD again.
      result.diagnostics.push(printFailed(cause, issue.file, 'ofd-failed'));
      ofdFailed = true;
      return {};
    }
  };
  /** Up to date: the files as recorded. */
  const cached = async (entry: ManifestEntry) => {
    entry.file = issue.file;
    if (opts.docx || opts.png || opts.ofd) {
      // The manifest is written again only when an edition beside the PDF was (a rerun writes nothing).
      const pdfFile = path.join(opts.outDir, entry.pdf);
      const made = {
        ...(await docx(entry)),
        ...(await png(entry, { file: pdfFile, pages: entry.pages })),
        ...(await ofd(entry, { file: pdfFile, fingerprint: entry.fingerprint })),
      };
      if ((Object.keys(made) as (keyof typeof made)[]).some((k) => made[k] !== entry[k])) {
        Object.assign(entry, made);
        await s.saveManifest();
      }
    }
    return done({
      ...result,
      pdfa: entry.pdfa ?? null,
      status: 'cached',
      pdf: path.join(opts.outDir, entry.pdf),
      html: entry.html && path.join(opts.outDir, entry.html),
      pages: entry.pages,
      articlePages: entry.articlePages,
      bytes: entry.bytes,
    });
  };

  // Nothing the HTML is made of has changed, its files have no errors, and its PDF is as
  // recorded: up to date without rendering, and the render's problems said again as recorded.
  // A final issue is printed archival (PDF/A-1b) unless the config says pdfa: false.
  const archival = issue.status === 'final' && project.config.pdfa !== false;
  if (!opts.force && known?.inputs && known.images && known.notes && Boolean(known.archival) === archival && issueErrors(project, issue).length === 0) {
    if (
      (await inputKey(project, s.runInputs, assembled, known.images)) === known.inputs &&
      (await stillValid(opts.outDir, known, known.fingerprint, opts.html, opts.verify))
    ) {
      result.diagnostics = [...known.notes];
      return cached(known);
    }
  }

  // Loaded on the first render: a run with nothing changed renders nothing.
  const { renderIssue } = await import('../workspace/render-issue.js');
  const asked = new Set<string>();
  const assetProblem = (rel: string) => {
    asked.add(rel);
    return project.assetProblem(rel);
  };
  const rendered = renderIssue(project, assembled, printUrls, s.printFonts, { csp: PRINT_CSP, assetProblem });
  result.diagnostics = [...rendered.diagnostics];
  if (issueErrors(project, issue, rendered.diagnostics).length > 0) return done(result);
  const images = [...asked].sort();
  const inputs = { inputs: await inputKey(project, s.runInputs, assembled, images), images, notes: rendered.diagnostics };

  const info = { ...pdfInfo(assembled, rendered.title), archival };
  const fp = await fingerprint(rendered.source({ marks: true }), project.config.root, info);
  if (!opts.force && (await stillValid(opts.outDir, known, fp, opts.html, opts.verify))) {
    // Recorded for the next run (a manifest from before the key, or an edit that prints the same).
    if (known.inputs !== inputs.inputs || JSON.stringify([known.images, known.notes]) !== JSON.stringify([images, inputs.notes])) {
      Object.assign(known, inputs);
      await s.saveManifest();
    }
    return cached(known);
  }

  try {
    // Done with the browser once printed, unless it is to draw the long image too.
    const finished = await printIssueHere(
      { resident: opts.resident, pool, server: s.server, timeout: opts.timeout },
      rendered.html({ marks: true }),
      { ...info, id: fp },
      () => {
        if (!opts.png) printOver();
      },
    );
    result.diagnostics.push(...printWarnings(finished, issue.file));
    const pdf = path.join(opts.outDir, `${base}.pdf`);
    await writeAtomic(pdf, finished.bytes);
    // The long image is drawn by the browser: before this issue lets it close.
    const image = await png(undefined, { bytes: finished.bytes, file: pdf, pages: finished.pages });
    printOver();
    Object.assign(result, {
      pdf,
      pdfa: finished.pdfa,
      pages: finished.pages,
      articlePages: finished.layout.articlePages,
      bytes: finished.bytes.length,
      prints: finished.prints,
      printer: finished.printer,
    });
    if (opts.html) {
      // Its own render: image and font URLs point at files, not at the print origin.
      const html = renderIssue(project, assembled, s.fileUrls, s.fileFonts, { csp: FILE_CSP }).html({ layout: finished.layout });
      result.html = path.join(opts.outDir, `${base}.html`);
      await writeAtomic(result.html, html);
    }
    manifest[issue.id] = {
      fingerprint: fp,
      file: issue.file,
      pdf: `${base}.pdf`,
      bytes: finished.bytes.length,
      sha256: sha256(finished.bytes),
      // The file as it stands now: an unchanged size and stamp skip the hash on the next run.
      stamp: fileStamp(await stat(pdf)),
      pages: finished.pages,
      articlePages: finished.layout.articlePages,
      ...(archival ? { archival } : {}),
      pdfa: finished.pdfa,
      ...(opts.html ? { html: `${base}.html` } : {}),
      ...(await docx(undefined)),
      ...(await ofd(undefined, { bytes: finished.bytes, file: pdf, fingerprint: fp })),
      ...image,
      ...inputs,
    };
    await s.saveManifest();
    result.status = 'printed';
  } catch (cause) {
    // Interrupted: the browser was closed under this print on purpose.
    if (opts.signal?.aborted) return done(result);
    // No browser, or one that will not start: nothing can print, so the run ends (exit 2).
    if (cause instanceof BriefsError && cause.exitCode === 2) throw cause;
    result.diagnostics.push(printFailed(cause, issue.file));
  }
  return done(result);
}

/** A function that calls `then` on its n-th call (at once when n is 0). */
function countdown(n: number, then: () => void): () => void {
  if (n === 0) then();
  return () => {
    if (--n === 0) then();
  };
}

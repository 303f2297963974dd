/**
 * Everything a command needs to know about a workspace, read once: the content, the
 * cross-file checks, the templates. validate, generate and preview all start here.
 */
import { assetChecker, type AssetProblem } from '../files/images.js';
import path from 'node:path';
import { assembleIssue, type AssembledIssue } from '../assemble/issue.js';
import { crossCheck, submissionIds } from '../assemble/cross-check.js';
import { placeholderChecks } from '../assemble/placeholders.js';
import type { Config } from '../config/types.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import type { HeldText, IssueFile, Submission } from '../content/model.js';
import { loadWorkspace, type ParseMemo } from '../content/workspace.js';
import { loadTemplates, type TemplateSet } from '../render/template-files.js';
import { checkText } from '../content/checks.js';
import { checkGlyphs, type PrintedText } from '../fonts/glyph-check.js';
import type { Coverage } from '../fonts/coverage.js';
import { loadFallbackFaces, type FallbackFace } from '../fonts/fallback.js';
import { FONT_VERSIONS, fontCoverage, SHIPPED } from '../fonts/css.js';
import { keptCoverage } from '../fonts/coverage-cache.js';
import { loadOfficeFonts, type OfficeFace, type RoleFace } from '../fonts/office.js';
import type { FontConfig } from '../config/types.js';

export interface Project {
  config: Config;
  submissions: Submission[];
  byId: Map<string, Submission>;
  issues: IssueFile[];
  files: { submissions: number; issues: number };
  /** Problems of single files and across files. */
  diagnostics: Diagnostic[];
  templates: TemplateSet;
  /** The fallback faces found on this machine, the office's own faces, how each role prints, and what all the faces served can print. */
  fonts: { fallback: FallbackFace[]; office: OfficeFace[]; roles: Record<keyof FontConfig, RoleFace>; coverage: Coverage };
  /** Submission files with errors of their own, by the id they claim. */
  unusable: Map<string, string>;
  /** What keeps a workspace image from printing: each image checked (read, measured) once a project. */
  assetProblem: (rel: string) => AssetProblem | undefined;
}

export interface LoadOptions {
  /**
   * Render every submission's Markdown to find its problems (default). generate turns it off:
   * it renders the submissions of the issues it prints anyway, and reports what that finds.
   */
  markdownChecks?: boolean;
  /** Files parsed before, by path and text. */
  memo?: ParseMemo;
}

export async function loadProject(config: Config, opts: LoadOptions = {}): Promise<Project> {
  const [ws, fallback, office] = await Promise.all([loadWorkspace(config, opts.memo), loadFallbackFaces(), loadOfficeFonts(config, SHIPPED)]);
  const coverage = await keptCoverage(FONT_VERSIONS, fallback, office.faces, () => fontCoverage(fallback, office.faces));
  const fonts = { fallback, office: office.faces, roles: office.roles, coverage };
  const assetProblem = assetChecker(config.root);
  const diagnostics = [
    ...office.diagnostics,
    ...ws.diagnostics,
    ...crossCheck(ws.submissions, ws.issues, ws.unusable, Object.fromEntries(Object.values(config.bulletins).map((b) => [b.id, b.name]))),
    ...placeholderChecks(ws.submissions, ws.issues),
    ...(await contentChecks(config, [...ws.submissions, ...ws.held], ws.issues, opts.markdownChecks !== false, assetProblem)),
    ...checkGlyphs(printedTexts(ws.submissions, ws.issues), fonts.coverage),
  ];
  const templates = await loadTemplates(path.join(config.root, config.templates));
  // A duplicated id stands for no submission: the issues that name it do not print.
  const { byId } = submissionIds(ws.submissions);
  return {
    config,
    submissions: ws.submissions,
    byId,
    issues: ws.issues,
    files: ws.files,
    diagnostics,
    templates,
    fonts,
    unusable: ws.unusable,
    assetProblem,
  };
}

/** Every text of a submission or issue file that is printed, with where it stands in its file. */
function printedTexts(submissions: readonly Submission[], issues: readonly IssueFile[]): PrintedText[] {
  const out: PrintedText[] = [];
  for (const s of submissions) {
    const at = (field: string) => s.lines?.[field];
    out.push({ file: s.file, text: s.title, line: at('title'), field: 'title' });
    if (s.topic) out.push({ file: s.file, text: s.topic, line: at('topic'), field: 'topic' });
    for (const a of s.authors)
      out.push({ file: s.file, text: [a.name, a.title, a.affiliation].filter(Boolean).join(' '), line: at('authors'), field: 'authors' });
    out.push({ file: s.file, text: s.body, line: s.bodyLine });
  }
  for (const i of issues) {
    const at = (field: string) => i.lines?.[field];
    out.push({ file: i.file, text: i.note, line: i.noteLine });
    for (const k of ['报', '送', '发'] as const)
      for (const r of i.distribution[k]) out.push({ file: i.file, text: r, line: at('distribution'), field: 'distribution' });
    for (const field of ['editor', 'approver', 'classification'] as const) {
      const v = i[field];
      if (v) out.push({ file: i.file, text: v, line: at(field), field });
    }
  }
  return out;
}

/**
 * What `validate` says about the text of every submission and editor's note, whether or not it
 * is in an issue yet: length, punctuation, quotes, and what rendering its Markdown finds (missing
 * or outside images, removed HTML, refused links).
 */
async function contentChecks(
  config: Config,
  submissions: readonly HeldText[],
  issues: readonly IssueFile[],
  markdown: boolean,
  assetProblem: (rel: string) => AssetProblem | undefined,
): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  let render: ((markdown: string, file: string, firstLine: number) => void) | undefined;
  if (markdown) {
    // marked and sanitize-html are loaded only by the runs that render here (validate, not generate).
    const [{ checkMarkdown }, { resolveImage }] = await Promise.all([import('../render/markdown.js'), import('../render/document.js')]);
    render = (markdown, file, firstLine) =>
      checkMarkdown({ markdown, file, firstLine, resolveImage: (src) => resolveImage(config, file, src, { assetProblem, assetUrl: (rel) => rel }) }, out);
  }
  for (const s of submissions) {
    out.push(...checkText({ file: s.file, body: s.body, bodyLine: s.bodyLine }, s.publication === undefined ? undefined : config.bulletins[s.publication]));
    render?.(s.body, s.file, s.bodyLine);
  }
  if (render) for (const i of issues) if (i.note.trim()) render(i.note, i.file, i.noteLine);
  return out;
}

export function assemble(project: Project, issue: IssueFile): AssembledIssue {
  return assembleIssue(issue, project.config.bulletins[issue.publication], project.byId);
}

/**
 * The files an issue is made of: its own file and its submissions'. A submission that could
 * not be used stands in by the id it claims, so its problems show with the issue that needs it.
 */
export function filesOf(project: Project, issue: IssueFile): Set<string> {
  const files = new Set([issue.file]);
  for (const id of issue.submissions) {
    const s = project.byId.get(id);
    if (s) files.add(s.file);
    else if (project.unusable.has(id)) files.add(project.unusable.get(id)!);
  }
  return files;
}

/** Problems that stop this issue from printing: errors in its files. */
export function issueErrors(project: Project, issue: IssueFile, extra: readonly Diagnostic[] = []): Diagnostic[] {
  const files = filesOf(project, issue);
  return [...project.diagnostics, ...extra].filter((d) => d.severity === 'error' && files.has(d.file));
}

export interface UrlScheme {
  font(pkg: string, file: string): string;
  asset(rel: string): string;
}

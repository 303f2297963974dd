/**
 * Rendering a project's issues to HTML: the Handlebars environment of its templates and
 * renderIssue. Kept apart from project.ts so that reading a workspace does not load Handlebars,
 * marked and sanitize-html (about 80 ms): a generate run with nothing changed never renders.
 */
import type { AssembledIssue } from '../assemble/issue.js';
import { renderIssueHtml, type RenderOptions, type RenderedIssue } from '../render/document.js';
import { createEnvironment, type TemplateEnvironment } from '../render/environment.js';
import type { Project, UrlScheme } from './project.js';

const environments = new WeakMap<Project, TemplateEnvironment>();

/** The project's templates, compiled on first use, once a project. */
export function environmentOf(project: Project): TemplateEnvironment {
  let env = environments.get(project);
  if (!env) {
    env = createEnvironment(project.templates);
    environments.set(project, env);
  }
  return env;
}

export function renderIssue(
  project: Project,
  a: AssembledIssue,
  urls: UrlScheme,
  fontFaces: string,
  extra: Pick<RenderOptions, 'headExtra' | 'csp' | 'proof' | 'copyMaster'> & Partial<Pick<RenderOptions, 'assetProblem'>> = {},
): RenderedIssue {
  return renderIssueHtml(a, {
    config: project.config,
    env: environmentOf(project),
    fontFaces,
    assetUrl: (rel: string) => urls.asset(rel),
    ...extra,
    // The project's check of workspace images, or the caller's (generate records which were asked about).
    assetProblem: extra.assetProblem ?? project.assetProblem,
  });
}

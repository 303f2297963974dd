/**
 * A Handlebars environment of its own (never the global one) with the bulletin helpers and the
 * partials of a TemplateSet. Every value is escaped by Handlebars; only HTML that briefs made
 * itself (sanitised Markdown) is inserted with triple braces.
 */
import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import { BriefsError } from '../errors.js';
import { chineseDate, chineseNumeral, serialNumber } from './chinese.js';
import type { TemplateSet } from './template-files.js';

export interface TemplateEnvironment {
  render(layout: string, context: object): string;
  styles: Record<string, string>;
  /** A hash of every layout, partial and style: what render's output depends on besides the context. */
  digest: string;
}

function registerHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('cnDate', (iso: unknown) => (typeof iso === 'string' ? chineseDate(iso) : ''));
  hb.registerHelper('cnNumber', (n: unknown) => (typeof n === 'number' ? chineseNumeral(n) : ''));
  hb.registerHelper('serial', (n: unknown) => (typeof n === 'number' ? serialNumber(n) : ''));
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : '、') : ''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

export function createEnvironment(set: TemplateSet): TemplateEnvironment {
  const hb = Handlebars.create();
  registerHelpers(hb);
  for (const [name, source] of Object.entries(set.partials)) hb.registerPartial(name, source);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  const digest = createHash('sha256')
    .update(JSON.stringify([set.layouts, set.partials, set.styles]))
    .digest('hex');
  return {
    styles: set.styles,
    digest,
    render(layout, context) {
      let template = compiled.get(layout);
      if (!template) {
        const source = set.layouts[layout];
        if (source === undefined) {
          throw new BriefsError('template-missing', `there is no layout "${layout}"`, {
            hint: `add templates/layouts/${layout}.hbs to the workspace, or set the bulletin's layout to one of: ${Object.keys(set.layouts).join(', ')}`,
          });
        }
        template = hb.compile(source, { strict: false });
        compiled.set(layout, template);
      }
      try {
        return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
      } catch (cause) {
        throw new BriefsError('template-error', `the layout "${layout}" cannot be rendered: ${(cause as Error).message}`, {
          hint: 'check the template files in templates/',
          cause,
        });
      }
    },
  };
}

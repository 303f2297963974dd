/**
 * The rendered HTML of each Markdown block goes through sanitize-html (htmlparser2 underneath),
 * never the Markdown text: code spans and code blocks are already escaped text by then, so a
 * `<style>` written as code prints as written. Each block is sanitised on its own, so tags are
 * balanced within it: an unclosed <b> ends with its paragraph, an unclosed <script> swallows
 * at most its own block, and nothing an article holds can reach the markup outside it.
 *
 * The allow-list is what marked and its footnote extension write, plus a few inline tags an
 * expert may type. Attributes are checked here per tag, so the warning names exactly what went.
 */
import sanitize from 'sanitize-html';

/** Inline tags an expert may write as raw HTML, besides what Markdown itself produces. */
const INLINE = ['b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'sub', 'sup', 'br', 'small', 'mark', 'code'];
/** What marked and marked-footnote write (headings are h4–h6: see markdown.ts). */
const BLOCK = [
  'p',
  'hr',
  'h2',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'a',
  'img',
  'figure',
  'figcaption',
  'section',
];
const ALLOWED_TAGS = [...new Set([...INLINE, ...BLOCK])];

/** Elements whose text is dropped with them: their contents are code, styles or form state, never prose. */
const NON_TEXT = [
  'script',
  'style',
  'textarea',
  'option',
  'xmp',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'title',
  'template',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'select',
  'frameset',
  'frame',
  'plaintext',
];

const CLASSES: Record<string, RegExp> = {
  h4: /^(heading|level-[1-4])$/,
  h5: /^(heading|level-[1-4])$/,
  h6: /^(heading|level-[1-4])$/,
  figure: /^figure$/,
  section: /^footnotes$/,
  h2: /^sr-only$/,
};

export interface SanitizeContext {
  /** Every id an article defines starts with this, e.g. "a2-". */
  idPrefix: string;
  /** Image URLs that the Markdown renderer resolved itself; any other <img> is removed. */
  images: ReadonlySet<string>;
}

export interface SanitizeResult {
  html: string;
  /** Tags and attributes that were removed, e.g. "<script>", "onclick=": for a warning. */
  removed: string[];
}

/**
 * Links may lead to the web, to mail, or within the issue; never to briefs.invalid, where the
 * templates' print marks point: a submission's link there would be read back as a mark and
 * move the contents' page numbers.
 */
export function safeHref(href: string): boolean {
  const h = href.trim();
  if (/^https?:\/\/(?:[^/?#]*@)?(?:[^/?#:]*\.)?briefs\.invalid\.?(?:[:/?#]|$)/i.test(h)) return false;
  return /^(https?:|mailto:|#)/i.test(h);
}

function keepAttribute(tag: string, name: string, value: string, ctx: SanitizeContext): boolean {
  if (name === 'id') return value.startsWith(ctx.idPrefix) && /^[\w-]+$/.test(value);
  if (name === 'class' && tag !== 'code') return CLASSES[tag] !== undefined && value.split(/\s+/).every((c) => CLASSES[tag].test(c));
  switch (tag) {
    case 'a':
      if (name === 'href') return safeHref(value);
      // marked-footnote's data-<prefix>ref / backref and its accessible names.
      return /^data-[\w-]*(?:ref|backref)$/.test(name) || name === 'aria-describedby' || name === 'aria-label';
    case 'img':
      if (name === 'src') return ctx.images.has(value);
      return name === 'alt';
    case 'code':
      return name === 'class' && /^language-[\w+#-]{1,40}$/.test(value);
    case 'ol':
      return name === 'start' && /^\d{1,6}$/.test(value);
    case 'td':
    case 'th':
      return name === 'align' && /^(left|center|right)$/.test(value);
    case 'section':
      return /^data-[\w-]*footnotes$/.test(name);
    default:
      return false;
  }
}

export function sanitizeBlock(html: string, ctx: SanitizeContext): SanitizeResult {
  const removed = new Set<string>();
  const out = sanitize(html, {
    allowedTags: ALLOWED_TAGS,
    // Checked in transformTags below; sanitize-html's own list is the same names, a second fence.
    allowedAttributes: {
      '*': ['id', 'class'],
      a: ['href', 'data-*', 'aria-describedby', 'aria-label'],
      img: ['src', 'alt'],
      ol: ['start'],
      td: ['align'],
      th: ['align'],
      section: ['data-*'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    // Images are checked against the renderer's own URLs above; --html writes them as file: URLs.
    allowedSchemesByTag: { img: ['file'] },
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    nonTextTags: NON_TEXT,
    disallowedTagsMode: 'discard',
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
    transformTags: {
      '*': (tagName, attribs) => {
        if (!ALLOWED_TAGS.includes(tagName)) {
          removed.add(`<${tagName}>`);
          return { tagName, attribs };
        }
        // An image that no Markdown image produced goes whole (see exclusiveFilter): say so once.
        if (tagName === 'img' && !ctx.images.has(attribs.src ?? '')) {
          removed.add('<img>');
          return { tagName, attribs: {} };
        }
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(attribs)) {
          if (keepAttribute(tagName, name, value, ctx)) kept[name] = value;
          else removed.add(`${name}=`);
        }
        return { tagName, attribs: kept };
      },
    },
    // An image that no Markdown image produced is dropped whole, not left as an empty frame.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
  return { html: out, removed: [...removed] };
}

export function escapeText(s: string): string {
  return s
    .replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Tags that never hold content, so never count as open. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * How deep a block's tags nest, counting a tag left open as open to the end: a linear scan run
 * before sanitize-html, whose parser (htmlparser2) keeps open tags with Array.unshift and so
 * takes time quadratic in the depth (320,000 unclosed <b> took 34 s). No real text nests a
 * hundred deep; the caller refuses a block past MAX_TAG_DEPTH.
 */
export function tagDepth(html: string): number {
  let depth = 0;
  let max = 0;
  // [^<>]* stops at the next bracket, so each match attempt is short and the scan linear.
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3].endsWith('/') && !VOID.has(m[2].toLowerCase())) max = Math.max(max, ++depth);
  }
  return max;
}

export const MAX_TAG_DEPTH = 1000;

/**
 * Raw HTML in a submission goes through an allow-list. The output is rebuilt, never copied:
 * an allowed tag is written anew without attributes, everything else is escaped text, so no
 * attribute, script or URL can pass through however the input is crafted. The contents of
 * dangerous elements (script, style, iframe …) are dropped with them. Only inline tags are
 * allowed: a stray </div> could otherwise close the layout's own blocks.
 */
const ALLOWED = new Set(['b', 'strong', 'i', 'em', 'u', 's', 'del', 'ins', 'sub', 'sup', 'br', 'small', 'mark']);
const VOID = new Set(['br']);
const DROP_WITH_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'form', 'template', 'noscript', 'textarea', 'select', 'svg', 'math', 'frameset', 'frame', 'applet', 'noembed', 'title', 'xmp']);

export interface SanitizeResult {
  html: string;
  /** Tags or attributes that were removed, for a warning. */
  removed: string[];
}

export function sanitizeHtml(input: string): SanitizeResult {
  const removed = new Set<string>();
  let out = '';
  let i = 0;
  let dropping: string | undefined;
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt === -1) {
      if (!dropping) out += escapeText(input.slice(i));
      break;
    }
    if (!dropping) out += escapeText(input.slice(i, lt));
    tag.lastIndex = lt;
    const m = tag.exec(input);
    if (!m) {
      if (!dropping) out += '&lt;';
      i = lt + 1;
      continue;
    }
    i = tag.lastIndex;
    if (m[2] === undefined) continue; // a comment
    const closing = m[1] === '/';
    const name = m[2].toLowerCase();
    if (dropping) {
      if (closing && name === dropping) dropping = undefined;
      continue;
    }
    if (DROP_WITH_CONTENT.has(name)) {
      if (!closing) removed.add(`<${name}>`);
      if (!closing && !/\/\s*$/.test(m[3])) dropping = name;
      continue;
    }
    if (!ALLOWED.has(name)) {
      if (!closing) removed.add(`<${name}>`);
      continue;
    }
    const attrs = m[3].trim().replace(/\/$/, '').trim();
    if (attrs !== '' && !closing) {
      for (const a of attrs.matchAll(/([^\s=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|\S+))?/g)) removed.add(`${a[1].toLowerCase()}=`);
    }
    if (closing) {
      if (!VOID.has(name)) out += `</${name}>`;
    } else out += `<${name}>`;
  }
  return { html: out, removed: [...removed] };
}

const DROP_PATTERN = new RegExp(`<(${[...DROP_WITH_CONTENT].join('|')})\\b[^>]*>[\\s\\S]*?(?:</\\1\\s*>|(?=\\n[ \\t]*\\n)|$)`, 'gi');

/**
 * Removes dangerous elements with everything inside them from Markdown source, before marked
 * splits it into tokens: inline, <script>alert(1)</script> arrives as three tokens, and the
 * text between the tags would otherwise print. Fenced code blocks are left as they are.
 * An element left open ends at the next blank line, so one typo cannot swallow the rest.
 * Calls `removed` with the element and its offset in the source.
 */
export function stripDangerousElements(markdown: string, removed: (element: string, offset: number) => void): string {
  let offset = 0;
  return markdown
    .split(/(^(?:```|~~~)[^\n]*\n[\s\S]*?^(?:```|~~~)[^\n]*$)/m)
    .map((part, i) => {
      const start = offset;
      offset += part.length;
      if (i % 2 === 1) return part;
      return part.replace(DROP_PATTERN, (m: string, name: string, at: number) => {
        removed(`<${name.toLowerCase()}>`, start + at);
        return '';
      });
    })
    .join('');
}

export function escapeText(s: string): string {
  return s.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

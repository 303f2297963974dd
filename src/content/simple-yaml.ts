/**
 * The front matter most files have, read without a YAML parser: `key: value` lines, lists
 * (`- item`, `[a, b]`), the maps of a list (`- name: …` over several lines, `- {name: …}`) and
 * one level of nested map (distribution's 报/送/发). The `yaml` package took 1.4 s of a 3.8 s
 * validate of 15,000 files; this reads the same files in about a tenth of that.
 *
 * It reads only what it is sure of and says `undefined` for anything else (block scalars,
 * anchors, tags, comments after values, escapes, multi-line values, repeated keys, hex or
 * octal numbers, a stray colon …), which the full parser then reads, with its errors and their
 * places. Where it answers, it answers as `yaml` with the 1.2 core schema would: the same
 * values (numbers, booleans and null resolved alike, dates left as strings) and the same
 * places of keys and list items. test/unit/simple-yaml.test.ts holds it to that.
 */
/** A place in a file: its line and column, from 1. */
export interface Position {
  line: number;
  column: number;
}

export interface SimpleYaml {
  data: Record<string, unknown>;
  positions: Map<string, Position>;
}

/** Not simple: the caller asks the full parser. */
class NotSimple extends Error {}
function no(): never {
  throw new NotSimple();
}

const KEY = /^([^\s#'"{}[\],&*!|>%@`?:-][^\s#'"{}[\],&*!|>%@`?:]*):(?: +|$)/u;
const INT = /^[-+]?\d+$/;
const FLOAT = /^[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?$/;
/** Plain scalars the core schema reads as something not handled here (hex, octal, .inf, .nan). */
const OTHER = /^(?:[-+]?0[xXoO]|[-+]?\.(?:inf|Inf|INF)$|\.(?:nan|NaN|NAN)$)/;

/** A plain scalar's value under the core schema. */
function resolve(s: string): unknown {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (OTHER.test(s)) no();
  if (INT.test(s)) {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : no();
  }
  if (FLOAT.test(s)) return Number(s);
  return s;
}

/** A plain scalar in block context: no indicator first, no ": " or " #" inside. */
function plainBlock(s: string): unknown {
  // "-3" is a plain scalar; "- x" would be a list.
  if (/^(?:[?:,[\]{}#&*!|>'"%@`]|-(?:\s|$))/.test(s) || /:(?:\s|$)| #|\t/.test(s)) no();
  return resolve(s);
}

/** One value written on a key's line (or after "- "): quoted, flow list, flow map or plain. */
function inlineValue(text: string, col: number, at: (col: number) => Position, itemPositions?: Position[]): unknown {
  const s = text.trimEnd();
  if (s.startsWith('"')) {
    if (!/^"[^"\\]*"$/.test(s)) no();
    return s.slice(1, -1);
  }
  if (s.startsWith("'")) {
    if (!/^'(?:[^']|'')*'$/.test(s)) no();
    return s.slice(1, -1).replace(/''/g, "'");
  }
  if (s.startsWith('[')) return flowSeq(s, col, at, itemPositions);
  if (s.startsWith('{')) return flowMap(s);
  return plainBlock(s);
}

/** A flow scalar: quoted, or plain without flow indicators. */
function flowScalar(raw: string): unknown {
  const s = raw.trim();
  if (s.startsWith('"') || s.startsWith("'")) return inlineValue(s, 0, () => ({ line: 0, column: 0 }));
  if (s === '' || /[[\]{},]|:(?:\s|$)| #|\t/.test(s) || /^[-?:#&*!|>%@`]/.test(s)) no();
  return resolve(s);
}

/** Splits a flow collection's inside at commas, quotes respected; no nested collections. */
function flowItems(inner: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  let quote = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === ']' || c === '{' || c === '}') no();
    else if (c === ',') {
      out.push({ text: inner.slice(start, i), start });
      start = i + 1;
    }
  }
  if (quote) no();
  const last = inner.slice(start);
  if (last.trim() !== '' || out.length > 0) out.push({ text: last, start });
  // Empty items ("[a, , b]", or a trailing comma) are left to the full parser.
  if (out.some((item) => item.text.trim() === '')) no();
  return out;
}

function flowSeq(s: string, col: number, at: (col: number) => Position, itemPositions?: Position[]): unknown[] {
  if (!s.endsWith(']')) no();
  const inner = s.slice(1, -1);
  return flowItems(inner).map((item) => {
    const lead = item.text.length - item.text.trimStart().length;
    itemPositions?.push(at(col + 1 + item.start + lead));
    return flowScalar(item.text);
  });
}

function flowMap(s: string): Record<string, unknown> {
  if (!s.endsWith('}')) no();
  const out: Record<string, unknown> = {};
  for (const item of flowItems(s.slice(1, -1))) {
    const m = /^\s*([^\s'"{}[\],:#&*!|>%@`?-][^'"{}[\],:#]*?)\s*:(?:\s+|$)(.*)$/u.exec(item.text);
    if (!m) no();
    const key = m[1];
    if (key in out || key === '__proto__' || typeof resolve(key) !== 'string') no();
    out[key] = m[2].trim() === '' ? null : flowScalar(m[2]);
  }
  return out;
}

interface Line {
  /** 1-based line in the YAML text. */
  n: number;
  indent: number;
  text: string;
}

/**
 * Reads `source` (the YAML between the fences) as `yaml`'s parseDocument would, or returns
 * undefined. Positions are 1-based within `source`; the caller adds the fence's line.
 */
export function parseSimpleYaml(source: string): SimpleYaml | undefined {
  try {
    return read(source);
  } catch (e) {
    if (e instanceof NotSimple) return undefined;
    throw e;
  }
}

function read(source: string): SimpleYaml {
  const lines: Line[] = [];
  source.split('\n').forEach((raw, i) => {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Tabs and control characters (reported elsewhere, with their place) go to the full parser.
    if (/[\p{Cc}\ufeff]/u.test(text)) no();
    const trimmed = text.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(text) || /^%/.test(text)) no();
    lines.push({ n: i + 1, indent: text.length - trimmed.length, text: trimmed });
  });
  const data: Record<string, unknown> = {};
  const positions = new Map<string, Position>();
  let i = 0;

  /** `key: value` at this line, with the value's column; or no. */
  const keyOf = (line: Line) => {
    const m = KEY.exec(line.text);
    if (!m) no();
    const key = m[1];
    // A key the core schema reads as a number, a boolean or null is not a plain name.
    if (key === '__proto__' || key === '<<' || typeof resolve(key) !== 'string') no();
    return { key, rest: line.text.slice(m[0].length), restCol: line.indent + m[0].length };
  };

  /** A block map whose keys stand at `indent` (the rest of a list item, or a nested map). */
  const blockMap = (indent: number, first?: { key: string; rest: string; restCol: number; line: Line }): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const put = (key: string, rest: string, restCol: number, line: Line) => {
      if (key in out) no();
      if (rest.trim() === '') {
        // A nested block (a list or map under a key inside a list item) is left to the full parser.
        if (i < lines.length && lines[i].indent > indent) no();
        out[key] = null;
      } else out[key] = inlineValue(rest, restCol, (c) => ({ line: line.n, column: c + 1 }));
    };
    if (first) put(first.key, first.rest, first.restCol, first.line);
    while (i < lines.length && lines[i].indent === indent && !lines[i].text.startsWith('- ') && lines[i].text !== '-') {
      const line = lines[i++];
      const { key, rest, restCol } = keyOf(line);
      put(key, rest, restCol, line);
    }
    if (i < lines.length && lines[i].indent > indent) no();
    return out;
  };

  while (i < lines.length) {
    const line = lines[i++];
    if (line.indent !== 0) no();
    const { key, rest, restCol } = keyOf(line);
    if (key in data) no();
    positions.set(key, { line: line.n, column: 1 });
    if (rest.trim() !== '') {
      const items: Position[] = [];
      data[key] = inlineValue(rest, restCol, (c) => ({ line: line.n, column: c + 1 }), items);
      if (Array.isArray(data[key])) items.forEach((p, k) => positions.set(`${key}[${k}]`, p));
      if (i < lines.length && lines[i].indent > 0) no();
      continue;
    }
    if (i >= lines.length || (lines[i].indent === 0 && !lines[i].text.startsWith('-'))) {
      data[key] = null;
      continue;
    }
    const next = lines[i];
    if (next.text === '-' || next.text.startsWith('- ')) {
      // A block list, at the key's indentation or deeper.
      const indent = next.indent;
      const list: unknown[] = [];
      while (i < lines.length && lines[i].indent === indent && (lines[i].text === '-' || lines[i].text.startsWith('- '))) {
        const item = lines[i++];
        const after = item.text === '-' ? '' : item.text.slice(2);
        const lead = after.length - after.trimStart().length;
        const value = after.trimStart();
        const col = item.indent + 2 + lead;
        if (value === '') no();
        positions.set(`${key}[${list.length}]`, { line: item.n, column: col + 1 });
        const m = KEY.exec(value);
        if (m && !value.startsWith('"') && !value.startsWith("'")) {
          // A map: its first key here, the others below at the first key's column.
          const k = m[1];
          if (k === '__proto__' || k === '<<' || typeof resolve(k) !== 'string') no();
          list.push(blockMap(col, { key: k, rest: value.slice(m[0].length), restCol: col + m[0].length, line: item }));
        } else {
          list.push(inlineValue(value, col, (c) => ({ line: item.n, column: c + 1 })));
          if (i < lines.length && lines[i].indent > indent) no();
        }
      }
      if (i < lines.length && lines[i].indent !== 0) no();
      data[key] = list;
      continue;
    }
    // A nested map (distribution: 报/送/发), one level deep.
    if (next.indent === 0) no();
    data[key] = blockMap(next.indent);
    if (i < lines.length && lines[i].indent !== 0) no();
  }
  return { data, positions };
}

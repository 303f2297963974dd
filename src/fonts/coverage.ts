/**
 * Which characters the fonts briefs gives Chromium can print: a bit per code point. The shipped
 * faces say it in their unicode-range descriptors (fontsource cuts them from the fonts' own
 * maps); a font file says it in its cmap. Pure: built from ranges and code point lists.
 */
export class Coverage {
  private readonly bits = new Uint8Array(0x110000 >> 3);
  private missing?: RegExp;
  /** False for one made from a kept pattern (fromMissing): its bits were never set. */
  private known = true;

  add(from: number, to = from): void {
    for (let cp = Math.max(0, from); cp <= Math.min(to, 0x10ffff); cp++) this.bits[cp >> 3] |= 1 << (cp & 7);
  }

  addAll(codepoints: Iterable<number>): void {
    for (const cp of codepoints) this.add(cp);
  }

  /**
   * A pattern matching every character that needs a glyph and has none here: the text is
   * scanned by the regex engine, not a character at a time (validate reads 15,000 files).
   * Built once, after the last `add`.
   */
  missingPattern(): RegExp {
    this.missing ??= new RegExp(this.missingSource(), 'gu');
    return this.missing;
  }

  /** The pattern's source: kept between runs (fonts/coverage-cache.ts), it stands for the whole coverage. */
  missingSource(): string {
    if (this.missing) return this.missing.source;
    const runs: string[] = [];
    const hex = (cp: number) => `\\u{${cp.toString(16)}}`;
    for (let cp = 0; cp <= 0x10ffff;) {
      if (!this.has(cp)) {
        cp++;
        continue;
      }
      let end = cp;
      while (end + 1 <= 0x10ffff && this.has(end + 1)) end++;
      runs.push(end === cp ? hex(cp) : `${hex(cp)}-${hex(end)}`);
      cp = end + 1;
    }
    return `[^${runs.join('')}\\s\\p{Default_Ignorable_Code_Point}\\p{Cc}]`;
  }

  /** A coverage known by its pattern alone, as kept between runs; what it can print is then asked only through the pattern. */
  static fromMissing(source: string): Coverage {
    const coverage = new Coverage();
    coverage.missing = new RegExp(source, 'gu');
    coverage.known = false;
    return coverage;
  }

  has(cp: number): boolean {
    if (!this.known) throw new Error('a coverage read from its pattern has no code points');
    return (this.bits[cp >> 3] & (1 << (cp & 7))) !== 0;
  }

  /** CSS unicode-range syntax: "U+1f1e9-1f1f5,U+1f21a", with "?" wildcards. */
  addUnicodeRange(css: string): void {
    for (const [from, to] of unicodeRangePairs(css)) this.add(from, to);
  }
}

/** The ranges of a CSS unicode-range ("U+1f1e9-1f1f5,U+1f21a", "?" wildcards), first to last code point. */
export function unicodeRangePairs(css: string): [number, number][] {
  const pairs: [number, number][] = [];
  for (const part of css.split(',')) {
    const m = /^\s*U\+([0-9a-f?]{1,6})(?:-([0-9a-f]{1,6}))?\s*$/i.exec(part);
    if (!m) continue;
    if (m[1].includes('?')) pairs.push([parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]);
    else pairs.push([parseInt(m[1], 16), m[2] ? parseInt(m[2], 16) : parseInt(m[1], 16)]);
  }
  return pairs;
}

/** The shortest unicode-range for a set of code points: runs become ranges. */
export function unicodeRange(codepoints: readonly number[]): string {
  const sorted = [...new Set(codepoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j === i ? `U+${sorted[i].toString(16)}` : `U+${sorted[i].toString(16)}-${sorted[j].toString(16)}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Characters that print nothing of their own and need no glyph: spaces and line ends, joiners,
 * variation selectors, the BOM. (Control characters are reported elsewhere.)
 */
export function needsGlyph(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return !/[\s\p{Default_Ignorable_Code_Point}\p{Cc}]/u.test(ch);
}

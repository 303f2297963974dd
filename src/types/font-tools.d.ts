/** subset-font ships no types: the one call briefs makes (harfbuzz's subsetter, in WebAssembly). */
declare module 'subset-font' {
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: 'truetype' | 'woff' | 'woff2' | 'sfnt' },
  ): Promise<Buffer>;
}

/** fontverter (subset-font's own converter): woff2 unpacked once, not at every subset. */
declare module 'fontverter' {
  const fontverter: { convert(font: Buffer | Uint8Array, to: 'truetype' | 'woff' | 'woff2' | 'sfnt'): Promise<Buffer> };
  export default fontverter;
}

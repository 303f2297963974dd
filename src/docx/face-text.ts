/**
 * What each embedded face of a Word edition must print: the characters of the runs that name
 * its family, regular and bold apart. A face cut to the whole document's characters, as before,
 * gave 黑体 and 楷体 the body's thousand characters for a heading's ten, and every family a bold
 * face, used or not: twice the bytes to merge and to zip, in every document.
 *
 * Read from the parts as the docx package writes them: a run (<w:r>) names its family in
 * <w:rFonts> (all three slots alike, issue-docx.ts) or takes the document default
 * (<w:docDefaults>); <w:b/> makes it bold. Digits go to every family with a run: a field's
 * result (a page number, a contents entry's page) and a note's number are written by the office.
 * Pure.
 */

export type FaceTexts = Map<string, { regular: string; bold: string }>;

const TEXT_PART = /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/;
const FIELD_DIGITS = '0123456789— .';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);

export function faceTexts(parts: Record<string, Uint8Array>): FaceTexts {
  const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : '');
  const styles = decode(parts['word/styles.xml']);
  const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
  const fallback = family(defaults) ?? '';
  const out: FaceTexts = new Map();
  for (const [name, bytes] of Object.entries(parts)) {
    if (!TEXT_PART.test(name)) continue;
    for (const run of decode(bytes).matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r [^>]*>([\s\S]*?)<\/w:r>/g)) {
      const inner = run[1] ?? run[2];
      const props = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(inner)?.[1] ?? '';
      const face = family(props) ?? fallback;
      const bold = /<w:b\/>|<w:b w:val="(?:true|1|on)"\/>/.test(props);
      let text = '';
      for (const t of inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) text += unescape(t[1]);
      const entry = out.get(face) ?? { regular: FIELD_DIGITS, bold: '' };
      if (bold) entry.bold += text || ' ';
      else entry.regular += text;
      out.set(face, entry);
    }
  }
  // A bold run's digits too, when it has any run at all.
  for (const entry of out.values()) if (entry.bold) entry.bold += FIELD_DIGITS;
  return out;
}

/** The family a run's properties name: its East Asian font, else its Latin one. */
function family(props: string): string | undefined {
  const fonts = /<w:rFonts\b([^>]*)\/>/.exec(props)?.[1];
  if (!fonts) return undefined;
  const slot = (name: string) => new RegExp(`w:${name}="([^"]*)"`).exec(fonts)?.[1];
  const found = slot('eastAsia') ?? slot('ascii') ?? slot('hAnsi');
  return found === undefined ? undefined : unescape(found);
}

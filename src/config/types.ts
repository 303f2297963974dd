export interface BulletinConfig {
  /** Short id used in paths and on the command line: jianyi, qingkuang. */
  id: string;
  /** The name printed in the masthead, without 《》. */
  name: string;
  /** Template layout under templates/layouts/ (without .hbs). */
  layout: string;
  /** The publisher line of the masthead, e.g. 中国科协办公厅: the top-level `publisher` unless the bulletin sets its own. */
  publisher: string;
  /** 密级, top left of page 1: the top-level `classification` unless the bulletin sets its own (an issue file may set it again). */
  classification: string;
  /** Print 本期目录 when an issue holds more than one article. */
  contents: boolean;
  /** Group articles under their topic (栏目) headings. */
  groupByTopic: boolean;
  /** Each article after the first starts a new page (page), or follows on (flow). */
  articleBreak: 'page' | 'flow';
  /**
   * How full-width punctuation is set (GB/T 15834, CLREQ): full (全身式, the 公文 default: every
   * mark takes a whole character cell, adjacent marks squeezed) or kaiming (开明式: 。？！ keep
   * their cell, every other mark takes half of one, as many books set them).
   */
  punctuation: 'full' | 'kaiming';
  /**
   * Space in grid lines (28.98 pt each, so the text stays on the grid): above each article that
   * follows another on the same page, above a topic heading (【…】, which sits directly on its
   * first report), and between the author line and the text.
   */
  articleGap: number;
  topicGap: number;
  headGap: number;
  /** Footnotes at the foot of the page of their reference (脚注, page), or closing their article (尾注, end). */
  notes: 'page' | 'end';
  /** The year's volume: the issues' pages keep their own folios (issue), take the volume's (volume), or show both. */
  volumeFolio: 'issue' | 'volume' | 'both';
  /** Han characters a submission may have before `validate` warns. */
  maxChars: number;
  /** `briefs assemble`: articles an issue holds at most … */
  issueArticles: number;
  /** … and Han characters (an article longer than that goes alone). */
  issueChars: number;
}

export interface FontConfig {
  /** Families tried first for each role, e.g. an office's licensed 仿宋_GB2312. The shipped fonts always follow. */
  song: string[];
  fang: string[];
  kai: string[];
  hei: string[];
  xiaobiaosong: string[];
}

export interface Config {
  /** Absolute path of the workspace root. */
  root: string;
  /** Absolute path of the config file, when one was read. */
  file?: string;
  submissions: string;
  issues: string;
  assets: string;
  templates: string;
  out: string;
  publisher: string;
  classification: string;
  encoding: string;
  browser?: string;
  /** generate writes the Word edition (.docx) beside each PDF, as --docx does. */
  docx?: boolean;
  /** generate writes the long image for chat apps (.png) beside each PDF, as --png does. */
  png?: boolean;
  /** generate writes the OFD edition (.ofd, GB/T 33190) beside each PDF, as --ofd does. */
  ofd?: boolean;
  /** A final issue's PDF is archival (PDF/A-1b) unless this is false. */
  pdfa?: boolean;
  fonts: FontConfig;
  bulletins: Record<string, BulletinConfig>;
}

/** Whether the workspace names installed font families for any role (an office's 仿宋_GB2312). */
/** A `fonts:` entry that names a font file of the workspace, not an installed family. */
export const FONT_FILE = /\.(ttf|otf|ttc|woff2?)$/i;

export function namesSystemFonts(config: Pick<Config, 'fonts'>): boolean {
  // A path to a font file in the workspace is served to Chromium; only a family name needs the machine's fonts.
  return Object.values(config.fonts).some((entries: string[]) => entries.some((e) => !FONT_FILE.test(e)));
}

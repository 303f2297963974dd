/**
 * The Word edition's faces by role: the names the office set in the config (仿宋_GB2312,
 * 方正小标宋简体 …), else the names Chinese offices' Word has for GB/T 9704's faces. Word takes
 * them as East Asian font names; Latin text gets Times New Roman. A font file named in the
 * config cannot travel inside a .docx: its role takes the default name.
 */
import type { FontConfig } from '../config/types.js';
import { FONT_FILE } from '../config/types.js';

export type Faces = Record<keyof FontConfig, { eastAsia: string; ascii: string; hAnsi: string }>;

const DEFAULTS: Record<keyof FontConfig, string> = {
  song: '宋体',
  fang: '仿宋_GB2312',
  kai: '楷体_GB2312',
  hei: '黑体',
  xiaobiaosong: '方正小标宋简体',
};

export function docxFaces(fonts: FontConfig, embedded?: Record<keyof FontConfig, string>): Faces {
  const out = {} as Faces;
  for (const role of Object.keys(DEFAULTS) as (keyof FontConfig)[]) {
    // An embedded face (word-embed.ts) prints the role's Latin text too, as it did in the print.
    if (embedded) {
      out[role] = { eastAsia: embedded[role], ascii: embedded[role], hAnsi: embedded[role] };
      continue;
    }
    const named = fonts[role].find((f) => !FONT_FILE.test(f));
    out[role] = { eastAsia: named ?? DEFAULTS[role], ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
  }
  return out;
}

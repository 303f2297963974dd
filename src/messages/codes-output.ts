/** The catalogue's codes of what is printed: fonts, text, images, links, the print (catalogue.ts). */
import type { CatalogueEntry } from './entry.js';

export const OUTPUT_CODES = {
  'font-missing': {
    severity: 'warning',
    means:
      'a `fonts:` entry that cannot be used: a file that is missing, unreadable or outside the workspace, or a family that is not installed (the role prints in its next face)',
    en: [
      'the font family "{entry}" is not installed here, so {role} prints in the next face',
      'install it, or give the path of its file in the workspace (e.g. fonts/FangSong_GB2312.ttf), which every machine then uses',
    ],
    variants: {
      outside: {
        en: [
          'the font file "{entry}" lies outside the workspace',
          'put the file inside the workspace (e.g. fonts/) and give its path relative to briefs.config.yaml',
        ],
      },
      'no-file': {
        en: ['the font file "{entry}" does not exist', 'put the file inside the workspace (e.g. fonts/) and give its path relative to briefs.config.yaml'],
      },
      unreadable: { en: ['the font file "{entry}" cannot be read', 'check that it is a font file of at most 64 MiB'] },
      'not-a-font': { en: ['"{entry}" is not a font file briefs can read', 'use a .ttf, .otf, .ttc, .woff or .woff2 file'] },
    },
    zh: ['字体“{entry}”不可用，该字体角色改用下一个字体', '安装该字体，或把字体文件放在工作区内（如 fonts/），并在配置中写出其相对路径'],
  },
  'font-outlines': {
    severity: 'warning',
    means: 'a `fonts:` face with CFF outlines, which Chromium would print as Type 3 glyphs',
    en: ['"{entry}" has CFF outlines, which Chromium prints as Type 3 glyphs (blurred, not searchable)', 'use a TrueType (.ttf) version of the face'],
    zh: ['字体“{entry}”是 CFF 轮廓，Chromium 会把它印成 Type 3 字形（模糊、不可检索）', '请改用该字体的 TrueType（.ttf）版本'],
  },
  'font-features': {
    severity: 'warning',
    means: 'a bulletin sets `punctuation: kaiming` and a `fonts:` face has no OpenType halt feature, so its marks stay full width',
    en: [
      '"{entry}" has no halt feature, so the {role} text of {ids} keeps every mark full width instead of the 开明式 set in the config',
      'use a face with the OpenType halt feature (Noto and Source Han faces have it), or set punctuation: full for the bulletin',
    ],
    zh: [
      '字体“{entry}”没有 halt 特性，{bulletins}的{role}文字无法按配置的开明式排标点，标点仍占全角',
      '请改用带 OpenType halt 特性的字体（思源、Noto 字体都有），或把该刊的 punctuation 设为 full',
    ],
  },
  'font-not-embedded': {
    severity: 'warning',
    means: "the Word edition names a role's face but cannot embed it: its licence forbids embedding (OS/2 fsType restricted), or its file was not found",
    en: [
      'the Word edition names the {role} face "{face}" but does not embed it: {v3}; a computer without it shows another face',
      'use a face whose licence allows embedding, or install it where the Word edition is opened',
    ],
    zh: ['Word 版未嵌入{role}字体“{face}”（{why}），没有安装该字体的电脑会用其他字体显示', '改用允许嵌入的字体，或在打开 Word 版的电脑上安装该字体'],
  },
  'ofd-left-out': {
    severity: 'warning',
    means:
      'the OFD edition leaves out something its PDF page draws that briefs does not carry into OFD (a shading, a pattern, a soft mask, an image or a font it does not read), with how many',
    en: [
      'the OFD edition leaves out what its PDF draws and briefs does not carry into OFD: {what}',
      'the PDF is whole; compare the two, or leave out of the submission what draws it (a gradient, a shadow, an unusual image)',
    ],
    zh: ['OFD 版略去了 PDF 中 briefs 无法转入 OFD 的内容：{zhWhat}', 'PDF 完整无缺；请对照两者，或去掉投稿中产生该内容的部分（渐变、阴影、特殊格式的图片）'],
  },
  'glyph-missing': {
    severity: 'error',
    means: 'a character that no font briefs serves has (the shipped faces and the Han fallback), with its line, column and code point',
    en: [
      'no font briefs prints with has "{char}" ({codepoint})',
      'install fonts-hanazono for rare Han characters (npm run setup does), or write the character another way',
    ],
    zh: ['briefs 使用的字体中没有“{char}”（{codepoint}）', '生僻汉字请安装 fonts-hanazono（npm run setup 会安装），或改用其他写法'],
  },
  'image-missing': {
    severity: 'error',
    means: 'an image that does not exist',
    en: ['the image "{src}" does not exist (looked for {rel})', 'check the file name and the relative path'],
    zh: ['图片“{src}”不存在', '检查文件名和相对路径'],
  },
  'image-outside-workspace': {
    severity: 'error',
    means: 'an image path that is absolute or leads out of the workspace, also through a symbolic link (real paths are checked)',
    en: ['the image "{src}" lies outside the workspace', 'keep images under briefs/assets/'],
    variants: {
      absolute: { en: ['the image path "{src}" is absolute', 'refer to images by a path relative to the submission, e.g. ../assets/figure.png'] },
      link: { en: ['the image "{src}" is a link to a file outside the workspace', 'copy the picture itself into briefs/assets/'] },
    },
    zh: ['图片“{src}”不在工作区内', '图片请放在 briefs/assets/ 下，并用相对路径引用'],
  },
  'remote-image': {
    severity: 'error',
    means: 'an image on the web (`http://…`): save it under `briefs/assets/`',
    en: ['the image "{src}" is not a file of the workspace', 'save the image under briefs/assets/ and refer to it by a relative path'],
    zh: ['图片“{src}”不是工作区中的文件', '把图片存到 briefs/assets/ 下，用相对路径引用'],
  },
  'image-type': {
    severity: 'error',
    means: 'an image file briefs cannot print (PNG, JPEG, GIF, WebP, SVG only), or no regular file at all (a FIFO, a device)',
    en: ['"{src}" is not an image briefs can print', 'use PNG, JPEG, GIF, WebP or SVG'],
    variants: {
      'not-regular': { en: ['"{src}" is not a regular file (a pipe, a device or a folder)', 'put the picture file itself there'] },
    },
    zh: ['“{src}”不是可以印刷的图片', '请使用 PNG、JPEG、GIF、WebP 或 SVG'],
  },
  'image-too-large': {
    severity: 'error',
    means: 'an image over 32 MiB or 60 million pixels, which Chromium would print as a broken icon',
    en: ['the image "{src}" is larger than {mib} MiB', 'save it again at print size (300 dpi at the width it prints)'],
    variants: {
      pixels: {
        en: [
          'the image "{src}" has more than {million} million pixels, which the browser does not print',
          'save it again at print size (300 dpi at the width it prints)',
        ],
      },
    },
    zh: ['图片“{src}”过大，浏览器无法印出', '按印刷尺寸重新保存（按印出宽度 300 dpi）'],
  },
  'unsafe-html': {
    severity: 'warning',
    means: 'raw HTML that was removed (scripts, frames, styles, attributes …); the text around it is kept',
    en: ['raw HTML was removed: {removed}', 'write the text in Markdown; scripts, frames, styles and attributes are never printed'],
    zh: ['已删除原始 HTML：{removed}', '请用 Markdown 书写；脚本、框架、样式和属性不会被印出'],
  },
  'markdown-too-deep': {
    severity: 'error',
    means: 'Markdown nested thousands deep (a long run of `>` or `*`, or a thousand unclosed tags), which would overflow the parser or stall the sanitizer',
    en: [
      'the text is nested too deeply to be read (quotes, lists, emphasis or HTML tags inside each other thousands of times)',
      'look for a long run of ">", "*" or unclosed tags and remove it',
    ],
    zh: ['正文嵌套层次过深，无法读取（引用、列表、强调或 HTML 标签互相嵌套数千层）', '查找并删除连续的大量“>”、“*”或未闭合的标签'],
  },
  'block-too-long': {
    severity: 'error',
    means:
      'a paragraph, heading or table cell of more than 10,000 characters without a blank line; it prints as plain text, since reading it as Markdown would take time quadratic in its length',
    en: [
      'a paragraph of {count} characters; briefs reads at most {limit} characters between blank lines as Markdown, and prints the rest as plain text',
      'split it into paragraphs with blank lines',
    ],
    zh: ['一段文字有 {count} 个字符，briefs 只把不超过 {limit} 个字符的段落当作 Markdown 读取，其余按纯文本印出', '用空行把它分成几段'],
  },
  'unsafe-link': {
    severity: 'warning',
    means: 'a link target other than http(s) or mailto, removed (its text is kept)',
    en: ['the link target "{href}" was removed', 'links may point to http(s) or mailto addresses only'],
    zh: ['已删除链接目标“{href}”', '链接只能指向 http(s) 或 mailto 地址'],
  },
  'empty-body': {
    severity: 'warning',
    means: 'a submission with no text',
    en: ['the submission has no text after its front matter', 'write the text below the closing ---'],
    zh: ['稿件没有正文', '在结束的 --- 下面书写正文'],
  },
  'title-line-too-long': {
    severity: 'warning',
    means: 'a title line set by hand (`title: |`) wider than the 20 characters a title line holds',
    en: [
      'the title line "{text}" is {width} characters wide; a title line holds {limit}',
      'break it into two lines, or let briefs break the title (write it on one line)',
    ],
    zh: ['标题行“{text}”宽 {width} 个字，一行标题最多 {limit} 个字', '把它分成两行，或把标题写成一行，由 briefs 自动回行'],
  },
  'encoding-broken': {
    severity: 'error',
    means: 'a UTF-16 file (it starts with a byte-order mark) with bytes that are not UTF-16: decoding is as strict as for UTF-8, never a silent U+FFFD',
    en: ['the file is {encoding} but holds bytes that are not', 'save it again as UTF-8'],
    zh: ['文件是 {encoding} 编码，但其中有不属于该编码的字节', '另存为 UTF-8'],
  },
  'control-character': {
    severity: 'error',
    means:
      'an invisible control character (NUL, BEL, ESC …) or a bidirectional override/isolate (U+202A–U+202E, U+2066–U+2069) in a file, with its line and column: it could hide or reverse text (“gnp.exe” shown as “exe.png”)',
    en: ['an invisible {codepoint} ({name}) in the text, which changes what a reader sees', 'delete it (it often comes from copying out of another program)'],
    variants: {
      repeated: {
        en: [
          'an invisible {codepoint} ({name}) in the text, which changes what a reader sees, {count} times',
          'delete it (it often comes from copying out of another program)',
        ],
        zh: ['文本中有 {count} 处不可见字符 {codepoint}（{name}），会改变读者看到的内容', '删除它（常见于从其他程序复制的文字）'],
      },
    },
    zh: ['文本中有不可见字符 {codepoint}（{name}），会改变读者看到的内容', '删除它（常见于从其他程序复制的文字）'],
  },
  'not-a-regular-file': {
    severity: 'error',
    means: 'a submission or issue file that is a symbolic link, a FIFO or a device: it is not read',
    en: ['the file is a symbolic link; briefs reads only files that are themselves in the workspace', 'copy the file here instead of linking to it'],
    variants: {
      missing: { en: ['the file vanished while it was read', 'put the text file itself here'] },
      'not-regular': { en: ['this is not a regular file (a pipe, a device or a folder)', 'put the text file itself here'] },
    },
    zh: ['这不是普通文件（符号链接、管道、设备或文件夹），briefs 不读取', '把文件本身放在这里，不要用链接'],
  },
  'file-unreadable': {
    severity: 'error',
    means: 'a submission or issue file briefs may not read (permissions)',
    en: ['the file cannot be read', 'check that you may read it (its permissions)'],
    zh: ['无法读取该文件', '检查该文件的读取权限'],
  },
  'too-long': {
    severity: 'warning',
    means: "more Han characters than the bulletin's `maxChars` (jianyi 3000, qingkuang 2500)",
    en: ['the text has {count} Han characters; 《{bulletin}》 takes at most {limit}', 'shorten it, or raise bulletins.{id}.maxChars in briefs.config.yaml'],
    zh: ['正文有 {count} 个汉字，《{bulletin}》最多 {limit} 个', '压缩篇幅，或在 briefs.config.yaml 中调高该刊物的 maxChars'],
  },
  'halfwidth-punctuation': {
    severity: 'warning',
    means:
      'every `,` `.` `;` `:` `?` `!` `(` `)` and straight quote `"` touching Chinese text, with its column (code, links, URLs and numbers such as 2.68 aside); `briefs fix` rewrites them',
    en: ['half-width "{mark}" in Chinese text', 'use the full-width "{full}" (briefs fix rewrites them)'],
    variants: {
      quote: { en: ['half-width "{mark}" in Chinese text', 'use “ and ” (briefs fix rewrites them)'] },
    },
    zh: ['中文文本中有半角“{mark}”', '请使用全角“{full}”（briefs fix 可以统一改正）'],
  },
  'request-blocked': {
    severity: 'warning',
    means: 'while printing, the page asked for something outside the workspace and was refused',
    en: ['the page asked for {url}, which was refused', 'an issue may only use the workspace’s own images'],
    zh: ['页面请求了 {url}，已拒绝', '一期只能使用工作区自己的图片'],
  },
  'resource-failed': {
    severity: 'warning',
    means: 'while printing, a font or image could not be loaded',
    en: ['{url} could not be loaded and is missing from the PDF', 'check that the file exists inside the workspace'],
    zh: ['{url} 无法加载，PDF 中缺少该内容', '检查该文件是否在工作区内'],
  },
  'notes-at-end': {
    severity: 'warning',
    means: 'the notes could not be set at the foot of the pages of their references, so they close their articles instead',
    en: [
      'the notes could not be set at the foot of the pages of their references; they close their articles instead',
      'please report it, with the issue’s HTML (generate --html)',
    ],
    zh: ['注释未能排在所引页的页脚，改排在各篇文末', '请报告此问题，并附上该期的 HTML（generate --html）'],
  },
  'ofd-failed': {
    severity: 'error',
    means: 'the OFD edition could not be made from the printed PDF; the PDF stands, and the next run tries the OFD again',
    en: ['the OFD edition could not be made: {reason}; the PDF is written', 'run again with --debug for details, and report it with the PDF'],
    zh: ['未能生成 OFD 版：{reason}；PDF 已写出', '加上 --debug 重新运行查看详情，并连同 PDF 一起报告此问题'],
  },
  'print-failed': {
    severity: 'error',
    means: 'Chromium failed to print the issue (time-out, crash)',
    en: ['printing failed: {reason}', 'run again with --debug for details; a page that times out may need a larger --timeout'],
    zh: ['印制失败：{reason}', '加上 --debug 重新运行查看详情；页面超时可调大 --timeout'],
  },
} as const satisfies Record<string, CatalogueEntry>;

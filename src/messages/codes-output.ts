/** The catalogue's codes of what is printed: fonts, text, images, links, the print, copies (catalogue.ts). */
import type { CatalogueEntry } from './entry.js';

export const OUTPUT_CODES = {
  'font-missing': {
    severity: 'warning',
    means:
      'a `fonts:` entry that cannot be used: a file that is missing, unreadable or outside the workspace, or a family that is not installed (the role prints in its next face)',
    zh: ['字体“{entry}”不可用，该字体角色改用下一个字体', '安装该字体，或把字体文件放在工作区内（如 fonts/），并在配置中写出其相对路径'],
  },
  'font-outlines': {
    severity: 'warning',
    means: 'a `fonts:` face with CFF outlines, which Chromium would print as Type 3 glyphs',
    zh: ['字体“{entry}”是 CFF 轮廓，Chromium 会把它印成 Type 3 字形（模糊、不可检索）', '请改用该字体的 TrueType（.ttf）版本'],
  },
  'font-features': {
    severity: 'warning',
    means: 'a bulletin sets `punctuation: kaiming` and a `fonts:` face has no OpenType halt feature, so its marks stay full width',
    zh: [
      '字体“{entry}”没有 halt 特性，{bulletins}的{role}文字无法按配置的开明式排标点，标点仍占全角',
      '请改用带 OpenType halt 特性的字体（思源、Noto 字体都有），或把该刊的 punctuation 设为 full',
    ],
  },
  'font-not-embedded': {
    severity: 'warning',
    means: "the Word edition names a role's face but cannot embed it: its licence forbids embedding (OS/2 fsType restricted), or its file was not found",
    zh: ['Word 版未嵌入{role}字体“{face}”（{why}），没有安装该字体的电脑会用其他字体显示', '改用允许嵌入的字体，或在打开 Word 版的电脑上安装该字体'],
  },
  'glyph-missing': {
    severity: 'error',
    means: 'a character that no font briefs serves has (the shipped faces and the Han fallback), with its line, column and code point',
    zh: ['briefs 使用的字体中没有“{char}”（{codepoint}）', '生僻汉字请安装 fonts-hanazono（npm run setup 会安装），或改用其他写法'],
  },
  'image-missing': {
    severity: 'error',
    means: 'an image that does not exist',
    zh: ['图片“{src}”不存在', '检查文件名和相对路径'],
  },
  'image-outside-workspace': {
    severity: 'error',
    means: 'an image path that is absolute or leads out of the workspace, also through a symbolic link (real paths are checked)',
    zh: ['图片“{src}”不在工作区内', '图片请放在 briefs/assets/ 下，并用相对路径引用'],
  },
  'remote-image': {
    severity: 'error',
    means: 'an image on the web (`http://…`): save it under `briefs/assets/`',
    zh: ['图片“{src}”不是工作区中的文件', '把图片存到 briefs/assets/ 下，用相对路径引用'],
  },
  'image-type': {
    severity: 'error',
    means: 'an image file briefs cannot print (PNG, JPEG, GIF, WebP, SVG only), or no regular file at all (a FIFO, a device)',
    zh: ['“{src}”不是可以印刷的图片', '请使用 PNG、JPEG、GIF、WebP 或 SVG'],
  },
  'image-too-large': {
    severity: 'error',
    means: 'an image over 32 MiB or 60 million pixels, which Chromium would print as a broken icon',
    zh: ['图片“{src}”过大，浏览器无法印出', '按印刷尺寸重新保存（按印出宽度 300 dpi）'],
  },
  'unsafe-html': {
    severity: 'warning',
    means: 'raw HTML that was removed (scripts, frames, styles, attributes …); the text around it is kept',
    zh: ['已删除原始 HTML：{removed}', '请用 Markdown 书写；脚本、框架、样式和属性不会被印出'],
  },
  'markdown-too-deep': {
    severity: 'error',
    means: 'Markdown nested thousands deep (a long run of `>` or `*`, or a thousand unclosed tags), which would overflow the parser or stall the sanitizer',
    zh: ['正文嵌套层次过深，无法读取（引用、列表、强调或 HTML 标签互相嵌套数千层）', '查找并删除连续的大量“>”、“*”或未闭合的标签'],
  },
  'block-too-long': {
    severity: 'error',
    means:
      'a paragraph, heading or table cell of more than 10,000 characters without a blank line; it prints as plain text, since reading it as Markdown would take time quadratic in its length',
    zh: ['一段文字有 {count} 个字符，briefs 只把不超过 {limit} 个字符的段落当作 Markdown 读取，其余按纯文本印出', '用空行把它分成几段'],
  },
  'unsafe-link': {
    severity: 'warning',
    means: 'a link target other than http(s) or mailto, removed (its text is kept)',
    zh: ['已删除链接目标“{href}”', '链接只能指向 http(s) 或 mailto 地址'],
  },
  'empty-body': {
    severity: 'warning',
    means: 'a submission with no text',
    zh: ['稿件没有正文', '在结束的 --- 下面书写正文'],
  },
  'title-line-too-long': {
    severity: 'warning',
    means: 'a title line set by hand (`title: |`) wider than the 20 characters a title line holds',
    zh: ['标题行“{text}”宽 {width} 个字，一行标题最多 {limit} 个字', '把它分成两行，或把标题写成一行，由 briefs 自动回行'],
  },
  'encoding-broken': {
    severity: 'error',
    means: 'a UTF-16 file (it starts with a byte-order mark) with bytes that are not UTF-16: decoding is as strict as for UTF-8, never a silent U+FFFD',
    zh: ['文件是 {encoding} 编码，但其中有不属于该编码的字节', '另存为 UTF-8'],
  },
  'control-character': {
    severity: 'error',
    means:
      'an invisible control character (NUL, BEL, ESC …) or a bidirectional override/isolate (U+202A–U+202E, U+2066–U+2069) in a file, with its line and column: it could hide or reverse text (“gnp.exe” shown as “exe.png”)',
    zh: ['文本中有不可见字符 {codepoint}（{name}），会改变读者看到的内容', '删除它（常见于从其他程序复制的文字）'],
  },
  'not-a-regular-file': {
    severity: 'error',
    means: 'a submission or issue file that is a symbolic link, a FIFO or a device: it is not read',
    zh: ['这不是普通文件（符号链接、管道、设备或文件夹），briefs 不读取', '把文件本身放在这里，不要用链接'],
  },
  'file-unreadable': {
    severity: 'error',
    means: 'a submission or issue file briefs may not read (permissions)',
    zh: ['无法读取该文件', '检查该文件的读取权限'],
  },
  'too-long': {
    severity: 'warning',
    means: "more Han characters than the bulletin's `maxChars` (jianyi 3000, qingkuang 2500)",
    zh: ['正文有 {count} 个汉字，《{bulletin}》最多 {limit} 个', '压缩篇幅，或在 briefs.config.yaml 中调高该刊物的 maxChars'],
  },
  'halfwidth-punctuation': {
    severity: 'warning',
    means:
      'every `,` `.` `;` `:` `?` `!` `(` `)` and straight quote `"` touching Chinese text, with its column (code, links, URLs and numbers such as 2.68 aside); `briefs fix` rewrites them',
    zh: ['中文文本中有半角“{mark}”', '请使用全角“{full}”（briefs fix 可以统一改正）'],
  },
  'request-blocked': {
    severity: 'warning',
    means: 'while printing, the page asked for something outside the workspace and was refused',
    zh: ['页面请求了 {url}，已拒绝', '一期只能使用工作区自己的图片'],
  },
  'resource-failed': {
    severity: 'warning',
    means: 'while printing, a font or image could not be loaded',
    zh: ['{url} 无法加载，PDF 中缺少该内容', '检查该文件是否在工作区内'],
  },
  'copies-draft': {
    severity: 'error',
    means: '`briefs copies` was asked for a draft: only a final issue is copied',
    zh: ['草稿不能印制编号副本', '签发后把 status 设为 final'],
  },
  'copies-no-slot': {
    severity: 'error',
    means: "a workspace `masthead.hbs` left out the mark of the 份号's place, so copies cannot be stamped",
    zh: ['报头中没有留出份号的位置', '工作区的 masthead.hbs 须保留原模板中的 serialSlot 标记'],
  },
  'copies-too-many': {
    severity: 'error',
    means: "the issue's 份号 would pass 999999",
    zh: ['份号将超过 999999', '用 serialStart 从较小的号开始'],
  },
  'recipients-missing': {
    severity: 'error',
    means: '`briefs copies`: the issue names no recipients (no distribution, no `recipients:` list)',
    zh: ['本期没有列出分发对象', '在 distribution（报/送/发）中列出，或用 recipients 指定名单文件'],
  },
  'recipients-invalid': {
    severity: 'error',
    means:
      'a recipients list or distribution entry is wrong: no name, copies not 1–10000, a recipient listed twice, a YAML or CSV syntax error (`validate` reads the lists too)',
    zh: ['分发名单中“{name}”有误', '每个单位只列一次，份数为 1 至 10000 的整数'],
  },
  'recipient-invisible': {
    severity: 'error',
    means:
      "a recipient's name (in `distribution` or a `recipients:` list) holds a character that prints nothing: a control, a zero-width space or joiner, a bidi mark; `科技​部` would look like `科技部` and get a copy of its own",
    zh: ['分发对象“{name}”中有不可见字符 {codepoint}：印出来与另一个名称一样，却会单独得到一份', '删除该字符（常见于从其他程序复制的文字）'],
  },
  'copies-record-invalid': {
    severity: 'warning',
    means:
      '`briefs copies`: the record of the 份号 given (`dist/.briefs-copies.json`) is not as briefs writes it (a path for a number, one number for two recipients, a number out of range); it is set aside whole and the numbers are given again',
    zh: [
      '{issue} 的份号记录与 briefs 写入的不符，已弃用：份号从 serialStart 重新分配',
      '如已按旧记录分发过副本，请从备份恢复该记录后重新运行 copies；否则无需处理',
    ],
  },
  'recipients-unreadable': {
    severity: 'error',
    means: 'the `recipients:` file is missing, outside the workspace, not YAML or CSV, or unreadable',
    zh: ['无法读取分发名单 {path}', '名单须是工作区内的 .yaml、.yml 或 .csv 文件'],
  },
  'volume-draft': {
    severity: 'error',
    means: '`briefs volume`: an issue of the year is a draft (give `--drafts` to bind it, marked)',
    zh: ['{id} 是草稿；合订本只收定稿', '定稿后再合订，或加 --drafts 一并合订草稿（目录中标明“草稿”）'],
  },
  'volume-folio-kept': {
    severity: 'warning',
    means: "`briefs volume` with the volume's folios: pages with no folio of their issue under the text block to replace (the volume's number is set anyway)",
    zh: [
      '{count} 页找不到本期页码可替换，合订本页码另行加印',
      '工作区模板若不在版心下方印页码，原页码会保留：可改用 volumeFolio: both，或照 bulletin.css 设置页码',
    ],
  },
  'volume-missing-number': {
    severity: 'warning',
    means: '`briefs volume`: a number of the year has no issue file; the volume skips it',
    zh: ['该年没有第{number}期的期文件，合订本在此跳过', '补上这一期；如该期号从未使用，可不理会'],
  },
  'volume-empty': {
    severity: 'error',
    means: '`briefs volume`: the bulletin has no issue in that year',
    zh: ['该刊物在 {year} 年没有任何一期', '检查刊物和年份'],
  },
  'notes-at-end': {
    severity: 'warning',
    means: 'the notes could not be set at the foot of the pages of their references, so they close their articles instead',
    zh: ['注释未能排在所引页的页脚，改排在各篇文末', '请报告此问题，并附上该期的 HTML（generate --html）'],
  },
  'print-failed': {
    severity: 'error',
    means: 'Chromium failed to print the issue (time-out, crash)',
    zh: ['印制失败：{reason}', '加上 --debug 重新运行查看详情；页面超时可调大 --timeout'],
  },
} as const satisfies Record<string, CatalogueEntry>;

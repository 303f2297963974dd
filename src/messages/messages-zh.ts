/**
 * Every diagnostic in Chinese, by its stable code. A diagnostic is made with its English text
 * and the values it names (`data`); `localize` says it again in Chinese from those values, and
 * keeps the English text wherever a value it needs is missing, so nothing is ever lost.
 */
import type { Diagnostic } from './diagnostic.js';

export type Lang = 'en' | 'zh';

/** [message, hint]; {name} is a value of the diagnostic's data, or its field. */
export const MESSAGES_ZH: Record<string, [string, string]> = {
  'frontmatter-language': ['前置信息标记为“{lang}”，只读取 YAML 前置信息', '文件第一行只写三个短横线（---），字段用 YAML 书写'],
  'frontmatter-syntax': ['无法读取前置信息', '检查前置信息开头和结尾的 --- 行'],
  'frontmatter-unclosed': ['前置信息以 --- 开始，但没有结束', '在最后一个字段后加一行 ---'],
  'frontmatter-missing': ['文件没有前置信息', '以 --- 开头，写上必填字段，再以 --- 结束；docs/workspace.md 列出了所有字段'],
  'frontmatter-not-a-map': ['前置信息必须是“字段: 值”形式的行', '每行写一个字段，例如“标题: 关于……的建议”'],
  'yaml-syntax': ['YAML 语法错误：{detail}', '值中含有冒号、# 或括号时请加引号；缩进请用空格'],
  'unknown-field': ['未知字段“{key}”', '是不是“{guess}”？'],
  'duplicate-field': ['“{field}”与字段“{other}”重复', '每个字段只写一次（中文或英文任选其一）'],
  'missing-field': ['缺少必填字段“{field}”（{alias}）', '在前置信息中加一行“{alias}: …”'],
  'invalid-type': ['字段“{field}”的值类型不对', '参见 docs/workspace.md 中该字段的说明'],
  'out-of-range': ['“{field}”为 {value}，应在 {min} 到 {max} 之间', '检查数字是否写错'],
  'invalid-date': ['“{field}”应为 YYYY-MM-DD 格式的日期，而不是“{value}”', '例如 {field}: 2020-03-10'],
  'impossible-date': ['“{field}”为 {value}，这个日期不存在', '检查月份（1–12）和日期'],
  'invalid-value': ['“{field}”为“{value}”，应为以下之一：{choices}', '从上面的取值中选择一个'],
  'unknown-bulletin': ['未知刊物“{value}”', '可用的刊物：{choices}'],
  'invalid-id': ['编号“{value}”只能包含字母、数字、点、短横线和下划线', '重命名文件，或用“编号:”另设一个简单的编号'],
  'date-outside-year': ['印发日期 {date} 不在本期所属的 {year} 年内', '期号按年编排：请核对年份和印发日期'],
  'issue-folder': ['该文件在《{named}》的文件夹（{folder}/）中，却写明属于《{own}》：按《{own}》的一期计', '把它移到 {path}，或更正 publication'],
  'empty-issue': ['本期没有列出任何稿件', '按刊印顺序列出稿件编号'],
  'duplicate-id': ['稿件编号“{id}”也被 {other} 使用', '为其中一篇换一个文件名或编号'],
  'duplicate-issue': ['{other} 也是{issue}', '给其中一期换一个期号'],
  'unknown-submission': ['没有编号为“{id}”的稿件', '核对 briefs/submissions 下的文件名'],
  'submission-invalid': ['稿件“{id}”无法使用：{other} 有错误', '先改正 {other} 中报告的错误'],
  'submission-in-two-issues': ['“{id}”已在 {other} 中', '一篇稿件只刊印在一期中：请从其中一期删除'],
  'submission-repeated': ['“{id}”在本期中列了两次', '每篇稿件只列一次'],
  'wrong-bulletin': ['“{id}”投给的是 {from}，但本期属于 {to}', '把它移到 {from} 的一期中，或修改稿件的“刊物”'],
  'rejected-in-issue': ['“{id}”在 {other} 中标记为已退回', '从本期中删除，或修改其状态'],
  'numbering-gap': ['缺少第{missing}期：期号跳到了第{next}期', '每年的期号应连续：检查是否有遗漏或编错的期'],
  'duplicate-total': ['总第{total}期也是 {other} 的总期号', '同一刊物每期的总期号各不相同：请更正其中一期'],
  'total-order': ['总第{total}期小于此前 {issue} 的总第{earlier}期', '总期号跨年连续递增：请核对这两期的文件'],
  'file-number': ['文件名为 {name}，但期号为 {number}', '按期号重命名文件，或更正期号'],
  'date-order': ['{issue}的日期 {date} 早于{earlier}（{earlierDate}）', '期号较大的一期应在较早一期之后印发：请核对日期和期号'],
  'markdown-too-deep': ['正文嵌套层次过深，无法读取（引用、列表、强调或 HTML 标签互相嵌套数千层）', '查找并删除连续的大量“>”、“*”或未闭合的标签'],
  'block-too-long': ['一段文字有 {count} 个字符，briefs 只把不超过 {limit} 个字符的段落当作 Markdown 读取，其余按纯文本印出', '用空行把它分成几段'],
  'unsafe-html': ['已删除原始 HTML：{removed}', '请用 Markdown 书写；脚本、框架、样式和属性不会被印出'],
  'unsafe-link': ['已删除链接目标“{href}”', '链接只能指向 http(s) 或 mailto 地址'],
  'remote-image': ['图片“{src}”不是工作区中的文件', '把图片存到 briefs/assets/ 下，用相对路径引用'],
  'image-outside-workspace': ['图片“{src}”不在工作区内', '图片请放在 briefs/assets/ 下，并用相对路径引用'],
  'image-type': ['“{src}”不是可以印刷的图片', '请使用 PNG、JPEG、GIF、WebP 或 SVG'],
  'image-missing': ['图片“{src}”不存在', '检查文件名和相对路径'],
  'image-too-large': ['图片“{src}”过大，浏览器无法印出', '按印刷尺寸重新保存（按印出宽度 300 dpi）'],
  encoding: ['文件不是 UTF-8 编码，可能是 {guess}', '另存为 UTF-8，或用 --encoding {guess} 读取（也可在 briefs.config.yaml 中设置 encoding: {guess}）'],
  'file-too-large': ['文件大小为 {size} MiB，briefs 只读取不超过 {limit} MiB 的文件', '拆分文件，或确认是不是选错了文件（图片应放在 briefs/assets/ 下）'],
  'title-line-too-long': ['标题行“{text}”宽 {width} 个字，一行标题最多 {limit} 个字', '把它分成两行，或把标题写成一行，由 briefs 自动回行'],
  'font-missing': ['字体“{entry}”不可用，该字体角色改用下一个字体', '安装该字体，或把字体文件放在工作区内（如 fonts/），并在配置中写出其相对路径'],
  'font-features': [
    '字体“{entry}”没有 halt 特性，{bulletins}的{role}文字无法按配置的开明式排标点，标点仍占全角',
    '请改用带 OpenType halt 特性的字体（思源、Noto 字体都有），或把该刊的 punctuation 设为 full',
  ],
  'font-outlines': ['字体“{entry}”是 CFF 轮廓，Chromium 会把它印成 Type 3 字形（模糊、不可检索）', '请改用该字体的 TrueType（.ttf）版本'],
  'encoding-broken': ['文件是 {encoding} 编码，但其中有不属于该编码的字节', '另存为 UTF-8'],
  'control-character': ['文本中有不可见字符 {codepoint}（{name}），会改变读者看到的内容', '删除它（常见于从其他程序复制的文字）'],
  'not-a-regular-file': ['这不是普通文件（符号链接、管道、设备或文件夹），briefs 不读取', '把文件本身放在这里，不要用链接'],
  'file-unreadable': ['无法读取该文件', '检查该文件的读取权限'],
  'empty-body': ['稿件没有正文', '在结束的 --- 下面书写正文'],
  'too-long': ['正文有 {count} 个汉字，《{bulletin}》最多 {limit} 个', '压缩篇幅，或在 briefs.config.yaml 中调高该刊物的 maxChars'],
  'halfwidth-punctuation': ['中文文本中有半角“{mark}”', '请使用全角“{full}”（briefs fix 可以统一改正）'],
  'glyph-missing': ['briefs 使用的字体中没有“{char}”（{codepoint}）', '生僻汉字请安装 fonts-hanazono（npm run setup 会安装），或改用其他写法'],
  'placeholder-left': ['“{value}”是表单的占位文字，不是作者填写的内容', '请填写实际内容；稿件在定稿的一期中时，填好后才能印制'],
  'request-blocked': ['页面请求了 {url}，已拒绝', '一期只能使用工作区自己的图片'],
  'resource-failed': ['{url} 无法加载，PDF 中缺少该内容', '检查该文件是否在工作区内'],
  'notes-at-end': ['注释未能排在所引页的页脚，改排在各篇文末', '请报告此问题，并附上该期的 HTML（generate --html）'],
  'copies-draft': ['草稿不能印制编号副本', '签发后把 status 设为 final'],
  'copies-no-slot': ['报头中没有留出份号的位置', '工作区的 masthead.hbs 须保留原模板中的 serialSlot 标记'],
  'copies-too-many': ['份号将超过 999999', '用 serialStart 从较小的号开始'],
  'recipients-missing': ['本期没有列出分发对象', '在 distribution（报/送/发）中列出，或用 recipients 指定名单文件'],
  'recipients-invalid': ['分发名单中“{name}”有误', '每个单位只列一次，份数为 1 至 10000 的整数'],
  'recipient-invisible': ['分发对象“{name}”中有不可见字符 {codepoint}：印出来与另一个名称一样，却会单独得到一份', '删除该字符（常见于从其他程序复制的文字）'],
  'copies-record-invalid': [
    '{issue} 的份号记录与 briefs 写入的不符，已弃用：份号从 serialStart 重新分配',
    '如已按旧记录分发过副本，请从备份恢复该记录后重新运行 copies；否则无需处理',
  ],
  'recipients-unreadable': ['无法读取分发名单 {path}', '名单须是工作区内的 .yaml、.yml 或 .csv 文件'],
  'volume-draft': ['{id} 是草稿；合订本只收定稿', '定稿后再合订，或加 --drafts 一并合订草稿（目录中标明“草稿”）'],
  'volume-folio-kept': [
    '{count} 页找不到本期页码可替换，合订本页码另行加印',
    '工作区模板若不在版心下方印页码，原页码会保留：可改用 volumeFolio: both，或照 bulletin.css 设置页码',
  ],
  'volume-missing-number': ['该年没有第{number}期的期文件，合订本在此跳过', '补上这一期；如该期号从未使用，可不理会'],
  'volume-empty': ['该刊物在 {year} 年没有任何一期', '检查刊物和年份'],
  'print-failed': ['印制失败：{reason}', '加上 --debug 重新运行查看详情；页面超时可调大 --timeout'],
};

function fill(template: string, values: Record<string, string | number | undefined>): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === '') missing = true;
    return String(v ?? '');
  });
  return missing ? undefined : out;
}

export function localize(d: Diagnostic, lang: Lang): Diagnostic {
  const more = (m: string) => (!d.more ? m : lang === 'zh' ? `${m}（本文件另有 ${d.more} 处同类问题）` : `${m} (and ${d.more} more like it in this file)`);
  const entry = MESSAGES_ZH[d.code];
  if (lang === 'en' || !entry) return { ...d, message: more(d.message) };
  const values = { field: d.field, key: d.field, ...d.data };
  return { ...d, message: more(fill(entry[0], values) ?? d.message), hint: d.hint === undefined ? undefined : (fill(entry[1], values) ?? d.hint) };
}

/** --lang wins; else a Chinese locale (LC_ALL, LC_MESSAGES, LANG = zh_*) says Chinese. */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag === 'zh' || flag === 'en') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

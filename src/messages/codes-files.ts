/** The catalogue's codes of the workspace's files: front matter, fields, issues and their numbering (catalogue.ts). */
import type { CatalogueEntry } from './entry.js';

export const FILE_CODES = {
  'frontmatter-missing': {
    severity: 'error',
    means: 'the file does not start with `---` front matter',
    zh: ['文件没有前置信息', '以 --- 开头，写上必填字段，再以 --- 结束；docs/workspace.md 列出了所有字段'],
  },
  'frontmatter-language': {
    severity: 'error',
    means: 'the front matter is marked `---js`, `---coffee` …: only YAML is read, nothing else is evaluated',
    zh: ['前置信息标记为“{lang}”，只读取 YAML 前置信息', '文件第一行只写三个短横线（---），字段用 YAML 书写'],
  },
  'frontmatter-unclosed': {
    severity: 'error',
    means: 'the front matter has no closing `---`',
    zh: ['前置信息以 --- 开始，但没有结束', '在最后一个字段后加一行 ---'],
  },
  'frontmatter-syntax': {
    severity: 'error',
    means: 'the front matter cannot be split from the body',
    zh: ['无法读取前置信息', '检查前置信息开头和结尾的 --- 行'],
  },
  'frontmatter-not-a-map': {
    severity: 'error',
    means: 'the front matter is not a list of `key: value` lines',
    zh: ['前置信息必须是“字段: 值”形式的行', '每行写一个字段，例如“标题: 关于……的建议”'],
  },
  'yaml-syntax': {
    severity: 'error',
    means: 'YAML syntax, with a code frame',
    zh: ['YAML 语法错误：{detail}', '值中含有冒号、# 或括号时请加引号；缩进请用空格'],
  },
  'missing-field': {
    severity: 'error',
    means: 'a required field is missing (authors need a name)',
    zh: ['缺少必填字段“{field}”（{alias}）', '在前置信息中加一行“{alias}: …”'],
  },
  'duplicate-field': {
    severity: 'error',
    means: 'a field is given twice (e.g. `title` and `标题`)',
    zh: ['“{field}”与字段“{other}”重复', '每个字段只写一次（中文或英文任选其一）'],
  },
  'unknown-field': {
    severity: 'error / warning',
    means:
      'a key briefs does not know, with "did you mean" (`titel` → `title`, `标体` → `标题`); an error in a final issue when it looks like a known field misspelt (`distrubution:` would print without the 报/送/发 lines)',
    zh: ['未知字段“{key}”', '是不是“{guess}”？'],
  },
  'invalid-type': {
    severity: 'error',
    means: 'a field has the wrong kind of value (text, number, list, true/false)',
    zh: ['字段“{field}”的值类型不对', '参见 docs/workspace.md 中该字段的说明'],
  },
  'invalid-value': {
    severity: 'error',
    means: 'a value outside its choices (`status`)',
    zh: ['“{field}”为“{value}”，应为以下之一：{choices}', '从上面的取值中选择一个'],
  },
  'out-of-range': {
    severity: 'error',
    means: 'a whole number outside its range: year 1949–2100, number 1–999, total 1–99999, copies 1–1000000, serial 1–999999',
    zh: ['“{field}”为 {value}，应在 {min} 到 {max} 之间', '检查数字是否写错'],
  },
  'invalid-date': {
    severity: 'error',
    means: 'a date not written YYYY-MM-DD',
    zh: ['“{field}”应为 YYYY-MM-DD 格式的日期，而不是“{value}”', '例如 {field}: 2020-03-10'],
  },
  'impossible-date': {
    severity: 'error',
    means: 'a date that does not exist (2020-13-45)',
    zh: ['“{field}”为 {value}，这个日期不存在', '检查月份（1–12）和日期'],
  },
  'unknown-bulletin': {
    severity: 'error',
    means: '`publication` names no configured bulletin',
    zh: ['未知刊物“{value}”', '可用的刊物：{choices}'],
  },
  'invalid-id': {
    severity: 'error',
    means: 'an id with characters other than letters, digits, `.`, `-`, `_`',
    zh: ['编号“{value}”只能包含字母、数字、点、短横线和下划线', '重命名文件，或用“编号:”另设一个简单的编号'],
  },
  'date-outside-year': {
    severity: 'error',
    means: "an issue's date is not in its year",
    zh: ['印发日期 {date} 不在本期所属的 {year} 年内', '期号按年编排：请核对年份和印发日期'],
  },
  'issue-folder': {
    severity: 'warning',
    means: 'an issue file in the folder of one bulletin (`issues/jianyi/…`) names another (`publication: qingkuang`): it counts as the bulletin it names',
    zh: ['该文件在《{named}》的文件夹（{folder}/）中，却写明属于《{own}》：按《{own}》的一期计', '把它移到 {path}，或更正 publication'],
  },
  'empty-issue': {
    severity: 'error / warning',
    means: 'a final issue lists no submission (a draft may wait for its submissions: a warning)',
    zh: ['本期没有列出任何稿件', '按刊印顺序列出稿件编号'],
  },
  encoding: {
    severity: 'error',
    means: 'the file is not UTF-8; names the encoding it probably is (read it with `--encoding`)',
    zh: ['文件不是 UTF-8 编码，可能是 {guess}', '另存为 UTF-8，或用 --encoding {guess} 读取（也可在 briefs.config.yaml 中设置 encoding: {guess}）'],
  },
  'file-too-large': {
    severity: 'error',
    means: 'the file is over 1 MiB and is not read',
    zh: ['文件大小为 {size} MiB，briefs 只读取不超过 {limit} MiB 的文件', '拆分文件，或确认是不是选错了文件（图片应放在 briefs/assets/ 下）'],
  },
  'duplicate-id': {
    severity: 'error',
    means:
      'two submissions have the same id: reported on every file that claims it and on every issue that names it, and none of them prints (never first-wins)',
    zh: ['稿件编号“{id}”也被 {other} 使用', '为其中一篇换一个文件名或编号'],
  },
  'duplicate-issue': {
    severity: 'error',
    means: 'two issue files have the same bulletin, year and number (both are reported, neither prints)',
    zh: ['{other} 也是{issue}', '给其中一期换一个期号'],
  },
  'unknown-submission': {
    severity: 'error / warning',
    means: 'an issue names a submission that does not exist: an error in a final issue, a warning in a draft (which prints without it)',
    zh: ['没有编号为“{id}”的稿件', '核对 briefs/submissions 下的文件名'],
  },
  'submission-invalid': {
    severity: 'error',
    means: 'an issue names a submission whose file has errors of its own: fix that file (named in the message)',
    zh: ['稿件“{id}”无法使用：{other} 有错误', '先改正 {other} 中报告的错误'],
  },
  'submission-in-two-issues': {
    severity: 'error',
    means: 'one submission is listed in two issues',
    zh: ['“{id}”已在 {other} 中', '一篇稿件只刊印在一期中：请从其中一期删除'],
  },
  'submission-repeated': {
    severity: 'error',
    means: 'an issue lists a submission twice',
    zh: ['“{id}”在本期中列了两次', '每篇稿件只列一次'],
  },
  'wrong-bulletin': {
    severity: 'error',
    means: 'a submission of one bulletin in an issue of another',
    zh: ['“{id}”投给的是 {from}，但本期属于 {to}', '把它移到 {from} 的一期中，或修改稿件的“刊物”'],
  },
  'rejected-in-issue': {
    severity: 'error',
    means: 'a rejected (已退回) submission in an issue',
    zh: ['“{id}”在 {other} 中标记为已退回', '从本期中删除，或修改其状态'],
  },
  'numbering-gap': {
    severity: 'warning',
    means: "numbers are missing from a year's issues (one warning a run of them)",
    zh: ['缺少第{missing}期：期号跳到了第{next}期', '每年的期号应连续：检查是否有遗漏或编错的期'],
  },
  'duplicate-total': {
    severity: 'error',
    means: 'two issues of a bulletin have the same 总期号 (both are reported)',
    zh: ['总第{total}期也是 {other} 的总期号', '同一刊物每期的总期号各不相同：请更正其中一期'],
  },
  'total-order': {
    severity: 'warning',
    means: 'a 总期号 lower than that of an earlier issue of the bulletin',
    zh: ['总第{total}期小于此前 {issue} 的总第{earlier}期', '总期号跨年连续递增：请核对这两期的文件'],
  },
  'file-number': {
    severity: 'warning',
    means: "an issue file's name says another number than its `number` (`005.md` holding `number: 7`)",
    zh: ['文件名为 {name}，但期号为 {number}', '按期号重命名文件，或更正期号'],
  },
  'date-order': {
    severity: 'warning',
    means: 'a later number dated before an earlier one of the same year',
    zh: ['{issue}的日期 {date} 早于{earlier}（{earlierDate}）', '期号较大的一期应在较早一期之后印发：请核对日期和期号'],
  },
  'placeholder-left': {
    severity: 'error / warning',
    means: "the submission form's placeholder text (姓名, 职称或职务, 单位, 正文第一段。…) is still there: an error when the submission is in a final issue",
    zh: ['“{value}”是表单的占位文字，不是作者填写的内容', '请填写实际内容；稿件在定稿的一期中时，填好后才能印制'],
  },
} as const satisfies Record<string, CatalogueEntry>;

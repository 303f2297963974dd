/** The catalogue's codes of the workspace's files: front matter, fields, issues and their numbering (catalogue.ts). */
import type { CatalogueEntry } from './entry.js';

export const FILE_CODES = {
  'frontmatter-missing': {
    severity: 'error',
    means: 'the file does not start with `---` front matter',
    en: ['the {kind} has no front matter', 'start the file with ---, the fields ({fields}), and --- again; docs/workspace.md lists every field'],
    zh: ['文件没有前置信息', '以 --- 开头，写上必填字段，再以 --- 结束；docs/workspace.md 列出了所有字段'],
  },
  'frontmatter-language': {
    severity: 'error',
    means: 'the front matter is marked `---js`, `---coffee` …: only YAML is read, nothing else is evaluated',
    en: [
      'front matter is marked as "{lang}"; only YAML front matter is read',
      'start the file with a line of three dashes alone (---) and write the fields in YAML',
    ],
    zh: ['前置信息标记为“{lang}”，只读取 YAML 前置信息', '文件第一行只写三个短横线（---），字段用 YAML 书写'],
  },
  'frontmatter-unclosed': {
    severity: 'error',
    means: 'the front matter has no closing `---`',
    en: ['the front matter is opened with --- but never closed', 'add a line of three dashes (---) after the last field'],
    zh: ['前置信息以 --- 开始，但没有结束', '在最后一个字段后加一行 ---'],
  },
  'frontmatter-syntax': {
    severity: 'error',
    means: 'the front matter cannot be split from the body',
    en: ['front matter cannot be read: {message}', 'check the --- lines that open and close the front matter'],
    zh: ['无法读取前置信息', '检查前置信息开头和结尾的 --- 行'],
  },
  'frontmatter-not-a-map': {
    severity: 'error',
    means: 'the front matter is not a list of `key: value` lines',
    en: ['front matter must be a list of "key: value" lines', 'write one field a line, e.g. "title: 关于……的建议"'],
    zh: ['前置信息必须是“字段: 值”形式的行', '每行写一个字段，例如“标题: 关于……的建议”'],
  },
  'yaml-syntax': {
    severity: 'error',
    means: 'YAML syntax, with a code frame',
    en: ['YAML syntax: {detail}', 'quote values that contain a colon, # or brackets, e.g. title: "关于……的建议：试点方案"'],
    variants: {
      alias: { en: ['YAML syntax: {detail}', 'write each value out; YAML aliases (*name) may be used only a few times'] },
      'duplicate-key': { en: ['YAML syntax: {detail}', 'each field may appear once; remove or rename the repeated one'] },
      tab: { en: ['YAML syntax: {detail}', 'indent with spaces, not tabs'] },
      indent: { en: ['YAML syntax: {detail}', 'check the indentation and that every "key: value" has a space after the colon'] },
    },
    zh: ['YAML 语法错误：{detail}', '值中含有冒号、# 或括号时请加引号；缩进请用空格'],
  },
  'missing-field': {
    severity: 'error',
    means: 'a required field is missing (authors need a name)',
    en: ['required field "{name}" ({alias}) is missing', 'add a line "{name}: …" to the front matter'],
    variants: {
      'author-name': { en: ['an author has no name (姓名)', 'give every author a name'] },
      'no-author': { en: ['no author is named', 'name at least one author'] },
    },
    zh: ['缺少必填字段“{field}”（{alias}）', '在前置信息中加一行“{alias}: …”'],
  },
  'duplicate-field': {
    severity: 'error',
    means: 'a field is given twice (e.g. `title` and `标题`)',
    en: ['"{key}" repeats the field "{other}"', 'write each field once, in English or in Chinese'],
    zh: ['“{field}”与字段“{other}”重复', '每个字段只写一次（中文或英文任选其一）'],
  },
  'unknown-field': {
    severity: 'error / warning',
    means:
      'a key briefs does not know, with "did you mean" (`titel` → `title`, `标体` → `标题`); an error in a final issue when it looks like a known field misspelt (`distrubution:` would print without the 报/送/发 lines)',
    en: ['unknown {kind} field "{key}"', 'did you mean "{guess}"?'],
    variants: {
      'distribution-line': { en: ['unknown distribution line "{key}"', 'the lines are 报 (to superiors), 送 (to peers) and 发 (to subordinates)'] },
      'author-field': { en: ['unknown author field "{key}"', 'an author has name (姓名), title (职称/职务) and affiliation (单位)'] },
      'no-guess': { en: ['unknown {kind} field "{key}"', 'known fields: {known}'] },
      final: {
        en: ['unknown {kind} field "{key}": a final issue would print without its {guess}', 'did you mean "{guess}"?'],
        zh: ['未知字段“{key}”：定稿的这一期印出来会缺少“{guess}”的内容', '是不是“{guess}”？'],
      },
    },
    zh: ['未知字段“{key}”', '是不是“{guess}”？'],
  },
  'invalid-type': {
    severity: 'error',
    means: 'a field has the wrong kind of value (text, number, list, true/false)',
    en: ['"{key}" must be text', 'write it as plain text on one line'],
    variants: {
      distribution: { en: ['"{field}" must have the lines 报, 送 and 发', 'e.g. distribution: {报: [中央办公厅], 送: [各全国学会], 发: [各省级科协]}'] },
      'distribution-line': {
        en: ['distribution line "{key}" must be a list of recipients, each a name or {name, copies}', 'e.g. 报: [中央办公厅, {name: 国务院办公厅, copies: 2}]'],
      },
      author: { en: ['each entry of "{field}" must be a name or {name, title, affiliation}', 'e.g. - {name: 张三, title: 研究员, affiliation: 某研究所}'] },
      'author-field': { en: ['author field "{key}" must be text', 'write it as plain text'] },
      integer: { en: ['"{key}" must be a whole number, not {shown}', 'e.g. {key}: {min}'] },
      boolean: { en: ['"{key}" must be true or false', 'e.g. {key}: true'] },
      list: { en: ['"{key}" must be a list of text items', 'write one item a line, each starting with "- "'] },
    },
    zh: ['字段“{field}”的值类型不对', '参见 docs/workspace.md 中该字段的说明'],
  },
  'invalid-value': {
    severity: 'error',
    means: 'a value outside its choices (`status`)',
    en: ['"{v2}" is "{value}"; it must be one of {v3}', 'e.g. {v2}: {v4}'],
    zh: ['“{field}”为“{value}”，应为以下之一：{choices}', '从上面的取值中选择一个'],
  },
  'out-of-range': {
    severity: 'error',
    means: 'a whole number outside its range: year 1949–2100, number 1–999, total 1–99999, copies 1–1000000, serial 1–999999',
    en: ['"{key}" is {value}; it must be from {min} to {max}', 'check the number for a typo'],
    zh: ['“{field}”为 {value}，应在 {min} 到 {max} 之间', '检查数字是否写错'],
  },
  'invalid-date': {
    severity: 'error',
    means: 'a date not written YYYY-MM-DD',
    en: ['"{key}" must be a date written YYYY-MM-DD, not "{value}"', 'e.g. {key}: 2020-03-10'],
    zh: ['“{field}”应为 YYYY-MM-DD 格式的日期，而不是“{value}”', '例如 {field}: 2020-03-10'],
  },
  'impossible-date': {
    severity: 'error',
    means: 'a date that does not exist (2020-13-45)',
    en: ['"{key}" is {value}, a date that does not exist', 'check the month (1–12) and the day of the month'],
    zh: ['“{field}”为 {value}，这个日期不存在', '检查月份（1–12）和日期'],
  },
  'unknown-bulletin': {
    severity: 'error',
    means: '`publication` names no configured bulletin',
    en: ['"{value}" is not a bulletin briefs knows', 'use one of {choices}'],
    zh: ['未知刊物“{value}”', '可用的刊物：{choices}'],
  },
  'invalid-id': {
    severity: 'error',
    means: 'an id with characters other than letters, digits, `.`, `-`, `_`',
    en: ['the id "{value}" may hold only letters, digits, dots, dashes and underscores', 'rename the file or set id: to a plain name'],
    zh: ['编号“{value}”只能包含字母、数字、点、短横线和下划线', '重命名文件，或用“编号:”另设一个简单的编号'],
  },
  'date-outside-year': {
    severity: 'error',
    means: "an issue's date is not in its year",
    en: ["the issue date {date} is not in the issue's year {year}", 'issues are numbered per year: check year and date'],
    zh: ['印发日期 {date} 不在本期所属的 {year} 年内', '期号按年编排：请核对年份和印发日期'],
  },
  'issue-folder': {
    severity: 'warning',
    means: 'an issue file in the folder of one bulletin (`issues/jianyi/…`) names another (`publication: qingkuang`): it counts as the bulletin it names',
    en: [
      'the file is in the folder of 《{named}》 ({folder}/) but names 《{own}》: it is counted as an issue of 《{own}》',
      'move it to {dir}/{id}/, or correct publication:',
    ],
    zh: ['该文件在《{named}》的文件夹（{folder}/）中，却写明属于《{own}》：按《{own}》的一期计', '把它移到 {path}，或更正 publication'],
  },
  'empty-issue': {
    severity: 'error / warning',
    means: 'a final issue lists no submission (a draft may wait for its submissions: a warning)',
    en: ['the issue names no submission yet', 'list the ids of its submissions, in print order'],
    zh: ['本期没有列出任何稿件', '按刊印顺序列出稿件编号'],
  },
  encoding: {
    severity: 'error',
    means: 'the file is not UTF-8; names the encoding it probably is (read it with `--encoding`)',
    en: [
      'the file is not UTF-8; it is probably {upper}',
      'save it again as UTF-8, or read such files with --encoding {guess} (or "encoding: {guess}" in briefs.config.yaml)',
    ],
    variants: {
      unknown: { en: ['the file is not UTF-8', 'save it again as UTF-8'], zh: ['文件不是 UTF-8 编码', '另存为 UTF-8'] },
      neither: {
        en: ['the file is neither UTF-8 nor {encoding}', 'save it again as UTF-8'],
        zh: ['文件既不是 UTF-8 编码，也不是 {encoding} 编码', '另存为 UTF-8'],
      },
    },
    zh: ['文件不是 UTF-8 编码，可能是 {guess}', '另存为 UTF-8，或用 --encoding {guess} 读取（也可在 briefs.config.yaml 中设置 encoding: {guess}）'],
  },
  'file-too-large': {
    severity: 'error',
    means: 'the file is over 1 MiB and is not read',
    en: [
      'the file is {size} MiB; briefs reads files of at most {limit} MiB',
      'split it, or check that it is the submission you meant (images belong in briefs/assets/, not inside the text)',
    ],
    zh: ['文件大小为 {size} MiB，briefs 只读取不超过 {limit} MiB 的文件', '拆分文件，或确认是不是选错了文件（图片应放在 briefs/assets/ 下）'],
  },
  'duplicate-id': {
    severity: 'error',
    means:
      'two submissions have the same id: reported on every file that claims it and on every issue that names it, and none of them prints (never first-wins)',
    en: ['the submission id "{id}" is also used by {other}', 'give all but one of them another file name or id:'],
    variants: {
      unprinted: { en: ['the submission id "{id}" is used by {other}: none of them is printed', 'give all but one of them another file name or id:'] },
    },
    zh: ['稿件编号“{id}”也被 {other} 使用', '为其中一篇换一个文件名或编号'],
  },
  'duplicate-issue': {
    severity: 'error',
    means: 'two issue files have the same bulletin, year and number (both are reported, neither prints)',
    en: ['{other} is also {issue}', 'give one of them another number'],
    zh: ['{other} 也是{issue}', '给其中一期换一个期号'],
  },
  'unknown-submission': {
    severity: 'error / warning',
    means: 'an issue names a submission that does not exist: an error in a final issue, a warning in a draft (which prints without it)',
    en: ['no submission has the id "{id}"', 'check the id against the file names under briefs/submissions'],
    variants: {
      near: { en: ['no submission has the id "{id}"', 'did you mean "{near}"?'] },
      draft: {
        en: [
          'no submission has the id "{id}": the draft prints without it',
          'check the id against the file names under briefs/submissions; or take "{id}" out of submissions:',
        ],
      },
      'draft-near': { en: ['no submission has the id "{id}": the draft prints without it', 'did you mean "{near}"?; or take "{id}" out of submissions:'] },
    },
    zh: ['没有编号为“{id}”的稿件', '核对 briefs/submissions 下的文件名'],
  },
  'submission-invalid': {
    severity: 'error',
    means: 'an issue names a submission whose file has errors of its own: fix that file (named in the message)',
    en: ['the submission "{id}" cannot be used: {other} has errors', 'fix the errors reported for {other}'],
    zh: ['稿件“{id}”无法使用：{other} 有错误', '先改正 {other} 中报告的错误'],
  },
  'submission-in-two-issues': {
    severity: 'error',
    means: 'one submission is listed in two issues',
    en: ['"{id}" is already in {other}', 'a submission is printed in one issue only: remove it from one of them'],
    zh: ['“{id}”已在 {other} 中', '一篇稿件只刊印在一期中：请从其中一期删除'],
  },
  'submission-repeated': {
    severity: 'error',
    means: 'an issue lists a submission twice',
    en: ['"{id}" is listed twice in this issue', 'list each submission once'],
    zh: ['“{id}”在本期中列了两次', '每篇稿件只列一次'],
  },
  'wrong-bulletin': {
    severity: 'error',
    means: 'a submission of one bulletin in an issue of another',
    en: ['"{id}" was submitted to {from}, but this is an issue of {to}', 'move it to an issue of {from}, or change publication: in {file}'],
    zh: ['“{id}”投给的是 {from}，但本期属于 {to}', '把它移到 {from} 的一期中，或修改稿件的“刊物”'],
  },
  'rejected-in-issue': {
    severity: 'error',
    means: 'a rejected (已退回) submission in an issue',
    en: ['"{id}" is marked rejected (已退回) in {other}', 'remove it from the issue, or change its status'],
    zh: ['“{id}”在 {other} 中标记为已退回', '从本期中删除，或修改其状态'],
  },
  'numbering-gap': {
    severity: 'warning',
    means: "numbers are missing from a year's issues (one warning a run of them)",
    en: ['{v2} {v3} missing: the numbers jump to {next}', 'issues are numbered without gaps each year; check for a lost or misnumbered issue file'],
    zh: ['缺少第{missing}期：期号跳到了第{next}期', '每年的期号应连续：检查是否有遗漏或编错的期'],
  },
  'duplicate-total': {
    severity: 'error',
    means: 'two issues of a bulletin have the same 总期号 (both are reported)',
    en: ['总第{total}期 is also the total of {other}', 'each issue of a bulletin has its own 总期号: correct one of them'],
    zh: ['总第{total}期也是 {other} 的总期号', '同一刊物每期的总期号各不相同：请更正其中一期'],
  },
  'total-order': {
    severity: 'warning',
    means: 'a 总期号 lower than that of an earlier issue of the bulletin',
    en: ['总第{total}期 is lower than 总第{earlier}期 of the earlier {issue}', 'the 总期号 runs on across years; check both issue files'],
    zh: ['总第{total}期小于此前 {issue} 的总第{earlier}期', '总期号跨年连续递增：请核对这两期的文件'],
  },
  'file-number': {
    severity: 'warning',
    means: "an issue file's name says another number than its `number` (`005.md` holding `number: 7`)",
    en: ['the file is named {name}, but it holds number: {number}', 'rename the file after its number, or correct the number'],
    zh: ['文件名为 {name}，但期号为 {number}', '按期号重命名文件，或更正期号'],
  },
  'date-order': {
    severity: 'warning',
    means: 'a later number dated before an earlier one of the same year',
    en: ['{issue} is dated {date}, before {earlier} ({earlierDate})', 'a later number is issued on or after the earlier one: check the dates and numbers'],
    zh: ['{issue}的日期 {date} 早于{earlier}（{earlierDate}）', '期号较大的一期应在较早一期之后印发：请核对日期和期号'],
  },
  'placeholder-left': {
    severity: 'error / warning',
    means: "the submission form's placeholder text (姓名, 职称或职务, 单位, 正文第一段。…) is still there: an error when the submission is in a final issue",
    en: ['"{value}" is the form\'s placeholder, not the expert\'s text', 'fill it in, or ask the expert to'],
    variants: {
      final: { en: ['"{value}" is the form\'s placeholder, not the expert\'s text', 'fill it in before the issue is printed: it is in a final issue'] },
    },
    zh: ['“{value}”是表单的占位文字，不是作者填写的内容', '请填写实际内容；稿件在定稿的一期中时，填好后才能印制'],
  },
} as const satisfies Record<string, CatalogueEntry>;

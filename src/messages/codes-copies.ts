/** The catalogue's codes of what is made of printed issues: numbered copies, their recipients, the volume (catalogue.ts). */
import type { CatalogueEntry } from './entry.js';

export const COPIES_CODES = {
  'copies-draft': {
    severity: 'error',
    means: '`briefs copies` was asked for a draft: only a final issue is copied',
    en: ['only a final issue is copied; this one is a draft', 'set status: final when the issue is approved'],
    zh: ['草稿不能印制编号副本', '签发后把 status 设为 final'],
  },
  'copies-no-slot': {
    severity: 'error',
    means: "a workspace `masthead.hbs` left out the mark of the 份号's place, so copies cannot be stamped",
    en: [
      'the masthead has no place for the 份号',
      'a workspace masthead.hbs must keep the serialSlot mark of the shipped one (templates/partials/masthead.hbs)',
    ],
    zh: ['报头中没有留出份号的位置', '工作区的 masthead.hbs 须保留原模板中的 serialSlot 标记'],
  },
  'copies-too-many': {
    severity: 'error',
    means: "the issue's 份号 would pass 999999",
    en: ['the 份号 would pass 999999', 'start lower with serialStart'],
    zh: ['份号将超过 999999', '用 serialStart 从较小的号开始'],
  },
  'recipients-missing': {
    severity: 'error',
    means: '`briefs copies`: the issue names no recipients (no distribution, no `recipients:` list)',
    en: ['the issue names no recipients', 'list them under distribution (报/送/发), or name a list with recipients:'],
    zh: ['本期没有列出分发对象', '在 distribution（报/送/发）中列出，或用 recipients 指定名单文件'],
  },
  'recipients-invalid': {
    severity: 'error',
    means:
      'a recipients list or distribution entry is wrong: no name, copies not 1–10000, a recipient listed twice, a YAML or CSV syntax error (`validate` reads the lists too)',
    en: ['"{name}"{group} is listed twice', 'list each recipient once, with copies: N for more than one copy'],
    variants: {
      csv: { en: ['CSV: {message}', 'a header row (name, group, copies), then one recipient a row'] },
      'no-name': { en: ['a recipient without a name', 'give every row a name (名称)'] },
      copies: { en: ['"{name}" has {copies} copies', 'copies (份数) is a whole number from 1 to 10000'] },
      yaml: { en: ['YAML syntax: {detail}', 'one "- {name: …, group: …, copies: …}" a line'] },
      'not-a-list': { en: ['the recipients list must be a list', 'one "- {name: …, group: …, copies: …}" a line'] },
    },
    zh: ['分发名单中“{name}”有误', '每个单位只列一次，份数为 1 至 10000 的整数'],
  },
  'recipient-invisible': {
    severity: 'error',
    means:
      "a recipient's name (in `distribution` or a `recipients:` list) holds a character that prints nothing: a control, a zero-width space or joiner, a bidi mark; `科技​部` would look like `科技部` and get a copy of its own",
    en: [
      'the recipient "{name}" holds an invisible {codepoint}: it prints like another name and would get a copy of its own',
      'delete the character (it often comes from copying out of another program)',
    ],
    zh: ['分发对象“{name}”中有不可见字符 {codepoint}：印出来与另一个名称一样，却会单独得到一份', '删除该字符（常见于从其他程序复制的文字）'],
  },
  'copies-record-invalid': {
    severity: 'warning',
    means:
      '`briefs copies`: the record of the 份号 given (`dist/.briefs-copies.json`) is not as briefs writes it (a path for a number, one number for two recipients, a number out of range); it is set aside whole and the numbers are given again',
    en: [
      'the record of the 份号 given for {issue} is not as briefs writes it, and was set aside: numbers were given again from serialStart',
      'if copies went out under the old record, restore it from a backup and run copies again; otherwise nothing is to be done',
    ],
    zh: [
      '{issue} 的份号记录与 briefs 写入的不符，已弃用：份号从 serialStart 重新分配',
      '如已按旧记录分发过副本，请从备份恢复该记录后重新运行 copies；否则无需处理',
    ],
  },
  'recipients-unreadable': {
    severity: 'error',
    means: 'the `recipients:` file is missing, outside the workspace, not YAML or CSV, or unreadable',
    en: ['cannot read the recipients list {path} ({problem})', 'check the path, relative to the workspace'],
    variants: {
      outside: { en: ['the recipients list {path} is outside the workspace', 'keep the list in the workspace, e.g. recipients/2026-一季度.yaml'] },
      kind: { en: ['the recipients list {path} is neither YAML nor CSV', 'name a .yaml, .yml or .csv file'] },
    },
    zh: ['无法读取分发名单 {path}', '名单须是工作区内的 .yaml、.yml 或 .csv 文件'],
  },
  'volume-draft': {
    severity: 'error',
    means: '`briefs volume`: an issue of the year is a draft (give `--drafts` to bind it, marked)',
    en: ['{id} is a draft; a volume binds final issues', 'make it final, or give --drafts to bind drafts too (each is marked 草稿 in the contents)'],
    zh: ['{id} 是草稿；合订本只收定稿', '定稿后再合订，或加 --drafts 一并合订草稿（目录中标明“草稿”）'],
  },
  'volume-folio-kept': {
    severity: 'warning',
    means: "`briefs volume` with the volume's folios: pages with no folio of their issue under the text block to replace (the volume's number is set anyway)",
    en: [
      "{length} page(s) had no page number of their issue to replace (volume pages {v2}{v3}); the volume's number is set beside whatever they print",
      'a workspace template that sets the folio elsewhere than under the text block keeps it: use volumeFolio: both, or set the folio as bulletin.css does',
    ],
    zh: [
      '{count} 页找不到本期页码可替换，合订本页码另行加印',
      '工作区模板若不在版心下方印页码，原页码会保留：可改用 volumeFolio: both，或照 bulletin.css 设置页码',
    ],
  },
  'volume-missing-number': {
    severity: 'warning',
    means: '`briefs volume`: a number of the year has no issue file; the volume skips it',
    en: ['第{n}期 of {year} has no issue file; the volume goes from 第{v3}期 to 第{v4}期', 'add the issue, or leave the gap if the number was never issued'],
    zh: ['该年没有第{number}期的期文件，合订本在此跳过', '补上这一期；如该期号从未使用，可不理会'],
  },
  'volume-empty': {
    severity: 'error',
    means: '`briefs volume`: the bulletin has no issue in that year',
    en: ['《{v1}》 has no issue in {year2}', 'check the bulletin and the year'],
    zh: ['该刊物在 {year} 年没有任何一期', '检查刊物和年份'],
  },
} as const satisfies Record<string, CatalogueEntry>;

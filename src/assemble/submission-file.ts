/**
 * The form an editor sends to an expert: a new submission with every field present and short
 * guidance in comments, in Chinese and English. Pure.
 */
import { yamlValue as y } from '../files/yaml-value.js';

export interface NewSubmission {
  publication: string;
  title: string;
  author?: string;
  date: string;
}

/**
 * What the form says until the expert replaces it. validate knows these values (placeholder-left),
 * so a form sent back half-filled cannot print "（单位职称或职务 姓名）".
 */
export const PLACEHOLDERS = {
  name: '姓名',
  title: '职称或职务',
  affiliation: '单位',
  /** Lines of the body, headings without their #. */
  body: ['正文第一段。', '一、第一部分', '正文。'],
} as const;

export function submissionFileText(s: NewSubmission): string {
  return `---
# 请填写下列各项，然后在结束的 --- 下面书写正文（Markdown）。Fill in each field, then write the text below the closing ---.
title: ${y(s.title)}   # 标题，如“关于……的建议”
publication: ${y(s.publication)}   # 刊物：jianyi 科技工作者建议 / qingkuang 科技界情况
authors:   # 作者：每位作者一项 / one entry per author
  - name: ${y(s.author ?? PLACEHOLDERS.name)}
    title: ${PLACEHOLDERS.title}   # 如 研究员、中国科学院院士
    affiliation: ${PLACEHOLDERS.affiliation}
submitted: ${s.date}   # 日期 YYYY-MM-DD
topic: ""   # 栏目（科技界情况用），可空
summary: ""   # 摘要，可空
contact: ""   # 联系方式：仅供编辑部使用，不会印出 / for the editors only, never printed
status: submitted   # 状态：submitted 已提交 / accepted 已采用 / rejected 已退回（由编辑部填写）
---

${PLACEHOLDERS.body[0]}

## ${PLACEHOLDERS.body[1]}

${PLACEHOLDERS.body[2]}
`;
}

/**
 * A file name (and so the id) from the date and the title's own words, readable for a Chinese
 * title: 关于加快建立国家重大科研基础设施开放共享机制的建议 → 2026-11-28-加快建立国家重大科研.
 * The frame every title shares (关于…, …的建议/情况/报告/意见/调查/看法) is dropped; what is
 * left keeps its Han characters and lower-cased Latin words, joined by dashes where Latin meets
 * anything, up to 10 characters (Latin words count as one each, at most five). Han letters are
 * letters to ids, so the name is a valid id; a title with neither gives the bulletin's id.
 */
export function submissionSlug(date: string, title: string, publication: string): string {
  const core = title
    .normalize('NFKC')
    .trim()
    .replace(/^关于/, '')
    .replace(/的?(建议|情况|报告|意见|调查|看法)$/, '');
  let out = '';
  let count = 0;
  let latin = 0;
  for (const token of core.match(/\p{Script=Han}+|[A-Za-z0-9]+/gu) ?? []) {
    const isLatin = /^[A-Za-z0-9]+$/.test(token);
    if (isLatin && latin >= 5) continue;
    const piece = isLatin ? token.toLowerCase() : [...token].slice(0, 10 - count).join('');
    if (!piece) break;
    if (out && (isLatin || /[a-z0-9]$/.test(out))) out += '-';
    out += piece;
    count += isLatin ? 1 : [...piece].length;
    if (isLatin) latin++;
    if (count >= 10) break;
  }
  return `${date}-${out || publication}`;
}

/**
 * The text of a new issue file: every field the editor may fill, with short guidance. Pure.
 * Values are written through the YAML library, so a title or name with a colon stays valid.
 */
import { yamlValue as y } from '../files/yaml-value.js';

export interface NewIssue {
  publication: string;
  /** The bulletin's name, as a person reads it: 科技工作者建议. */
  name: string;
  year: number;
  number: number;
  total?: number;
  date: string;
  supplement: boolean;
  submissions: string[];
}

export function issueFileText(i: NewIssue): string {
  const submissions = i.submissions.length ? `\n${i.submissions.map((s) => `  - ${y(s)}`).join('\n')}` : ' []';
  return `---
# 《${i.name}》${i.year}年${i.supplement ? '增刊' : ''}第${i.number}期。字段说明见 README.zh-CN.md (fields: see docs/workspace.md).
publication: ${y(i.publication)}
year: ${i.year}
number: ${i.number}
${i.total !== undefined ? `total: ${i.total}\n` : ''}${i.supplement ? 'supplement: true\n' : ''}date: ${i.date}          # 印发日期
status: draft             # draft 草稿 → final 定稿 when it is signed off
submissions:${submissions}
# editor: 责任编辑
# approver: 签发
# copies: 120             # 共印N份
# distribution:
#   报: [中央办公厅, 国务院办公厅]
#   送: [科技部]
#   发: [各省、自治区、直辖市科协]
---

`;
}

/**
 * The front matter schema: every key in English and in Chinese. Experts write whichever they
 * know; the rest of the tool sees only the canonical English name.
 */
export interface FieldSpec {
  name: string;
  aliases: string[];
  required?: boolean;
}

export const SUBMISSION_FIELDS: FieldSpec[] = [
  { name: 'title', aliases: ['标题', '题目'], required: true },
  { name: 'publication', aliases: ['刊物', 'bulletin'], required: true },
  { name: 'authors', aliases: ['作者', 'author'], required: true },
  { name: 'submitted', aliases: ['日期', '提交日期', 'date'], required: true },
  { name: 'topic', aliases: ['栏目'] },
  { name: 'status', aliases: ['状态'] },
  { name: 'summary', aliases: ['摘要'] },
  { name: 'contact', aliases: ['联系方式'] },
  { name: 'id', aliases: ['编号'] },
];

export const ISSUE_FIELDS: FieldSpec[] = [
  { name: 'publication', aliases: ['刊物', 'bulletin'], required: true },
  { name: 'year', aliases: ['年份'], required: true },
  { name: 'number', aliases: ['期号'], required: true },
  { name: 'total', aliases: ['总期号'] },
  { name: 'date', aliases: ['印发日期', '日期'], required: true },
  { name: 'submissions', aliases: ['稿件'], required: true },
  { name: 'status', aliases: ['状态'] },
  { name: 'editor', aliases: ['责任编辑', '编辑'] },
  { name: 'approver', aliases: ['签发'] },
  { name: 'distribution', aliases: ['报送'] },
  { name: 'copies', aliases: ['印数'] },
  { name: 'classification', aliases: ['密级'] },
  { name: 'supplement', aliases: ['增刊'] },
  { name: 'serial', aliases: ['份号'] },
  { name: 'serialStart', aliases: ['起始份号'] },
  { name: 'recipients', aliases: ['分发名单'] },
];

/** A distribution entry written as a map: `{name: 中央办公厅, copies: 2}`. */
export const RECIPIENT_FIELDS: FieldSpec[] = [
  { name: 'name', aliases: ['名称', '单位'], required: true },
  { name: 'copies', aliases: ['份数'] },
  { name: 'group', aliases: ['分组'] },
];

export const AUTHOR_FIELDS: FieldSpec[] = [
  { name: 'name', aliases: ['姓名'], required: true },
  { name: 'title', aliases: ['职称', '职务'] },
  { name: 'affiliation', aliases: ['单位'] },
];

/** 报 goes to superiors, 送 to peers, 发 to subordinates (GB/T 9704 版记 order). */
export const DISTRIBUTION_FIELDS: FieldSpec[] = [
  { name: '报', aliases: ['report', 'to'] },
  { name: '送', aliases: ['send', 'cc'] },
  { name: '发', aliases: ['issue'] },
];

export const SUBMISSION_STATUS: Record<string, 'submitted' | 'accepted' | 'rejected'> = {
  submitted: 'submitted',
  accepted: 'accepted',
  rejected: 'rejected',
  已提交: 'submitted',
  已采用: 'accepted',
  已退回: 'rejected',
};

export const ISSUE_STATUS: Record<string, 'draft' | 'final'> = {
  draft: 'draft',
  final: 'final',
  草稿: 'draft',
  定稿: 'final',
};

/** Maps every accepted spelling to its canonical name. */
export function aliasTable(fields: readonly FieldSpec[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const f of fields) {
    table.set(f.name, f.name);
    for (const a of f.aliases) table.set(a, f.name);
  }
  return table;
}

/** The closest known key, for "did you mean": small edit distance, same script. */
export function closestKey(key: string, fields: readonly FieldSpec[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const f of fields) {
    for (const candidate of [f.name, ...f.aliases]) {
      const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
  }
  if (best === undefined) return undefined;
  // Two-character Chinese keys differ by one character at most; English keys by a third.
  const allowed = Math.max(1, Math.floor(Math.max(key.length, best.length) / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Edit distance in which swapping two neighbours counts as one edit: titel → title is 1. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

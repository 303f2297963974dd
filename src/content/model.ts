export interface Author {
  name: string;
  /** 职称 or 职务, e.g. 研究员, 中国科学院院士. */
  title?: string;
  affiliation?: string;
}

type SubmissionStatus = 'submitted' | 'accepted' | 'rejected';
type IssueStatus = 'draft' | 'final';

export interface Submission {
  id: string;
  /** Path relative to the workspace root. */
  file: string;
  title: string;
  /** The title's printed lines, when the file gives them by hand (a block scalar, a line a line). */
  titleLines?: string[];
  /** Bulletin id. */
  publication: string;
  authors: Author[];
  /** YYYY-MM-DD. */
  submitted: string;
  topic?: string;
  status: SubmissionStatus;
  summary?: string;
  /** For editors only: never printed. */
  contact?: string;
  body: string;
  bodyLine: number;
  /** Line of each front matter field, by canonical name. */
  lines?: Record<string, number>;
}

export interface Distribution {
  报: string[];
  送: string[];
  发: string[];
}

export interface IssueFile {
  /** bulletin/year/number, or bulletin/year/s<number> for a supplement. */
  id: string;
  file: string;
  publication: string;
  year: number;
  number: number;
  total?: number;
  /** YYYY-MM-DD. */
  date: string;
  submissions: string[];
  /** Line of each submission id in the file, for diagnostics. */
  submissionLines: number[];
  status: IssueStatus;
  editor?: string;
  approver?: string;
  distribution: Distribution;
  copies?: number;
  classification?: string;
  supplement: boolean;
  /** 份号, printed as six digits. */
  serial?: number;
  /** `briefs copies`: the first 份号 of this issue's numbered copies (default 1). */
  serialStart?: number;
  /** `briefs copies`: a YAML or CSV list of recipients, relative to the workspace, instead of the distribution. */
  recipients?: string;
  /** Copies a distribution entry gets when it is more than one ({name, copies}), by name. */
  copiesOf?: Record<string, number>;
  /** The editor's note (编者按), Markdown. */
  note: string;
  noteLine: number;
  /** Line of each front matter field, by canonical name. */
  lines?: Record<string, number>;
}

export function issueId(publication: string, year: number, number: number, supplement: boolean): string {
  return `${publication}/${year}/${supplement ? 's' : ''}${number}`;
}

/** The text of a submission whose front matter has errors: checked as any other's (validate says everything at once). */
export interface HeldText {
  file: string;
  body: string;
  bodyLine: number;
  /** Its bulletin's id, when its publication: line names one. */
  publication?: string;
}

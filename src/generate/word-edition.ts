/**
 * The Word edition of an issue beside its PDF (generate --docx, or docx: true), written only when
 * it is not already there as the manifest recorded it. The file edge of docx/.
 */
import type { AssembledIssue } from '../assemble/issue.js';
import { pdfDate } from '../print/pdf-date.js';
import type { Project } from '../workspace/project.js';
import { besidePdf } from './beside-pdf.js';
import type { ManifestEntry } from './manifest.js';
import type { Diagnostic } from '../messages/diagnostic.js';
import { diagnostic } from '../messages/say.js';

export function wordEdition(
  project: Project,
  assembled: AssembledIssue,
  outDir: string,
  base: string,
  recorded: ManifestEntry | undefined,
  warn: (d: Diagnostic) => void = () => undefined,
): Promise<Pick<ManifestEntry, 'docx' | 'docxSha256'> & { written: boolean }> {
  return besidePdf('docx', outDir, base, recorded, async () => {
    // Loaded only when a Word edition is written.
    const [{ issueDocx }, { packDocx, FACE_STAND_IN }, { planWordFaces, cutWordFaces }] = await Promise.all([
      import('../docx/issue-docx.js'),
      import('../docx/pack.js'),
      import('../fonts/word-embed.js'),
    ]);
    const date = pdfDate(assembled.issue.date);
    // The faces are known before the text, their cuts after it (docx/pack.ts).
    const plan = planWordFaces(project.config.root, project.fonts.roles);
    for (const n of plan.notEmbedded)
      warn(
        diagnostic(
          'font-not-embedded',
          { severity: 'warning', file: assembled.issue.file, field: `fonts.${n.role}` },
          {
            role: n.role,
            face: n.face,
            why: n.why === 'restricted' ? '字体许可禁止嵌入' : '找不到字体文件',
            v3: n.why === 'restricted' ? 'its licence forbids embedding' : 'its file was not found',
          },
        ),
      );
    const standIns = plan.fonts.map((f) => ({ name: f.name, data: FACE_STAND_IN, ...(f.bold ? { bold: FACE_STAND_IN } : {}) }));
    const bytes = await packDocx(issueDocx(project, assembled, { names: plan.names, fonts: standIns }), date, (texts) =>
      cutWordFaces(plan, (family, bold) => {
        const t = texts.get(family);
        return bold ? t?.bold : t?.regular;
      }),
    );
    return bytes;
  });
}

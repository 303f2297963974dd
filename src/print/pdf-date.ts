/**
 * The date an issue's PDF carries, apart from the PDF code (pdf-metadata.ts), which loads
 * pdf-lib and is only needed when something prints.
 */
/** The date an issue's PDF carries: SOURCE_DATE_EPOCH when set, else the issue date at noon Beijing time. */
export function pdfDate(issueDate: string, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${issueDate}T12:00:00+08:00`);
}

import path from 'node:path';

/** Where a year's volume is written: <out>/volumes/<bulletin>-<year>.pdf. Light to import (the CLI asks before it loads pdf-lib). */
export const volumeFile = (outDir: string, bulletinId: string, year: number) => path.join(outDir, 'volumes', `${bulletinId}-${year}.pdf`);

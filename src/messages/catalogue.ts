/**
 * Every diagnostic briefs can report, in one wing (the entries in codes-files.ts,
 * codes-output.ts and codes-copies.ts, by what they are about): its code (a stable interface: `--json`,
 * CI scripts and the docs name it), its severity, what it means (docs/diagnostics.md is made
 * from these, and a test holds the two equal), and its English and Chinese message and hint,
 * which `diagnostic` and `localize` (say.ts, messages-zh.ts) fill from the diagnostic's data
 * ({name} is a value of its data, or its field).
 * A code not in here does not compile: Diagnostic.code is a Code.
 */
import { FILE_CODES } from './codes-files.js';
import { OUTPUT_CODES } from './codes-output.js';
import { COPIES_CODES } from './codes-copies.js';

export const CATALOGUE = { ...FILE_CODES, ...OUTPUT_CODES, ...COPIES_CODES } as const;

/** Every code briefs can report. */
export type Code = keyof typeof CATALOGUE;

/** The codes of a usage or environment problem (exit 2, or 1 where said), which stop a command: BriefsError.code. */
export const USAGE = {
  'bad-argument': 'an argument is not what the command takes (an issue, a bulletin, a year)',
  'bad-file': 'a file named on the command line cannot be used',
  'bad-flag': "a flag's value is not one it takes",
  'browser-launch': 'Chromium did not start, or quit at once (its exit code and log are said)',
  'browser-not-found': 'no Chrome, Chromium or Edge was found to print with',
  'config-invalid': 'a setting of `briefs.config.yaml` has a value it cannot take (the setting is named)',
  'config-syntax': '`briefs.config.yaml` is not valid YAML',
  'config-unreadable': 'the config file cannot be read',
  'init-exists': '`init` would write over files the folder already has',
  'init-pack': "`init` could not pack this briefs into the workspace's `vendor/`",
  interrupted: 'the run was interrupted (Ctrl-C, SIGTERM); finished files are whole',
  'lock-held': "another briefs run holds the workspace's lock",
  'port-in-use': "the preview's port is taken",
  'printer-folder': "the resident printer's folder is not the user's own, or others could write to it",
  'printer-running': 'a resident printer already runs for the workspace',
  'printer-start': 'the resident printer did not start',
  'sign-certificate': 'the signing certificate cannot be used (no key, or not valid today)',
  'sign-password': '`BRIEFS_SIGN_PASSWORD` is not set, or does not open the certificate',
  'template-error': 'a template cannot be rendered',
  'template-missing': 'a layout the bulletin names does not exist',
  'template-unreadable': 'a template file cannot be read',
  'unknown-bulletin': 'a bulletin named on the command line is not in the config',
  'unknown-issue': 'no issue matches what was named',
} as const satisfies Record<string, string>;

/** Every code of a usage or environment problem. */
export type UsageCode = keyof typeof USAGE;

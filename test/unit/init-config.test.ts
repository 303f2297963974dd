import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configText } from '../../src/workspace/init-files.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { loadConfig } from '../../src/config/load.js';

describe('briefs init', () => {
  it('writes a config file that holds exactly the built-in defaults', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'briefs-init-'));
    try {
      writeFileSync(path.join(dir, 'briefs.config.yaml'), configText());
      const loaded = await loadConfig({ root: dir });
      const { file, ...rest } = loaded;
      expect(file).toBe(path.join(dir, 'briefs.config.yaml'));
      expect(rest).toEqual(defaultConfig(dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

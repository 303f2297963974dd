/** The fontconfig Chromium runs with decides which fonts it can find on its own. */
import { describe, expect, it } from 'vitest';
import { fontconfigText } from '../../src/fonts/fontconfig.js';

describe("Chromium's fontconfig", () => {
  it('keeps the system rules but only the fallback folder', () => {
    const text = fontconfigText(['/usr/share/fonts/truetype/hanazono'], '/tmp/c');
    expect(text).toMatch(/<include[^>]*>\/etc\/fonts\/fonts.conf<\/include>\s*<reset-dirs\/>\s*<dir>\/usr\/share\/fonts\/truetype\/hanazono<\/dir>/);
    expect(text).not.toContain('rejectfont');
  });

  it('keeps the machine fonts, minus CFF, bitmap and colour ones, when the workspace names installed families or no fallback is there', () => {
    for (const text of [fontconfigText(['/f'], '/tmp/c', true), fontconfigText([], '/tmp/c')]) {
      expect(text).not.toContain('<reset-dirs/>');
      expect(text).toContain('<string>CFF</string>');
      expect(text).toContain('<patelt name="color"><bool>true</bool></patelt>');
      expect(text).toContain('<patelt name="outline"><bool>false</bool></patelt>');
    }
    expect(fontconfigText(['/f'], '/tmp/c', true)).toContain('<dir>/f</dir>');
  });
});

import { describe, expect, it } from 'vitest';
import { BriefsError } from '../../src/errors.js';
import { findBrowser } from '../../src/print/find-browser.js';

const none = () => false;

describe('finding a browser', () => {
  it('takes an explicit path first, then CHROME_PATH, then PUPPETEER_EXECUTABLE_PATH', () => {
    const exists = (p: string) => ['/a/chrome', '/b/chrome', '/usr/bin/chromium'].includes(p);
    expect(findBrowser({ explicit: '/a/chrome', env: { CHROME_PATH: '/b/chrome' }, exists, platform: 'linux', home: '/h' }).source).toBe('--browser');
    expect(findBrowser({ env: { CHROME_PATH: '/b/chrome' }, exists, platform: 'linux', home: '/h' })).toEqual({
      executablePath: '/b/chrome',
      source: 'CHROME_PATH',
    });
    expect(findBrowser({ env: {}, exists, platform: 'linux', home: '/h' })).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
  });

  it('refuses a named browser that does not exist instead of printing with another', () => {
    expect(() => findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nope' }, exists: (p) => p === '/usr/bin/chromium', platform: 'linux', home: '/h' })).toThrow(
      /PUPPETEER_EXECUTABLE_PATH does not exist/,
    );
  });

  it('knows the usual macOS and Windows locations', () => {
    const mac = findBrowser({ env: {}, exists: (p) => p === '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', platform: 'darwin', home: '/h' });
    expect(mac.source).toBe('system');
    const win = findBrowser({
      env: { PROGRAMFILES: 'C:\\Program Files' },
      exists: (p) => p === 'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
      platform: 'win32',
      home: 'C:\\h',
    });
    expect(win.executablePath).toMatch(/msedge\.exe$/);
  });

  it('says what to install when there is none, as a usage error (exit 2)', () => {
    try {
      findBrowser({ env: {}, exists: none, platform: 'linux', home: '/h' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(BriefsError);
      expect((e as BriefsError).exitCode).toBe(2);
      expect((e as BriefsError).hint).toMatch(/apt-get install chromium/);
    }
  });
});

/**
 * Finds a Chrome-family browser: an explicit path, CHROME_PATH / PUPPETEER_EXECUTABLE_PATH,
 * puppeteer's own download, then the usual Chrome, Chromium and Edge locations. An explicit
 * path that does not exist is an error, not a reason to quietly print with another browser.
 */
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { usageError } from '../errors.js';

export interface FoundBrowser {
  executablePath: string;
  /** Where it was found: "--browser", "CHROME_PATH", "puppeteer cache", "system". */
  source: string;
}

export interface FindOptions {
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  exists?: (p: string) => boolean;
  home?: string;
}

export function findBrowser(opts: FindOptions = {}): FoundBrowser {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  const exists = opts.exists ?? existsSync;
  const home = opts.home ?? os.homedir();

  const named: [string, string | undefined][] = [
    ['--browser', opts.explicit],
    ['CHROME_PATH', env.CHROME_PATH],
    ['PUPPETEER_EXECUTABLE_PATH', env.PUPPETEER_EXECUTABLE_PATH],
  ];
  for (const [source, p] of named) {
    if (!p) continue;
    if (exists(p)) return { executablePath: p, source };
    throw usageError('browser-not-found', `the browser named by ${source} does not exist: ${p}`, {
      hint: `check the path, or unset ${source} to let briefs look for one`,
      zh: [`${source} 指定的浏览器不存在：${p}`, `检查路径，或取消 ${source} 让 briefs 自行查找`],
    });
  }
  for (const p of puppeteerCache(env.PUPPETEER_CACHE_DIR ?? path.join(home, '.cache', 'puppeteer'), platform)) {
    if (exists(p)) return { executablePath: p, source: 'puppeteer cache' };
  }
  for (const p of systemLocations(platform, env)) {
    if (exists(p)) return { executablePath: p, source: 'system' };
  }
  throw usageError('browser-not-found', 'no Chrome, Chromium or Edge was found to print with', {
    hint: installHint(platform),
    zh: [
      '找不到用于印制的 Chrome、Chromium 或 Edge',
      '安装 Chromium（Debian/Ubuntu：apt-get install chromium），或用 --browser 路径 或 CHROME_PATH 指定一个浏览器',
    ],
  });
}

function installHint(platform: NodeJS.Platform): string {
  switch (platform) {
    case 'darwin':
      return 'install Google Chrome (or `brew install --cask chromium`), or name a browser with --browser PATH or CHROME_PATH';
    case 'win32':
      return 'install Google Chrome or Microsoft Edge, or name a browser with --browser PATH or CHROME_PATH';
    default:
      return 'on Debian or Ubuntu: `sudo apt-get install chromium`; or name a browser with --browser PATH or CHROME_PATH';
  }
}

function puppeteerCache(dir: string, platform: NodeJS.Platform): string[] {
  const out: string[] = [];
  for (const product of ['chrome', 'chrome-headless-shell']) {
    let versions: string[];
    try {
      versions = readdirSync(path.join(dir, product)).sort().reverse();
    } catch {
      continue;
    }
    for (const v of versions) {
      const base = path.join(dir, product, v);
      const exe = product === 'chrome' ? 'chrome' : 'chrome-headless-shell';
      if (platform === 'linux') out.push(path.join(base, `${product}-linux64`, exe));
      else if (platform === 'win32') out.push(path.join(base, `${product}-win64`, `${exe}.exe`));
      else if (platform === 'darwin') {
        for (const arch of ['mac-arm64', 'mac-x64']) {
          out.push(
            product === 'chrome'
              ? path.join(base, `chrome-${arch}`, 'Google Chrome for Testing.app', 'Contents', 'MacOS', 'Google Chrome for Testing')
              : path.join(base, `${product}-${arch}`, exe),
          );
        }
      }
    }
  }
  return out;
}

function systemLocations(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Chromium.app/Contents/MacOS/Chromium',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ].flatMap((app) => [path.join('/Applications', app), path.join(os.homedir(), 'Applications', app)]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [
      path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ]);
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge',
  ];
}

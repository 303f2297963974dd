/**
 * The fonts Chromium may find on its own. Every face briefs prints with is served to the page
 * (shipped, office or fallback); what Chromium would otherwise take from the machine depends on
 * the machine, and a CFF font such as Debian's Noto CJK turns into Type 3 glyphs in the PDF. So
 * Chromium runs with the system's fontconfig rules but only the fallback faces' folder (Chromium
 * needs some system font to start), unless the workspace names installed families for its roles. Without a fallback face installed, it keeps the machine's fonts
 * but rejects CFF, bitmap and colour fonts, so still no Type 3 can reach a PDF.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { ownFolder, userTempDir, writeOnce } from '../files/user-temp.js';
import { fallbackFiles } from './fallback.js';

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `systemFonts`: the workspace names installed families (fonts: fang: [仿宋_GB2312]), so Chromium
 * must see the machine's fonts, still minus those that would become Type 3.
 */
export function fontconfigText(fallbackDirs: readonly string[], cacheDir: string, systemFonts = false): string {
  // The system file is kept for its rendering rules (hinting, antialiasing), which set glyph
  // advances and so the line breaks; only its font folders are dropped.
  const system = '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>';
  const dirs = fallbackDirs.map((d) => `  <dir>${escapeXml(d)}</dir>`);
  const body =
    fallbackDirs.length > 0 && !systemFonts
      ? [system, '  <reset-dirs/>', ...dirs].join('\n')
      : [
          system,
          ...dirs,
          '  <selectfont><rejectfont>',
          '    <pattern><patelt name="fontformat"><string>CFF</string></patelt></pattern>',
          '    <pattern><patelt name="color"><bool>true</bool></patelt></pattern>',
          '    <pattern><patelt name="outline"><bool>false</bool></patelt></pattern>',
          '  </rejectfont></selectfont>',
        ].join('\n');
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${body}\n  <cachedir>${escapeXml(cacheDir)}</cachedir>\n</fontconfig>\n`;
}

/**
 * The fallback faces, in a folder of their own that holds nothing else: fontconfig reads every
 * file of a folder it is given, and one FIFO beside the faces (the folder is the machine's or
 * the office's, not briefs') hung Chromium at start. Each face is checked to be a regular file
 * and linked in (a hard link is the checked file itself; across file systems, or for a file of
 * another owner where the kernel forbids that, a symbolic link to it).
 */
function facesFolder(base: string): string[] {
  const faces = fallbackFiles().flatMap((file) => {
    try {
      const st = statSync(file);
      return st.isFile() ? [{ file, stamp: `${st.dev}-${st.ino}-${st.size}-${st.mtimeMs}` }] : [];
    } catch {
      return [];
    }
  });
  if (faces.length === 0) return [];
  const dir = path.join(base, `faces-${createHash('sha256').update(JSON.stringify(faces)).digest('hex').slice(0, 16)}`);
  if (!ownFolder(dir, true)) return [];
  faces.forEach(({ file }, i) => {
    const at = path.join(dir, `${i}-${path.basename(file)}`);
    if (existsSync(at)) return;
    try {
      linkSync(file, at);
    } catch {
      try {
        symlinkSync(file, at);
      } catch {
        // a face that cannot be linked is not seen by Chromium; the page still serves it
      }
    }
  });
  return [dir];
}

/** Writes (once, atomically) the fontconfig file for this machine's fallback faces; returns its path. */
function chromiumFontconfig(systemFonts = false): string {
  const base = userTempDir('fontconfig');
  const text = fontconfigText(facesFolder(base), path.join(base, 'cache'), systemFonts);
  const file = path.join(base, `${createHash('sha256').update(text).digest('hex').slice(0, 16)}.conf`);
  writeOnce(file, () => text);
  return file;
}

/**
 * Chromium's environment: the run's, less its secrets, plus the fontconfig file. A child's
 * environment can be read in /proc/<pid>/environ for as long as it runs, and the certificate's
 * password (BRIEFS_SIGN_PASSWORD) or a CI token is no business of the browser's.
 */
export function chromiumEnv(systemFonts: boolean, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([name]) => !SECRET.test(name)));
  return { ...kept, FONTCONFIG_FILE: chromiumFontconfig(systemFonts) };
}

/** Names of variables that hold secrets, by the words such names use. */
const SECRET = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY/i;

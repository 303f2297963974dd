#!/bin/sh
# The quick start's first command: install what briefs needs, build it, and print the sample
# issues into dist/. Safe to run again. Installs Chromium (to print), fonts-hanazono (rare Han
# characters), poppler-utils and fonts-arphic-uming (the tests read PDFs back with poppler, and
# use UMing as an office's own font file), LibreOffice Writer and openssl (the tests open the
# Word edition and sign copies), PDFBox's Preflight with a JRE (the archival PDFs' validator) and
# xmllint (the OFD edition's schema) from Debian when they are missing and this is a root shell on a
# Debian-like system; otherwise it says what to install.
set -eu
cd "$(dirname "$0")/.."

need_apt=""
if [ -z "${CHROME_PATH:-}${PUPPETEER_EXECUTABLE_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1 \
  && ! command -v google-chrome-stable >/dev/null 2>&1; then
  need_apt="$need_apt chromium"
fi
command -v pdftotext >/dev/null 2>&1 || need_apt="$need_apt poppler-utils"
# The Word edition's test opens the .docx files in LibreOffice (Writer without its GUI).
command -v soffice >/dev/null 2>&1 || need_apt="$need_apt libreoffice-writer-nogui"
# The copies test makes a signing certificate with openssl, and checks signatures with pdfsig (poppler-utils).
command -v openssl >/dev/null 2>&1 || need_apt="$need_apt openssl"
# Hanazono Mincho (TrueType) prints the rare Han characters the shipped faces lack (刘䶮, 王𬱖).
[ -f /usr/share/fonts/truetype/hanazono/HanaMinA.ttf ] || need_apt="$need_apt fonts-hanazono"
# AR PL UMing (a TrueType collection) stands in for an office's licensed face in the tests.
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need_apt="$need_apt fonts-arphic-uming"
# Apache PDFBox Preflight, an independent PDF/A-1b validator, proves the archival PDFs in the
# tests; it runs on Java with the activation and JAXB APIs.
[ -f /usr/share/java/preflight.jar ] || need_apt="$need_apt libpdfbox2-java libactivation-java libjaxb-api-java"
command -v java >/dev/null 2>&1 || need_apt="$need_apt default-jre-headless"
# xmllint checks every part of the OFD edition against its schema in the tests.
command -v xmllint >/dev/null 2>&1 || need_apt="$need_apt libxml2-utils"

if [ -n "$need_apt" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing$need_apt from Debian" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_apt >/dev/null
  else
    echo "setup: please install$need_apt (on Debian/Ubuntu: sudo apt-get install$need_apt)" >&2
    exit 2
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build
node bin/briefs.js generate

/**
 * What `briefs init` writes into a new workspace. The config file is written from the built-in
 * defaults, so every default is there, commented, and cannot drift from what briefs assumes.
 */
import { yamlValue as y } from '../files/yaml-value.js';
import { issueFileText } from '../assemble/issue-file.js';
import { defaultConfig } from '../config/defaults.js';

export function configText(): string {
  const d = defaultConfig('.');
  const bulletins = Object.values(d.bulletins)
    .map(
      (b) => `  ${b.id}:
    name: ${y(b.name)}              # printed in the red masthead
    layout: ${y(b.layout)}          # templates/layouts/<layout>.hbs
    # publisher: ${y(b.publisher)}    # the masthead's publisher line (default: the top-level publisher)
    # classification: ${y(b.classification)}   # 密级 (default: the top-level classification)
    contents: ${b.contents}         # 本期目录 when an issue holds more than one article
    groupByTopic: ${b.groupByTopic} # articles under their topic (栏目) headings
    articleBreak: ${b.articleBreak} # page: each article after the first starts a new page; flow: follows on
    notes: ${b.notes}               # page: 脚注 at the foot of the page of their reference; end: 尾注 closing the article
    punctuation: ${b.punctuation}       # full: 全身式, every mark a whole cell (公文); kaiming: 开明式, 。？！ whole, the rest half
    articleGap: ${b.articleGap}         # blank grid lines above an article that follows another on its page
    topicGap: ${b.topicGap}           # blank grid lines above a topic heading 【…】 (it sits directly on its first report)
    headGap: ${b.headGap}            # blank grid lines between the author line and the text
    maxChars: ${b.maxChars}         # validate warns above this many Han characters a submission
    issueArticles: ${b.issueArticles}   # briefs assemble: articles an issue holds at most
    issueChars: ${b.issueChars}     # briefs assemble: Han characters an issue holds at most`,
    )
    .join('\n');
  return `# briefs.config.yaml: every setting with its default. Delete what you do not change.
# Paths are relative to this folder. Command-line flags override this file.
# Precedence: built-in defaults < the top level here < bulletins.<id> < command-line flags.

submissions: ${d.submissions}   # one expert submission a file (Markdown with front matter)
issues: ${d.issues}             # <bulletin>/<year>/<number>.md
assets: ${d.assets}             # images that submissions refer to
templates: ${d.templates}             # files here replace the built-in templates of the same name
out: ${d.out}                         # where generate writes the PDFs
publisher: ${y(d.publisher)}
classification: ${y(d.classification)}   # 密级, printed top left of page 1
encoding: ${d.encoding}               # or gb18030, to read files saved by older Word or WPS
# docx: true                    # generate also writes the Word edition (.docx) beside each PDF
# png: true                     # and the long image for chat apps (.png): the pages one under another
# ofd: true                     # and the OFD edition (.ofd, GB/T 33190) for document systems; volume too
# pdfa: false                   # final issues are PDF/A-1b (archival) unless this is false
# browser: /usr/bin/chromium    # default: found by itself (CHROME_PATH, puppeteer, system)

# Font families tried before the shipped ones (Noto Serif SC, Noto Sans SC, LXGW WenKai),
# e.g. an office's licensed faces. The shipped fonts stay behind them as the fallback.
fonts:
  song: []          # 宋体 role: page numbers
  fang: []          # 仿宋 role: body text, e.g. [仿宋_GB2312]
  kai: []           # 楷体 role: author lines, editor's note
  hei: []           # 黑体 role: headings, classification
  xiaobiaosong: []  # 小标宋 role: bulletin name, titles, e.g. [方正小标宋简体]

bulletins:
${bulletins}
`;
}

export function exampleSubmission(date: string): string {
  return `---
title: 关于建立科技工作者建议快速报送机制的建议
publication: jianyi
authors:
  - name: 张三
    title: 研究员
    affiliation: 某研究所
submitted: ${date}
status: accepted
contact: ""   # 仅供编辑部使用，不会印出
---

这是一篇示例稿件。请把它换成真实的来稿，或删除它（示例期 briefs/issues/jianyi/ 中的 submissions 也请同时去掉 example）。

## 一、问题

科技工作者的建议从提出到报送，环节较多、周期较长。

## 二、建议

建立建议快速报送机制，缩短编辑、审核和印发的周期。
`;
}

export function exampleIssue(date: string): string {
  return issueFileText({
    publication: 'jianyi',
    name: '科技工作者建议',
    year: Number(date.slice(0, 4)),
    number: 1,
    date,
    supplement: false,
    submissions: ['example'],
  });
}

export const GITIGNORE = `# briefs output
dist/
node_modules/
`;

/**
 * The workspace pins the briefs it was made with: a packed copy in vendor/ (written by init),
 * named in its package.json, so CI installs exactly that, from the repository itself, and no
 * package of the name "briefs" is ever fetched from a registry (none is published; whoever took
 * the name would run code in every office's CI). To move to another briefs, pack it into
 * vendor/ and point package.json at it, or at a git URL and commit of the office's own copy.
 */
export function workspacePackage(name: string, tarball: string): string {
  const safe =
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'bulletins';
  return `${JSON.stringify({ name: `${safe}-bulletins`, private: true, scripts: { validate: 'briefs validate', generate: 'briefs generate' }, devDependencies: { briefs: `file:vendor/${tarball}` } }, null, 2)}\n`;
}

/**
 * CI for the workspace: validate on every push, then print in two shards with the output folder
 * cached between runs (only what changed prints again), and upload the PDFs. Dependencies as
 * package-lock.json pins them (npm ci). GitHub's Ubuntu runners ship Google Chrome, which briefs
 * finds by itself; Hanazono prints rare Han characters, installed where the runner may install
 * packages (root, or sudo without a password), and said plainly where it may not.
 */
export const WORKFLOW = `# Validates the bulletins on every push, prints them in two shards, uploads the PDFs, and builds
# the web edition from them.
name: briefs
on:
  push:
  pull_request:
jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # briefs comes from vendor/, as package.json pins it, and the rest as package-lock.json does.
      - run: npm ci --no-audit --no-fund
      - run: npx --no-install briefs validate
  generate:
    needs: validate
    runs-on: ubuntu-latest
    strategy:
      matrix:
        shard: [1/2, 2/2]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci --no-audit --no-fund
      # Rare Han characters (刘䶮, 王𬱖) print from Hanazono Mincho; without it validate names them.
      - name: Hanazono for rare Han characters
        run: |
          if fc-list 2>/dev/null | grep -qi hanazono; then echo "Hanazono is installed"; exit 0; fi
          if [ "$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; else
            echo "::warning::fonts-hanazono cannot be installed here (not root, no sudo): validate names the rare characters it cannot print"
            exit 0
          fi
          $SUDO apt-get update -qq
          $SUDO apt-get install -y -qq fonts-hanazono
      # The output folder of the last run: unchanged issues are not printed again.
      - uses: actions/cache@v4
        with:
          path: dist
          key: briefs-dist-\${{ strategy.job-index }}-\${{ github.sha }}
          restore-keys: briefs-dist-\${{ strategy.job-index }}-
      - run: mkdir -p dist && npx --no-install briefs generate --shard \${{ matrix.shard }} --json > dist/summary.json
      - uses: actions/upload-artifact@v4
        with:
          name: issues-\${{ strategy.job-index }}
          path: dist/*
  # The web edition: every final issue as a static site with Chinese search, from both shards'
  # PDFs. Publish the site artifact to any static host: an intranet web server (copy the folder;
  # links are relative, so any sub-path serves), or GitHub Pages (actions/upload-pages-artifact
  # with path dist/site, then actions/deploy-pages). Search needs the site served over HTTP(S):
  # opened as files, the pages read but the search box cannot load its index.
  site:
    needs: generate
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci --no-audit --no-fund
      - uses: actions/download-artifact@v4
        with:
          pattern: issues-*
          path: dist
          merge-multiple: true
      - run: npx --no-install briefs site --json
      - uses: actions/upload-artifact@v4
        with:
          name: site
          path: dist/site
`;

// npm run mutants [-- NAME…]: does the suite notice when a rule is broken? Each mutant below is
// a realistic one-line slip in a rule of typesetting, pages, notes, the Word edition, the volume,
// copies or fix. Each is put into the source in turn, the tests that should catch it are run
// (the e2e project rebuilds lib/ by itself when src/ is newer), and the source is put back.
// Prints each mutant as caught (some test failed) or SURVIVED; exits 1 if any survived.
// `npm run mutants -- --check` only checks that each mutant's text is still where it says.
// A survivor is a rule no test pins: write the test, or say in the mutant's `why` why not.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** name, file, the text replaced, its replacement, the tests that should catch it. */
const MUTANTS = [
  // Titles (layout/)
  [
    'title: no hourglass',
    'src/layout/title-lines.ts',
    'if (waisted(ws)) cost += HOURGLASS;',
    'if (waisted(ws)) cost += 0;',
    ['test/unit/title-corpus.test.ts'],
  ],
  ['title: lone word allowed', 'src/layout/title-lines.ts', 'cost += LONE;', 'cost += 0;', ['test/unit/title-corpus.test.ts', 'test/unit/title-lines.test.ts']],
  [
    'title: break after a preposition is cheap',
    'src/layout/phrase-breaks.ts',
    "if (prev.tag === 'p' && prev.word !== '关于') return 20;",
    "if (prev.tag === 'p' && prev.word !== '关于') return 3;",
    ['test/unit/title-corpus.test.ts'],
  ],
  [
    'author line: one line however long',
    'src/layout/page.ts',
    'export const AUTHOR_LINE_EMS = GRID.chars;',
    'export const AUTHOR_LINE_EMS = 280;',
    ['test/unit/author-line.test.ts'],
  ],
  // Lines (render/)
  [
    'keep: percent may split',
    'src/render/line-keeps.ts',
    "'\\\\d+(?:[.,]\\\\d+)*(?:%|‰|",
    "'\\\\d+(?:[.,]\\\\d+)*(?:‰|",
    ['test/unit/line-keeps.test.ts', 'test/e2e/typeset.test.ts'],
  ],
  ['url: breaks anywhere', 'src/render/line-keeps.ts', ".join('<wbr>');", ".join('');", ['test/e2e/typeset.test.ts']],
  [
    'kaiming: stops halved too',
    'src/render/line-keeps.ts',
    "return punctuation === 'kaiming' ? sentenceStops(kept) : kept;",
    'return kept;',
    ['test/unit/line-keeps.test.ts', 'test/e2e/typeset.test.ts'],
  ],
  // Pages (print/)
  [
    'pages: 版记 may stand alone',
    'src/print/page-rules.ts',
    'const lifted = wrap ? liftLinesToDistribution(wrap) : 0;',
    'const lifted = 0;',
    ['test/e2e/pages.test.ts'],
  ],
  ['pages: a third left empty', 'src/print/page-rules.ts', 'const closed = closeGapsOverWaste();', 'const closed = 0;', ['test/e2e/pages.test.ts']],
  ['pages: spacing of 简报 ignored', 'src/render/document.ts', '--head-gap: ${bulletin.headGap};', '--head-gap: 1;', ['test/e2e/pages.test.ts']],
  // Notes at the page foot (print/page-notes.ts, cut by print/page-cutter.ts)
  [
    'notes: a single line left at the cut',
    'src/print/page-cutter.ts',
    'if (j === lines.length - 1 && onPage >= 3) j--;',
    '',
    ['test/e2e/typeset.test.ts', 'test/e2e/pages.test.ts'],
  ],
  [
    'notes: heading parted from what follows',
    'src/print/page-cutter.ts',
    'while (k > 0 && all[k - 1].matches(HEADING) && frags(all[k - 1]).some((x) => x.page === page)) k--;',
    '',
    ['test/e2e/typeset.test.ts', 'test/e2e/pages.test.ts'],
  ],
  [
    'notes: tall notes kept at the foot',
    'src/print/page-notes.ts',
    'const tall = set.filter((n) => measure([n]) > height / 3);',
    'const tall = set.filter((n) => measure([n]) > height);',
    ['test/e2e/typeset.test.ts'],
  ],
  // The Word edition (docx/)
  [
    'word: ISO date',
    'src/docx/head-docx.ts',
    "run('kai', `\\t${chineseDate(issue.date)}`, { characterSpacing: 0 })",
    "run('kai', `\\t${issue.date}`, { characterSpacing: 0 })",
    ['test/unit/docx.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    "word: the issue's classification ignored",
    'src/docx/head-docx.ts',
    "run('hei', issue.classification ?? bulletin.classification)",
    "run('hei', bulletin.classification)",
    ['test/unit/docx.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'word: table rows may split',
    'src/docx/markdown-docx.ts',
    'new TableRow({ cantSplit: true, children: r.map',
    'new TableRow({ children: r.map',
    ['test/unit/docx.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'word: numbers may split',
    'src/docx/runs.ts',
    "? new TextRun({ ...options, text: joined(p.text), language: { value: 'en-US', eastAsia: 'en-US' } })",
    '? new TextRun({ ...options, text: p.text })',
    ['test/unit/docx.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'word: 27 characters a line',
    'src/docx/runs.ts',
    'export const GRID_SPACING = Math.floor(GRID.spacingPt * 20);',
    'export const GRID_SPACING = 0;',
    ['test/unit/docx.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'word: 版记 set in the text',
    'src/docx/imprint-docx.ts',
    'const width = twips(BLOCK_MM.width) - 2 * twips(2.5);',
    'const width = twips(BLOCK_MM.width);',
    ['test/e2e/docx.test.ts'],
  ],
  [
    'word: faces not embedded',
    'src/generate/word-edition.ts',
    'issueDocx(project, assembled, { names: plan.names, fonts: standIns })',
    'issueDocx(project, assembled)',
    ['test/e2e/docx.test.ts'],
  ],
  [
    'word: docx: true ignored',
    'src/cli/generate.ts',
    'docx: !!flags.docx || config.docx === true,',
    'docx: !!flags.docx,',
    ['test/e2e/docx.test.ts', 'test/e2e/cli.test.ts'],
  ],
  // The volume (volume/)
  [
    'volume: authors not by pinyin',
    'src/volume/contents.ts',
    'authors: [...authors.values()].sort((x, y) => collator.compare(x.name, y.name) || collator.compare(x.affiliation, y.affiliation)),',
    'authors: [...authors.values()],',
    ['test/e2e/volume.test.ts'],
  ],
  [
    'volume: index titles at the contents measure',
    'src/volume/contents.ts',
    'indexLines: breakTitle(a.submission.title, VOLUME_INDEX_EMS - widthEm(`（${label}）`)),',
    'indexLines: breakTitle(a.submission.title, VOLUME_INDEX_EMS),',
    ['test/e2e/volume.test.ts'],
  ],
  // Copies (copies/)
  [
    'copies: 份号 not six digits',
    'src/copies/numbers.ts',
    "export const sixDigits = (n: number) => String(n).padStart(6, '0');",
    'export const sixDigits = (n: number) => String(n);',
    ['test/unit/copy-numbers.test.ts', 'test/e2e/copies.test.ts'],
  ],
  [
    'copies: a recipient loses their numbers',
    'src/copies/numbers.ts',
    'const had = [...(record.given[key] ?? [])];',
    'const had: number[] = [];',
    ['test/unit/copy-numbers.test.ts'],
  ],
  // The archival PDF (print/pdfa/): each requirement of PDF/A-1b taken away
  [
    'pdfa: no CIDSet',
    'src/print/pdfa/archival.ts',
    "if (dict.get(name('Subtype')) === name('CIDFontType2')) addCidSet(doc, dict);",
    "if (dict.get(name('Subtype')) === name('CIDFontType2')) void addCidSet;",
    ['test/e2e/pdfa.test.ts'],
  ],
  [
    'pdfa: no output intent',
    'src/print/pdfa/archival.ts',
    "catalog.set(name('OutputIntents'), context.obj([context.register(intent)]));",
    'void intent;',
    ['test/e2e/pdfa.test.ts'],
  ],
  [
    'pdfa: no XMP metadata',
    'src/print/pdfa/archival.ts',
    "catalog.set(name('Metadata'), context.register(context.stream(xmpPacket(info), { Type: 'Metadata', Subtype: 'XML' })));",
    'void xmpPacket;',
    ['test/e2e/pdfa.test.ts'],
  ],
  [
    "pdfa: the copies' stamp faces without CIDSet",
    'src/copies/stamp.ts',
    '    addCidSet(context, ref, embedder);',
    '    void addCidSet;',
    ['test/e2e/pdfa.test.ts'],
  ],
  [
    'pdfa: the volume left ordinary',
    'src/volume/volume.ts',
    'const archival = drafts.length === 0 && project.config.pdfa !== false;',
    'const archival = false;',
    ['test/e2e/pdfa.test.ts'],
  ],
  ['pdfa: pictures not flattened', 'src/print/pdf-metadata.ts', '  flattenImages(doc);', '  void flattenImages;', ['test/e2e/pdfa.test.ts']],
  // fix (content/)
  [
    'fix: a bracket pair fixed by halves',
    'src/content/punctuation.ts',
    'return pairBrackets(lines, out, inProse);',
    'return out;',
    ['test/unit/punctuation.test.ts'],
  ],
  [
    'fix: pre-filter misses the colon',
    'src/content/punctuation.ts',
    'const HALF_WIDTH_MARK = /[,;:!?()."]/;',
    'const HALF_WIDTH_MARK = /[,;!?()."]/;',
    ['test/unit/punctuation.test.ts', 'test/e2e/fix.test.ts'],
  ],
  [
    'fix: pre-filter misses the quote',
    'src/content/punctuation.ts',
    'const HALF_WIDTH_MARK = /[,;:!?()."]/;',
    'const HALF_WIDTH_MARK = /[,;:!?().]/;',
    ['test/unit/punctuation.test.ts', 'test/e2e/fix.test.ts'],
  ],
  // Speed round three: what was made faster must stay right.
  ['sign: the signer named by its subject', 'src/copies/cms.ts', 'const issuer = fields[at + 2];', 'const issuer = fields[at + 4];', ['test/unit/cms.test.ts']],
  [
    'sign: the digest of the first part only',
    'src/copies/cms.ts',
    'for (const part of Array.isArray(content) ? content : [content]) hash.update(part);',
    'hash.update(Array.isArray(content) ? content[0] : content);',
    ['test/unit/cms.test.ts', 'test/e2e/copies.test.ts'],
  ],
  ['jieba: the total frequency forgotten', 'src/layout/words.ts', '${d.total - held} x', '1 x', ['test/unit/words.test.ts', 'test/unit/title-corpus.test.ts']],
  ['jieba: short words only', 'src/layout/words.ts', 'const LONGEST = 16;', 'const LONGEST = 3;', ['test/unit/words.test.ts']],
  [
    'word: every run in the default face',
    'src/docx/face-text.ts',
    'const face = family(props) ?? fallback;',
    'const face = fallback;',
    ['test/unit/face-text.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'word: no bold face',
    'src/docx/face-text.ts',
    'const bold = /<w:b\\/>|<w:b w:val="(?:true|1|on)"\\/>/.test(props);',
    'const bold = false;',
    ['test/unit/face-text.test.ts', 'test/e2e/docx.test.ts'],
  ],
  [
    'titles: kept lines taken unchecked',
    'src/layout/title-lines.ts',
    "if (/^\\d+(\\.\\d+)?\\n/.test(key) && lines.length > 0 && squeeze(lines.join('')) === squeeze(text)) broken.set(key, [...lines]);",
    'broken.set(key, [...lines]);',
    ['test/unit/title-lines.test.ts'],
  ],
  ['long image: pdf.js clears the canvas', 'src/print/long-image.ts', ", background: 'rgba(0,0,0,0)' }", ' }', ['test/e2e/long-image.test.ts']],
  // The web edition (site/).
  [
    'site: drafts published',
    'src/site/build.ts',
    "if (issue.status !== 'final') continue;",
    "if (issue.status !== 'final' && issue.status !== 'draft') continue;",
    ['test/e2e/site.test.ts'],
  ],
  ['site: links from the host’s root', 'src/site/pages.ts', 'const root = `${up}/`;', "const root = '/';", ['test/e2e/site.test.ts']],
  ['site: every page a search result', 'src/site/pages.ts', "<main${indexed ? ' data-pagefind-body' : ''}>", '<main>', ['test/e2e/site.test.ts']],
  // The OFD edition (ofd/).
  [
    'ofd: a glyph move (Td) ignored',
    'src/ofd/interpret.ts',
    'this.tlm = multiply([1, 0, 0, 1, x, y], this.tlm);',
    '',
    ['test/unit/ofd.test.ts', 'test/e2e/ofd.test.ts'],
  ],
  [
    'ofd: a run goes on across a colour change',
    'src/ofd/text-runs.ts',
    'sameColour(run.fill, s.fill) &&',
    '',
    ['test/unit/ofd.test.ts', 'test/e2e/ofd.test.ts'],
  ],
  [
    'ofd: a path’s fill colour before its stroke colour',
    'src/ofd/content.ts',
    "st && colour('StrokeColor', st.colour),\n    item.fill && colour('FillColor', item.fill.colour),",
    "item.fill && colour('FillColor', item.fill.colour),\n    st && colour('StrokeColor', st.colour),",
    ['test/unit/ofd.test.ts', 'test/e2e/ofd.test.ts'],
  ],
  [
    'ofd: zip times in UTC',
    'src/ofd/package.ts',
    'new Date(Math.max(1980, Number(m[1])), Number(m[2]) - 1, Number(m[3]), 12, 0, 0)',
    'new Date(Date.UTC(Math.max(1980, Number(m[1])), Number(m[2]) - 1, Number(m[3]), 12, 0, 0))',
    ['test/e2e/ofd.test.ts'],
  ],
  [
    'ofd: fill colours ignored',
    'src/ofd/graphics-state.ts',
    's.fill = { rgb: rgb(a), alpha: s.fill.alpha };',
    's.fill = { rgb: [0, 0, 0], alpha: s.fill.alpha };',
    ['test/e2e/ofd.test.ts'],
  ],
  [
    'ofd: a volume’s fonts known by their names alone',
    'src/ofd/pdf-fonts.ts',
    'for (let n = 2; shared.names.has(name); n++) name = `${base}~${n}`;',
    '',
    ['test/e2e/pdfa.test.ts'],
  ],
  // The resident printer's print mode (print/resident/)
  [
    'printer: the run’s stylesheets not passed on',
    'src/print/resident/print-session.ts',
    "else if (msg.briefs === 'sheet' && isString(msg.css)) server.stylesheet(msg.css);",
    "else if (msg.briefs === 'sheet' && isString(msg.css)) void msg.css;",
    ['test/e2e/printer.test.ts'],
  ],
  [
    'printer: a print request taken unchecked',
    'src/print/resident/print-session.ts',
    '  if (!fine) return undefined;',
    '  if (!fine && i.date !== undefined) return undefined;',
    ['test/e2e/printer.test.ts'],
  ],
  // Closing the browser
  [
    'browser close: waited for without a bound',
    'src/print/launch.ts',
    'const closed = await settlesWithin(closing, CLOSE_GRACE_MS);',
    'const closed = await closing.then(() => true);',
    ['test/e2e/batch.test.ts'],
  ],
  [
    'browser close: a stuck renderer outlives it',
    'src/print/launch.ts',
    'if (pid !== undefined) killGroup(pid);',
    'if (pid !== undefined && !closed) killGroup(pid);',
    ['test/e2e/batch.test.ts'],
  ],
  // Numbering
  [
    'numbering lock: a dead holder’s lock deleted without looking again',
    'src/workspace/lock.ts',
    'if ((await readText(file)) !== seen) return true;',
    'if ((await readText(file)) === undefined) return true;',
    ['test/unit/lock.test.ts'],
  ],
];

// --check: only that each mutant's text is still in its file and its tests exist (no test run).
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((a) => a !== '--check');
let survived = 0;
for (const [name, file, from, to, tests] of MUTANTS) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  const absent = tests.filter((t) => !existsSync(path.join(root, t)));
  if (absent.length) {
    // vitest fails when it finds no test file, which would count as caught.
    console.log(`MISSING   ${name}: no ${absent.join(', ')}`);
    survived++;
    continue;
  }
  const abs = path.join(root, file);
  const text = readFileSync(abs, 'utf8');
  if (!text.includes(from)) {
    console.log(`MISSING   ${name}: "${from}" is no longer in ${file}; update the mutant`);
    survived++;
    continue;
  }
  if (check) {
    console.log(`present   ${name}`);
    continue;
  }
  writeFileSync(abs, text.replace(from, to));
  let caught = false;
  try {
    execFileSync('npx', ['vitest', 'run', ...tests], { cwd: root, stdio: 'ignore' });
  } catch {
    caught = true;
  } finally {
    writeFileSync(abs, text);
  }
  if (!caught) survived++;
  console.log(`${caught ? 'caught   ' : 'SURVIVED '} ${name}  (${tests.join(', ')})`);
}
process.exitCode = survived ? 1 : 0;

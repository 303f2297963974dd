// The floor for validate (npm run bench): every Markdown file of a workspace read, its front
// matter parsed with yaml and its body lexed with marked, as validate must at the least, and
// nothing else. Run as a process of its own, as validate is, so both count Node's start.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Lexer } from 'marked';
import { parseDocument } from 'yaml';

const root = process.argv[2];
let files = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(at);
    else if (entry.name.endsWith('.md')) {
      const text = readFileSync(at, 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n?/.exec(text);
      if (m) parseDocument(m[1]).toJS();
      Lexer.lex(m ? text.slice(m[0].length) : text);
      files++;
    }
  }
};
walk(path.join(root, 'briefs'));
process.stdout.write(`${files}\n`);

// Runs the briefs CLI in this process and reports its exit code and peak memory (the Node
// process only; Chromium's processes are its own) on the last line of stderr.
import { run } from '../lib/cli/index.js';

const code = await run(process.argv.slice(2));
process.stderr.write(`\n@@bench ${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
process.exitCode = code;

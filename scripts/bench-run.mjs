// Runs the briefs command line as bin/briefs.js does (in this process, so that its peak memory
// is the Node process's own; Chromium's processes are theirs) and reports its exit code and peak
// memory on the last line of stderr.
process.on('exit', (code) => {
  process.stderr.write(`\n@@bench ${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
});
await import('../bin/briefs.js');

// Preloaded by bench/run.mjs (`node --import`) into the CLI it measures: reports the process's
// peak resident set size on exit, so the benchmark needs no /usr/bin/time.
process.on('exit', () => {
  process.stderr.write(`\n[bench] maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});

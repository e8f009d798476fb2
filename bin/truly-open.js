#!/usr/bin/env node
// Entry point: the compiled CLI lives in lib/ (built by `npm run build`, run by `npm test`
// and `npm install` from a clone through `prepare`).
import { main } from '../lib/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrTTY: process.stderr.isTTY === true,
});
// Exiting outright, once the output is flushed, skips tearing down a heap that holds a
// whole repository's entries (~15 ms on 100,000). Pipes are asynchronous on some systems
// (macOS): wait for what is still buffered.
const pending = [process.stdout, process.stderr].filter((s) => s.writableLength > 0);
Promise.all(pending.map((s) => new Promise((resolve) => s.once('drain', resolve)))).then(() => process.exit(code));

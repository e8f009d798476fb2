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
process.exitCode = code;

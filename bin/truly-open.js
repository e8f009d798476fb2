#!/usr/bin/env node
// Entry point: the CLI is bundled into lib/bundle/ by `npm run build` (run by `npm test`
// and by `npm install` from a clone through `prepare`; see scripts/bundle-cli.mjs).
import { main } from '../lib/bundle/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrTTY: process.stderr.isTTY === true,
});
process.exitCode = code;
// Exiting outright skips tearing down a heap that holds a whole repository's entries
// (~15 ms on 100,000), but only once the output is out: writes to a pipe are asynchronous.
// An empty write's callback runs after everything written before it.
let open = 2;
const flushed = () => {
  if (--open === 0) process.exit(code);
};
process.stdout.write('', flushed);
process.stderr.write('', flushed);

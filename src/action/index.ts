// Entry of the bundled action (dist/action/index.js, built by scripts/bundle-action.mjs).
import { escapeData } from './commands.js';
import { run } from './main.js';

try {
  process.exitCode = await run({
    env: process.env,
    cwd: process.cwd(),
    stdout: (line) => process.stdout.write(`${line}\n`),
  });
} catch (error) {
  // An engine bug: say so in the workflow-command syntax so it shows on the run page.
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stdout.write(`::error title=truly-open crashed::${escapeData(message)}\n`);
  process.exitCode = 2;
}

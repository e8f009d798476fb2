#!/usr/bin/env node
// `npm run score`: runs the corpus scorer, which is not part of this repository. It lives
// in the maintainers' workspace beside the checkout (../shared/corpus/score.mjs, see
// CONTRIBUTING.md, "Measuring against experts"); TRULY_OPEN_CORPUS points elsewhere.
// Without it, say so in two lines instead of Node's "Cannot find module" stack trace.
//
//   node scripts/score.mjs --preflight     only check that the scorer is there (before the build)
//   node scripts/score.mjs [args...]       run it; no args means `--set dev`
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = resolve(root, process.env.TRULY_OPEN_CORPUS || join('..', 'shared', 'corpus'));
const scorer = join(corpus, 'score.mjs');

if (!existsSync(scorer)) {
  const shown = relative(process.cwd(), scorer) || scorer;
  const why = existsSync(corpus) ? `${corpus} has no score.mjs` : `${corpus} does not exist`;
  process.stderr.write(
    [
      `npm run score needs the expert-labelled corpus beside this repository: ${shown} (${why}).`,
      "The corpus is not part of truly-open; it sits in the maintainers' workspace as ../shared/corpus.",
      'Set TRULY_OPEN_CORPUS to the folder that holds score.mjs to use another copy (CONTRIBUTING.md, "Measuring against experts").',
      '',
    ].join('\n'),
  );
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] === '--preflight') process.exit(0);
const run = spawnSync(process.execPath, [scorer, ...(args.length > 0 ? args : ['--set', 'dev'])], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);

// bin/truly-open.js as a process: it exits as soon as its output is flushed, and that must
// neither lose the exit code nor cut the output short when stdout is a slow pipe.
// Runs the built CLI (lib/), as `npm test` builds before jest.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const bin = path.join(root, 'bin', 'truly-open.js');
const posix = process.platform !== 'win32' ? test : test.skip;

let repo: string;
beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-bin-'));
  fs.writeFileSync(path.join(repo, 'README.md'), '---\nlicense: mit\n---\n# Tiny\n\nA small model.\n');
});
afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

/**
 * Runs the CLI with its stdout behind 64 KiB already in the pipe (a full Linux pipe) that is
 * read only after a second, so the CLI's own output is still buffered in Node when it is
 * done: less than the stream's high-water mark, so no 'drain' event ever comes for it.
 */
function throughFullPipe(args: string): { rc: number; bytes: number; tail: string } {
  const script = `{ head -c 65536 /dev/zero; "${process.execPath}" "${bin}" ${args}; echo "rc=$?" >&2; } | (sleep 1; tail -c +65537 > out.txt)`;
  const run = spawnSync('sh', ['-c', script], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
  const out = fs.readFileSync(path.join(repo, 'out.txt'), 'utf8');
  return { rc: Number(/rc=(\d+)/.exec(run.stderr)?.[1] ?? NaN), bytes: out.length, tail: out };
}

posix('exit codes survive a full pipe: 0, 1 (requirement not met), 2 (input error)', () => {
  expect(throughFullPipe('check . --offline').rc).toBe(0);
  expect(throughFullPipe('check . --offline --require osaid').rc).toBe(1);
  expect(throughFullPipe('check ./nope --offline').rc).toBe(2);
});

posix('the whole report arrives through a slow pipe', () => {
  const { rc, tail } = throughFullPipe('check . --offline --format json');
  expect(rc).toBe(0);
  const report = JSON.parse(tail) as { models: unknown[] };
  expect(report.models).toHaveLength(1);
});

test("README's first command prints what the README shows, next steps included", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(readme).toContain('npm ci && node bin/truly-open.js check examples/open-model --offline');
  const shown = /`node bin\/truly-open\.js check examples\/open-model --offline`[\s\S]*?```text\n([\s\S]*?)```/.exec(
    readme,
  )?.[1];
  const run = spawnSync(process.execPath, [bin, 'check', 'examples/open-model', '--offline'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  expect(run.status).toBe(0);
  expect(shown?.trim()).toBe(run.stdout.trim());
  expect(shown).toContain('Next steps');
});

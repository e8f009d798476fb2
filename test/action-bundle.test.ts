// The action runs the committed dist/action/index.js, not src/. This fails when someone
// changed code the action imports without rebuilding the bundle. It relies on esbuild's
// output being deterministic (same sources, same esbuild and dependency versions from
// package-lock.json -> same bytes), which holds: no timestamps or absolute paths go in.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

it('dist/action/ is what scripts/bundle-action.mjs builds from the current sources', () => {
  const out = mkdtempSync(join(tmpdir(), 'truly-open-bundle-'));
  try {
    const result = spawnSync(process.execPath, ['scripts/bundle-action.mjs', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of ['index.js', 'package.json']) {
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join(root, 'dist/action', file), 'utf8');
      // A plain boolean keeps jest from printing a 600 kB diff.
      const upToDate = fresh === committed;
      if (!upToDate) console.error(`dist/action/${file} is stale: run \`node scripts/bundle-action.mjs\` and commit it`);
      expect(upToDate).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// The action runs the committed dist/action/index.js, not src/. This fails when someone
// changed code the action imports without rebuilding the bundle. It relies on esbuild's
// output being deterministic (same sources, same esbuild and dependency versions from
// package-lock.json -> same bytes), which holds: no timestamps or absolute paths go in.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
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
    const spdx = 'node_modules/spdx-license-list';
    const files = [
      'index.js',
      'package.json',
      ...readdirSync(join(out, spdx), { recursive: true, encoding: 'utf8' })
        .sort()
        .map((f) => `${spdx}/${f}`),
    ];
    expect(files).toContain(`${spdx}/licenses/Apache-2.0.json`);
    const committedFiles = readdirSync(join(root, 'dist/action', spdx), { recursive: true, encoding: 'utf8' })
      .sort()
      .map((f) => `${spdx}/${f}`);
    expect(committedFiles).toEqual(files.slice(2));
    for (const file of files) {
      if (file.endsWith('/licenses')) continue;
      const fresh = readFileSync(join(out, file), 'utf8');
      const committed = readFileSync(join(root, 'dist/action', file), 'utf8');
      // A plain boolean keeps jest from printing a 600 kB diff.
      const upToDate = fresh === committed;
      if (!upToDate)
        console.error(`dist/action/${file} is stale: run \`node scripts/bundle-action.mjs\` and commit it`);
      expect(upToDate).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

// A workflow runs the action from a checkout of this repository without npm install: the
// bundle must work with only what is in dist/action/ (no node_modules above it).
/**
 * A scratch folder with no node_modules above it (one there would hide a file missing from
 * the bundle): the OS temp dir, or another common one when that is not clean.
 */
function isolatedDir(): string {
  for (const base of [tmpdir(), '/var/tmp', '/dev/shm']) {
    const dir = mkdtempSync(join(base, 'truly-open-action-alone-'));
    try {
      createRequire(join(dir, 'probe.js')).resolve('spdx-license-list');
    } catch {
      return dir; // not resolvable from here: isolated
    }
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(
    'every candidate temp folder has a node_modules with spdx-license-list above it; remove it to run this test',
  );
}

it('the committed bundle runs on its own, SPDX data included', () => {
  const alone = isolatedDir();
  try {
    cpSync(join(root, 'dist/action'), join(alone, 'action'), { recursive: true });
    const workspace = join(alone, 'workspace');
    mkdirSync(workspace);
    // No license in the card: only the LICENSE file's text can say which license it is.
    writeFileSync(join(workspace, 'README.md'), '---\nlibrary_name: transformers\n---\n# Tiny\n\nA small model.\n');
    writeFileSync(join(workspace, 'LICENSE'), readFileSync(join(root, 'LICENSE'), 'utf8'));
    writeFileSync(join(workspace, 'model.safetensors'), 'x'.repeat(2048));
    const result = spawnSync(process.execPath, [join(alone, 'action', 'index.js')], {
      cwd: alone,
      encoding: 'utf8',
      timeout: 60_000,
      env: { PATH: process.env['PATH'] ?? '', GITHUB_WORKSPACE: workspace, RUNNER_TEMP: alone, INPUT_OFFLINE: 'true' },
    });
    expect(result.stdout).not.toContain('Cannot find module');
    expect(result.stdout).not.toContain('could not be judged');
    expect(result.status).toBe(0);
    // The LICENSE text was identified, which needs the copied license texts.
    const report = JSON.parse(readFileSync(join(alone, 'truly-open-report.json'), 'utf8')) as {
      models: {
        components: Record<
          string,
          { status: string; license?: string; evidence: { path?: string; license?: string }[] }
        >;
      }[];
    };
    const weights = report.models[0]!.components['weights']!;
    expect(weights.status).toBe('open');
    expect(weights.evidence).toContainEqual(expect.objectContaining({ path: 'LICENSE', license: 'Apache-2.0' }));
  } finally {
    rmSync(alone, { recursive: true, force: true });
  }
});

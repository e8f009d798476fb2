// Inputs found by review that once crashed or hung the CLI.
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assess } from '../src/core/assess.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { main, type CliIo } from '../src/cli/main.js';
import { snapshot } from './helpers/snapshot-builder.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    isTTY: false,
    stderrTTY: false,
  };
  return { code: await main(argv, io), stdout, stderr };
}

describe('hostile input', () => {
  test('a malformed %-escape in license_link is read as text, not a crash', () => {
    const card =
      '---\nlicense: other\nlicense_name: acme\nlicense_link: https://huggingface.co/a/b/blob/main/%E0%A4%A\n---\n# M\n';
    const report = assess(
      snapshot({ files: { 'README.md': card, 'model.safetensors': { size: 5e9 } } }),
      DEFAULT_CONFIG,
    );
    expect(report.models[0]?.components.weights.status).toBe('restricted');
  });

  test('evidence gathering that throws still yields a report: every component unknown, with the reason', () => {
    const broken = { ...snapshot({ files: { 'README.md': '# M\n' } }), entries: null as never };
    const report = assess(broken, DEFAULT_CONFIG);
    expect(report.models).toHaveLength(1);
    expect(Object.values(report.models[0]!.components).every((c) => c.status === 'unknown')).toBe(true);
    expect(report.problems).toContainEqual(expect.objectContaining({ severity: 'error', ruleId: 'engine-error' }));
  });

  test('a FIFO where the config file should be does not hang: exit 2 with the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-fifo-'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, 'README.md'), '# M\n');
    execFileSync('mkfifo', [join(dir, '.github', 'truly-open.yml')]);
    const result = await cli('check', dir, '--offline', '--format', 'json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a regular file/);
  }, 10_000);
});

// `truly-open badge`: the ladder level as a shields.io endpoint document or a static SVG,
// computed by the same check as `truly-open check`.
import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '../src/cli/main.js';

const example = (name: string) => fileURLToPath(new URL(`../examples/${name}`, import.meta.url));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: {},
    isTTY: false,
    stderrTTY: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('truly-open badge', () => {
  test('an open-source release gets a green endpoint badge', async () => {
    const { code, stdout } = await run(['badge', example('open-model'), '--offline']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      schemaVersion: 1,
      label: 'truly open',
      message: 'open source',
      color: 'brightgreen',
    });
  });

  test('a weights-only release under Llama terms says restricted weights, as an SVG on request', async () => {
    const json = JSON.parse((await run(['badge', example('weights-only'), '--offline'])).stdout);
    expect(json.message).toBe('restricted weights');
    const { code, stdout } = await run(['badge', example('weights-only'), '--offline', '--svg']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(stdout).toContain('restricted weights');
  });

  test('a missing directory is an input error (exit 2, one line)', async () => {
    const { code, stderr } = await run(['badge', '/nonexistent/repo', '--offline']);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toMatch(/^truly-open: no such directory/);
  });
});

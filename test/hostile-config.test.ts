// Issue 10, item 6: configuration files written to break the parser. The parser promises
// never to throw: every case is a config error that names the field, the CLI exits 2 with
// one line on stderr (the report is still printed), and the app completes its run as
// "Configuration invalid".
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Probot } from 'probot';
import { main, type CliIo } from '../src/cli/main.js';
import { parseConfig, validateDocument } from '../src/config/parse.js';
import { findKeyLine } from '../src/config/yaml-locator.js';
import { DEFAULT_CONFIG, insideRepository } from '../src/config/schema.js';
import { GLOB_MAX_LENGTH } from '../src/core/glob.js';
import {
  api,
  deliver,
  mockCommit,
  mockCreateRun,
  mockToken,
  modelRepo,
  nockDone,
  runLog,
  SHA,
  startApp,
} from './helpers/app-harness.js';
import { card, run, snapshot } from './helpers/snapshot-builder.js';

const LONG_PATTERN = `ignore: ['${'a'.repeat(33_000)}']\n`;
const CONSTRUCTOR_NULL = 'not-applicable: {constructor: null}\n';

describe('the parser never throws', () => {
  test.each([
    [
      'not-applicable: {constructor: null}',
      CONSTRUCTOR_NULL,
      /not-applicable\.constructor: `constructor` is not a setting/,
    ],
    [
      'declarations: {constructor: {location: x}}',
      'declarations: {constructor: {location: x}}\n',
      /declarations\.constructor/,
    ],
    ['__proto__ at the top level', '__proto__: {require: osaid}\n', /__proto__/],
    [
      'prototype deep down',
      'declarations:\n  weights:\n    location: x\n    prototype: 1\n',
      /declarations\.weights\.prototype/,
    ],
    [
      'a 33,000-character ignore pattern',
      LONG_PATTERN,
      new RegExp(`ignore\\[0\\]: expected at most ${GLOB_MAX_LENGTH} characters \\(got 33000\\)`),
    ],
    [
      '257 ignore patterns',
      `ignore: [${Array.from({ length: 257 }, (_, i) => `p${i}`).join(', ')}]\n`,
      /ignore: expected at most 256 items/,
    ],
    [
      'a model path leaving the repository',
      "models: ['../../etc/passwd']\n",
      /models\[0\]: expected a folder inside the repository/,
    ],
    ['an absolute model path', "models: ['/etc']\n", /models\[0\]: expected a folder inside the repository/],
    [
      'a model path with .. in the middle',
      'models: [{path: a/../../b}]\n',
      /models\[0\]\.path: expected a folder inside the repository/,
    ],
    [
      'a blank model name',
      "models: [{path: m, name: '   '}]\n",
      /models\[0\]\.name: expected a name that is not blank/,
    ],
  ])('%s -> a config error', (_name, text, message) => {
    let parsed: ReturnType<typeof parseConfig> | undefined;
    expect(() => (parsed = parseConfig(text, '.github/truly-open.yml'))).not.toThrow();
    expect(parsed!.problems.length).toBeGreaterThan(0);
    expect(parsed!.problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(parsed!.problems.every((p) => p.ruleId === 'config-invalid' && p.severity === 'error')).toBe(true);
    // On any error the defaults apply, whole.
    expect(parsed!.config).toEqual(DEFAULT_CONFIG);
  });

  test('documents Probot already loaded go through the same checks', () => {
    const doc = JSON.parse('{"not-applicable": {"constructor": null}}') as unknown;
    expect(validateDocument(doc).problems[0]?.message).toMatch(/constructor/);
    const proto = Object.create(null) as Record<string, unknown>;
    proto['__proto__'] = { require: 'osaid' };
    expect(validateDocument(proto).problems[0]?.message).toMatch(/__proto__/);
  });

  test('a folder literally named like an object key is still a fine model path', () => {
    expect(parseConfig('models: [constructor, models/__proto__x]\n').problems).toEqual([]);
    expect(insideRepository('a/b..c/d')).toBe(true);
    expect(insideRepository('C:/x')).toBe(false);
  });

  test('a long line of spaces in a block scalar: the line of a later error is still found', () => {
    // The key scan used a regular expression that backtracked quadratically on such a line.
    const text = `declarations:\n  training-data:\n    location: x\n    note: |\n      a${' '.repeat(60_000)}x\nbogus: 1\n`;
    const parsed = parseConfig(text, '.github/truly-open.yml');
    expect(parsed.problems).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^bogus: unknown setting/), line: 6 }),
    ]);
    expect(findKeyLine(['a: 1', `b${' '.repeat(10_000)}:`, 'c: 2'], ['c'])).toBe(3);
  });
});

describe('empty names get a fallback', () => {
  test('model-index: [{name: ""}] does not make an empty model name', () => {
    const report = run(
      snapshot({
        location: 'acme/llm',
        files: {
          'README.md': card({ frontMatter: { 'model-index': [{ name: '' }], license: 'mit' } }),
          'model.safetensors': { size: 5e9 },
        },
      }),
    );
    expect(report.models[0]?.name).toBe('llm');
  });

  test('a blank model_name falls through to the model-index name', () => {
    const report = run(
      snapshot({
        files: { 'README.md': card({ frontMatter: { model_name: '  ', 'model-index': [{ name: 'Acme 7B' }] } }) },
      }),
    );
    expect(report.models[0]?.name).toBe('Acme 7B');
  });
});

describe('through the CLI: exit 2, one line on stderr, the report still printed', () => {
  async function cliOn(configText: string) {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-hostile-config-'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'truly-open.yml'), configText);
    writeFileSync(join(dir, 'README.md'), '# Model\n');
    writeFileSync(join(dir, 'model.safetensors'), Buffer.alloc(2048));
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      env: {},
      isTTY: false,
      stderrTTY: false,
    };
    const code = await main(['check', dir, '--offline', '--format', 'json'], io);
    return { code, stdout, stderr };
  }

  test.each([
    ['constructor: null', CONSTRUCTOR_NULL],
    ['a 33,000-character pattern', LONG_PATTERN],
    ['a model outside the repository', "models: ['../../etc/passwd', '/etc']\n"],
  ])('%s', async (_name, text) => {
    const result = await cliOn(text);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/internal error/);
    const report = JSON.parse(result.stdout) as { models: { path: string }[]; problems: { ruleId: string }[] };
    expect(report.problems.some((p) => p.ruleId === 'config-invalid')).toBe(true);
    // No phantom models outside the repository.
    expect(report.models.map((m) => m.path)).toEqual(['.']);
  });
});

describe('through the app: the run completes as "Configuration invalid"', () => {
  let probot: Probot;
  beforeEach(async () => {
    probot = await startApp();
  });
  afterEach(() => {
    expect(nockDone()).toEqual({ pending: [], unmatched: [] });
  });

  test.each([
    ['constructor: null', CONSTRUCTOR_NULL],
    ['a 33,000-character pattern', LONG_PATTERN],
  ])('%s', async (_name, text) => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': text }));
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.updates).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toBe('Configuration invalid: 1 error in .github/truly-open.yml');
    expect(log.updates[0].output.summary).not.toMatch(/internal error/);
  });
});

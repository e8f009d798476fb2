import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_NODE_BUDGET, parseConfig, validateDocument } from '../src/config/parse.js';
import { findKeyLine } from '../src/config/yaml-locator.js';
import { requirementFromString } from '../src/core/frameworks/requirements.js';
import { ConfigFileError, readConfigFile } from '../src/config/read.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';

const FILE = '.github/truly-open.yml';

const FULL = `# yaml-language-server: $schema=https://unpkg.com/truly-open/schema/truly-open.schema.json
models:
  - models/small
  - path: models/large
    name: example-70b
require: open-source
declarations:
  training-data:
    location: https://huggingface.co/datasets/example/corpus
    license: ODC-By-1.0
    note: deduplicated snapshot used for pre-training
  data-preprocessing-code:
    location: https://github.com/example/data-pipeline
not-applicable:
  intermediate-weights: trained in one run without saved checkpoints
ignore:
  - "vendor/**"
huggingface: example/example-7b
hub:
  private_repos: true
comment: always
fail_on_regression: false
release:
  notes: true
_extends: .github
`;

function only(problems: ReturnType<typeof parseConfig>['problems']) {
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('parseConfig', () => {
  it('reads a full, valid configuration', () => {
    const { config, problems } = parseConfig(FULL, FILE);
    expect(problems).toEqual([]);
    expect(config.models).toEqual(['models/small', { path: 'models/large', name: 'example-70b' }]);
    expect(config.require).toBe('open-source');
    expect(config.declarations['training-data']).toEqual({
      location: 'https://huggingface.co/datasets/example/corpus',
      license: 'ODC-By-1.0',
      note: 'deduplicated snapshot used for pre-training',
    });
    expect(config.declarations['data-preprocessing-code']?.location).toBe('https://github.com/example/data-pipeline');
    expect(config['not-applicable']['intermediate-weights']).toMatch(/one run/);
    expect(config.ignore).toEqual(['vendor/**']);
    expect(config.huggingface).toBe('example/example-7b');
    expect(config.hub).toEqual({ private_repos: true });
    expect(config.comment).toBe('always');
    expect(config.fail_on_regression).toBe(false);
    expect(config.release).toEqual({ notes: true });
    expect(config._extends).toBe('.github');
  });

  it('fills defaults for what a partial file leaves out', () => {
    const { config, problems } = parseConfig('require: mof-class-2\nhub: false\n');
    expect(problems).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, require: 'mof-class-2', hub: false });
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '\n  \n'],
    ['only comments', '# nothing configured yet\n'],
    ['an explicit null document', '~\n'],
  ])('treats %s as the defaults, without a problem', (_name, text) => {
    const { config, problems } = parseConfig(text, FILE);
    expect(problems).toEqual([]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('the defaults are what the docs promise', () => {
    expect(DEFAULT_CONFIG).toEqual({
      declarations: {},
      'not-applicable': {},
      ignore: [],
      hub: { private_repos: false },
      comment: 'changes',
      fail_on_regression: true,
      release: { notes: false },
    });
  });

  it('hands out a fresh default object each time', () => {
    const first = parseConfig('');
    first.config.ignore.push('mutated/**');
    expect(parseConfig('').config.ignore).toEqual([]);
    expect(DEFAULT_CONFIG.ignore).toEqual([]);
  });

  it('reports invalid YAML with its line, and falls back to the defaults', () => {
    const { config, problems } = parseConfig('require: open-source\ndeclarations:\n  weights: [unclosed\n', FILE);
    const problem = only(problems);
    expect(problem).toMatchObject({ severity: 'error', ruleId: 'config-invalid', path: FILE });
    expect(problem.message).toMatch(/^not valid YAML: /);
    expect(problem.line).toBeGreaterThanOrEqual(3);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('points an unexpected end of file at the last line, not past it', () => {
    const problem = only(parseConfig('comment: always\nignore: [\n\n', FILE).problems);
    expect(problem.message).toMatch(/^not valid YAML: unexpected end of the stream/);
    expect(problem.line).toBe(2);
  });

  it('reports a duplicated key as invalid YAML on the second occurrence', () => {
    const problem = only(parseConfig('comment: always\ncomment: never\n').problems);
    expect(problem.message).toMatch(/duplicated mapping key/);
    expect(problem.line).toBe(2);
  });

  it('refuses an alias bomb quickly, without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    const names = 'abcdefghi';
    for (let i = 1; i < names.length; i++) {
      const prev = `*${names[i - 1]}`;
      levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]`);
    }
    const bomb = `${levels.join('\n')}\n`;
    const started = performance.now();
    const { config, problems } = parseConfig(bomb, FILE);
    expect(performance.now() - started).toBeLessThan(1000);
    const problem = only(problems);
    expect(problem).toMatchObject({ severity: 'error', ruleId: 'config-invalid' });
    expect(problem.message).toContain(String(CONFIG_NODE_BUDGET));
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('refuses a self-referencing alias instead of looping', () => {
    const problem = only(parseConfig('ignore: &loop [*loop]\n').problems);
    expect(problem.message).toMatch(/more than \d+ values/);
  });

  it('refuses a file over 64 KiB before parsing it', () => {
    const big = `ignore:\n${'  - "x/**"\n'.repeat(7000)}`;
    expect(big.length).toBeGreaterThan(64 * 1024);
    const problem = only(parseConfig(big, FILE).problems);
    expect(problem.message).toMatch(/64 KiB/);
  });

  it('reports a deeply nested document without throwing', () => {
    const deep = `${'['.repeat(20000)}${']'.repeat(20000)}`;
    const { problems } = parseConfig(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.ruleId).toBe('config-invalid');
  });

  it.each([
    ['a list', '- require: open-source\n', /got a list/],
    ['a string', 'open-source\n', /got a string/],
    ['a number', '42\n', /got a number/],
  ])('reports a document that is %s instead of a mapping', (_name, text, got) => {
    const problem = only(parseConfig(text, FILE).problems);
    expect(problem.message).toMatch(/top level must be a mapping/);
    expect(problem.message).toMatch(got);
  });

  it('reports a wrong value for require with the accepted values and a hint', () => {
    const text = 'comment: always\nrequire: class-1\n';
    const { config, problems } = parseConfig(text, FILE);
    const problem = only(problems);
    expect(problem.message).toBe(
      'require: expected one of: open-source, open-weights, restricted-weights, mof-class-1, mof-class-2, mof-class-3, osaid, got a string; did you mean mof-class-1?',
    );
    expect(problem.line).toBe(2);
    // Honest fallback: the valid `comment` is not kept either.
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('reports a wrong type for require', () => {
    const problem = only(parseConfig('require: 3\n').problems);
    expect(problem.message).toMatch(/^require: expected one of: open-source, .*, got a number$/);
    expect(problem.line).toBe(1);
  });

  it('reports a wrong type inside a declaration by its full path and line', () => {
    const text =
      'declarations:\n  weights:\n    location: https://example.org/w\n  training-data:\n    license: CC-BY-4.0\n    location: 42\n';
    const problem = only(parseConfig(text, FILE).problems);
    expect(problem.message).toBe('declarations.training-data.location: expected a string, got a number');
    expect(problem.line).toBe(6);
  });

  it('reports a missing required field at its parent', () => {
    const text = 'declarations:\n  training-data:\n    license: CC-BY-4.0\n';
    const problem = only(parseConfig(text).problems);
    expect(problem.message).toBe('declarations.training-data.location: required, expected a string');
    expect(problem.line).toBe(2);
  });

  it('reports an unknown component id in declarations with a suggestion', () => {
    const text = 'declarations:\n  trainng-data:\n    location: https://example.org/data\n';
    const problem = only(parseConfig(text, FILE).problems);
    expect(problem.message).toMatch(
      /^declarations\.trainng-data: unknown component id \(expected one of: model-architecture, weights, /,
    );
    expect(problem.message).toMatch(/did you mean training-data\?$/);
    expect(problem.line).toBe(2);
  });

  it('reports an unknown component id in not-applicable', () => {
    const problem = only(parseConfig("not-applicable:\n  'dataset': none\n").problems);
    expect(problem.message).toMatch(/^not-applicable\.dataset: unknown component id/);
    expect(problem.line).toBe(2);
  });

  it('requires a reason for not-applicable', () => {
    const text = 'not-applicable:\n  intermediate-weights: ""\n';
    const problem = only(parseConfig(text, FILE).problems);
    expect(problem.message).toBe(
      'not-applicable.intermediate-weights: a reason is required, expected a non-empty string',
    );
    expect(problem.line).toBe(2);
  });

  it('reports unknown top-level keys one by one, each with its line', () => {
    const text = 'require: osaid\nrequires: open-source\ncomments: never\n';
    const { problems } = parseConfig(text, FILE);
    expect(problems.map((p) => [p.line, p.message.split(' (')[0]])).toEqual([
      [2, 'requires: unknown setting'],
      [3, 'comments: unknown setting'],
    ]);
    expect(problems[0]!.message).toMatch(/expected one of: models, require, declarations, .*did you mean require\?$/);
  });

  it('reports an unknown key inside a nested mapping', () => {
    const problem = only(parseConfig('release:\n  note: true\n').problems);
    expect(problem.message).toBe('release.note: unknown setting (expected one of: notes); did you mean notes?');
    expect(problem.line).toBe(2);
  });

  it('explains a union: hub is false or a mapping', () => {
    expect(only(parseConfig('hub: true\n').problems).message).toBe('hub: expected false or a mapping, got true');
    const deeper = only(parseConfig('hub:\n  private_repos: "yes"\n').problems);
    expect(deeper.message).toBe('hub.private_repos: expected true or false, got a string');
    expect(deeper.line).toBe(2);
  });

  it('points into list items', () => {
    const text = 'models:\n- models/a\n- path: models/b\n  nme: b\n';
    const problem = only(parseConfig(text).problems);
    expect(problem.message).toMatch(/^models\[1\]\.nme: unknown setting \(expected one of: path, name\)/);
    expect(problem.line).toBe(4);
    expect(only(parseConfig('models:\n  - 7\n').problems).message).toBe(
      'models[0]: expected a string or a mapping, got a number',
    );
  });

  it('uses the schema wording for a malformed Hub id', () => {
    const problem = only(parseConfig('huggingface: https://huggingface.co/example/model\n').problems);
    expect(problem.message).toBe('huggingface: expected `org/model`, got a string');
  });

  it('says when YAML turned a value into a date', () => {
    const problem = only(parseConfig('declarations:\n  weights:\n    location: x\n    note: 2024-05-01\n').problems);
    expect(problem.message).toMatch(/^declarations\.weights\.note: expected a string, got a date/);
  });

  it('reports every problem of a file at once', () => {
    const text = 'require: best\ncomment: sometimes\nignore: "*.bin"\nextra: 1\n';
    const { problems } = parseConfig(text, FILE);
    expect(problems.map((p) => p.line).sort()).toEqual([1, 2, 3, 4]);
    expect(problems.every((p) => p.severity === 'error' && p.ruleId === 'config-invalid' && p.path === FILE)).toBe(
      true,
    );
  });

  it('leaves the path off problems when no path is given', () => {
    expect(only(parseConfig('require: 1\n').problems).path).toBeUndefined();
  });

  it('gives no line for keys written in flow style it cannot follow, but the nearest key it can', () => {
    const problem = only(parseConfig('declarations: {training-data: {location: 5}}\n').problems);
    expect(problem.message).toBe('declarations.training-data.location: expected a string, got a number');
    expect(problem.line).toBe(1);
  });
});

describe('validateDocument (a value already loaded, as Probot hands it over)', () => {
  it('validates like parseConfig, without lines', () => {
    const { config, problems } = validateDocument({ require: 'osaid', ignore: 'x' }, FILE);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(problems).toEqual([
      { severity: 'error', ruleId: 'config-invalid', path: FILE, message: 'ignore: expected a list, got a string' },
    ]);
  });

  it('accepts a valid value and treats null as the defaults', () => {
    expect(validateDocument({ comment: 'never' })).toEqual({
      config: { ...DEFAULT_CONFIG, comment: 'never' },
      problems: [],
    });
    expect(validateDocument(null)).toEqual({ config: DEFAULT_CONFIG, problems: [] });
  });

  it('refuses a shared-reference structure that expands past the budget', () => {
    let node: unknown = ['lol'];
    for (let i = 0; i < 30; i++) node = [node, node];
    const { problems } = validateDocument({ ignore: node });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/more than \d+ values/);
  });
});

describe('findKeyLine', () => {
  const lines = [
    'declarations:', //           1
    '  # a comment', //           2
    '  weights:', //              3
    '    location: a', //         4
    '  "training-data":', //     5
    '    note: location', //      6
    '    location: b', //         7
    'models:', //                 8
    '  - a', //                   9
    '  - path: b', //            10
    '    name: c', //            11
  ];
  it.each([
    [['declarations'], 1],
    [['declarations', 'weights', 'location'], 4],
    [['declarations', 'training-data', 'location'], 7],
    [['models', 0], 9],
    [['models', 1, 'name'], 11],
    [['models', 5], 8],
    [['nothing'], undefined],
  ] as const)('finds %j at line %p', (path, line) => {
    expect(findKeyLine(lines, path)).toBe(line);
  });
});

describe('requirementFromString', () => {
  it.each([
    ['open-source', 'open-source'],
    ['Open Weights', 'open-weights'],
    ['restricted_weights', 'restricted-weights'],
    ['osaid', 'osaid'],
    ['OSI', 'osaid'],
    ['class-1', 'mof-class-1'],
    ['mof-1', 'mof-class-1'],
    ['class-III', 'mof-class-3'],
    ['MOF Class II', 'mof-class-2'],
    ['mof-class-2', 'mof-class-2'],
    ['open-science', 'mof-class-1'],
    ['open-model', 'mof-class-3'],
  ])('reads %p as %p', (input, expected) => {
    expect(requirementFromString(input)).toBe(expected);
  });

  it.each(['', 'open', '1', 'ii', 'class-4', 'closed'])('rejects %p', (input) => {
    expect(requirementFromString(input)).toBeNull();
  });
});

describe('readConfigFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'truly-open-config-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the defaults when the directory has no config file', async () => {
    const result = await readConfigFile(dir);
    expect(result).toEqual({ config: DEFAULT_CONFIG, problems: [], path: null });
  });

  it('reads .github/truly-open.yml before .github/truly-open.yaml', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/truly-open.yaml'), 'require: osaid\n');
    expect((await readConfigFile(dir)).config.require).toBe('osaid');
    await writeFile(join(dir, '.github/truly-open.yml'), 'require: open-weights\n');
    const result = await readConfigFile(dir);
    expect(result.config.require).toBe('open-weights');
    expect(result.path).toBe(join(dir, '.github/truly-open.yml'));
  });

  it('names the repository path in problems of a default file', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/truly-open.yml'), 'require: everything\n');
    const { problems } = await readConfigFile(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '.github/truly-open.yml', line: 1, ruleId: 'config-invalid' });
  });

  it('reads an explicit path and names it as given', async () => {
    const file = join(dir, 'custom.yml');
    await writeFile(file, 'comment: never\nbogus: 1\n');
    const result = await readConfigFile('/nonexistent-dir', file);
    expect(result.path).toBe(file);
    expect(result.problems.map((p) => [p.path, p.line])).toEqual([[file, 2]]);
  });

  it('throws ConfigFileError with a one-line message for a missing explicit path', async () => {
    const missing = join(dir, 'nope.yml');
    const attempt = readConfigFile(dir, missing);
    await expect(attempt).rejects.toBeInstanceOf(ConfigFileError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ENOENT',
      path: missing,
      message: `config file not found: ${missing}`,
    });
  });

  it('throws ConfigFileError when the explicit path is a directory', async () => {
    const error = await readConfigFile(dir, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message).not.toContain('\n');
  });

  it('refuses a huge file without reading all of it', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/truly-open.yml'), `# ${'x'.repeat(200 * 1024)}\n`);
    const { config, problems } = await readConfigFile(dir);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/64 KiB/);
  });
});

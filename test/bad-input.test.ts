// Bad input never crashes and never hangs: each case yields a report with a `problems` entry,
// or (usage errors) exit code 2 with a one-line reason. Through assess() on hand-built
// snapshots, and through the CLI's main() on real temporary directories.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main, type CliIo } from '../src/cli/main.js';
import { COMPONENT_IDS } from '../src/core/catalog.js';
import type { Report } from '../src/core/report.js';
import yaml from 'js-yaml';
import { card, licenseText, run, snapshot } from './helpers/snapshot-builder.js';

const ALIAS_BOMB = [
  '---',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  'license: mit',
  '---',
  '# Bomb',
  '',
].join('\n');

const rules = (report: Report) => report.problems.map((p) => p.ruleId);

describe('bad input through assess', () => {
  test('front matter that is not YAML: a problem with the line, the body is still read', () => {
    const report = run(
      snapshot({
        files: { 'README.md': '---\nlicense: [mit\ndatasets: x\n---\n# M\n\n## Training Data\n\nWe used web text.\n' },
      }),
    );
    const p = report.problems.find((x) => x.ruleId === 'front-matter-invalid');
    expect(p).toMatchObject({ path: 'README.md', severity: 'warning' });
    expect(p?.line).toBeGreaterThanOrEqual(2);
    // The body was read: its Training Data section is found (and, naming no dataset, documents nothing checkable).
    expect(report.models[0]?.components['data-card']).toMatchObject({
      status: 'missing',
      messageId: 'dataSectionNoSources',
    });
  });

  test('front matter that is a list, not a mapping, is a problem', () => {
    const report = run(snapshot({ files: { 'README.md': '---\n- a\n- b\n---\n# M\n' } }));
    expect(report.problems.find((x) => x.ruleId === 'front-matter-invalid')?.message).toMatch(/mapping/);
  });

  test('a YAML alias bomb finishes fast and is not used', () => {
    const started = Date.now();
    const report = run(snapshot({ files: { 'README.md': ALIAS_BOMB } }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(report.problems.find((x) => x.ruleId === 'front-matter-invalid')?.message).toMatch(/expands to more than/);
    // The license in the bomb is not trusted: nothing of the front matter is used.
    expect(report.models[0]?.components['model-card'].license).toBeNull();
  });

  test('a binary README: the card is unknown, with a problem', () => {
    const report = run(
      snapshot({
        files: { 'README.md': { size: 4096 } },
        skipped: [{ path: 'README.md', reason: 'binary', detail: 'invalid UTF-8' }],
      }),
    );
    expect(rules(report)).toContain('file-not-text');
    expect(report.models[0]?.components['model-card']).toMatchObject({
      status: 'unknown',
      messageId: 'cardUnreadable',
    });
  });

  test('a README that made it into texts with NUL bytes and replacement characters does not crash', () => {
    const junk = '\u0000\uFFFD\uFFFD# \u0000title\n' + '\uFFFD'.repeat(5000) + '\n## Training\n\u0000\n';
    const report = run(snapshot({ files: { 'README.md': junk } }));
    expect(report.models).toHaveLength(1);
  });

  test('a 50 MB README: model card unknown, never missing, with a problem', () => {
    const report = run(
      snapshot({
        files: { 'README.md': { size: 50 * 1024 * 1024 } },
        skipped: [{ path: 'README.md', reason: 'too-large' }],
      }),
    );
    expect(rules(report)).toContain('file-too-large');
    expect(report.models[0]?.components['model-card'].status).toBe('unknown');
  });

  test('a symlink loop and an invalid LFS pointer each give a problem', () => {
    const report = run(
      snapshot({
        files: {
          'README.md': card({ frontMatter: { license: 'mit' } }),
          loop: { symlink: 'loop' },
          'model.safetensors': {
            size: 90,
            text: 'version https://git-lfs.github.com/spec/v1\noid sha256:nothex\nsize lots\n',
          },
        },
        skipped: [
          { path: 'loop', reason: 'symlink-loop' },
          { path: 'model.safetensors', reason: 'invalid-lfs', detail: 'no valid oid line' },
        ],
      }),
    );
    expect(rules(report)).toEqual(expect.arrayContaining(['symlink-loop', 'lfs-pointer-invalid']));
    expect(report.models[0]?.components.weights.status).toBe('missing');
  });

  test('an empty repository: one model at ".", every component missing, a problem', () => {
    const report = run(snapshot());
    expect(rules(report)).toContain('empty-repository');
    expect(report.models).toHaveLength(1);
    expect(report.models[0]?.path).toBe('.');
    expect(new Set(Object.values(report.models[0]!.components).map((c) => c.status))).toEqual(new Set(['missing']));
    expect(report.models[0]?.ladder.level).toBe('closed');
  });

  test('a shard index that is not JSON, and one naming absent shards', () => {
    const broken = run(
      snapshot({
        files: { 'model.safetensors.index.json': '{ not json', 'model-00001-of-00002.safetensors': { size: 5e9 } },
      }),
    );
    expect(broken.models[0]?.components.weights.status).not.toBe('unknown');
    const partial = run(
      snapshot({
        files: {
          'model.safetensors.index.json': JSON.stringify({
            weight_map: { a: 'model-00001-of-00002.safetensors', b: 'model-00002-of-00002.safetensors' },
          }),
          'model-00001-of-00002.safetensors': { size: 5e9 },
        },
      }),
    );
    expect(rules(partial)).toContain('shards-incomplete');
  });

  test('a 200 KB line in the card finishes fast', () => {
    const text = '# t\n\n## Usage\n\n' + 'https://github.com/a/b '.repeat(10_000) + '\n' + 'x'.repeat(200_000) + '\n';
    const started = Date.now();
    run(snapshot({ files: { 'README.md': text } }));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  // Finding each link's section must stay linear: a card of N headings once cost N^2
  // (60,000 headings, 600 KB, under the 1 MiB text cap: ~5 s per parse).
  test('a 600 KB card of 60,000 headings costs about 8x one of 7,500, not 64x', () => {
    const headings = (n: number) => '# t\n' + Array.from({ length: n }, (_, i) => `## h${i}`).join('\n') + '\n';
    const time = (text: string) => {
      const started = process.hrtime.bigint();
      run(snapshot({ files: { 'README.md': text } }));
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const big = headings(60_000);
    expect(big.length).toBeLessThan(1024 * 1024);
    time(headings(1000)); // warm-up
    const smallText = headings(7_500);
    const small = Math.min(time(smallText), time(smallText), time(smallText));
    const large = time(big);
    // Linear: ~8x (and well under a second). Quadratic measured 30-40x and seconds.
    expect(large < 800 || large / small < 16).toBe(true);
  }, 60_000);
});

describe('front matter of any shape', () => {
  // Every card key the engine reads, with values of every YAML shape: no criterion may throw
  // (a throw would still give `unknown`, but it would hide a real judgement).
  const KEYS = [
    'license',
    'license_name',
    'license_link',
    'datasets',
    'base_model',
    'pipeline_tag',
    'library_name',
    'model-index',
    'model_name',
    'tags',
    'language',
    'metrics',
    'co2_eq_emissions',
    'widget',
    'inference',
  ];
  const VALUES: unknown[] = [
    null,
    0,
    -1,
    1e308,
    true,
    '',
    'x',
    'acme/x',
    'other',
    '2024-01-01',
    'https://huggingface.co/acme/x',
    [],
    [null],
    [1, 'a'],
    [{}],
    [[['deep']]],
    {},
    { a: 1 },
    { results: 5 },
    ['other', 'mit'],
    [{ name: {}, results: {} }],
    [{ results: [null, 5, { dataset: 5, metrics: 'x' }, { dataset: { type: 5 }, metrics: [null, { value: {} }] }] }],
  ];
  test('no criterion throws and assess never does', () => {
    const failures: string[] = [];
    for (const key of KEYS) {
      for (const value of VALUES) {
        const text = `---\n${yaml.dump({ [key]: value })}---\n# T\n`;
        try {
          const report = run(
            snapshot({
              files: {
                'README.md': text,
                'model.safetensors': { size: 5e9 },
                'config.json': '{"architectures": 5, "auto_map": {"a": [1, null]}}',
              },
            }),
          );
          for (const [id, c] of Object.entries(report.models[0]!.components))
            if (c.messageId === 'criterionFailed')
              failures.push(`${key}=${JSON.stringify(value)}: ${id}: ${c.message}`);
        } catch (err) {
          failures.push(`${key}=${JSON.stringify(value)}: threw ${(err as Error).message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---- through the CLI ----

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...argv: string[]): Promise<Result> {
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

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'truly-open-bad-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A fresh directory under the test root, with files (a number = a sparse file of that size). */
function repo(name: string, files: Record<string, string | Buffer | number> = {}): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof content === 'number') {
      writeFileSync(full, '');
      truncateSync(full, content);
    } else writeFileSync(full, content);
  }
  return dir;
}

async function jsonReport(dir: string, ...extra: string[]): Promise<{ result: Result; report: Report }> {
  const result = await cli('check', dir, '--format', 'json', '--offline', ...extra);
  return { result, report: JSON.parse(result.stdout) as Report };
}

const oneLineError = (r: Result) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const [first] = r.stderr.split('\n');
  expect(first).toMatch(/^truly-open: \S/);
};

describe('bad input through the CLI', () => {
  test('front matter that is not YAML', async () => {
    const { result, report } = await jsonReport(repo('not-yaml', { 'README.md': '---\nlicense: [mit\n---\n# M\n' }));
    expect(result.code).toBe(0);
    expect(rules(report)).toContain('front-matter-invalid');
  });

  test('a YAML alias bomb', async () => {
    const started = Date.now();
    const { result, report } = await jsonReport(repo('bomb', { 'README.md': ALIAS_BOMB }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.code).toBe(0);
    expect(rules(report)).toContain('front-matter-invalid');
  });

  test('a binary README (invalid UTF-8 and NUL bytes)', async () => {
    const { report } = await jsonReport(
      repo('binary', { 'README.md': Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00, 0x41, 0xc3, 0x28, 0x0a]) }),
    );
    expect(rules(report)).toContain('file-not-text');
    expect(report.models[0]?.components['model-card'].status).toBe('unknown');
  });

  test('a 50 MB README (sparse): model card unknown, with a problem', async () => {
    const { report } = await jsonReport(repo('huge', { 'README.md': 50 * 1024 * 1024 }));
    expect(rules(report)).toContain('file-too-large');
    expect(report.models[0]?.components['model-card']).toMatchObject({
      status: 'unknown',
      messageId: 'cardUnreadable',
    });
  });

  test('a symlink loop', async () => {
    const dir = repo('loop', { 'README.md': card({ frontMatter: { license: 'mit' } }) });
    symlinkSync('b', join(dir, 'a'));
    symlinkSync('a', join(dir, 'b'));
    mkdirSync(join(dir, 'sub'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    const { result, report } = await jsonReport(dir);
    expect(result.code).toBe(0);
    expect(rules(report)).toContain('symlink-loop');
  });

  test('an LFS pointer with garbage', async () => {
    const { report } = await jsonReport(
      repo('lfs', { 'model.safetensors': 'version https://git-lfs.github.com/spec/v1\noid sha256:zzzz\nsize many\n' }),
    );
    expect(rules(report)).toContain('lfs-pointer-invalid');
  });

  test('an empty repository', async () => {
    const { result, report } = await jsonReport(repo('empty'));
    expect(result.code).toBe(0);
    expect(rules(report)).toContain('empty-repository');
  });

  test.each([
    ['a list', '- a\n- b\n'],
    ['wrong types', 'models: 5\nrequire: [open-source]\n'],
    ['an unknown key', 'colour: blue\n'],
    ['not YAML', 'require: [\n'],
    ['a not-applicable without a reason', "not-applicable:\n  weights: ''\n"],
  ])('a config of the wrong shape (%s): a problem, the report is still produced', async (_name, text) => {
    const dir = repo(`config-${_name.replace(/\W+/g, '-')}`, {
      '.github/truly-open.yml': text,
      'README.md': card({ frontMatter: { license: 'mit' } }),
    });
    const { result, report } = await jsonReport(dir);
    // The report is printed with the defaults, and the exit says the input needs fixing
    // (a mistyped `require` must not pass a gate silently).
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^truly-open: the configuration is invalid/);
    expect(report.models).toHaveLength(1);
    const p = report.problems.find((x) => x.ruleId === 'config-invalid');
    expect(p).toMatchObject({ severity: 'error', path: '.github/truly-open.yml' });
  });

  test('an unknown flag, format or requirement, a missing path or config: exit 2 with a one-line reason', async () => {
    const dir = repo('usage', { 'README.md': '# M\n' });
    const cases: [string[], RegExp][] = [
      [['check', dir, '--frobnicate'], /frobnicate/],
      [['check', dir, '--format', 'yaml'], /unknown format "yaml"/],
      [['check', dir, '--require', 'mostly-open'], /unknown requirement "mostly-open"/],
      [['check', join(root, 'does-not-exist')], /does-not-exist|not found|no such/i],
      [['check', dir, '--config', join(root, 'nope.yml')], /config file not found/],
      [['frobnicate'], /unknown command/],
      [['check', dir, dir], /expected one path/],
      [['check', join(dir, 'README.md')], /not a (directory|folder)/i],
      [['check', 'hf:acme/model'], /drop --offline/],
    ];
    for (const [argv, reason] of cases) {
      const r = await cli(...argv, '--offline');
      oneLineError(r);
      expect(r.stderr.split('\n')[0]).toMatch(reason);
    }
  });

  test('no command prints help and exits 2; --help exits 0', async () => {
    expect((await cli()).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--require/);
  });
});

describe('CLI exit codes and formats', () => {
  let openSource: string;
  let weightsOnly: string;
  beforeAll(() => {
    openSource = repo('open-source', {
      LICENSE: licenseText('Apache-2.0'),
      'README.md': card({ frontMatter: { license: 'apache-2.0' } }),
      'model.safetensors': 5 * 1024 * 1024,
      'data/train-00000-of-00001.parquet': 3 * 1024 * 1024,
      'prepare_data.py': 'print("clean")\n',
      'train.py': 'print("train")\n',
      'configs/train.yaml':
        'learning_rate: 3.0e-4\nglobal_batch_size: 512\nmax_steps: 10000\nlr_scheduler_type: cosine\n',
    });
    weightsOnly = repo('weights-only', { LICENSE: licenseText('Apache-2.0'), 'model.safetensors': 5 * 1024 * 1024 });
  });

  test('--require open-source met: exit 0', async () => {
    const r = await cli('check', openSource, '--offline', '--require', 'open-source');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('--require open-source unmet: exit 1, the report still printed', async () => {
    const r = await cli('check', weightsOnly, '--offline', '--require', 'open-source');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Open weights/);
  });

  test('a requirement from the config file is applied, the flag overrides it', async () => {
    const dir = repo('require-in-config', {
      '.github/truly-open.yml': 'require: open-source\n',
      LICENSE: licenseText('Apache-2.0'),
      'model.safetensors': 5 * 1024 * 1024,
    });
    expect((await cli('check', dir, '--offline')).code).toBe(1);
    expect((await cli('check', dir, '--offline', '--require', 'open-weights')).code).toBe(0);
  });

  test('--format json parses and matches the contract shape', async () => {
    const { result, report } = await jsonReport(openSource);
    expect(result.code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'truly-open', version: expect.any(String) });
    expect(report.subject).toMatchObject({ source: 'directory', location: openSource });
    expect(Array.isArray(report.problems)).toBe(true);
    expect(report.models).toHaveLength(1);
    const m = report.models[0]!;
    expect(Object.keys(m.components).sort()).toEqual([...COMPONENT_IDS].sort());
    for (const c of Object.values(m.components)) {
      expect(c).toEqual(
        expect.objectContaining({
          status: expect.any(String),
          messageId: expect.any(String),
          message: expect.any(String),
          evidence: expect.any(Array),
        }),
      );
      expect(c.license === null || typeof c.license === 'string').toBe(true);
    }
    expect(m.ladder).toMatchObject({ level: 'open-source', missing: [], headline: expect.any(String) });
    expect(m.frameworks).toEqual({ mof: expect.any(Object), osaid: expect.any(Object), osaiIndex: expect.any(Object) });
    expect(m.frameworks.mof.progress).toEqual({
      '1': expect.any(Number),
      '2': expect.any(Number),
      '3': expect.any(Number),
    });
  });

  test('--format sarif parses as SARIF 2.1.0', async () => {
    const r = await cli('check', weightsOnly, '--offline', '--format', 'sarif');
    expect(r.code).toBe(0);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.tool.driver.name).toBe('truly-open');
    expect(Array.isArray(sarif.runs[0]?.results)).toBe(true);
  });

  test('--format markdown and text render the headline', async () => {
    const md = await cli('check', weightsOnly, '--offline', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/Open weights/);
    const text = await cli('check', weightsOnly, '--offline');
    expect(text.stdout).toMatch(/Open weights/);
    // eslint-disable-next-line no-control-regex -- ESC is what colour codes start with
    expect(text.stdout).not.toMatch(/\x1b\[/); // no colour when stdout is not a TTY
  });

  test('--version prints the version in package.json', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await cli('--version');
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

// Issue 10, item 7: a bounded fuzz of the inputs anyone can write. Runs in every `npm test`
// at a small size; `npm run fuzz` runs it at 20,000 cases per property (FUZZ_RUNS, and
// FUZZ_SEED to replay a failure: the seed is in the test names).
//  - the config parser never throws, whatever the text or the loaded document;
//  - the glob matcher never throws, agrees with the old regex matcher on short inputs and
//    stays within its work bound on long ones;
//  - mdCode always makes one code span that holds the text, mdText leaves nothing live;
//  - assess never throws on hostile cards and trees, and every model has a name.
import { describe, expect, test } from '@jest/globals';
import yaml from 'js-yaml';
import { parseConfig, validateDocument } from '../src/config/parse.js';
import { COMPONENT_IDS } from '../src/core/catalog.js';
import { compileGlobProgram, compileGlobs } from '../src/core/glob.js';
import { mdCode, mdText } from '../src/core/render/format.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import type { RepoSnapshot } from '../src/core/snapshot.js';
import { compileGlobs as oracleGlobs } from './helpers/glob-regex-oracle.js';
import { codeSpans, LIVE_MENTION } from './helpers/markdown-spans.js';

const RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 300));
const SEED = Number(process.env.FUZZ_SEED ?? 20251010);

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const str = (alphabet: readonly string[], max: number) =>
    Array.from({ length: int(max + 1) }, () => pick(alphabet)).join('');
  return { next, int, pick, str };
}
type Rng = ReturnType<typeof random>;

const KEYS = [
  'models',
  'require',
  'declarations',
  'not-applicable',
  'ignore',
  'huggingface',
  'hub',
  'comment',
  'fail_on_regression',
  'release',
  '_extends',
  'path',
  'name',
  'location',
  'license',
  'note',
  'private_repos',
  'notes',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  ...COMPONENT_IDS,
];
const TEXT = [
  'a',
  'b',
  '/',
  '.',
  '..',
  '*',
  '?',
  '[',
  ']',
  '{',
  '}',
  ',',
  '!',
  '\\',
  '`',
  '@',
  '#',
  ':',
  '-',
  ' ',
  '\n',
  '"',
  "'",
  '|',
  '<',
  '>',
  'é',
  '😀',
  '\u0000',
  '\u200b',
];

function value(rng: Rng, depth: number): unknown {
  switch (rng.int(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.pick([0, -1, 1.5, 1e308, NaN, Infinity, 2 ** 53]);
    case 3:
      return rng.str(TEXT, 12);
    case 4:
      return rng.pick([
        'open-source',
        'osaid',
        'mof-class-1',
        'changes',
        'never',
        '../../etc',
        '/etc',
        '',
        ' ',
        'a'.repeat(rng.int(2000)),
      ]);
    case 5:
      return new Date(rng.int(2e12));
    case 6:
    case 7:
      return Array.from({ length: rng.int(5) }, () => value(rng, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(6); i > 0; i--)
        Object.defineProperty(out, rng.pick(KEYS), {
          value: value(rng, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return out;
    }
  }
}

/** A document shaped like a configuration, with hostile values where they hurt most. */
function configLike(rng: Rng): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  const PATHS = [
    'models/a',
    '.',
    './b',
    '../../etc/passwd',
    '/etc',
    'a/../../b',
    'C:/x',
    'a\\..\\..\\b',
    '',
    ' ',
    'constructor',
  ];
  const MAP_KEYS = [...COMPONENT_IDS, '__proto__', 'constructor', 'prototype', 'toString', 'x'];
  const set = (o: Record<string, unknown>, k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true });
  for (const key of KEYS.slice(0, 12)) {
    if (rng.next() < 0.5) continue;
    switch (key) {
      case 'models':
        set(
          doc,
          key,
          Array.from({ length: rng.int(4) }, () =>
            rng.next() < 0.5
              ? rng.pick(PATHS)
              : { path: rng.pick(PATHS), ...(rng.next() < 0.5 ? { name: rng.pick(['', '  ', 'ok', '@team']) } : {}) },
          ),
        );
        break;
      case 'declarations':
      case 'not-applicable': {
        const map: Record<string, unknown> = {};
        for (let i = rng.int(4); i > 0; i--)
          set(
            map,
            rng.pick(MAP_KEYS),
            rng.next() < 0.5 ? rng.pick([null, 'reason', '', { location: 'x' }, { location: null }]) : value(rng, 2),
          );
        set(doc, key, map);
        break;
      }
      case 'ignore':
        set(
          doc,
          key,
          Array.from({ length: rng.int(4) }, () =>
            rng.pick([
              '*.bin',
              '**/x',
              '*a'.repeat(rng.int(40)) + 'b',
              'a'.repeat(rng.pick([10, 1024, 1025, 33_000])),
              '[z-a]',
              '{a,[}]',
              '',
            ]),
          ),
        );
        break;
      default:
        set(doc, key, value(rng, 1));
    }
  }
  return doc;
}

const cases = (name: string) => `${name} (${RUNS} cases, seed ${SEED})`;

describe('the config parser never throws', () => {
  test(cases('random documents, as YAML text and as loaded values'), () => {
    const rng = random(SEED);
    for (let i = 0; i < RUNS; i++) {
      const doc = rng.next() < 0.6 ? configLike(rng) : value(rng, 0);
      let text: string;
      try {
        text = yaml.dump(doc, { skipInvalid: true });
      } catch {
        text = String(doc);
      }
      // Some cases mangled: a byte dropped, a character doubled, a line cut.
      if (rng.next() < 0.3 && text.length > 0) {
        const at = rng.int(text.length);
        text =
          rng.next() < 0.5
            ? text.slice(0, at) + text.slice(at + 1)
            : text.slice(0, at) + rng.pick(TEXT) + text.slice(at);
      }
      for (const parsed of [
        parseConfig(text, '.github/truly-open.yml'),
        validateDocument(doc, '.github/truly-open.yml'),
      ]) {
        expect(parsed.config).toBeDefined();
        for (const p of parsed.problems) {
          expect(p.ruleId).toBe('config-invalid');
          expect(typeof p.message).toBe('string');
          expect(p.message.length).toBeGreaterThan(0);
        }
        // A config that passes keeps its models inside the repository.
        if (parsed.problems.length === 0) {
          for (const m of parsed.config.models ?? []) {
            const path = typeof m === 'string' ? m : m.path;
            expect(path.split(/[\\/]/)).not.toContain('..');
            expect(path.startsWith('/')).toBe(false);
          }
          expect(parsed.config.ignore.every((p) => p.length <= 1024)).toBe(true);
        }
      }
    }
  });
});

describe('the glob matcher', () => {
  const PATTERN = ['a', 'b', '/', '*', '*', '?', '[', ']', '!', '-', '{', '}', ',', '.', '\\', '^'];
  const PATH = ['a', 'b', '/', '.', '-', '{', '}', ',', '*', '[', ']', '!'];

  test(cases('agrees with the old regex matcher on short inputs'), () => {
    const rng = random(SEED + 1);
    let compared = 0;
    for (let i = 0; i < RUNS; i++) {
      const patterns = Array.from(
        { length: 1 + rng.int(3) },
        () => (rng.next() < 0.2 ? '!' : '') + rng.str(PATTERN, 7),
      ).filter((p) => !/\\[a-zA-Z]/.test(p));
      let oracle: (path: string) => boolean;
      try {
        oracle = oracleGlobs(patterns);
        oracle('x');
      } catch {
        continue; // the old matcher threw on it (an invalid regex); the new one must not
      } finally {
        expect(() => compileGlobs(patterns)('a/b')).not.toThrow();
      }
      const linear = compileGlobs(patterns);
      for (let j = 0; j < 8; j++) {
        const path = rng.str(PATH, 9);
        const expected = oracle(path);
        if (linear(path) !== expected)
          throw new Error(`${JSON.stringify(patterns)} on ${JSON.stringify(path)}: expected ${expected}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(RUNS);
  });

  test(cases('never throws, and stays within its work bound, on long hostile inputs'), () => {
    const rng = random(SEED + 2);
    const HOSTILE = ['*', '**', '**/', '/', 'a', '?', '{', ',', '}', '[a-z]', '[!/]', '\\', 'a*'];
    for (let i = 0; i < Math.max(10, RUNS / 10); i++) {
      const pattern = Array.from({ length: 1 + rng.int(120) }, () => rng.pick(HOSTILE))
        .join('')
        .slice(0, 1024);
      const path = Array.from({ length: 1 + rng.int(400) }, () => rng.pick(['a', 'a', 'b', '/'])).join('');
      const program = compileGlobProgram(pattern, { anchored: rng.next() < 0.5 });
      program.matches(path);
      expect(program.steps).toBeLessThanOrEqual((path.length + 1) * program.size);
    }
  });
});

describe('Markdown escaping', () => {
  const ANY = [
    '`',
    '``',
    '```',
    'a',
    ' ',
    '|',
    '@',
    'team',
    '#',
    '1',
    '<',
    '>',
    '[',
    ']',
    '(',
    ')',
    '!',
    '*',
    '_',
    '\\',
    '\n',
    'é',
  ];

  test(cases('mdCode is one code span that holds the text; mdText leaves nothing live'), () => {
    const rng = random(SEED + 3);
    for (let i = 0; i < RUNS; i++) {
      const text = rng.str(ANY, 16);
      const clean = text.replace(/\s+/g, ' ').trim();
      if (clean !== '') {
        const { outside, code } = codeSpans(mdCode(text));
        expect(outside.trim()).toBe('');
        expect(code).toHaveLength(1);
        expect(code[0]!.trim()).toBe(clean.replace(/\|/g, '\\|').trim());
      }
      const out = mdText(text);
      expect(out).not.toMatch(LIVE_MENTION);
      expect(codeSpans(out).code).toEqual([]);
    }
  });
});

describe('assess', () => {
  const NAMES = [
    'README.md',
    'model.safetensors',
    'config.json',
    'LICENSE',
    'train.py',
    'data/x.parquet',
    'weights/`a``b`.bin',
    '@team/x.bin',
    'a b/c.md',
    '../x',
    'ü/ß.json',
  ];

  test(cases('never throws on hostile cards and trees, and every model has a name'), () => {
    const rng = random(SEED + 4);
    for (let i = 0; i < Math.max(20, RUNS / 5); i++) {
      const front = value(rng, 1);
      let card: string;
      try {
        const frontMatter = front && typeof front === 'object' ? front : { license: front };
        card = `---\n${yaml.dump(frontMatter, { skipInvalid: true })}---\n# ${rng.str(TEXT, 10)}\n`;
      } catch {
        card = `# ${rng.str(TEXT, 10)}\n`;
      }
      if (rng.next() < 0.3) card = card.replace('model_name', 'model-index');
      const paths = [...new Set(Array.from({ length: 1 + rng.int(8) }, () => rng.pick(NAMES)))];
      const snapshot: RepoSnapshot = {
        source: 'github',
        location: rng.pick(['acme/llm', 'x', '']),
        revision: 'a'.repeat(40),
        entries: paths.map((path) => ({ path, size: rng.pick([0, 100, 5e9]), kind: 'file' as const })),
        texts: paths.includes('README.md') ? { 'README.md': card } : {},
        skipped: [],
      };
      const report = assess(snapshot, DEFAULT_CONFIG);
      for (const model of report.models) expect(model.name.trim()).not.toBe('');
    }
  });
});

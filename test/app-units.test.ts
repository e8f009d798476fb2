// The pure parts of the app, as scenario tables: model signal, slash-command parsing,
// release-notes sections, conclusions, config validation of values, the queue and guards.
import { describe, expect, it } from '@jest/globals';
import { parseCommand } from '../src/app/commands.js';
import { commentDue, decide } from '../src/app/conclusion.js';
import { describeFault, externalId, parseExternalId } from '../src/app/publish.js';
import { NOTES_END, NOTES_START, upsertNotesSection } from '../src/app/release-notes.js';
import { BoundedSet, Generations, KeyedQueue, TtlCache } from '../src/app/runtime.js';
import { validateDocument as validateConfigObject } from '../src/config/parse.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { computeDelta } from '../src/core/delta.js';
import { modelSignal } from '../src/core/model-signal.js';
import { applyIgnore } from '../src/core/snapshot-ignore.js';
import type { RepoSnapshot } from '../src/core/snapshot.js';
import { ALL_OPEN, buildReport, OPEN_WEIGHTS_ONLY } from './helpers/report-builder.js';

function snapshot(files: Record<string, string | number>): RepoSnapshot {
  const entries = Object.entries(files).map(([path, v]) => ({
    path,
    size: typeof v === 'number' ? v : v.length,
    kind: 'file' as const,
  }));
  const texts = Object.fromEntries(
    Object.entries(files).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  return { source: 'github', location: 'acme/x', revision: 'abc', entries, texts, skipped: [] };
}

describe('modelSignal', () => {
  it.each([
    ['our config file', { '.github/truly-open.yml': 'comment: never\n' }, 'config'],
    ['safetensors weights', { 'ckpt/model-00001-of-00002.safetensors': 10 }, 'weights'],
    ['a GGUF file', { 'q4.gguf': 10 }, 'weights'],
    ['pytorch_model.bin', { 'pytorch_model.bin': 10 }, 'weights'],
    ['a MODEL_CARD.md', { 'MODEL_CARD.md': '# card' }, 'card'],
    [
      'a README with model-card front matter',
      { 'README.md': '---\nbase_model: meta-llama/Llama-3.1-8B\n---\n# x' },
      'card',
    ],
    ['a transformers config.json', { 'config.json': '{"model_type": "bert"}' }, 'model-config'],
  ])('sees %s', (_name, files, signal) => {
    expect(modelSignal(snapshot(files))).toBe(signal);
  });

  it.each([
    ['a web app', { 'README.md': '# App\n', 'package.json': '{}', 'src/index.ts': 'x' }],
    ['a README with unrelated front matter', { 'README.md': '---\ntitle: Docs\nlayout: page\n---\n# x' }],
    ['a generic .bin file', { 'data/blob.bin': 10 }],
    ['a tool config.json', { 'config.json': '{"port": 3000}' }],
    ['an empty repository', {}],
  ])('stays quiet for %s', (_name, files) => {
    expect(modelSignal(snapshot(files))).toBeNull();
  });
});

describe('applyIgnore', () => {
  it('drops entries and texts under ignored globs and records them as skipped', () => {
    const s = applyIgnore(snapshot({ 'README.md': 'x', 'vendor/lib/README.md': 'y', 'a.gguf': 5 }), ['vendor/']);
    expect(s.entries.map((e) => e.path)).toEqual(['README.md', 'a.gguf']);
    expect(Object.keys(s.texts)).toEqual(['README.md']);
    expect(s.skipped).toEqual([{ path: 'vendor/lib/README.md', reason: 'ignored' }]);
  });
});

describe('parseCommand', () => {
  it.each([
    ['/openness recheck', { kind: 'recheck' }],
    ['  /Openness   RECHECK  please', { kind: 'recheck' }],
    ['\n\n/openness explain training-data', { kind: 'explain', component: 'training-data' }],
    ['/openness explain `weights`', { kind: 'explain', component: 'weights' }],
    ['/openness explain wieghts', { kind: 'explain-unknown', given: 'wieghts' }],
    ['/openness explain', { kind: 'explain-unknown', given: '' }],
    ['/openness help', { kind: 'help' }],
    ['/openness', { kind: 'help' }],
    ['/openness deploy', { kind: 'unknown', given: 'deploy' }],
  ])('%j', (body, command) => {
    expect(parseCommand(body)).toEqual(command);
  });

  it.each(['LGTM', 'Please run /openness recheck', '> /openness recheck', '/opennessrecheck', ''])(
    'ignores %j',
    (body) => {
      expect(parseCommand(body)).toBeNull();
    },
  );
});

describe('upsertNotesSection', () => {
  const section = '## Openness\n\n- new';
  it('appends to notes without a section, keeping the author’s text', () => {
    expect(upsertNotesSection('Hello', section)).toBe(`Hello\n\n${NOTES_START}\n${section}\n${NOTES_END}`);
    expect(upsertNotesSection(null, section)).toBe(`${NOTES_START}\n${section}\n${NOTES_END}`);
  });
  it('replaces an existing section in place', () => {
    const before = `A\n\n${NOTES_START}\nold\n${NOTES_END}\n\nB`;
    expect(upsertNotesSection(before, section)).toBe(`A\n\n${NOTES_START}\n${section}\n${NOTES_END}\n\nB`);
  });
  it('is stable: applying it twice changes nothing the second time', () => {
    const once = upsertNotesSection('A', section);
    expect(upsertNotesSection(once, section)).toBe(once);
  });
});

describe('decide', () => {
  const openSource = buildReport({ statuses: ALL_OPEN });
  const openWeights = buildReport({ statuses: OPEN_WEIGHTS_ONLY });
  const closed = buildReport({ statuses: {} });

  it.each([
    ['open source, no requirement', openSource, {}, 'success'],
    ['open weights, no requirement', openWeights, {}, 'neutral'],
    ['open weights, requirement open-weights', openWeights, { require: 'open-weights' }, 'success'],
    ['open weights, requirement open-source', openWeights, { require: 'open-source' }, 'failure'],
    ['closed, requirement restricted-weights', closed, { require: 'restricted-weights' }, 'failure'],
    ['open source, requirement osaid', openSource, { require: 'osaid' }, 'success'],
    ['open weights, requirement mof-class-3', openWeights, { require: 'mof-class-3' }, 'failure'],
    ['no model at all', buildReport({ models: [] }), {}, 'neutral'],
  ] as const)('%s -> %s', (_name, report, config, conclusion) => {
    expect(decide(report, { ...DEFAULT_CONFIG, ...config }).conclusion).toBe(conclusion);
  });

  it('fails a PR that lowers openness, unless fail_on_regression is off', () => {
    const delta = computeDelta(openSource, openWeights);
    expect(decide(openWeights, DEFAULT_CONFIG, delta)).toMatchObject({ conclusion: 'failure', regressed: true });
    expect(decide(openWeights, { ...DEFAULT_CONFIG, fail_on_regression: false }, delta).conclusion).toBe('neutral');
  });

  it('asks for a comment when openness moved or a requirement is unmet', () => {
    const same = computeDelta(openWeights, openWeights);
    expect(commentDue(same, decide(openWeights, DEFAULT_CONFIG, same))).toBe(false);
    expect(commentDue(same, decide(openWeights, { ...DEFAULT_CONFIG, require: 'open-source' }, same))).toBe(true);
    const moved = computeDelta(openWeights, openSource);
    expect(commentDue(moved, decide(openSource, DEFAULT_CONFIG, moved))).toBe(true);
  });
});

describe('validateConfigObject', () => {
  it('accepts a valid value and fills the defaults', () => {
    const { config, problems } = validateConfigObject({ require: 'osaid' });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ require: 'osaid', comment: 'changes', fail_on_regression: true });
  });
  it('names each field that is wrong, and falls back to the defaults', () => {
    const { config, problems } = validateConfigObject(
      { require: 'open', bogus: 1, release: { notes: 'yes' } },
      '.github/truly-open.yml',
    );
    expect(problems).toHaveLength(3);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^require: expected one of/),
        expect.stringMatching(/^bogus: unknown setting/),
        expect.stringMatching(/^release\.notes: expected true or false, got a string/),
      ]),
    );
    expect(problems.every((p) => p.path === '.github/truly-open.yml' && p.severity === 'error')).toBe(true);
    expect(config).toEqual(DEFAULT_CONFIG);
  });
  it('refuses a top level that is not a mapping', () => {
    expect(validateConfigObject(['a']).problems).toHaveLength(1);
    expect(validateConfigObject(null).problems).toEqual([]);
  });
});

describe('runtime', () => {
  it('BoundedSet remembers the newest keys only', () => {
    const set = new BoundedSet(2);
    expect(set.add('a')).toBe(true);
    expect(set.add('a')).toBe(false);
    set.add('b');
    set.add('c');
    expect(set.has('a')).toBe(false);
    expect(set.has('c')).toBe(true);
  });

  it('KeyedQueue runs one key in order, survives a failure, and runs other keys alongside', async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const step =
      (name: string, ms: number, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
      };
    const a1 = queue.run('a', step('a1', 30, true));
    const a2 = queue.run('a', step('a2', 1));
    const b1 = queue.run('b', step('b1', 1));
    await expect(a1).rejects.toThrow('a1');
    await Promise.all([a2, b1]);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });

  it('Generations tell a run whether a newer event for its key arrived', () => {
    const generations = new Generations();
    const first = generations.next('pr');
    expect(generations.isCurrent('pr', first)).toBe(true);
    generations.next('pr');
    expect(generations.isCurrent('pr', first)).toBe(false);
  });
});

describe('external ids and faults', () => {
  it('round-trips what a run evaluated', () => {
    for (const kind of [{ kind: 'push' }, { kind: 'pr', number: 12 }, { kind: 'release', id: 9 }] as const) {
      expect(parseExternalId(externalId(kind))).toEqual(kind);
    }
    expect(parseExternalId(null)).toEqual({ kind: 'push' });
  });

  it('says what went wrong in GitHub’s terms', () => {
    expect(describeFault({ status: 502, message: 'Bad Gateway' })).toMatch(/HTTP 502/);
    expect(
      describeFault({ status: 403, message: 'x', response: { headers: { 'x-ratelimit-remaining': '0' } } }),
    ).toMatch(/rate limit/);
    expect(describeFault({ status: 403, message: 'Resource not accessible by integration' })).toMatch(
      /refused.*not accessible/,
    );
    expect(describeFault(new Error('boom\nstack'))).toBe('internal error: boom');
  });
});

describe('TtlCache', () => {
  it('answers from memory until the time is up, and does not keep failures', async () => {
    let now = 1_000;
    const cache = new TtlCache<string | null>(300_000, 10, () => now);
    let loads = 0;
    const load = async () => ((loads += 1), null);
    expect(await cache.get('acme', load)).toBeNull();
    expect(await cache.get('acme', load)).toBeNull();
    expect(loads).toBe(1);
    now += 300_001;
    await cache.get('acme', load);
    expect(loads).toBe(2);
    await expect(cache.get('other', () => Promise.reject(new Error('502')))).rejects.toThrow('502');
    expect(await cache.get('other', async () => 'org config')).toBe('org config');
  });
});

import { COMPONENTS, type ComponentId } from '../src/core/catalog.js';
import {
  chunk,
  checkRunAnnotations,
  checkRunTitle,
  renderCheckRun,
  SUMMARY_BUDGET,
} from '../src/core/render/check-run.js';
import { ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_RUN } from '../src/core/render/annotations.js';
import { GITHUB_TEXT_LIMIT } from '../src/core/render/fit.js';
import { computeDelta } from '../src/core/delta.js';
import type { ModelReport, Report } from '../src/core/report.js';
import { OPEN_WEIGHTS_ONLY, ALL_OPEN, buildManyModels, buildReport } from './helpers/report-builder.js';

const docsBaseUrl = 'https://docs.example/components';
const bytes = (text: string) => new TextEncoder().encode(text).length;

// The three shapes the summary is judged on ------------------------------------------------

/** Open source, with two gaps on the way to MOF Class I. */
const openSource = buildReport({
  statuses: { ...ALL_OPEN, 'sample-outputs': 'missing', 'research-paper': 'mentioned' },
});

/** Weights under the Llama license, declared on the card's `license:` line; the recipe missing. */
const restricted = buildReport({
  statuses: {
    ...OPEN_WEIGHTS_ONLY,
    weights: 'restricted',
    'model-card': 'restricted',
    'evaluation-results': 'restricted',
  },
});

/** Offline: the weights and the training data are linked on the Hub, not followed. */
const unverified = buildReport({
  statuses: {
    'model-card': 'open',
    'training-code': 'open',
    'data-preprocessing-code': 'open',
    'training-config': 'open',
  },
  claims: {
    weights: { status: 'open', license: null, via: 'link', host: 'hub', target: 'acme/lm-1b' },
    'training-data': { status: 'open', license: null, via: 'link', host: 'hub', target: 'acme/corpus' },
  },
  online: false,
});

const SHAPES: [string, Report][] = [
  ['open source', openSource],
  ['restricted weights', restricted],
  ['unverified', unverified],
];

/**
 * The components the top of the summary must name: what blocks the next level, or what
 * would confirm the claimed one.
 */
function blocking(model: ModelReport): ComponentId[] {
  if (model.ladder.claimed) return model.ladder.claimed.unverified.slice(0, 3);
  if (model.ladder.missing.length > 0 && model.ladder.level !== 'open-source') return model.ladder.missing.slice(0, 3);
  return (Object.keys(model.components) as ComponentId[])
    .filter((id) => model.frameworks.mof.missing['1'].includes(id))
    .slice(0, 3);
}

describe('the check-run summary', () => {
  test('the shapes are what they say', () => {
    expect(openSource.models[0]!.ladder.level).toBe('open-source');
    expect(restricted.models[0]!.ladder.level).toBe('restricted-weights');
    expect(unverified.models[0]!.ladder).toMatchObject({
      level: 'closed',
      claimed: { level: 'open-source', unverified: ['weights', 'training-data'] },
    });
  });

  test.each(SHAPES)('%s: snapshot', (_name, report) => {
    expect(renderCheckRun(report, { docsBaseUrl }).summary).toMatchSnapshot();
  });

  test.each(SHAPES)(
    '%s: the headline comes first; the first 600 characters name it and every blocking component',
    (_name, report) => {
      const { summary } = renderCheckRun(report, { docsBaseUrl });
      const model = report.models[0]!;
      expect(summary.startsWith(`**${model.ladder.headline}**`)).toBe(true);
      const top = summary.slice(0, 600);
      const ids = blocking(model);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(top).toContain(COMPONENTS[id].phrase);
      // One action each, right below.
      const actions = summary.slice(0, summary.indexOf('<details>')).match(/^\d\. \*\*\[/gm) ?? [];
      expect(actions.length).toBe(ids.length);
    },
  );

  test.each(SHAPES)(
    '%s: one line per framework above the fold, the full table inside <details>, blocking rows first',
    (_name, report) => {
      const { summary } = renderCheckRun(report, { docsBaseUrl });
      const open = summary.indexOf('<details>');
      const close = summary.indexOf('</details>');
      expect(open).toBeGreaterThan(0);
      expect(close).toBeGreaterThan(open);
      const fold = summary.slice(0, open);
      expect(fold.match(/^- \*\*(MOF|OSAID 1\.0|OSAI index)\*\*: /gm)).toHaveLength(3);
      expect(fold).not.toContain('| Component |');
      const details = summary.slice(open, close);
      const rows = details.split('\n').filter((l) => /^\| [^|]+ \| /.test(l) && !l.startsWith('| | Component'));
      expect(rows).toHaveLength(18);
      // The legend says what every symbol means, in one line.
      expect(details).toMatch(
        /^✔ open · ◐ restricted · ◌ no license · \? mentioned, not shown to be published · ✘ missing · – not applicable · … could not be checked · ⊕ verified online$/m,
      );
      const firstRow = rows[0]!;
      expect(firstRow).toContain(`[${COMPONENTS[blocking(report.models[0]!)[0]!].title}]`);
      expect(bytes(summary)).toBeLessThan(10_000);
    },
  );

  test('component names link to their doc page once, by reference; open rows carry no link', () => {
    const { summary } = renderCheckRun(restricted, { docsBaseUrl });
    const definitions = summary.split('\n').filter((l) => /^\[[a-z-]+\]: /.test(l));
    const used = new Set([...summary.matchAll(/\]\[([a-z-]+)\]/g)].map((m) => m[1]));
    expect(definitions.map((l) => l.slice(1, l.indexOf(']')))).toEqual(
      Object.keys(COMPONENTS).filter((id) => used.has(id)),
    );
    expect(definitions).toContain(`[weights]: ${docsBaseUrl}/weights.md`);
    expect(summary).not.toContain('](http');
    expect(summary).toMatch(/^\| ✔ \| Model architecture \| open \|/m);
    // A URL appears once however often the component is named.
    expect(summary.split(`${docsBaseUrl}/weights.md`)).toHaveLength(2);
  });

  test('a release with nothing left to publish says so', () => {
    const { summary } = renderCheckRun(buildReport({ statuses: ALL_OPEN }), { docsBaseUrl });
    expect(summary).toContain('**Nothing left to publish** for the ladder or the MOF.');
  });

  test('the gate comes right after the headline; the delta and the subject come after the table', () => {
    const base = buildReport({ statuses: OPEN_WEIGHTS_ONLY });
    const { summary } = renderCheckRun(restricted, {
      docsBaseUrl,
      delta: computeDelta(base, restricted),
      requirement: { requirement: 'open-weights', met: false, reason: 'the weights are under restricted terms' },
    });
    const lines = summary.split('\n\n');
    expect(lines[0]).toBe(`**${restricted.models[0]!.ladder.headline}**`);
    expect(lines[1]).toBe('**Requirement `open-weights`: ✘ not met**: the weights are under restricted terms');
    expect(summary.indexOf('### What this change does')).toBeGreaterThan(summary.indexOf('</details>'));
    expect(summary).toContain('`acme/example-7b` at `a1b2c3d` · 1 model · truly-open 0.1.0 · model example-7b (`.`)');
  });

  test('several models: the count first, then each model with its heading, headline and blockers', () => {
    const report = buildReport({
      models: [{ path: 'a', statuses: ALL_OPEN }, { path: 'b', statuses: { weights: 'restricted' } }, { path: 'c' }],
    });
    const { summary, title } = renderCheckRun(report, { docsBaseUrl });
    expect(title).toBe('3 models: 1 open source, 1 restricted weights and 1 closed');
    expect(summary.startsWith('**3 models: 1 open source, 1 restricted weights and 1 closed**')).toBe(true);
    expect(summary.match(/^### /gm)).toHaveLength(3);
    expect(summary.match(/<details>/g)).toHaveLength(3);
    expect(summary.slice(0, 600)).toContain(report.models[0]!.ladder.headline);
  });
});

describe('a huge repository', () => {
  test('8 models: every table, far under the limit', () => {
    const { summary } = renderCheckRun(buildReport({ models: buildManyModels(8) }), { docsBaseUrl });
    expect(bytes(summary)).toBeLessThan(SUMMARY_BUDGET);
    expect(summary.match(/<details>/g)).toHaveLength(8);
  });

  test('60 models: each model keeps its headline and blockers, the tables go', () => {
    const many = buildReport({ models: buildManyModels(60) });
    const { summary } = renderCheckRun(many, { docsBaseUrl, delta: computeDelta(null, many) });
    expect(bytes(summary)).toBeLessThan(SUMMARY_BUDGET);
    expect(summary).toContain(
      '_The component tables are left out to fit; run `truly-open check` for the full report._',
    );
    expect(summary).not.toContain('<details>');
    expect(summary.match(/^### m-\d+/gm)).toHaveLength(60);
    expect(summary).toMatch(/^\[weights\]: /m);
  });

  test.each([300, 1200])('%i models: one row per model that fits, a count of the rest, under the limit', (count) => {
    const many = buildReport({ models: buildManyModels(count) });
    const { summary, text } = renderCheckRun(many, { docsBaseUrl, delta: computeDelta(null, many) });
    expect(bytes(summary)).toBeLessThan(SUMMARY_BUDGET);
    expect(bytes(text)).toBeLessThan(GITHUB_TEXT_LIMIT);
    expect(summary.startsWith(`**${count} models: `)).toBe(true);
    const rows = summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('models/m-')).length;
    expect(rows).toBeGreaterThan(100);
    if (rows < count)
      expect(summary).toContain(
        `… ${count - rows} more models not shown; run \`truly-open check\` for the full report`,
      );
    // A compact row carries the level and what blocks the next one.
    expect(summary).toContain(
      '| m-002 | `models/m-002` | Open weights | — | ✘ | Training data, Data preprocessing code, Training code, Training config |',
    );
  });

  test('one model with enormous messages and evidence stays far under the limit', () => {
    const long = 'x'.repeat(5000);
    const evidence = Array.from({ length: 2000 }, (_, i) => ({
      kind: 'file' as const,
      path: `shards/${long.slice(0, 200)}-${i}.safetensors`,
    }));
    const report = buildReport({
      statuses: OPEN_WEIGHTS_ONLY,
      components: { weights: { status: 'open', license: 'MIT', message: long, evidence } },
      ladder: { headline: `Open weights: ${long}` },
      problems: Array.from({ length: 500 }, (_, i) => ({ severity: 'warning' as const, path: `f${i}`, message: long })),
    });
    const { summary } = renderCheckRun(report, { docsBaseUrl });
    expect(bytes(summary)).toBeLessThan(SUMMARY_BUDGET);
    expect(summary.slice(0, 600)).toContain('Open weights: xxx');
    expect(summary.slice(0, 600)).toContain('**Blocking open source:**');
  });

  test('the compact summary keeps verdict changes and counts component changes per model', () => {
    const many = buildReport({ models: buildManyModels(1200) });
    const manyBase = buildReport({ models: buildManyModels(1200).map((m) => ({ ...m, statuses: {} })) });
    const { summary } = renderCheckRun(many, { delta: computeDelta(manyBase, many) });
    expect(summary).toContain(
      '| m-001 (`models/m-001`) | ▲ ladder | Closed | Open source | because of the final weights, the training data, the data preprocessing code, the training code and the training configuration |',
    );
    expect(summary).toContain('| m-001 (`models/m-001`) | 18 components changed | | | |');
    expect(summary).not.toContain('▲ Training data');
    expect(summary).toMatch(/… \d+ more changes not shown/);
  });
});

describe('the title', () => {
  test('is the headline in plain words, capped at 255 characters', () => {
    expect(renderCheckRun(restricted).title).toBe(restricted.models[0]!.ladder.headline);
    const long = buildReport({ ladder: { headline: `Open weights: ${'x '.repeat(300)}` } });
    const title = renderCheckRun(long).title;
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title.endsWith('…')).toBe(true);
  });

  test('counts levels when there are several models, and leads with an unmet requirement', () => {
    const report = buildReport({ models: [{ path: 'a', statuses: ALL_OPEN }, { path: 'b' }, { path: 'c' }] });
    expect(checkRunTitle(report)).toBe('3 models: 1 open source and 2 closed');
    expect(checkRunTitle(report, { requirement: 'open-source', met: false })).toBe(
      'Requirement open-source not met: 3 models: 1 open source and 2 closed',
    );
  });
});

describe('annotations', () => {
  const head = buildReport({
    statuses: { ...OPEN_WEIGHTS_ONLY, 'training-code': 'open' },
    components: {
      weights: {
        status: 'restricted',
        license: 'LicenseRef-llama3.1',
        evidence: [
          { kind: 'file', path: 'pytorch_model.bin', note: 'pickle' },
          { kind: 'file', path: 'consolidated.pth', note: 'pickle (torch.save)' },
          { kind: 'card-field', path: 'README.md', line: 3, field: 'license', license: 'LicenseRef-llama3.1' },
        ],
      },
      'model-architecture': {
        status: 'restricted',
        license: 'LicenseRef-llama3.1',
        evidence: [
          { kind: 'card-field', path: 'README.md', line: 3, field: 'license', license: 'LicenseRef-llama3.1' },
        ],
      },
    },
    problems: [
      {
        severity: 'error',
        path: 'README.md',
        line: 1,
        message: 'front matter is not valid YAML',
        ruleId: 'front-matter-invalid',
      },
      { severity: 'warning', path: 'LICENSE', message: 'the license file is empty' },
      { severity: 'note', message: 'offline run' },
    ],
  });

  test('problems, then the license once for all it restricts, then files; whole files on line 1', () => {
    const annotations = renderCheckRun(head).annotations;
    expect(annotations.map((a) => [a.annotation_level, a.path, a.start_line, a.title])).toEqual([
      ['failure', 'README.md', 1, 'truly-open: front-matter-invalid'],
      ['warning', 'README.md', 3, 'Restricted license: LicenseRef-llama3.1'],
      ['warning', 'LICENSE', 1, 'truly-open: warning'],
      ['warning', 'pytorch_model.bin', 1, 'Unsafe weight format: pickle'],
      ['warning', 'consolidated.pth', 1, 'Unsafe weight format: pickle'],
      ['notice', 'README.md', 1, 'Data card missing'],
      ['notice', 'README.md', 20, 'Technical report mentioned'],
    ]);
    const license = annotations[1]!;
    expect(license.message).toMatch(
      /^LicenseRef-llama3\.1 restricts use, so the final weights and the model architecture code are not open \(blocks open weights and MOF Class III\)\.\nHow to fix: Relicense the final weights under /,
    );
    // Named once: in the title and the first sentence, not again in the advice.
    expect(license.message.split('LicenseRef-llama3.1')).toHaveLength(2);
    for (const a of annotations) expect(a.end_line).toBe(a.start_line);
  });

  test('a restricted model: the license line first, then the next MOF class at the card lines', () => {
    const annotations = checkRunAnnotations(restricted);
    expect(annotations[0]).toMatchObject({
      path: 'README.md',
      start_line: 3,
      annotation_level: 'warning',
      title: 'Restricted license: LicenseRef-llama3.1',
    });
    expect(annotations[0]!.message).toContain(
      'the final weights, the model card and the evaluation results are not open (blocks open weights and MOF Class III)',
    );
    expect(annotations.filter((a) => a.title.startsWith('Restricted license'))).toHaveLength(1);
  });

  test('an unverified claim is annotated where the link is, with how to confirm it', () => {
    const [first, second] = checkRunAnnotations(unverified);
    expect(first).toMatchObject({ path: 'README.md', start_line: 12, title: 'Weights mentioned' });
    expect(first!.message).toContain('confirm it for the claimed open source');
    expect(first!.message).toContain('How to fix: Confirm it: run the check online');
    expect(second).toMatchObject({ path: 'README.md', start_line: 12, title: 'Training data mentioned' });
  });

  test('a weights-only folder without a card: what is missing points at the weights', () => {
    const report = buildReport({
      statuses: { weights: 'open' },
      components: {
        weights: {
          status: 'open',
          license: 'Apache-2.0',
          evidence: [{ kind: 'file', path: 'ckpt/model.safetensors' }],
        },
      },
    });
    const annotations = checkRunAnnotations(report);
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations[0]).toMatchObject({
      path: 'ckpt/model.safetensors',
      start_line: 1,
      title: 'Training data missing',
    });
    expect(new Set(annotations.map((a) => a.path))).toEqual(new Set(['ckpt/model.safetensors']));
  });

  test('a model whose verdicts rest on no file gets none; a problem without a file is not annotated', () => {
    const report = buildReport({
      components: { 'model-card': { status: 'missing', evidence: [] } },
      problems: [{ severity: 'error', message: 'no path' }],
    });
    expect(checkRunAnnotations(report)).toEqual([]);
  });

  test('several models share one license line: one annotation that names each model', () => {
    const report = buildReport({
      models: [
        {
          path: '.',
          name: 'a',
          statuses: { weights: 'restricted' },
          components: {
            weights: {
              status: 'restricted',
              evidence: [{ kind: 'file', path: 'LICENSE', license: 'CC-BY-NC-4.0' }],
              license: 'CC-BY-NC-4.0',
            },
          },
        },
        {
          path: 'b',
          name: 'b',
          statuses: { weights: 'restricted' },
          components: {
            weights: {
              status: 'restricted',
              evidence: [{ kind: 'file', path: 'LICENSE', license: 'CC-BY-NC-4.0' }],
              license: 'CC-BY-NC-4.0',
            },
          },
        },
      ],
    });
    const licenses = checkRunAnnotations(report).filter((a) => a.title.startsWith('Restricted license'));
    expect(licenses).toHaveLength(1);
    expect(licenses[0]).toMatchObject({ path: 'LICENSE', start_line: 1 });
    expect(licenses[0]!.message).toContain('In a and b.');
  });

  test('1200 models: at most 100, most important first, sent 50 per request; the summary counts the rest', () => {
    const many = buildReport({ models: buildManyModels(1200) });
    const { annotations, summary } = renderCheckRun(many);
    expect(annotations).toHaveLength(ANNOTATIONS_PER_RUN);
    const order = { failure: 0, warning: 1, notice: 2 };
    // Ladder blockers (rank 1) come before the next MOF class (rank 3) across all models.
    const ranks = annotations.map((a) => (/blocks (open|restricted)/.test(a.message) ? 1 : 3));
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(chunk(annotations).map((b) => b.length)).toEqual([ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_REQUEST]);
    expect(Object.keys(order)).toContain(annotations[0]!.annotation_level);
    expect(summary).toMatch(/\d+ findings point at files; the 100 most important are annotated\./);
  });

  test('a rule that fires on many files is annotated 5 times; a pickle the engine reported is not annotated twice', () => {
    const report = buildReport({
      statuses: ALL_OPEN,
      components: {
        weights: {
          status: 'open',
          license: 'MIT',
          evidence: [
            { kind: 'file', path: 'w.bin', note: 'pickle' },
            { kind: 'file', path: 'x.bin', note: 'pickle' },
          ],
        },
      },
      problems: [
        ...Array.from({ length: 40 }, (_, i) => ({
          severity: 'warning' as const,
          path: `src/f${i}.py`,
          message: 'not UTF-8 text',
          ruleId: 'file-not-text',
        })),
        { severity: 'warning', path: 'w.bin', line: 1, message: 'pickle', ruleId: 'unsafe-pickle' },
      ],
    });
    const titles = checkRunAnnotations(report).map((a) => `${a.title} ${a.path}`);
    expect(titles.filter((t) => t.startsWith('truly-open: file-not-text'))).toHaveLength(5);
    expect(titles).toContain('truly-open: unsafe-pickle w.bin');
    expect(titles).not.toContain('Unsafe weight format: pickle w.bin');
    expect(titles).toContain('Unsafe weight format: pickle x.bin');
  });

  test('chunk splits annotations into batches of 50', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(chunk(items).map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunk([])).toEqual([]);
    expect(() => chunk(items, 0)).toThrow(RangeError);
  });
});

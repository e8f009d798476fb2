import { chunk, renderCheckRun, checkRunTitle } from '../src/core/render/check-run.js';
import { GITHUB_TEXT_LIMIT } from '../src/core/render/fit.js';
import { computeDelta } from '../src/core/delta.js';
import { OPEN_WEIGHTS_ONLY, ALL_OPEN, buildManyModels, buildReport } from './helpers/report-builder.js';

const docsBaseUrl = 'https://docs.example/components';

const base = buildReport({ statuses: { ...OPEN_WEIGHTS_ONLY, 'evaluation-code': 'open' } });
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
      evidence: [{ kind: 'card-field', path: 'README.md', line: 3, field: 'license', license: 'LicenseRef-llama3.1' }],
    },
  },
  problems: [
    { severity: 'error', path: 'README.md', line: 1, message: 'front matter is not valid YAML', ruleId: 'front-matter-invalid' },
    { severity: 'warning', path: 'LICENSE', message: 'no line: not annotated' },
    { severity: 'note', message: 'offline run' },
  ],
});

describe('renderCheckRun', () => {
  test('snapshot with a delta and a requirement', () => {
    const output = renderCheckRun(head, {
      docsBaseUrl,
      delta: computeDelta(base, head),
      requirement: { requirement: 'open-weights', met: false, reason: 'the weights are under restricted terms' },
    });
    expect(output).toMatchSnapshot();
  });

  test('title is the headline in plain words, capped at 255 characters', () => {
    expect(renderCheckRun(head).title).toBe(head.models[0]!.ladder.headline);
    const long = buildReport({ ladder: { headline: `Open weights: ${'x '.repeat(300)}` } });
    const title = renderCheckRun(long).title;
    expect(title.length).toBeLessThanOrEqual(255);
    expect(title.endsWith('…')).toBe(true);
  });

  test('title counts levels when there are several models, and leads with an unmet requirement', () => {
    const report = buildReport({ models: [{ path: 'a', statuses: ALL_OPEN }, { path: 'b' }, { path: 'c' }] });
    expect(checkRunTitle(report)).toBe('3 models: 1 open source and 2 closed');
    expect(checkRunTitle(report, { requirement: 'open-source', met: false })).toBe(
      'Requirement open-source not met: 3 models: 1 open source and 2 closed',
    );
  });

  test('annotations: problems with a line, the restricted license line once, each pickle file', () => {
    const { annotations } = renderCheckRun(head);
    expect(annotations).toEqual([
      expect.objectContaining({ path: 'README.md', start_line: 1, end_line: 1, annotation_level: 'failure', title: 'front-matter-invalid' }),
      expect.objectContaining({ path: 'README.md', start_line: 3, end_line: 3, annotation_level: 'warning', title: 'Restricted license: LicenseRef-llama3.1' }),
      expect.objectContaining({ path: 'pytorch_model.bin', start_line: 1, annotation_level: 'warning', title: 'Unsafe weight format: pickle' }),
      expect.objectContaining({ path: 'consolidated.pth', start_line: 1, annotation_level: 'warning' }),
    ]);
    expect(annotations[1]!.message).toContain('the model architecture code and the final weights are not open');
    for (const a of annotations) expect(a.message.length).toBeGreaterThan(0);
  });

  test('a summary for 300 models stays under 65,535 characters and says what it left out', () => {
    const many = buildReport({ models: buildManyModels(300) });
    const { summary, text } = renderCheckRun(many, { docsBaseUrl, delta: computeDelta(null, many) });
    expect(summary.length).toBeLessThan(GITHUB_TEXT_LIMIT);
    expect(new TextEncoder().encode(summary).length).toBeLessThan(GITHUB_TEXT_LIMIT);
    expect(text.length).toBeLessThan(GITHUB_TEXT_LIMIT);
    // The compact table keeps every model it can, then a note with the exact count.
    const rows = summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('models/m-'));
    if (rows.length < 300) {
      expect(summary).toContain(`… ${300 - rows.length} more models not shown; run \`truly-open check\` for the full report`);
    }
    expect(rows.length).toBeGreaterThan(100);
    expect(summary).not.toContain('How to become truly open');
  });

  test('a summary too long even for the compact table is cut with a count of the models left out', () => {
    const many = buildReport({ models: buildManyModels(1200) });
    const { summary, text } = renderCheckRun(many, { docsBaseUrl });
    expect(new TextEncoder().encode(summary).length).toBeLessThan(GITHUB_TEXT_LIMIT);
    const rows = summary.split('\n').filter((l) => l.startsWith('| ') && l.includes('models/m-')).length;
    expect(rows).toBeLessThan(1200);
    expect(summary).toContain(`… ${1200 - rows} more models not shown`);
    expect(text).toContain('more models not shown');
  });

  test('a small report keeps the full Markdown report in the summary', () => {
    const { summary } = renderCheckRun(head, { docsBaseUrl });
    expect(summary).toContain('How to become truly open');
    expect(summary).toContain(`[Weights](${docsBaseUrl}/weights.md)`);
  });

  test('chunk splits annotations into batches of 50', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(chunk(items).map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunk([])).toEqual([]);
    expect(() => chunk(items, 0)).toThrow(RangeError);
  });
});

test('the compact summary keeps verdict changes and counts component changes per model', () => {
  const many = buildReport({ models: buildManyModels(1200) });
  const manyBase = buildReport({ models: buildManyModels(1200).map((m) => ({ ...m, statuses: {} })) });
  const { summary } = renderCheckRun(many, { delta: computeDelta(manyBase, many) });
  expect(summary).toContain('| m-001 (`models/m-001`) | ▲ ladder | Closed | Open source |');
  expect(summary).toContain('| m-001 (`models/m-001`) | 18 components changed | | |');
  expect(summary).not.toContain('▲ Training data');
  expect(summary).toMatch(/… \d+ more changes not shown/);
});

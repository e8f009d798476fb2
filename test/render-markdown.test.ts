import { adviceFor } from '../src/core/render/advice.js';
import { mdCode } from '../src/core/render/format.js';
import { renderMarkdown } from '../src/core/render/markdown.js';
import { renderText } from '../src/core/render/text.js';
import { nextSteps } from '../src/core/render/steps.js';
import { COMPONENTS } from '../src/core/catalog.js';
import { ALL_OPEN, OPEN_WEIGHTS_ONLY, buildReport } from './helpers/report-builder.js';

const docsBaseUrl = 'https://docs.example/components';

const report = buildReport({
  statuses: OPEN_WEIGHTS_ONLY,
  components: {
    weights: {
      status: 'open',
      license: 'Apache-2.0',
      message: '3 safetensors shards (13.5 GB) under Apache-2.0 | from LICENSE',
      evidence: [
        { kind: 'file', path: 'model-00001-of-00003.safetensors' },
        { kind: 'card-field', path: 'README.md', line: 3, field: 'license' },
        { kind: 'file', path: 'model-00002-of-00003.safetensors' },
        { kind: 'hub', url: 'https://huggingface.co/acme/example-7b' },
      ],
    },
    'training-data': {
      status: 'mentioned',
      message: 'Card says "trained on *our* <internal> corpus" [see notes]',
      evidence: [{ kind: 'card-section', path: 'README.md', line: 41, section: 'training data' }],
    },
  },
  problems: [
    {
      severity: 'warning',
      path: 'README.md',
      line: 2,
      message: 'front matter is not valid YAML: `a|b`',
      ruleId: 'front-matter-invalid',
    },
  ],
});

describe('renderMarkdown', () => {
  test('snapshot of an open-weights release', () => {
    expect(renderMarkdown(report, { docsBaseUrl })).toMatchSnapshot();
  });

  test('one table row per component; what is not open links to its doc page, by a reference defined once', () => {
    const md = renderMarkdown(report, { docsBaseUrl });
    const model = report.models[0]!;
    for (const meta of Object.values(COMPONENTS)) {
      const open = model.components[meta.id].status === 'open';
      expect(md).toContain(open ? `| ${meta.title} |` : `| [${meta.title}][${meta.id}] |`);
      expect(md.includes(`\n[${meta.id}]: ${docsBaseUrl}/${meta.id}.md`)).toBe(md.includes(`][${meta.id}]`));
    }
    expect(md).not.toContain('](http');
  });

  test('cells escape pipes and Markdown, so every table row keeps five columns', () => {
    const md = renderMarkdown(report, { docsBaseUrl });
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.length).toBe(19);
    for (const row of rows) {
      // Split on pipes that are not escaped.
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    }
    expect(md).toContain('under Apache-2.0 \\| from LICENSE');
    expect(md).toContain('\\*our\\* \\<internal\\> corpus" \\[see notes\\]');
  });

  test('evidence shows path:line, at most two locations and a count of the rest', () => {
    const md = renderMarkdown(report, { docsBaseUrl });
    const weightsRow = md.split('\n').find((l) => l.includes('| Weights |'))!;
    expect(weightsRow).toContain('· `model-00001-of-00003.safetensors`, `README.md:3` +2 more');
  });

  test('the headline, one line per framework and the next steps come before the folded table', () => {
    const md = renderMarkdown(report, { docsBaseUrl });
    const order = [
      '**Open weights: ',
      '- **MOF**: ',
      '- **OSAID 1.0**: ',
      '- **OSAI index**: ',
      '#### Next steps',
      '<details><summary>All 18 components: ',
      '| | Component |',
      '</details>',
    ];
    const at = order.map((s) => md.indexOf(s));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test('steps cover the ladder gaps first, then the next MOF class, with the advice for their status', () => {
    const steps = nextSteps(report.models[0]!);
    expect(steps.map((s) => s.id)).toEqual([
      'training-data',
      'data-preprocessing-code',
      'training-code',
      'training-config',
      'data-card',
      'technical-report',
    ]);
    const md = renderMarkdown(report, { docsBaseUrl });
    expect(md).toContain(
      `1. **[Training data][training-data]** (mentioned; for open source): ${adviceFor('training-data', report.models[0]!.components['training-data'], mdCode)}`,
    );
    expect(md).toContain(
      `**[Data card][data-card]** (missing; for MOF Class III): ${COMPONENTS['data-card'].remediation}`,
    );
  });

  test('a component that blocks both the ladder and the MOF class is listed once with both goals', () => {
    const model = buildReport({ statuses: { ...ALL_OPEN, 'training-code': 'missing' } }).models[0]!;
    expect(nextSteps(model)).toEqual([
      { id: 'training-code', status: 'missing', goals: ['open source', 'MOF Class II'] },
    ]);
  });

  test('a fully open release has no steps section', () => {
    const md = renderMarkdown(buildReport({ statuses: ALL_OPEN }), { docsBaseUrl });
    expect(md).not.toContain('Next steps');
    expect(md).toContain('**Nothing left to publish** for the ladder or the MOF.');
    expect(md).toContain('Class I (Open Science)');
    expect(md).toContain('**OSI Open Source AI Definition 1.0**: conformant');
  });

  test('problems are listed with their location', () => {
    expect(renderMarkdown(report, { docsBaseUrl })).toContain(
      '- ⚠ **warning** `README.md:2`: front matter is not valid YAML: \\`a\\|b\\`',
    );
  });
});

test('a closed release is pointed at open weights, never at restricted terms', () => {
  const steps = nextSteps(buildReport().models[0]!);
  expect(steps[0]).toEqual({ id: 'weights', status: 'missing', goals: ['open weights', 'MOF Class III'] });
});

test('several models get one section each; a capped level and base models are named', () => {
  const md = renderMarkdown(
    buildReport({
      models: [
        { path: 'base', statuses: ALL_OPEN },
        {
          path: 'ft',
          statuses: OPEN_WEIGHTS_ONLY,
          ladder: { cappedBy: { model: 'acme/base', level: 'restricted-weights' } },
          lineage: [{ model: 'acme/base', depth: 1, resolved: false, note: 'lookup failed' }],
        },
      ],
    }),
    { docsBaseUrl },
  );
  expect(md.match(/^### /gm)).toHaveLength(2);
  expect(md).toContain('2 models');
  expect(md).toContain('(capped by base model `acme/base`, restricted weights)');
  expect(md).toContain('#### Base models\n\n- `acme/base`: not resolved: lookup failed');
});

test('the Markdown next steps are the CLI text next steps, item for item', () => {
  const md = renderMarkdown(report, { docsBaseUrl });
  const text = renderText(report, { color: false });
  const fromMd = [...md.matchAll(/^(\d+)\. \*\*\[([^\]]+)\]\[[a-z-]+\]\*\* \(([^)]+)\): (.*)$/gm)].map((m) => [
    m[1],
    m[2],
    m[3],
    m[4]!.replace(/`/g, ''),
  ]);
  const textPart = text.slice(text.indexOf('Next steps'));
  const fromText = [...textPart.matchAll(/^\s+(\d+)\. (.+?) \(([^)]+)\): (.*)$/gm)].map((m) => [
    m[1],
    m[2],
    m[3],
    m[4]!.replace(/`/g, ''),
  ]);
  expect(fromMd.length).toBe(nextSteps(report.models[0]!).length);
  expect(fromMd).toEqual(fromText);
});

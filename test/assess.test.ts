// assess() as a whole: several models per repository, report envelope, problems.
import { readFileSync } from 'node:fs';
import { TOOL_VERSION } from '../src/core/assess.js';
import { COMPONENT_IDS } from '../src/core/catalog.js';
import { card, config, FULL_CARD_SECTIONS, licenseText, remote, run, snapshot } from './helpers/snapshot-builder.js';

describe('assess', () => {
  test('the built-in version is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TOOL_VERSION).toBe(pkg.version);
  });

  test('the envelope: schema version, tool, subject, online flag; a given version wins', () => {
    const snap = snapshot({ files: { 'README.md': card() }, location: 'acme/repo' });
    const report = run(snap, undefined, { version: '9.9.9' });
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'truly-open', version: '9.9.9' },
      subject: { source: 'directory', location: 'acme/repo', revision: null },
      online: false,
    });
    expect(run(snapshot({ files: { 'README.md': card() }, remote: remote() })).online).toBe(true);
  });

  test('every model reports all 18 components, each with a rendered message', () => {
    const [m] = run(snapshot({ files: { 'README.md': card() } })).models;
    expect(Object.keys(m!.components)).toEqual([...COMPONENT_IDS]);
    for (const c of Object.values(m!.components)) expect(c.message).not.toBe(c.messageId);
  });

  test('folders with their own card are models of their own; the root LICENSE governs them', () => {
    const report = run(
      snapshot({
        files: {
          LICENSE: licenseText('Apache-2.0'),
          'README.md': '# Two models\n',
          'small/README.md': card({
            frontMatter: { license: 'apache-2.0', model_name: 'acme-small' },
            sections: FULL_CARD_SECTIONS,
          }),
          'small/model.safetensors': { size: 1e9 },
          'large/README.md': card({ frontMatter: { license: 'llama3.1' } }),
          'large/model.safetensors': { size: 9e9 },
        },
      }),
    );
    const byPath = Object.fromEntries(report.models.map((m) => [m.path, m]));
    expect(Object.keys(byPath).sort()).toEqual(['large', 'small']);
    expect(byPath['small']?.name).toBe('acme-small');
    expect(byPath['small']?.components.weights).toMatchObject({ status: 'open', license: 'Apache-2.0' });
    expect(byPath['large']?.components.weights.status).toBe('restricted');
  });

  const twoModels = {
    LICENSE: licenseText('Apache-2.0'),
    'README.md': '# Acme models\n\nTwo sizes, one per folder.\n',
    'small/README.md': card({ frontMatter: { license: 'apache-2.0' } }),
    'small/model.safetensors': { size: 1e9 },
    'large/README.md': card({ frontMatter: { license: 'apache-2.0' } }),
    'large/model.safetensors': { size: 9e9 },
  };

  // The root README of a repository of models in folders is not a model of its own, so
  // `require: open-weights` can be met by the folders' models.
  test('a root with neither a model card nor weights is not a model when folders hold the models', () => {
    const report = run(snapshot({ files: twoModels }), config({ require: 'open-weights' }));
    expect(report.models.map((m) => m.path)).toEqual(['large', 'small']);
    expect(report.models.every((m) => m.requirement?.met)).toBe(true);
  });

  test('config `models` lists the folders', () => {
    const report = run(snapshot({ files: twoModels }), config({ require: 'open-weights', models: ['small', 'large'] }));
    expect(report.models.map((m) => [m.path, m.requirement?.met])).toEqual([
      ['small', true],
      ['large', true],
    ]);
  });

  test('config `models` names the models and their display names', () => {
    const report = run(
      snapshot({ files: { 'a/model.safetensors': { size: 1e9 }, 'b/model.safetensors': { size: 1e9 } } }),
      config({ models: [{ path: './a/', name: 'Alpha' }, 'b', 'a'] }),
    );
    expect(report.models.map((m) => [m.path, m.name])).toEqual([
      ['a', 'Alpha'],
      ['b', 'b'],
    ]);
  });

  test('problems from the caller come first and duplicates are dropped', () => {
    const problem = { severity: 'error' as const, message: 'config broken', ruleId: 'config-invalid' };
    const report = run(snapshot(), undefined, { problems: [problem, { ...problem }] });
    expect(report.problems[0]).toEqual(problem);
    expect(report.problems.filter((p) => p.ruleId === 'config-invalid')).toHaveLength(1);
  });

  test('a pickle weight file is a problem; a Hub dataset that does not resolve is a problem', () => {
    const report = run(
      snapshot({
        files: {
          'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/gone'] } }),
          'pytorch_model.bin': { size: 1e9 },
        },
        remote: remote({
          datasets: {
            'acme/gone': {
              id: 'acme/gone',
              state: 'not-found',
              url: 'https://huggingface.co/datasets/acme/gone',
              license: null,
              gated: false,
              private: false,
              cardDescribesData: false,
            },
          },
        }),
      }),
    );
    expect(report.problems.map((p) => p.ruleId)).toEqual(
      expect.arrayContaining(['unsafe-pickle', 'hub-dataset-not-found']),
    );
  });

  test('the same snapshot gives the same report (deterministic)', () => {
    const snap = snapshot({
      files: {
        'README.md': card({ frontMatter: { license: 'mit' }, sections: FULL_CARD_SECTIONS }),
        'model.safetensors': { size: 1e9 },
        'train.py': 'x',
      },
    });
    expect(JSON.stringify(run(snap))).toBe(JSON.stringify(run(snap)));
  });
});

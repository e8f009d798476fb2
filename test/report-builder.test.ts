import { COMPONENT_IDS } from '../src/core/catalog.js';
import { ALL_OPEN, OPEN_WEIGHTS_ONLY, buildManyModels, buildReport } from './helpers/report-builder.js';

describe('buildReport (test helper)', () => {
  test('defaults: one model, all 18 components missing, closed', () => {
    const report = buildReport();
    expect(report.models).toHaveLength(1);
    const model = report.models[0]!;
    expect(Object.keys(model.components)).toEqual([...COMPONENT_IDS]);
    expect(Object.values(model.components).every((c) => c.status === 'missing')).toBe(true);
    expect(model.ladder.level).toBe('closed');
    expect(model.frameworks.mof.class).toBeNull();
    expect(model.frameworks.osaid.conformant).toBe(false);
  });

  test('derives the ladder, MOF and OSAID from statuses', () => {
    const open = buildReport({ statuses: ALL_OPEN }).models[0]!;
    expect(open.ladder.level).toBe('open-source');
    expect(open.frameworks.mof.class).toBe(1);
    expect(open.frameworks.osaid.conformant).toBe(true);

    const weightsOnly = buildReport({ statuses: OPEN_WEIGHTS_ONLY }).models[0]!;
    expect(weightsOnly.ladder.level).toBe('open-weights');
    expect(weightsOnly.ladder.missing).toEqual([
      'training-data',
      'data-preprocessing-code',
      'training-code',
      'training-config',
    ]);
    expect(weightsOnly.frameworks.mof.missing['3']).toEqual(['data-card', 'technical-report']);

    expect(buildReport({ statuses: { weights: 'restricted' } }).models[0]!.ladder.level).toBe('restricted-weights');
  });

  test('component overrides keep defaults for what they leave out', () => {
    const model = buildReport({ components: { weights: { status: 'open', license: 'MIT' } } }).models[0]!;
    expect(model.components.weights).toMatchObject({
      status: 'open',
      license: 'MIT',
      evidence: [{ kind: 'file', path: 'model.safetensors' }],
    });
  });

  test('several models get distinct paths and evidence under their folder', () => {
    const report = buildReport({ models: buildManyModels(3) });
    expect(report.models.map((m) => m.path)).toEqual(['models/m-001', 'models/m-002', 'models/m-003']);
    expect(report.models[0]!.components.weights.evidence[0]!.path).toBe('models/m-001/model.safetensors');
  });
});

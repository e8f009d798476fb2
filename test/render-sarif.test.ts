import { renderSarif, renderSarifJson, GENERIC_PROBLEM_RULE } from '../src/core/render/sarif.js';
import { OPEN_WEIGHTS_ONLY, ALL_OPEN, buildReport } from './helpers/report-builder.js';

const report = buildReport({
  statuses: {
    ...OPEN_WEIGHTS_ONLY,
    'training-code': 'unlicensed',
    'evaluation-code': 'restricted',
    'compute-info': 'unknown',
    'sample-outputs': 'not-applicable',
  },
  problems: [
    { severity: 'error', path: 'truly-open.yml', line: 4, message: 'unknown key `weigths`', ruleId: 'config-invalid' },
    { severity: 'note', message: 'offline: nothing verified' },
  ],
});

describe('renderSarif', () => {
  const log = renderSarif(report, { docsBaseUrl: 'https://docs.example/c' });
  const run = log.runs[0]!;

  test('has the SARIF 2.1.0 envelope and driver', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'truly-open', version: '0.1.0' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
  });

  test('every result has a ruleId, a message and a rule that exists at its ruleIndex', () => {
    const rules = run.tool.driver.rules;
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const result of run.results) {
      expect(result.ruleId).toBeTruthy();
      expect(result.message.text.length).toBeGreaterThan(0);
      expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
      for (const loc of result.locations) {
        expect(loc.physicalLocation.artifactLocation.uri).toBeTruthy();
      }
    }
  });

  test('problems become results with their level and location; no ruleId -> generic rule', () => {
    expect(run.results[0]).toMatchObject({
      ruleId: 'config-invalid',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'truly-open.yml' }, region: { startLine: 4 } } }],
    });
    expect(run.results[1]).toMatchObject({ ruleId: GENERIC_PROBLEM_RULE, level: 'note', locations: [] });
  });

  test('components that are not open become results; open, unknown and not-applicable do not', () => {
    const components = run.results.filter((r) => r.ruleId.startsWith('component/'));
    const level = (id: string) => components.find((r) => r.ruleId === `component/${id}`)?.level;
    expect(level('data-card')).toBe('warning'); // missing
    expect(level('training-data')).toBe('warning'); // mentioned
    expect(level('training-code')).toBe('warning'); // unlicensed
    expect(level('evaluation-code')).toBe('note'); // restricted
    expect(level('weights')).toBeUndefined();
    expect(level('compute-info')).toBeUndefined();
    expect(level('sample-outputs')).toBeUndefined();
  });

  test('component rules carry a description and a help link to the component doc', () => {
    const rule = run.tool.driver.rules.find((r) => r.id === 'component/data-card')!;
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.helpUri).toBe('https://docs.example/c/data-card.md');
  });

  test('location: first evidence with a path, else the model card, else the model folder', () => {
    const loc = (r: ReturnType<typeof renderSarif>, id: string) =>
      r.runs[0]!.results.find((x) => x.ruleId === `component/${id}`)!.locations[0]!.physicalLocation;
    expect(loc(log, 'training-data')).toEqual({
      artifactLocation: { uri: 'README.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 20 },
    });
    // data-card has no evidence; the model card (README.md, from model-card evidence) stands in.
    expect(loc(log, 'data-card').artifactLocation.uri).toBe('README.md');
    const noCard = renderSarif(buildReport({ models: [{ path: 'models/tiny' }] }));
    expect(loc(noCard, 'weights').artifactLocation.uri).toBe('models/tiny');
  });

  test('a fully open release yields no component results', () => {
    expect(renderSarif(buildReport({ statuses: ALL_OPEN })).runs[0]!.results).toEqual([]);
  });

  test('renderSarifJson is the same log as text', () => {
    expect(JSON.parse(renderSarifJson(report))).toEqual(JSON.parse(JSON.stringify(renderSarif(report))));
  });
});

import { computeDelta, combine } from '../src/core/delta.js';
import { ALL_OPEN, OPEN_WEIGHTS_ONLY, buildReport, type StatusMap } from './helpers/report-builder.js';

const report = (statuses: StatusMap) => buildReport({ statuses });

describe('computeDelta', () => {
  test('identical reports: same, not regressed, no changes', () => {
    const delta = computeDelta(report(OPEN_WEIGHTS_ONLY), report(OPEN_WEIGHTS_ONLY));
    expect(delta).toMatchObject({ hasBase: true, direction: 'same', regressed: false, added: [], removed: [] });
    expect(delta.models[0]).toMatchObject({ change: 'unchanged', components: [] });
  });

  test('opening the training data and code moves the ladder up: better', () => {
    const delta = computeDelta(report(OPEN_WEIGHTS_ONLY), report(ALL_OPEN));
    const model = delta.models[0]!;
    expect(delta.direction).toBe('better');
    expect(delta.regressed).toBe(false);
    expect(model.ladder).toEqual({ before: 'open-weights', after: 'open-source', direction: 'better' });
    expect(model.mof).toEqual({ before: null, after: 1, direction: 'better' });
    expect(model.osaid).toEqual({ before: false, after: true, direction: 'better' });
    expect(model.components.find((c) => c.id === 'training-data')).toMatchObject({
      before: 'mentioned',
      after: 'open',
      direction: 'better',
    });
  });

  test('a weights license turning restrictive is a regression', () => {
    const delta = computeDelta(report(OPEN_WEIGHTS_ONLY), report({ ...OPEN_WEIGHTS_ONLY, weights: 'restricted' }));
    expect(delta.direction).toBe('worse');
    expect(delta.regressed).toBe(true);
    expect(delta.models[0]!.ladder).toMatchObject({ before: 'open-weights', after: 'restricted-weights', direction: 'worse' });
    expect(delta.models[0]!.components).toEqual([
      expect.objectContaining({ id: 'weights', before: 'open', after: 'restricted', afterLicense: 'LicenseRef-llama3.1' }),
    ]);
  });

  test('a component-only downgrade is a regression even when no verdict moves', () => {
    const delta = computeDelta(report({ 'sample-outputs': 'open' }), report({ 'sample-outputs': 'mentioned' }));
    expect(delta.models[0]!.ladder.direction).toBe('same');
    expect(delta.models[0]!.change).toBe('changed');
    expect(delta.regressed).toBe(true);
    expect(delta.direction).toBe('worse');
  });

  test('one thing better, another worse: mixed and regressed', () => {
    const delta = computeDelta(
      report({ 'training-code': 'open', 'compute-info': 'missing' }),
      report({ 'training-code': 'unlicensed', 'compute-info': 'open' }),
    );
    expect(delta.direction).toBe('mixed');
    expect(delta.regressed).toBe(true);
  });

  test('statuses rank open > restricted > unlicensed > mentioned > missing', () => {
    const order = ['missing', 'mentioned', 'unlicensed', 'restricted', 'open'] as const;
    for (let i = 1; i < order.length; i++) {
      const up = computeDelta(report({ 'evaluation-code': order[i - 1] }), report({ 'evaluation-code': order[i] }));
      expect(up.models[0]!.components[0]!.direction).toBe('better');
      const down = computeDelta(report({ 'evaluation-code': order[i] }), report({ 'evaluation-code': order[i - 1] }));
      expect(down.regressed).toBe(true);
    }
  });

  test('changes to or from unknown / not-applicable are reported but are no regression', () => {
    const toUnknown = computeDelta(report({ 'research-paper': 'open' }), report({ 'research-paper': 'unknown' }));
    expect(toUnknown.models[0]!.components).toEqual([expect.objectContaining({ id: 'research-paper', direction: 'neutral' })]);
    expect(toUnknown.regressed).toBe(false);
    const na = computeDelta(report({ 'compute-info': 'missing' }), report({ 'compute-info': 'not-applicable' }));
    expect(na.regressed).toBe(false);
    expect(na.direction).toBe('same');
  });

  test('models are matched by path; added and removed models are listed, not ranked', () => {
    const base = buildReport({ models: [{ path: 'a', statuses: ALL_OPEN }, { path: 'b', statuses: ALL_OPEN }] });
    const head = buildReport({ models: [{ path: 'b', statuses: ALL_OPEN }, { path: 'c' }] });
    const delta = computeDelta(base, head);
    expect(delta.added).toEqual(['c']);
    expect(delta.removed).toEqual(['a']);
    expect(delta.models.map((m) => [m.path, m.change])).toEqual([
      ['b', 'unchanged'],
      ['c', 'added'],
      ['a', 'removed'],
    ]);
    expect(delta.models.find((m) => m.path === 'c')!.ladder).toMatchObject({ before: null, after: 'closed' });
    expect(delta.regressed).toBe(false);
    expect(delta.direction).toBe('same');
  });

  test('no base report: every model added, nothing compared', () => {
    const delta = computeDelta(null, report(ALL_OPEN));
    expect(delta).toMatchObject({ hasBase: false, added: ['.'], removed: [], direction: 'same', regressed: false });
  });

  test('report direction combines models: one better, one worse is mixed', () => {
    const base = buildReport({ models: [{ path: 'a' }, { path: 'b', statuses: ALL_OPEN }] });
    const head = buildReport({ models: [{ path: 'a', statuses: ALL_OPEN }, { path: 'b' }] });
    const delta = computeDelta(base, head);
    expect(delta.models.map((m) => m.direction)).toEqual(['better', 'worse']);
    expect(delta.direction).toBe('mixed');
    expect(delta.regressed).toBe(true);
  });

  test('combine', () => {
    expect(combine([])).toBe('same');
    expect(combine(['neutral', 'same'])).toBe('same');
    expect(combine(['better', 'neutral'])).toBe('better');
    expect(combine(['same', 'mixed'])).toBe('mixed');
  });
});

import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import { componentCauses, computeDelta, combine } from '../src/core/delta.js';
import { whyMarkdown } from '../src/core/render/delta-markdown.js';
import { renderPrComment } from '../src/core/render/pr-comment.js';
import { card, FULL_CARD_SECTIONS, licenseText, snapshot } from './helpers/snapshot-builder.js';
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
    expect(delta.models[0]!.ladder).toMatchObject({
      before: 'open-weights',
      after: 'restricted-weights',
      direction: 'worse',
    });
    expect(delta.models[0]!.components).toEqual([
      expect.objectContaining({
        id: 'weights',
        before: 'open',
        after: 'restricted',
        afterLicense: 'LicenseRef-llama3.1',
      }),
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
    expect(toUnknown.models[0]!.components).toEqual([
      expect.objectContaining({ id: 'research-paper', direction: 'neutral' }),
    ]);
    expect(toUnknown.regressed).toBe(false);
    const na = computeDelta(report({ 'compute-info': 'missing' }), report({ 'compute-info': 'not-applicable' }));
    expect(na.regressed).toBe(false);
    expect(na.direction).toBe('same');
  });

  test('models are matched by path; added and removed models are listed, not ranked', () => {
    const base = buildReport({
      models: [
        { path: 'a', statuses: ALL_OPEN },
        { path: 'b', statuses: ALL_OPEN },
      ],
    });
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

// Why a component changed: the file or field behind it, on real assessments ---------------

describe('why a component changed', () => {
  /** A small open release; an empty string in `extra` leaves that file out. */
  const release = (extra: Record<string, string | { size: number; lfs?: boolean }>) => {
    const files: Record<string, string | { size: number; lfs?: boolean }> = {
      'README.md': card({ frontMatter: { license: 'apache-2.0' }, sections: FULL_CARD_SECTIONS }),
      'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
      'model.safetensors': { size: 5e9, lfs: true },
      'train.py': 'import torch\n# pre-training loop\n',
      ...extra,
    };
    return assess(
      snapshot({ files: Object.fromEntries(Object.entries(files).filter(([, v]) => v !== '')) }),
      DEFAULT_CONFIG,
    );
  };

  test('a LICENSE relicensed from Apache-2.0 to CC-BY-NC-4.0 is named with both licenses', () => {
    const base = release({ LICENSE: licenseText('Apache-2.0') });
    const head = release({ LICENSE: licenseText('CC-BY-NC-4.0') });
    const delta = computeDelta(base, head);
    const weights = delta.models[0]!.components.find((c) => c.id === 'weights');
    expect(weights).toMatchObject({ before: 'open', after: 'restricted' });
    expect(weights!.causes[0]).toEqual({
      kind: 'license',
      before: 'Apache-2.0',
      after: 'CC-BY-NC-4.0',
      place: { path: 'LICENSE' },
    });
    expect(whyMarkdown(weights!)).toBe('`LICENSE` changed from `Apache-2.0` to `CC-BY-NC-4.0`');
    const comment = renderPrComment(head, delta);
    expect(comment).toContain(
      '| ▼ Weights | ✔ open | ◐ restricted | `LICENSE` changed from `Apache-2.0` to `CC-BY-NC-4.0` |',
    );
  });

  test('the card field that declares the license, when that is where it changed', () => {
    const withField = (license: string) =>
      assess(
        snapshot({
          files: {
            'README.md': card({ frontMatter: { license }, sections: FULL_CARD_SECTIONS }),
            'model.safetensors': { size: 5e9, lfs: true },
          },
        }),
        DEFAULT_CONFIG,
      );
    const delta = computeDelta(withField('apache-2.0'), withField('cc-by-nc-4.0'));
    const weights = delta.models[0]!.components.find((c) => c.id === 'weights')!;
    expect(whyMarkdown(weights)).toBe('`README.md` field `license` changed from `Apache-2.0` to `CC-BY-NC-4.0`');
  });

  test('a file that went away, and one that appeared with its license', () => {
    const withTraining = release({ LICENSE: licenseText('Apache-2.0') });
    const withoutTraining = release({ LICENSE: licenseText('Apache-2.0'), 'train.py': '' });
    const worse = computeDelta(withTraining, withoutTraining).models[0]!.components.find(
      (c) => c.id === 'training-code',
    )!;
    expect(worse).toMatchObject({ before: 'open', after: 'missing' });
    expect(whyMarkdown(worse)).toBe('`train.py` removed');
    const better = computeDelta(withoutTraining, withTraining).models[0]!.components.find(
      (c) => c.id === 'training-code',
    )!;
    expect(whyMarkdown(better)).toBe('`train.py` added, under `Apache-2.0`');
  });

  test('nothing to point at: the two messages', () => {
    const before = {
      status: 'mentioned',
      license: null,
      messageId: 'a',
      message: 'named in the card',
      evidence: [],
    } as const;
    const after = { status: 'missing', license: null, messageId: 'b', message: 'no evidence', evidence: [] } as const;
    expect(componentCauses({ ...before, evidence: [] }, { ...after, evidence: [] })).toEqual([
      { kind: 'message', before: 'named in the card', after: 'no evidence' },
    ]);
    expect(whyMarkdown({ causes: componentCauses({ ...before, evidence: [] }, { ...after, evidence: [] }) })).toBe(
      'was “named in the card”, now “no evidence”',
    );
  });

  test('a moved line is not a change; more than three facts are counted', () => {
    const at = (line: number) => ({
      status: 'mentioned' as const,
      license: null,
      messageId: 'm',
      message: 'm',
      evidence: [{ kind: 'card-section' as const, path: 'README.md', line, section: 'training data' }],
    });
    expect(componentCauses(at(10), at(42))).toEqual([]);
    const files = (paths: string[]) => ({
      status: 'open' as const,
      license: 'MIT',
      messageId: 'o',
      message: 'o',
      evidence: paths.map((path) => ({ kind: 'file' as const, path })),
    });
    const why = whyMarkdown({ causes: componentCauses(files(['a', 'b', 'c', 'd', 'e']), files([])) });
    expect(why).toBe('`a` removed, `b` removed, `c` removed and 2 more');
  });
});

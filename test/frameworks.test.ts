// Framework verdicts from component statuses (catalog section 4), unit by unit and through
// assess(), plus the requirement gate that the CLI and the app turn into exit codes.
import { assess } from '../src/core/assess.js';
import { checkRequirement, REQUIREMENT_TEXT } from '../src/core/frameworks/requirements.js';
import { COMPONENT_IDS, COMPONENTS, type ComponentId, type Status } from '../src/core/catalog.js';
import { capLadder, evaluateLadder, headline, joinPhrases } from '../src/core/frameworks/ladder.js';
import { evaluateMof, MOF_REQUIREMENTS } from '../src/core/frameworks/mof.js';
import { evaluateOsaiIndex, grade } from '../src/core/frameworks/osai-index.js';
import { evaluateOsaid, OSAID_CODE } from '../src/core/frameworks/osaid.js';
import type { Statuses } from '../src/core/frameworks/types.js';
import type { LicenseFamily } from '../src/core/evidence/types.js';
import type { ModelReport } from '../src/core/report.js';
import { REQUIREMENTS, type Requirement } from '../src/config/schema.js';
import {
  card,
  config,
  DATA_SECTION,
  firstModel,
  FULL_CARD_SECTIONS,
  hubModel,
  licenseText,
  remote,
  snapshot,
} from './helpers/snapshot-builder.js';

function statuses(open: ComponentId[], others: Partial<Statuses> = {}, rest: Status = 'missing'): Statuses {
  const s = Object.fromEntries(COMPONENT_IDS.map((id) => [id, rest])) as Statuses;
  for (const id of open) s[id] = 'open';
  return { ...s, ...others };
}

const CLASS_3: ComponentId[] = [
  'model-architecture',
  'weights',
  'model-card',
  'data-card',
  'technical-report',
  'evaluation-results',
];
const CLASS_2: ComponentId[] = [...CLASS_3, 'training-code', 'inference-code', 'evaluation-code', 'evaluation-data'];
const CLASS_1: ComponentId[] = [
  ...CLASS_2,
  'training-data',
  'data-preprocessing-code',
  'intermediate-weights',
  'research-paper',
];
const RECIPE: ComponentId[] = ['training-data', 'data-preprocessing-code', 'training-code', 'training-config'];

describe('MOF classes', () => {
  test('the requirement table is the catalog: 6 + 4 + 4 required slots, optional ones absent', () => {
    // The Model Openness Framework's own lists (arXiv 2403.13784, the Model Openness Tool).
    expect(MOF_REQUIREMENTS).toEqual({
      3: [
        ['model-architecture'],
        ['weights'],
        ['model-card'],
        ['data-card'],
        ['technical-report', 'research-paper'],
        ['evaluation-results'],
      ],
      2: [['training-code'], ['inference-code'], ['evaluation-code'], ['evaluation-data']],
      1: [['training-data'], ['data-preprocessing-code'], ['intermediate-weights'], ['research-paper']],
    });
    for (const [cls, slots] of Object.entries(MOF_REQUIREMENTS))
      for (const [id] of slots) expect(COMPONENTS[id!].mofClass).toBe(Number(cls));
    expect(MOF_REQUIREMENTS[3].length + MOF_REQUIREMENTS[2].length + MOF_REQUIREMENTS[1].length).toBe(14);
    const required = new Set(Object.values(MOF_REQUIREMENTS).flat(2));
    for (const optional of [
      'sample-outputs',
      'supporting-libraries',
      'training-config',
      'compute-info',
    ] as ComponentId[])
      expect(required.has(optional)).toBe(false);
  });

  test.each<[string, Statuses, 1 | 2 | 3 | null, { '3': number; '2': number; '1': number }]>([
    ['all Class III pieces open -> class 3', statuses(CLASS_3), 3, { '3': 100, '2': 60, '1': 0 }],
    [
      'a missing data card -> no class, 83 % of Class III',
      statuses(CLASS_3.filter((id) => id !== 'data-card')),
      null,
      { '3': 83, '2': 0, '1': 0 },
    ],
    [
      'a restricted data card blocks like a missing one',
      statuses(CLASS_3, { 'data-card': 'restricted' }),
      null,
      { '3': 83, '2': 0, '1': 0 },
    ],
    [
      'a research paper stands in for the technical report',
      statuses([...CLASS_3.filter((id) => id !== 'technical-report'), 'research-paper']),
      3,
      { '3': 100, '2': 60, '1': 0 },
    ],
    ['Class II pieces open -> class 2', statuses(CLASS_2), 2, { '3': 100, '2': 100, '1': 71 }],
    [
      'Class II pieces open without Class III complete -> no class, II and I at 0',
      statuses(CLASS_2.filter((id) => id !== 'model-card')),
      null,
      { '3': 83, '2': 0, '1': 0 },
    ],
    ['Class I pieces open -> class 1', statuses(CLASS_1), 1, { '3': 100, '2': 100, '1': 100 }],
    [
      'Class I needs the research paper even when a report stands in at Class III',
      statuses(CLASS_1.filter((id) => id !== 'research-paper')),
      2,
      { '3': 100, '2': 100, '1': 93 },
    ],
    [
      'not-applicable does not block a class',
      statuses(
        CLASS_2.filter((id) => id !== 'evaluation-data'),
        { 'evaluation-data': 'not-applicable' },
      ),
      2,
      { '3': 100, '2': 100, '1': 71 },
    ],
    [
      'optional pieces never block',
      statuses(CLASS_1, {
        'sample-outputs': 'missing',
        'supporting-libraries': 'restricted',
        'training-config': 'unknown',
      }),
      1,
      { '3': 100, '2': 100, '1': 100 },
    ],
    ['nothing open -> no class, 0 everywhere', statuses([]), null, { '3': 0, '2': 0, '1': 0 }],
  ])('%s', (_name, s, cls, progress) => {
    const mof = evaluateMof(s);
    expect(mof.class).toBe(cls);
    expect(mof.progress).toEqual(progress);
  });

  test('missing pieces are listed per class, the technical-report slot by its first id', () => {
    const mof = evaluateMof(statuses(['weights', 'model-card']));
    expect(mof.missing['3']).toEqual(['model-architecture', 'data-card', 'technical-report', 'evaluation-results']);
    expect(mof.missing['2']).toEqual(['training-code', 'inference-code', 'evaluation-code', 'evaluation-data']);
    expect(mof.missing['1']).toEqual([
      'training-data',
      'data-preprocessing-code',
      'intermediate-weights',
      'research-paper',
    ]);
  });

  test('through assess: weights under a software license count, with a warning that a data license fits better', () => {
    const m = firstModel(
      snapshot({
        files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'model.safetensors': { size: 5e9 } },
      }),
    );
    expect(m.components.weights.status).toBe('open');
    expect(
      m.frameworks.mof.warnings.some((w) => /weights/i.test(w) && /Apache-2\.0/.test(w) && /data license/i.test(w)),
    ).toBe(true);
    const cdla = firstModel(
      snapshot({
        files: {
          'README.md': card({ frontMatter: { license: 'cdla-permissive-2.0' } }),
          'model.safetensors': { size: 5e9 },
        },
      }),
    );
    expect(cdla.frameworks.mof.warnings).toEqual([]);
  });

  test('the software-license warning agrees in number with "the final weights"', () => {
    const m = firstModel(
      snapshot({
        files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'model.safetensors': { size: 5e9 } },
      }),
    );
    expect(m.frameworks.mof.warnings.join(' ')).not.toMatch(/\bweights is\b/i);
  });
});

describe('OSAID 1.0', () => {
  const osiFamilies = (family: LicenseFamily | null = 'osi'): Partial<Record<ComponentId, LicenseFamily | null>> =>
    Object.fromEntries(COMPONENT_IDS.map((id) => [id, family]));
  const allCode = [...OSAID_CODE, 'weights'] as ComponentId[];

  test('code, parameters and data information all open -> conformant', () => {
    const v = evaluateOsaid({
      status: statuses([...allCode, 'evaluation-code']),
      family: osiFamilies(),
      dataInformation: true,
    });
    expect(v).toEqual({ conformant: true, missing: [], notes: [] });
  });

  test('restricted weights fail the definition', () => {
    const v = evaluateOsaid({
      status: statuses(OSAID_CODE, { weights: 'restricted' }),
      family: osiFamilies(),
      dataInformation: true,
    });
    expect(v.conformant).toBe(false);
    expect(v.missing).toEqual(['weights']);
  });

  test('code that is open only under a non-OSI license (OpenMDW) is not OSAID code', () => {
    const v = evaluateOsaid({
      status: statuses(allCode),
      family: { ...osiFamilies(), 'training-code': 'open-data' },
      dataInformation: true,
    });
    expect(v.missing).toEqual(['training-code']);
  });

  test('missing data information fails, named as data-information', () => {
    const v = evaluateOsaid({ status: statuses(allCode), family: osiFamilies(), dataInformation: false });
    expect(v).toMatchObject({ conformant: false, missing: ['data-information'] });
  });

  test('evaluation code is reported, not blocking', () => {
    const v = evaluateOsaid({
      status: statuses(allCode, { 'evaluation-code': 'missing' }),
      family: osiFamilies(),
      dataInformation: true,
    });
    expect(v.conformant).toBe(true);
    expect(v.notes).toHaveLength(1);
    expect(v.notes[0]).toMatch(/evaluation code/);
  });

  test('a not-applicable code component does not block', () => {
    const v = evaluateOsaid({
      status: statuses(
        allCode.filter((id) => id !== 'supporting-libraries'),
        { 'supporting-libraries': 'not-applicable' },
      ),
      family: osiFamilies(),
      dataInformation: true,
    });
    expect(v.conformant).toBe(true);
  });

  const release = (license: string, dataSection = true) => ({
    'README.md': card({
      frontMatter: { license },
      sections: { ...FULL_CARD_SECTIONS, ...(dataSection ? { 'Training Data': DATA_SECTION } : {}) },
    }),
    'model.safetensors': { size: 5e9 },
    'config.json': JSON.stringify({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      transformers_version: '4.44.0',
    }),
    'train.py': 'pass',
    'prepare_data.py': 'pass',
    'inference.py': 'pass',
    'tokenizer.json': { size: 2e6 },
    'requirements.txt': 'torch\n',
  });

  test('through assess: an Apache-2.0 release with a datasheet is conformant', () => {
    const datasheet = `# Datasheet\n\n## Composition\n\n${DATA_SECTION}\n\n## Collection Process\n\nCrawled in 2024 and filtered.\n`;
    const m = firstModel(
      snapshot({ files: { ...release('apache-2.0'), LICENSE: licenseText('Apache-2.0'), 'DATA_CARD.md': datasheet } }),
    );
    expect(m.frameworks.osaid).toMatchObject({ conformant: true, missing: [] });
  });

  // The data card follows the experts' threshold: a data section inside the model card is
  // partial at most (mentioned), so it no longer stands in for OSAID's data information.
  test('through assess: a data section in the model card alone is partial, so data information is missing', () => {
    const m = firstModel(snapshot({ files: { ...release('apache-2.0'), LICENSE: licenseText('Apache-2.0') } }));
    expect(m.components['data-card']).toMatchObject({ status: 'mentioned', messageId: 'dataCardSectionOnly' });
    expect(m.frameworks.osaid.missing).toEqual(['data-information']);
  });

  test('through assess: the same release under a Llama license is not', () => {
    const m = firstModel(snapshot({ files: release('llama3.1') }));
    expect(m.frameworks.osaid.conformant).toBe(false);
    expect(m.frameworks.osaid.missing).toEqual(
      expect.arrayContaining(['weights', 'training-code', 'data-preprocessing-code']),
    );
  });

  test('through assess: without a data description, data information is missing', () => {
    const m = firstModel(snapshot({ files: { ...release('apache-2.0', false), LICENSE: licenseText('Apache-2.0') } }));
    expect(m.frameworks.osaid.missing).toContain('data-information');
  });
});

describe('truly-open ladder', () => {
  test('weights and the whole recipe open -> open-source', () => {
    const v = evaluateLadder(statuses(['weights', ...RECIPE]));
    expect(v).toEqual({
      level: 'open-source',
      missing: [],
      headline: 'Open source: weights, data and the full recipe are published under open terms',
    });
  });

  test('open weights name each missing piece in the headline, grouped by status', () => {
    const v = evaluateLadder(statuses(['weights', 'training-config'], { 'training-code': 'mentioned' }));
    expect(v.level).toBe('open-weights');
    expect(v.missing).toEqual(['training-data', 'data-preprocessing-code', 'training-code']);
    expect(v.headline).toBe(
      'Open weights: the training data and the data preprocessing code are missing; the training code is mentioned but not published',
    );
  });

  test('one missing piece reads in the singular', () => {
    const v = evaluateLadder(
      statuses(['weights', 'training-data', 'data-preprocessing-code', 'training-code'], {
        'training-config': 'restricted',
      }),
    );
    expect(v.headline).toBe('Open weights: the training configuration is under restricted terms');
  });

  test('not-applicable recipe pieces do not block open-source', () => {
    expect(
      evaluateLadder(
        statuses(['weights', 'training-code', 'training-config'], {
          'training-data': 'not-applicable',
          'data-preprocessing-code': 'not-applicable',
        }),
      ).level,
    ).toBe('open-source');
  });

  test.each<[Status, string]>([
    ['restricted', 'Restricted weights: the weights are published under restricted terms or behind a gate'],
    ['unlicensed', 'Restricted weights: the weights are published without a license'],
  ])('%s weights -> restricted-weights', (w, text) => {
    const v = evaluateLadder(statuses(RECIPE, { weights: w }));
    expect(v).toEqual({ level: 'restricted-weights', missing: ['weights'], headline: text });
  });

  test.each<[Status, string]>([
    ['missing', 'Closed: no weights are published'],
    ['mentioned', 'Closed: the weights are mentioned or linked, but not shown to be published'],
    ['unknown', 'Closed: the weights could not be checked'],
  ])('%s weights -> closed', (w, text) => {
    expect(evaluateLadder(statuses(RECIPE, { weights: w }))).toEqual({
      level: 'closed',
      missing: ['weights'],
      headline: text,
    });
  });

  test('a weaker base model caps the level and says so; a stronger one does not', () => {
    const own = evaluateLadder(statuses(['weights', ...RECIPE]));
    const capped = capLadder(own, { model: 'acme/base', level: 'restricted-weights' });
    expect(capped).toMatchObject({
      level: 'restricted-weights',
      cappedBy: { model: 'acme/base', level: 'restricted-weights' },
    });
    expect(capped.headline).toBe('Restricted weights: capped by the base model acme/base (restricted-weights)');
    const weights = evaluateLadder(statuses(['weights']));
    expect(capLadder(weights, { model: 'acme/base', level: 'open-source' })).toBe(weights);
  });

  test('headline and joinPhrases read as English lists', () => {
    expect(joinPhrases([])).toBe('');
    expect(joinPhrases(['a'])).toBe('a');
    expect(joinPhrases(['a', 'b', 'c'])).toBe('a, b and c');
    expect(headline('open-weights', ['training-data'], statuses(['weights'], { 'training-data': 'unknown' }))).toBe(
      'Open weights: the training data could not be checked',
    );
  });

  test('through assess: a fine-tune of gated base weights is capped at restricted-weights', () => {
    const files = {
      'README.md': card({ frontMatter: { license: 'apache-2.0', base_model: 'acme/base' } }),
      'model.safetensors': { size: 5e9 },
    };
    const online = remote({
      models: { 'acme/base': hubModel('acme/base', { gated: true }) },
      lineage: [{ model: 'acme/base', depth: 1, via: '' }],
    });
    const m = firstModel(snapshot({ files, remote: online }));
    expect(m.components.weights.status).toBe('open');
    expect(m.ladder.level).toBe('restricted-weights');
    expect(m.ladder.cappedBy).toEqual({ model: 'acme/base', level: 'restricted-weights' });
    expect(m.lineage?.[0]).toMatchObject({ model: 'acme/base', resolved: true, level: 'restricted-weights' });
    const offline = firstModel(snapshot({ files }));
    expect(offline.ladder.level).toBe('open-weights');
    expect(offline.lineage?.[0]).toMatchObject({ model: 'acme/base', resolved: false });
  });
});

describe('European Open Source AI Index', () => {
  test.each<[Status, string | null]>([
    ['open', 'open'],
    ['restricted', 'partial'],
    ['unlicensed', 'partial'],
    ['mentioned', 'partial'],
    ['missing', 'closed'],
    ['unknown', null],
    ['not-applicable', null],
  ])('%s grades as %s', (status, expected) => expect(grade(status)).toBe(expected));

  test('twelve parameters; all open scores 1, nothing published scores 0', () => {
    const open = evaluateOsaiIndex({ statuses: statuses([...COMPONENT_IDS]) });
    expect(Object.keys(open.grades)).toHaveLength(12);
    expect(open.score).toBe(1);
    expect(evaluateOsaiIndex({ statuses: statuses([]) }).score).toBe(0);
  });

  test('scores are the mean of 1 / 0.5 / 0 over graded parameters; unknown is left out, not counted as closed', () => {
    // weights open, everything else missing: weights_endmodel, weights_basemodel, licenses open = 3 of 12.
    expect(evaluateOsaiIndex({ statuses: statuses(['weights']) }).score).toBe(0.25);
    const withUnknown = evaluateOsaiIndex({ statuses: statuses(['weights'], { 'compute-info': 'unknown' }) });
    expect(withUnknown.grades['hardware_architecture']).toBeNull();
    expect(withUnknown.score).toBe(Math.round((3 / 11) * 100) / 100);
    const partial = evaluateOsaiIndex({ statuses: statuses([], { weights: 'restricted' }) });
    expect(partial.grades).toMatchObject({ weights_endmodel: 'partial', licenses: 'partial' });
    expect(partial.score).toBe(Math.round((1.5 / 12) * 100) / 100);
  });

  test('a parameter fed by two components takes the weaker grade', () => {
    const g = evaluateOsaiIndex({
      statuses: statuses(['training-code'], { 'data-preprocessing-code': 'mentioned' }),
    }).grades;
    expect(g['trainingcode']).toBe('partial');
    expect(
      evaluateOsaiIndex({ statuses: statuses(['training-code', 'data-preprocessing-code']) }).grades['trainingcode'],
    ).toBe('open');
  });

  test('base-model parameters come from the lineage when it resolved', () => {
    const g = evaluateOsaiIndex({
      statuses: statuses(['weights', 'training-data']),
      base: { weights: 'restricted', trainingData: 'missing' },
    }).grades;
    expect(g).toMatchObject({
      weights_endmodel: 'open',
      weights_basemodel: 'partial',
      datasources_endmodel: 'open',
      datasources_basemodel: 'closed',
    });
  });

  test('nothing graded gives a null score', () => {
    expect(evaluateOsaiIndex({ statuses: statuses([], {}, 'unknown') }).score).toBeNull();
  });
});

describe('requirements', () => {
  const verdicts = (s: Statuses): Pick<ModelReport, 'ladder' | 'frameworks'> => ({
    ladder: evaluateLadder(s),
    frameworks: {
      mof: evaluateMof(s),
      osaid: evaluateOsaid({ status: s, family: {}, dataInformation: s['data-card'] === 'open' }),
      osaiIndex: evaluateOsaiIndex({ statuses: s }),
    },
  });
  const openSourceClass1 = verdicts(statuses([...COMPONENT_IDS]));
  const openWeightsClass3 = verdicts(statuses(CLASS_3));
  const restricted = verdicts(statuses(CLASS_2, { weights: 'restricted' }));
  const closed = verdicts(statuses([]));

  test('every requirement has a description', () => {
    for (const r of REQUIREMENTS) expect(REQUIREMENT_TEXT[r]).toBeTruthy();
  });

  test.each<[Requirement, Pick<ModelReport, 'ladder' | 'frameworks'>, boolean, RegExp | null]>([
    ['open-source', openSourceClass1, true, null],
    [
      'open-source',
      openWeightsClass3,
      false,
      /^level is open-weights; blocked by training-data, data-preprocessing-code, training-code, training-config$/,
    ],
    ['open-weights', openSourceClass1, true, null],
    ['open-weights', openWeightsClass3, true, null],
    ['open-weights', restricted, false, /^level is restricted-weights; blocked by weights$/],
    ['restricted-weights', restricted, true, null],
    ['restricted-weights', closed, false, /^level is closed/],
    ['mof-class-3', openWeightsClass3, true, null],
    ['mof-class-3', restricted, false, /^MOF class is none; missing weights$/],
    ['mof-class-2', openSourceClass1, true, null],
    [
      'mof-class-2',
      openWeightsClass3,
      false,
      /^MOF class is 3; missing training-code, inference-code, evaluation-code, evaluation-data$/,
    ],
    ['mof-class-1', openSourceClass1, true, null],
    ['mof-class-1', openWeightsClass3, false, /^MOF class is 3; missing .*training-data/],
    ['osaid', openSourceClass1, true, null],
    ['osaid', closed, false, /^not OSAID-conformant: missing .*weights.*data-information/],
  ])('%s on a %#th model', (requirement, model, met, reason) => {
    const r = checkRequirement(model, requirement);
    expect(r.requirement).toBe(requirement);
    expect(r.met).toBe(met);
    if (reason) expect(r.reason).toMatch(reason);
    else expect(r.reason).toBeUndefined();
  });

  test('through assess: config `require` is checked per model; the command-line one overrides it', () => {
    const snap = snapshot({
      files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'model.safetensors': { size: 5e9 } },
    });
    const cfg = config({ require: 'open-source' });
    expect(firstModel(snap, cfg).requirement).toMatchObject({ requirement: 'open-source', met: false });
    expect(assess(snap, cfg, { require: 'open-weights' }).models[0]?.requirement).toEqual({
      requirement: 'open-weights',
      met: true,
    });
    expect(firstModel(snap).requirement).toBeUndefined();
  });
});

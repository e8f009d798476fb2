import { createRequire } from 'node:module';
import {
  extractLicenses,
  governingLicense,
  identifyLicenseText,
  isOpenFor,
  licenseFamily,
  normaliseLicenseId,
} from '../src/core/evidence/licenses.js';
import { warmUpLicenseTexts } from '../src/core/evidence/license-texts.js';
import { LICENSE_RECORDS } from '../src/core/evidence/license-records.js';
import { licenseIdForUrl } from '../src/core/evidence/license-table.js';
import type { ComponentKind } from '../src/core/catalog.js';
import type { LicenseFact, LicenseFamily, ModelCard } from '../src/core/evidence/types.js';
import type { RepoSnapshot } from '../src/core/snapshot.js';

const requireHere = createRequire(import.meta.url);
/** The SPDX reference text, as a publisher would copy it. */
const spdxText = (id: string): string =>
  (requireHere(`spdx-license-list/licenses/${id}.json`) as { licenseText: string }).licenseText;

const COPYRIGHT = 'Copyright (c) 2024 Example Labs GmbH and the Example contributors.\n\n';

// Short synthetic stand-ins for the AI licenses: their titles and a few defined terms,
// written for these tests (the real texts are long and not ours to copy).
const LLAMA = (version: string, title = `LLAMA ${version} COMMUNITY LICENSE AGREEMENT`): string =>
  `${title}\nLlama ${version} Version Release Date: some day\n\n` +
  '"Agreement" means the terms for use and distribution of the Llama Materials set forth here.\n' +
  '"Llama Materials" means the model, the software and the documentation made available under this Agreement.\n' +
  'If your products had more than 700 million monthly active users you must request a license.\n';
const GEMMA =
  'Gemma Terms of Use\nLast modified: some date\n\nBy using, reproducing, modifying, distributing or ' +
  'accessing Gemma or Model Derivatives you agree to these terms. Gemma Services are subject to the ' +
  'Gemma Prohibited Use Policy.\n';
const RAIL = (title: string): string =>
  `${title}\ndated some date\n\nSection I: PRELIMINARY\nThis license governs the Model and its ` +
  'Derivatives. You shall not use the Model for the purposes listed in Attachment A.\n\n' +
  'Attachment A\nUse Restrictions\nYou agree not to use the Model or its Derivatives to harm minors.\n';

const PROSE =
  'The harbour was quiet that morning. Fishermen mended their nets while gulls circled above the ' +
  'stone pier, and a small boy counted the boats that came back before noon. Later the wind turned, ' +
  'clouds gathered over the hills, and everyone hurried home before the first drops of rain reached ' +
  'the market square where the baker was closing his shutters for the day.';

describe('identifyLicenseText', () => {
  beforeAll(() => warmUpLicenseTexts());

  const mit = spdxText('MIT').replace('<year> <copyright holders>', '2023 Jane Q. Public');
  const bsd3 = spdxText('BSD-3-Clause')
    .replace('<year> <owner>', '2021, Example University')
    .replace(/the copyright holder/gi, 'Example University');
  const apacheNoAppendix = spdxText('Apache-2.0').slice(
    0,
    spdxText('Apache-2.0').indexOf('END OF TERMS AND CONDITIONS') + 27,
  );

  const cases: Array<[string, string, string | null]> = [
    ['Apache-2.0 with a copyright line', COPYRIGHT + spdxText('Apache-2.0'), 'Apache-2.0'],
    ['Apache-2.0 without the APPENDIX', apacheNoAppendix, 'Apache-2.0'],
    ['MIT with the holder filled in', mit, 'MIT'],
    ['BSD-3-Clause with names', bsd3, 'BSD-3-Clause'],
    [
      'BSD-2-Clause is not taken for BSD-3',
      spdxText('BSD-2-Clause').replace('<year> <owner>', '2020 A. Person'),
      'BSD-2-Clause',
    ],
    ['GPL-3.0', spdxText('GPL-3.0-only'), 'GPL-3.0-only'],
    ['AGPL-3.0 is not GPL-3.0', spdxText('AGPL-3.0-only'), 'AGPL-3.0-only'],
    ['CC-BY-4.0 with a copyright line', COPYRIGHT + spdxText('CC-BY-4.0'), 'CC-BY-4.0'],
    ['CC-BY-NC-4.0 with a copyright line', COPYRIGHT + spdxText('CC-BY-NC-4.0'), 'CC-BY-NC-4.0'],
    ['CC-BY-SA-4.0', spdxText('CC-BY-SA-4.0'), 'CC-BY-SA-4.0'],
    ['CDLA-Permissive-2.0', spdxText('CDLA-Permissive-2.0'), 'CDLA-Permissive-2.0'],
    [
      'MIT followed by third-party notices',
      mit +
        '\n\n' +
        'Third-party component notices follow. '.repeat(5) +
        'Widget library by Someone Else, see their site for the terms that apply to it.\n'.repeat(20),
      'MIT',
    ],
    ['Llama 2 community license', LLAMA('2'), 'LicenseRef-Llama-2'],
    ['Meta Llama 3 community license', LLAMA('3', 'META LLAMA 3 COMMUNITY LICENSE AGREEMENT'), 'LicenseRef-Llama-3'],
    ['Llama 3.1 community license', LLAMA('3.1'), 'LicenseRef-Llama-3.1'],
    ['Llama 3.2 community license', LLAMA('3.2'), 'LicenseRef-Llama-3.2'],
    ['Llama 3.3 community license', LLAMA('3.3'), 'LicenseRef-Llama-3.3'],
    ['Llama 4 community license', LLAMA('4'), 'LicenseRef-Llama-4'],
    ['Gemma terms of use', GEMMA, 'LicenseRef-Gemma'],
    ['CreativeML OpenRAIL-M', RAIL('CreativeML Open RAIL-M'), 'LicenseRef-CreativeML-OpenRAIL-M'],
    ['BigScience OpenRAIL-M', RAIL('BigScience Open RAIL-M License'), 'LicenseRef-BigScience-OpenRAIL-M'],
    ['BigCode OpenRAIL-M', RAIL('BigCode Open RAIL-M v1 License Agreement'), 'LicenseRef-BigCode-OpenRAIL-M'],
    ['OpenRAIL++-M', RAIL('CreativeML Open RAIL++-M License'), 'LicenseRef-OpenRAIL++'],
    ['BigScience BLOOM RAIL 1.0', RAIL('BigScience RAIL License v1.0'), 'LicenseRef-BigScience-BLOOM-RAIL-1.0'],
    ['a generic Open RAIL license', RAIL('Open RAIL License for the Foo model'), 'LicenseRef-OpenRAIL'],
    [
      'a short notice naming Apache-2.0',
      'Copyright 2024 Acme.\nLicensed under the Apache License, Version 2.0.',
      'Apache-2.0',
    ],
    ['random prose', PROSE, null],
    ['empty text', '', null],
    ['a notice naming two licenses', 'Code is under the MIT License; docs under CC BY 4.0.', null],
  ];

  test.each(cases)('%s', (_name, text, expected) => {
    expect(identifyLicenseText(text)?.id ?? null).toBe(expected);
  });

  test('an NC text stays NC even with the NC definition removed from the heading', () => {
    const text = spdxText('CC-BY-NC-4.0').replace(
      'Creative Commons Attribution-NonCommercial 4.0 International',
      'License',
    );
    expect(identifyLicenseText(text)?.id).toBe('CC-BY-NC-4.0');
  });

  test('an open license with a non-commercial clause added is not identified as the open one', () => {
    const text =
      spdxText('Apache-2.0') + '\n\nAdditional term: the model weights may be used for non-commercial purposes only.\n';
    expect(identifyLicenseText(text)?.id).not.toBe('Apache-2.0');
  });

  test('a full SPDX text outranks an AI-license name mentioned in it', () => {
    const text = spdxText('Apache-2.0') + '\nThe base model is covered by the Llama 2 Community License.\n';
    expect(identifyLicenseText(text)?.id).toBe('Apache-2.0');
  });

  test('a verbatim text scores near 1, a mention without the defined terms lower', () => {
    expect(identifyLicenseText(spdxText('MIT'))!.confidence).toBeGreaterThan(0.95);
    const full = identifyLicenseText(LLAMA('3.1'))!.confidence;
    const mention = identifyLicenseText('These weights follow the Llama 3.1 Community License.')!.confidence;
    expect(mention).toBeLessThan(full);
  });

  test('12 KB text is identified in under 20 ms after warm-up', () => {
    const text = COPYRIGHT + spdxText('Apache-2.0');
    identifyLicenseText(text);
    const runs = 10;
    const start = performance.now();
    for (let i = 0; i < runs; i++) expect(identifyLicenseText(`${text}\n${i}`)?.id).toBe('Apache-2.0');
    expect((performance.now() - start) / runs).toBeLessThan(20);
  });

  test('a 1 MiB text returns promptly', () => {
    const junk = 'lorem ipsum dolor sit amet consectetur adipiscing elit '.repeat(20_000).slice(0, 1024 * 1024);
    const start = performance.now();
    expect(identifyLicenseText(junk)).toBeNull();
    expect(identifyLicenseText(spdxText('MIT') + junk)?.id).toBe('MIT');
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('normaliseLicenseId', () => {
  const cases: Array<[string, string | null]> = [
    ['apache-2.0', 'Apache-2.0'],
    ['Apache-2.0', 'Apache-2.0'],
    ['APACHE-2.0', 'Apache-2.0'],
    ['mit', 'MIT'],
    ['bsd-3-clause', 'BSD-3-Clause'],
    ['bsd-3-clause-clear', 'BSD-3-Clause-Clear'],
    ['cc-by-4.0', 'CC-BY-4.0'],
    ['cc-by-nc-4.0', 'CC-BY-NC-4.0'],
    ['cc-by-nc-sa-4.0', 'CC-BY-NC-SA-4.0'],
    ['cc0-1.0', 'CC0-1.0'],
    ['cdla-permissive-2.0', 'CDLA-Permissive-2.0'],
    ['cdla-sharing-1.0', 'CDLA-Sharing-1.0'],
    ['odc-by', 'ODC-By-1.0'],
    ['odbl', 'ODbL-1.0'],
    ['pddl', 'PDDL-1.0'],
    ['gpl-3.0', 'GPL-3.0-only'],
    ['GPL-3.0-or-later', 'GPL-3.0-or-later'],
    ['agpl-3.0', 'AGPL-3.0-only'],
    ['lgpl-lr', 'LGPLLR'],
    ['c-uda', 'C-UDA-1.0'],
    ['etalab-2.0', 'etalab-2.0'],
    ['openmdw-1.0', 'OpenMDW-1.0'],
    ['openrail', 'LicenseRef-OpenRAIL'],
    ['bigscience-openrail-m', 'LicenseRef-BigScience-OpenRAIL-M'],
    ['creativeml-openrail-m', 'LicenseRef-CreativeML-OpenRAIL-M'],
    ['bigcode-openrail-m', 'LicenseRef-BigCode-OpenRAIL-M'],
    ['openrail++', 'LicenseRef-OpenRAIL++'],
    ['bigscience-bloom-rail-1.0', 'LicenseRef-BigScience-BLOOM-RAIL-1.0'],
    ['llama2', 'LicenseRef-Llama-2'],
    ['llama3', 'LicenseRef-Llama-3'],
    ['llama3.1', 'LicenseRef-Llama-3.1'],
    ['llama3.2', 'LicenseRef-Llama-3.2'],
    ['llama3.3', 'LicenseRef-Llama-3.3'],
    ['llama4', 'LicenseRef-Llama-4'],
    ['gemma', 'LicenseRef-Gemma'],
    ['grok2-community', 'LicenseRef-Grok-2-Community'],
    ['deepfloyd-if-license', 'LicenseRef-DeepFloyd-IF'],
    ['fair-noncommercial-research-license', 'LicenseRef-FAIR-Noncommercial-Research'],
    ['apple-amlr', 'LicenseRef-Apple-AMLR'],
    ['licenseref-gemma', 'LicenseRef-Gemma'],
    ['LicenseRef-My-Terms', 'LicenseRef-My-Terms'],
    ['bsd', 'LicenseRef-BSD-unversioned'],
    ['gpl', 'LicenseRef-GPL-unversioned'],
    ['cc', 'LicenseRef-CC-unversioned'],
    ['other', null],
    ['unknown', null],
    ['  ', null],
    // No fuzzy correction: near misses stay unrecognised.
    ['apache-2', 'Apache-2.0'],
    ['apahce-2.0', null],
    ['cdla-permisive-2.0', null],
  ];
  test.each(cases)('%s -> %s', (raw, expected) => {
    expect(normaliseLicenseId(raw)).toBe(expected);
  });
});

describe('licenseFamily', () => {
  const cases: Array<[string, LicenseFamily]> = [
    ['Apache-2.0', 'osi'],
    ['MIT', 'osi'],
    ['GPL-3.0-only', 'osi'],
    ['AGPL-3.0-only', 'osi'],
    ['EUPL-1.2', 'osi'],
    ['Unlicense', 'osi'],
    ['apache-2.0', 'osi'],
    ['CC-BY-4.0', 'open-data'],
    ['CC-BY-SA-4.0', 'open-data'],
    ['CC0-1.0', 'open-data'],
    ['CDLA-Permissive-2.0', 'open-data'],
    ['ODbL-1.0', 'open-data'],
    ['PDDL-1.0', 'open-data'],
    ['OpenMDW-1.0', 'open-data'],
    ['LicenseRef-OpenRAIL', 'restricted-use'],
    ['LicenseRef-CreativeML-OpenRAIL-M', 'restricted-use'],
    ['LicenseRef-BigScience-BLOOM-RAIL-1.0', 'restricted-use'],
    ['LicenseRef-AI2-ImpACT-LR', 'restricted-use'],
    ['LicenseRef-Llama-3.1', 'restricted-vendor'],
    ['LicenseRef-Gemma', 'restricted-vendor'],
    ['LicenseRef-Grok-2-Community', 'restricted-vendor'],
    ['LicenseRef-Qwen', 'restricted-vendor'],
    ['LicenseRef-DeepSeek', 'restricted-vendor'],
    ['LicenseRef-Falcon-LLM', 'restricted-vendor'],
    ['LicenseRef-NVIDIA-Open-Model', 'restricted-vendor'],
    ['CC-BY-NC-4.0', 'restricted-nc'],
    ['CC-BY-ND-4.0', 'restricted-nc'],
    ['CC-BY-NC-SA-3.0', 'restricted-nc'],
    ['C-UDA-1.0', 'restricted-nc'],
    ['LicenseRef-DeepFloyd-IF', 'restricted-nc'],
    ['LicenseRef-Apple-AMLR', 'restricted-nc'],
    ['LicenseRef-Qwen-Research', 'restricted-nc'],
    ['LicenseRef-BSD-unversioned', 'unknown'],
    ['LicenseRef-custom', 'unknown'],
    ['JSON', 'unknown'],
  ];
  test.each(cases)('%s is %s', (id, family) => {
    expect(licenseFamily(id)).toBe(family);
  });
});

describe('isOpenFor', () => {
  const matrix: Array<[LicenseFamily, boolean | null, boolean | null, boolean | null]> = [
    // family, code, data, document
    ['osi', true, true, true],
    ['open-data', false, true, true],
    ['restricted-use', false, false, false],
    ['restricted-vendor', false, false, false],
    ['restricted-nc', false, false, false],
    ['unknown', null, null, null],
  ];
  const kinds: ComponentKind[] = ['code', 'data', 'document'];
  for (const [family, ...expected] of matrix) {
    kinds.forEach((kind, i) => {
      test(`${family} for ${kind}`, () => expect(isOpenFor(family, kind)).toBe(expected[i]));
    });
  }
  test('OpenMDW is open for code too, other data licenses are not', () => {
    expect(isOpenFor('open-data', 'code', 'OpenMDW-1.0')).toBe(true);
    expect(isOpenFor('open-data', 'code', 'CC-BY-4.0')).toBe(false);
  });
});

function snapshot(texts: Record<string, string>, extra: string[] = []): RepoSnapshot {
  const paths = [...Object.keys(texts), ...extra];
  return {
    source: 'directory',
    location: '/tmp/repo',
    revision: null,
    entries: paths.map((path) => ({ path, size: texts[path]?.length ?? 1e9, kind: 'file' as const })),
    texts,
    skipped: extra.map((path) => ({ path, reason: 'too-large' as const })),
  };
}

function card(frontMatter: Record<string, unknown>, path = 'README.md'): ModelCard {
  const fieldLines: Record<string, number> = {};
  Object.keys(frontMatter).forEach((k, i) => (fieldLines[k] = i + 2));
  return {
    path,
    frontMatter,
    fieldLines,
    bodyLine: Object.keys(frontMatter).length + 3,
    body: '',
    sections: [],
    links: [],
    parts: [],
  };
}

describe('extractLicenses', () => {
  const mit = spdxText('MIT').replace('<year> <copyright holders>', '2024 Example');

  test('card field, root LICENSE and sub-folder LICENSE each give a fact with provenance', () => {
    const snap = snapshot({
      'README.md': '---\nlicense: apache-2.0\n---\n',
      LICENSE: COPYRIGHT + spdxText('Apache-2.0'),
      'tools/COPYING': mit,
    });
    const { facts, problems } = extractLicenses(snap, card({ license: 'apache-2.0' }), '.');
    expect(facts).toEqual([
      {
        id: 'Apache-2.0',
        family: 'osi',
        scope: '.',
        evidence: { kind: 'card-field', path: 'README.md', line: 2, field: 'license', license: 'Apache-2.0' },
      },
      expect.objectContaining({
        id: 'Apache-2.0',
        scope: '.',
        evidence: { kind: 'file', path: 'LICENSE', license: 'Apache-2.0' },
      }),
      expect.objectContaining({
        id: 'MIT',
        family: 'osi',
        scope: 'tools',
        evidence: expect.objectContaining({ kind: 'file', path: 'tools/COPYING' }),
      }),
    ]);
    expect(problems).toEqual([]);
  });

  test('a card/LICENSE conflict keeps both facts and reports it', () => {
    const snap = snapshot({ LICENSE: LLAMA('3') });
    const { facts, problems } = extractLicenses(snap, card({ license: 'apache-2.0' }), '.');
    expect(facts.map((f) => [f.id, f.evidence.kind])).toEqual([
      ['Apache-2.0', 'card-field'],
      ['LicenseRef-Llama-3', 'file'],
    ]);
    expect(problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', ruleId: 'license-conflict', path: 'LICENSE' }),
    );
  });

  test('a list of licenses gives one fact each', () => {
    const { facts } = extractLicenses(snapshot({}), card({ license: ['mit', 'cc-by-4.0'] }), '.');
    expect(facts.map((f) => f.id)).toEqual(['MIT', 'CC-BY-4.0']);
  });

  test('license: other resolves through license_name and license_link', () => {
    const named = extractLicenses(
      snapshot({}),
      card({ license: 'other', license_name: 'tongyi-qianwen', license_link: 'LICENSE' }),
      '.',
    );
    expect(named.facts).toEqual([
      expect.objectContaining({
        id: 'LicenseRef-Qwen',
        family: 'restricted-vendor',
        evidence: expect.objectContaining({ field: 'license_name', line: 3 }),
      }),
    ]);

    const linkedFile = extractLicenses(
      snapshot({ 'LICENSE.md': GEMMA }),
      card({ license: 'other', license_link: 'https://huggingface.co/acme/model/blob/main/LICENSE.md' }),
      '.',
    );
    expect(linkedFile.facts.map((f) => [f.id, f.evidence.kind, f.evidence.field])).toEqual([
      ['LicenseRef-Gemma', 'card-field', 'license_link'],
      ['LicenseRef-Gemma', 'file', undefined],
    ]);

    const knownUrl = extractLicenses(
      snapshot({}),
      card({ license: 'other', license_link: 'https://www.llama.com/llama3_1/license/' }),
      '.',
    );
    expect(knownUrl.facts.map((f) => f.id)).toEqual(['LicenseRef-Llama-3.1']);
  });

  test('license: other with nothing else is a placeholder fact with a warning-free note only if a LICENSE exists', () => {
    const bare = extractLicenses(snapshot({}), card({ license: 'other' }), '.');
    expect(bare.facts.map((f) => [f.id, f.family])).toEqual([['LicenseRef-other', 'unknown']]);
    expect(bare.problems).toContainEqual(expect.objectContaining({ ruleId: 'license-missing' }));

    const withFile = extractLicenses(snapshot({ LICENSE: mit }), card({ license: 'other' }), '.');
    expect(withFile.problems.filter((p) => p.ruleId === 'license-missing')).toEqual([]);
    expect(governingLicense(withFile.facts, 'model.safetensors')?.id).toBe('MIT');
  });

  test('unrecognised and versionless ids are kept, flagged, and classified unknown', () => {
    const { facts, problems } = extractLicenses(snapshot({}), card({ license: ['apahce-2.0', 'gpl'] }), '.');
    expect(facts.map((f) => [f.id, f.family])).toEqual([
      ['LicenseRef-apahce-2.0', 'unknown'],
      ['LicenseRef-GPL-unversioned', 'unknown'],
    ]);
    expect(problems.map((p) => p.ruleId)).toEqual(['license-unrecognised', 'license-versionless']);
  });

  test('an unidentifiable LICENSE is custom terms; an unread one is unknown with a warning', () => {
    const { facts, problems } = extractLicenses(snapshot({ LICENSE: PROSE }, ['weights/LICENSE']), null, '.');
    expect(facts).toEqual([
      expect.objectContaining({
        id: 'LicenseRef-custom',
        family: 'unknown',
        scope: '.',
        evidence: expect.objectContaining({ note: expect.stringContaining('not identified') }),
      }),
      expect.objectContaining({ id: 'LicenseRef-unread', family: 'unknown', scope: 'weights' }),
    ]);
    expect(problems.map((p) => p.ruleId).sort()).toEqual(['license-file-unread', 'license-text-unidentified']);
  });

  test('a model root sees LICENSE files above and below it, not in sibling models', () => {
    const snap = snapshot({
      LICENSE: mit,
      'models/a/LICENSE': LLAMA('2'),
      'models/b/LICENSE': GEMMA,
      'models/a/data/LICENSE.txt': spdxText('CC-BY-4.0'),
    });
    const { facts } = extractLicenses(snap, card({ license: 'llama2' }, 'models/a/README.md'), 'models/a');
    expect(facts.map((f) => [f.id, f.scope])).toEqual([
      ['LicenseRef-Llama-2', 'models/a'],
      ['MIT', '.'],
      ['LicenseRef-Llama-2', 'models/a'],
      ['CC-BY-4.0', 'models/a/data'],
    ]);
  });

  test('no card and no LICENSE reports the license as missing', () => {
    expect(extractLicenses(snapshot({}), null, '.').problems.map((p) => p.ruleId)).toEqual(['license-missing']);
  });
});

describe('governingLicense', () => {
  const f = (id: string, scope: string, kind: 'file' | 'card-field' = 'file'): LicenseFact => ({
    id,
    family: licenseFamily(id),
    scope,
    evidence: { kind, path: kind === 'file' ? `${scope === '.' ? '' : `${scope}/`}LICENSE` : 'README.md', license: id },
  });

  const facts = [
    f('Apache-2.0', '.', 'card-field'),
    f('LicenseRef-Llama-3', '.'),
    f('MIT', 'code'),
    f('CC-BY-4.0', 'code/data'),
  ];
  const cases: Array<[string, string | null]> = [
    ['model.safetensors', 'LicenseRef-Llama-3'], // card and root file disagree: the stricter wins
    ['.', 'LicenseRef-Llama-3'],
    ['code', 'MIT'],
    ['code/train.py', 'MIT'],
    ['./code/train.py', 'MIT'],
    ['code/data/shard-0.parquet', 'CC-BY-4.0'],
    ['codex/run.py', 'LicenseRef-Llama-3'], // a prefix is not a folder
  ];
  test.each(cases)('%s -> %s', (path, expected) => {
    expect(governingLicense(facts, path)?.id ?? null).toBe(expected);
  });

  test('nothing applies -> null', () => {
    expect(governingLicense([f('MIT', 'code')], 'weights/model.bin')).toBeNull();
    expect(governingLicense([], '.')).toBeNull();
  });

  test('same family: the LICENSE file wins over the card', () => {
    const g = governingLicense([f('Apache-2.0', '.', 'card-field'), f('MIT', '.')], 'x');
    expect(g?.evidence.kind).toBe('file');
  });

  test('an unidentified LICENSE beats an open card claim, a placeholder never beats a real license', () => {
    expect(governingLicense([f('MIT', '.', 'card-field'), f('LicenseRef-custom', '.')], 'x')?.id).toBe(
      'LicenseRef-custom',
    );
    expect(governingLicense([f('LicenseRef-other', 'sub', 'card-field'), f('MIT', '.')], 'sub/x')?.id).toBe('MIT');
    expect(governingLicense([f('LicenseRef-other', '.', 'card-field')], 'x')?.id).toBe('LicenseRef-other');
  });
});

describe('the license records are the one home of each license', () => {
  test('ids and lookup keys are unique, and every key normalises to its record', () => {
    const ids = LICENSE_RECORDS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = LICENSE_RECORDS.flatMap((r) => [...(r.hubIds ?? []), ...(r.names ?? [])]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of LICENSE_RECORDS) {
      expect(normaliseLicenseId(r.id)).toBe(r.id);
      for (const key of [...(r.hubIds ?? []), ...(r.names ?? [])])
        expect([key, normaliseLicenseId(key)]).toEqual([key, r.id]);
    }
  });

  test('a record states the family licenseFamily gives; records without one are OSI-approved or non-commercial by their id', () => {
    for (const r of LICENSE_RECORDS) {
      const family = licenseFamily(r.id);
      if (r.family) expect([r.id, family]).toEqual([r.id, r.family]);
      else expect([r.id, ['osi', 'restricted-nc'].includes(family)]).toEqual([r.id, true]);
    }
  });

  test('license pages resolve to their record, and every record page is exercised', () => {
    const pages: Record<string, string> = {
      'https://www.apache.org/licenses/LICENSE-2.0': 'Apache-2.0',
      'https://opensource.org/licenses/Apache-2.0': 'Apache-2.0',
      'https://opensource.org/licenses/MIT': 'MIT',
      'https://opensource.org/license/bsd-3-clause/': 'BSD-3-Clause',
      'https://opensource.org/licenses/BSD-2-Clause': 'BSD-2-Clause',
      'https://www.gnu.org/licenses/gpl-3.0.html': 'GPL-3.0-only',
      'https://www.gnu.org/licenses/agpl-3.0.en.html': 'AGPL-3.0-only',
      'https://creativecommons.org/licenses/by/4.0/legalcode': 'CC-BY-4.0',
      'https://creativecommons.org/licenses/by-sa/4.0/': 'CC-BY-SA-4.0',
      'https://creativecommons.org/licenses/by-nc/4.0/': 'CC-BY-NC-4.0',
      'https://creativecommons.org/licenses/by-nc-sa/4.0/': 'CC-BY-NC-SA-4.0',
      'https://creativecommons.org/licenses/by-nc-nd/4.0/': 'CC-BY-NC-ND-4.0',
      'https://creativecommons.org/publicdomain/zero/1.0/': 'CC0-1.0',
      'https://ai.meta.com/llama/license/': 'LicenseRef-Llama-2',
      'https://llama.meta.com/llama3/license': 'LicenseRef-Llama-3',
      'https://www.llama.com/llama3_1/license/': 'LicenseRef-Llama-3.1',
      'https://www.llama.com/llama3_2/license/': 'LicenseRef-Llama-3.2',
      'https://www.llama.com/llama3_3/license/': 'LicenseRef-Llama-3.3',
      'https://www.llama.com/llama4/license/': 'LicenseRef-Llama-4',
      'https://ai.google.dev/gemma/terms': 'LicenseRef-Gemma',
      'https://developer.download.nvidia.com/licenses/nvidia-open-model-license-agreement-june-2024.pdf':
        'LicenseRef-NVIDIA-Open-Model',
      'https://www.nvidia.com/en-us/agreements/enterprise-software/nvidia-open-model-license/':
        'LicenseRef-NVIDIA-Open-Model',
    };
    for (const [url, id] of Object.entries(pages)) expect([url, licenseIdForUrl(url)]).toEqual([url, id]);
    const patterns = LICENSE_RECORDS.reduce((n, r) => n + (r.urls?.length ?? 0), 0);
    const matched = new Set(
      LICENSE_RECORDS.flatMap((r) =>
        (r.urls ?? []).filter((re) =>
          Object.keys(pages).some((u) => re.test(u.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, ''))),
        ),
      ),
    );
    expect(matched.size).toBe(patterns);
  });

  test('each recorded title identifies a short license text as that license', () => {
    const titles: Record<string, string> = {
      'LicenseRef-Llama-3.1': 'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT',
      'LicenseRef-Gemma': 'Gemma Terms of Use',
      'LicenseRef-OpenRAIL++': 'CreativeML Open RAIL++-M License',
      'LicenseRef-Qwen-Research': 'Qwen RESEARCH LICENSE AGREEMENT',
      'LicenseRef-NVIDIA-Open-Model': 'NVIDIA Open Model License Agreement',
    };
    for (const [id, title] of Object.entries(titles)) {
      expect(LICENSE_RECORDS.find((r) => r.id === id)?.phrase).toBeDefined();
      expect([
        id,
        identifyLicenseText(`${title}\n\nThese are the terms under which the model is made available to you.\n`)?.id,
      ]).toEqual([id, id]);
    }
  });
});

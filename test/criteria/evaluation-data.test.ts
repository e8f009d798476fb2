import {
  card,
  CARD_TOO_LARGE,
  hubDataset,
  runCases,
  statusesOf,
  testThrowingCriterion,
  remote,
  type Case,
} from '../helpers/snapshot-builder.js';

const modelIndex = (dataset: string) => [
  {
    name: 'acme-7b',
    results: [
      {
        task: { type: 'text-generation' },
        dataset: { type: dataset, name: 'Bench' },
        metrics: [{ type: 'accuracy', value: 61.2 }],
      },
    ],
  },
];
const indexed = (dataset = 'acme/bench') =>
  card({ frontMatter: { license: 'mit', 'model-index': modelIndex(dataset) } });
const testSet = { 'data/test.jsonl': { size: 5e6 } };

const cases: Case[] = [
  {
    name: 'a test split in data/ under CC-BY-4.0 is open',
    files: { 'README.md': card({ frontMatter: { license: 'cc-by-4.0' } }), ...testSet },
    status: 'open',
    messageId: 'evalDataInRepo',
  },
  {
    name: 'a test split under CC-BY-NC is restricted',
    files: { 'README.md': card({ frontMatter: { license: 'cc-by-nc-4.0' } }), ...testSet },
    status: 'restricted',
    messageId: 'evalDataInRepo',
  },
  {
    name: 'a test split with no license is unlicensed',
    files: testSet,
    status: 'unlicensed',
    messageId: 'evalDataInRepo',
  },
  {
    name: 'benchmark folders and test-set names are evaluation data, not training data',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' } }),
      'Coder/MT_bench/data/mt_bench/question.jsonl': { size: 50_000 },
      'Coder/data/mbpp.test.jsonl': { size: 70_000 },
      'LM/data/LM_testset.jsonl': { size: 80_000 },
      'Math/data/gsm8k_test.jsonl': { size: 700_000 },
    },
    status: 'open',
    messageId: 'evalDataInRepo',
    check: (r) => expect(r.data).toMatchObject({ count: 4 }),
  },
  {
    name: 'a file URL in an evaluation section is not an evaluation dataset',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { Evaluation: 'See ![chart](https://huggingface.co/datasets/acme/assets/resolve/main/scores.png)' },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'offline, model-index datasets are listed, not verified',
    files: { 'README.md': indexed() },
    status: 'mentioned',
    messageId: 'evalDataListed',
    check: (r) => expect(r.data).toMatchObject({ count: 1, names: 'acme/bench' }),
  },
  {
    name: 'offline, a dataset link in the evaluation section is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { Evaluation: 'We report scores on https://huggingface.co/datasets/acme/bench' },
      }),
    },
    status: 'mentioned',
    messageId: 'evalDataLinked',
  },
  {
    name: 'online: a model-index dataset found under an open license is open',
    files: { 'README.md': indexed() },
    remote: remote({ datasets: { 'acme/bench': hubDataset('acme/bench', { license: 'mit' }) } }),
    status: 'open',
    messageId: 'evalDataOnHub',
    check: (r) => expect(r.verifiedOnline).toBe(true),
  },
  {
    name: 'online: a gated evaluation set is restricted',
    files: { 'README.md': indexed() },
    remote: remote({ datasets: { 'acme/bench': hubDataset('acme/bench', { gated: true }) } }),
    status: 'restricted',
    messageId: 'evalDataOnHubGated',
  },
  {
    name: 'online: an evaluation set that does not resolve is a mention',
    files: { 'README.md': indexed() },
    remote: remote({ datasets: { 'acme/bench': hubDataset('acme/bench', { state: 'not-found', license: null }) } }),
    status: 'mentioned',
    messageId: 'hubDatasetNotFound',
  },
  {
    name: 'online: a failed lookup is unknown',
    files: { 'README.md': indexed() },
    remote: remote({ datasets: { 'acme/bench': hubDataset('acme/bench', { state: 'unavailable', license: null }) } }),
    status: 'unknown',
    messageId: 'hubUnavailable',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'evaluation-data': { location: 'https://example.org/bench' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'evaluation-data': 'evaluated by human raters only' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('evaluation-data', () => {
  runCases('evaluation-data', cases);
  testThrowingCriterion('evaluation-data');
  test('covers every status', () => {
    expect(statusesOf(cases)).toEqual([
      'mentioned',
      'missing',
      'not-applicable',
      'open',
      'restricted',
      'unknown',
      'unlicensed',
    ]);
  });
});

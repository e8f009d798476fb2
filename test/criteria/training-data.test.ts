import { card, CARD_TOO_LARGE, hubDataset, licenseText, remote, runCases, statusesOf, testThrowingCriterion, type Case } from '../helpers/snapshot-builder.js';

const listing = (license = 'mit') => card({ frontMatter: { license, datasets: ['acme/corpus'] } });
const shards = { 'data/train-00000.parquet': { size: 2e9, lfs: true }, 'data/train-00001.parquet': { size: 2e9, lfs: true } };

const cases: Case[] = [
  {
    name: 'parquet shards in the repository under CC-BY-4.0 are open',
    files: { 'README.md': card({ frontMatter: { license: 'cc-by-4.0' } }), ...shards },
    status: 'open',
    messageId: 'trainingDataInRepo',
    check: (r) => expect(r.data).toMatchObject({ count: 2, bytes: 4e9 }),
  },
  {
    name: 'data under a non-commercial license is restricted',
    files: { 'README.md': card({ frontMatter: { license: 'cc-by-nc-4.0' } }), ...shards },
    status: 'restricted',
    messageId: 'trainingDataInRepo',
  },
  {
    name: 'data with no license is unlicensed',
    files: shards,
    status: 'unlicensed',
    messageId: 'trainingDataInRepo',
  },
  {
    name: 'a small sample of the format is a mention, not the data',
    files: { LICENSE: licenseText('Apache-2.0'), 'data/sample.jsonl': '{"text": "hello"}\n' },
    status: 'mentioned',
    messageId: 'trainingDataSample',
  },
  {
    name: 'offline, `datasets:` ids are listed, not verified',
    files: { 'README.md': listing() },
    status: 'mentioned',
    messageId: 'trainingDataListed',
    check: (r) => expect(r.data).toMatchObject({ count: 1, names: 'acme/corpus' }),
  },
  {
    name: 'offline, a dataset link is a mention',
    files: { 'README.md': card({ frontMatter: { license: 'mit' }, intro: 'Trained on https://huggingface.co/datasets/acme/corpus' }) },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
  },
  {
    name: 'a download script names the data without publishing it',
    files: { 'README.md': card({ frontMatter: { license: 'mit' } }), 'download_data.py': 'import requests' },
    status: 'mentioned',
    messageId: 'trainingDataScripts',
  },
  {
    name: '"trained on our internal corpus" is a mention, never open',
    files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' }, intro: 'The model was trained on our internal corpus of 2T tokens.' }) },
    status: 'mentioned',
    messageId: 'trainingDataMentioned',
  },
  {
    name: 'online: a listed Hub dataset found under CC-BY-4.0 is open',
    files: { 'README.md': listing() },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { license: 'cc-by-4.0' }) } }),
    status: 'open',
    messageId: 'trainingDataOnHub',
    check: (r) => {
      expect(r.verifiedOnline).toBe(true);
      expect(r.data).toMatchObject({ count: 1, verified: 1, notFound: 0 });
    },
  },
  {
    name: 'online: a gated Hub dataset is restricted',
    files: { 'README.md': listing() },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { gated: true, gatedMode: 'auto' }) } }),
    status: 'restricted',
    messageId: 'trainingDataOnHubGated',
  },
  {
    name: 'online: the weakest of several datasets decides',
    files: { 'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus', 'acme/private-mix'] } }) },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus'), 'acme/private-mix': hubDataset('acme/private-mix', { gated: true }) } }),
    status: 'restricted',
    messageId: 'trainingDataOnHubGated',
  },
  {
    name: 'online: one verified dataset next to a name that was never looked up stays a mention',
    files: { 'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus', 'our-internal-mix'] } }) },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus') } }),
    status: 'mentioned',
    messageId: 'hubDatasetNotLookedUp',
    check: (r) => expect(r.data).toMatchObject({ count: 2, verified: 1, notLookedUp: 1 }),
  },
  {
    name: 'online: a Hub dataset without a license is unlicensed',
    files: { 'README.md': listing() },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { license: null }) } }),
    status: 'unlicensed',
    messageId: 'trainingDataOnHub',
  },
  {
    name: 'online: a dataset id that does not resolve is a mention',
    files: { 'README.md': listing() },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { state: 'not-found', license: null }) } }),
    status: 'mentioned',
    messageId: 'hubDatasetNotFound',
  },
  {
    name: 'online: a failed lookup is unknown',
    files: { 'README.md': listing() },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { state: 'unavailable', license: null, error: 'HTTP 503' }) } }),
    status: 'unknown',
    messageId: 'hubUnavailable',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'training-data': { location: 'https://example.org/corpus', license: 'CC-BY-4.0' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'training-data': 'trained by self-play' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('training-data', () => {
  runCases('training-data', cases);
  testThrowingCriterion('training-data');
  test('covers every status', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unknown', 'unlicensed']);
  });
});

import { fixtureComponents } from './fixture-repos.js';
import {
  card,
  CARD_TOO_LARGE,
  hubDataset,
  licenseText,
  remote,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const listing = (license = 'mit') => card({ frontMatter: { license, datasets: ['acme/corpus'] } });
const shards = {
  'data/train-00000.parquet': { size: 2e9, lfs: true },
  'data/train-00001.parquet': { size: 2e9, lfs: true },
};

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
    name: 'a small data file is a sample of the format: a mention, not the data',
    files: { LICENSE: licenseText('Apache-2.0'), 'data/chats.jsonl': '{"text": "hello"}\n' },
    status: 'mentioned',
    messageId: 'trainingDataSample',
  },
  {
    name: 'files named as samples or examples are not training data at all',
    files: {
      LICENSE: licenseText('Apache-2.0'),
      'data/sample.jsonl': { size: 3e6 },
      'dataset/example/clip_1.json': '{}',
      'egs/example/data.jsonl': '{}',
    },
    status: 'missing',
    messageId: 'trainingDataNotData',
  },
  {
    name: 'assets, statistics tables and training logs describe the data; they are not the data',
    files: {
      LICENSE: licenseText('Apache-2.0'),
      'assets/stats_datasets.csv': { size: 2e6 },
      'dataset_statistics/languages_by_word_count.csv': { size: 3000 },
      'chronicles/pretrain/training_logs.csv': { size: 2e6 },
      'data/mt_bench/misc/radar.png': { size: 300_000 },
    },
    status: 'missing',
    messageId: 'trainingDataNotData',
  },
  {
    name: 'a folder the card describes as synthetic tasks is not training data',
    files: {
      LICENSE: licenseText('MIT'),
      'README.md': card({
        intro: '- [data](data) - Synthetic datasets for the word scramble and arithmetic tasks described in the paper.',
      }),
      'data/two_digit_addition.jsonl': { size: 2e6 },
      'data/reversed_words.jsonl': { size: 2e6 },
    },
    status: 'missing',
    messageId: 'trainingDataNotData',
  },
  {
    name: 'a file the card calls a sample drawn from a dataset is not training data, whatever the heading says',
    files: {
      LICENSE: licenseText('Apache-2.0'),
      'README.md': card({
        sections: {
          'Fine-tuning':
            'Training data: `data/chat_10k.json`, a sample data file drawn from a public chat dataset to show the format.\n\n```\npython train.py --data_path "data/chat_10k.json"\n```',
        },
      }),
      'fine-tune/data/chat_10k.json': { size: 4e6 },
    },
    status: 'missing',
    messageId: 'trainingDataNotData',
  },
  {
    name: 'a folder the card says the model was trained on stays training data',
    files: {
      'README.md': card({
        frontMatter: { license: 'cc-by-4.0' },
        intro: 'The model was trained on the conversations in [data](data).',
      }),
      'data/conversations.jsonl': { size: 2e6 },
    },
    status: 'open',
    messageId: 'trainingDataInRepo',
  },
  {
    name: 'data lists in config or mixture folders are a manifest of the data, at any size: a mention',
    files: {
      LICENSE: licenseText('Apache-2.0'),
      'configs/official/Model-7B.csv': { size: 40_000 },
      'src/pkg/data/mixes/midtraining-mix-100B.txt': { size: 9e6 },
    },
    status: 'mentioned',
    messageId: 'trainingDataManifest',
  },
  {
    name: 'data files next to inference code are inputs, not training data',
    files: { LICENSE: licenseText('Apache-2.0'), 'inference/llama/synth-1k.jsonl': { size: 79_000 } },
    status: 'missing',
    messageId: 'trainingDataNotData',
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
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'Trained on https://huggingface.co/datasets/acme/corpus',
      }),
    },
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
    name: 'a script that downloads the model, or scrapes inside an evaluation tool, is not a dataset script',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' } }),
      'download.sh': '#!/bin/sh',
      'scripts/download_model.py': 'x',
      'coder-eval/aider/scrape.py': 'x',
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    // The catalog still holds: a mention is never evidence of availability. By the experts'
    // rubric prose that names no dataset is not even a mention of the training data.
    name: '"trained on our internal corpus" names no dataset: missing, never open',
    files: {
      'README.md': card({
        frontMatter: { license: 'apache-2.0' },
        intro: 'The model was trained on our internal corpus of 2T tokens.',
      }),
    },
    status: 'missing',
    messageId: 'trainingDataUnnamed',
    check: (r) => expect(r.evidence[0]?.note).toMatch(/internal corpus/),
  },
  {
    name: '"a mix of publicly available data" and "N hours of audio" name no dataset either',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Training Data':
            'The model was pretrained on 2 trillion tokens of data from publicly available sources.\n\nThe speech model was trained on 680,000 hours of audio collected from the web.',
        },
      }),
    },
    status: 'missing',
    messageId: 'trainingDataUnnamed',
  },
  {
    name: 'prose that names a specific public dataset is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'We release two pretrained models trained on The Pile.',
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataMentioned',
  },
  {
    name: 'a link to a dataset host on a training line is a dataset link',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'A 6 billion parameter model trained on [The Pile](https://pile.eleuther.ai/).',
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
  },
  {
    name: 'a public dataset named as created for pre-training is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          C4: 'The C4 dataset we created for unsupervised pre-training is available in TensorFlow Datasets.',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataMentioned',
  },
  {
    name: 'a named dataset offered as the sample format is not a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Fine-tuning':
            'Please follow the Sample Dataset Format of Evol-Instruct-Code-80k to prepare your training data.',
        },
      }),
    },
    status: 'missing',
    messageId: 'trainingDataUnnamed',
  },
  {
    name: 'a training line that says where its data was released is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Training dataset':
            'The model was trained on 52K instruction following data, which is released in the [GitHub repository](https://github.com/acme/instruct-data).',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
  },
  {
    name: 'a dataset link in a paragraph that says the model was trained on it is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro:
          'Based on a 12B base model, it is trained on ~15k instruction/response records\n[`acme-15k`](https://huggingface.co/datasets/acme/acme-15k) written by our employees.',
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
    check: (r) => expect(r.evidence[0]?.url).toBe('https://huggingface.co/datasets/acme/acme-15k'),
  },
  {
    name: 'a dataset link in a Datasets section, or labelled as the dataset, is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Datasets: '- [Chat](https://huggingface.co/datasets/acme/chat) - our conversations',
          Links: '- **Dataset:** [acme/mix](https://huggingface.co/datasets/acme/mix)',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
    check: (r) => expect(r.data).toMatchObject({ count: 2 }),
  },
  {
    name: 'a badge or anchor labelled as the dataset is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro:
          '[![Badge](https://img.shields.io/badge/Acme_Dataset-Hub-red)](https://huggingface.co/datasets/acme/prefs) <a href="https://huggingface.co/datasets/acme/pretrain">Pretraining Dataset</a>',
      }),
    },
    status: 'mentioned',
    messageId: 'trainingDataLinked',
    check: (r) => expect(r.data).toMatchObject({ count: 2 }),
  },
  {
    name: 'benchmarks, file URLs, images, toy sets and datasets suggested to readers are not training data',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Evaluation:
            '- [BBH](https://huggingface.co/datasets/acme/bbh) is a challenging benchmark subset of Big-Bench.',
          Usage: '![img](https://huggingface.co/datasets/acme/random_img/resolve/main/yosemite.png)',
          'Downloading the toy dataset':
            'Download the [toy dataset](https://huggingface.co/datasets/acme/toy-dataset) first.',
          FAQ: 'You can find fine-tuning datasets on the Hub, with datasets like [acme/cqia](https://huggingface.co/datasets/acme/cqia).',
          Template: 'Open https://huggingface.co/datasets/your_huggingface_name/dataset_name/edit/main/README.md',
          'Fine-tuning':
            'By default, we use a small dataset from [acme/coig](https://huggingface.co/datasets/acme/coig) to finetune the base model.\nYou can also prepare your customized dataset in the following format.',
        },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'links and files in a data folder whose README is about evaluation sets are not training data',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' } }),
      'data/README.md':
        '# Data\n\nThis directory gives details on how we prepared the data for evaluation, to replicate our experiments.\n\n## LibriSpeech\n\nWe used the test-clean split of the [LibriSpeech ASR corpus](https://www.openslr.org/12).\n',
      'data/meanwhile.json': { size: 67_000 },
    },
    status: 'missing',
    messageId: 'trainingDataNotData',
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
    remote: remote({
      datasets: {
        'acme/corpus': hubDataset('acme/corpus'),
        'acme/private-mix': hubDataset('acme/private-mix', { gated: true }),
      },
    }),
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
    remote: remote({
      datasets: {
        'acme/corpus': hubDataset('acme/corpus', { state: 'unavailable', license: null, error: 'HTTP 503' }),
      },
    }),
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
  test('fixture data-named-nothing: samples, assets, a folder of tasks, benchmark and image links, unnamed prose: missing', async () => {
    const c = (await fixtureComponents('data-named-nothing'))['training-data'];
    expect(c).toMatchObject({ status: 'missing', messageId: 'trainingDataNotData' });
  });
  test('fixture data-documented: a named public dataset and a linked one the model was trained on: mentioned', async () => {
    const c = (await fixtureComponents('data-documented'))['training-data'];
    expect(c).toMatchObject({ status: 'mentioned', messageId: 'trainingDataLinked' });
    expect(c.evidence.map((e) => e.url)).toContain('https://huggingface.co/datasets/acme/chat-mix');
  });
  runCases('training-data', cases);
  testThrowingCriterion('training-data');
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

import { fixtureComponents } from './fixture-repos.js';
import { card, runCases, statusesOf, testThrowingCriterion } from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'data-preprocessing-code',
  file: 'prepare_data.py',
  linkLine: (url) => `Our data pipeline (filtering and deduplication): ${url}`,
  mention: 'The data processing scripts are internal.',
});

describe('data-preprocessing-code', () => {
  test('fixture data-named-nothing: a model download script and a tokenizer class: missing', async () => {
    expect((await fixtureComponents('data-named-nothing'))['data-preprocessing-code']).toMatchObject({
      status: 'missing',
    });
  });
  test('fixture data-documented: dedup and tokenise scripts under MIT: open', async () => {
    const c = (await fixtureComponents('data-documented'))['data-preprocessing-code'];
    expect(c).toMatchObject({ status: 'open', messageId: 'codeInRepo', data: { count: 2 } });
  });
  runCases('data-preprocessing-code', cases);
  const MIT = 'MIT License\n\nCopyright (c) 2024 Acme';
  runCases('data-preprocessing-code', [
    {
      name: 'a dedup script is preprocessing code',
      files: { LICENSE: MIT, 'tools/minhash_dedup.py': 'pass' },
      status: 'open',
      messageId: 'codeInRepo',
    },
    {
      name: 'scripts that tokenise, filter or write a corpus to records are preprocessing code',
      files: {
        LICENSE: MIT,
        'tools/tokenize_pile.py': 'pass',
        'create_finetune_tfrecords.py': 'pass',
        'scripts/filter_cutoff_date.py': 'pass',
        'train_tokenizer.py': 'pass',
      },
      status: 'open',
      messageId: 'codeInRepo',
      check: (r) => expect(r.data).toMatchObject({ count: 4 }),
    },
    {
      name: 'everything in a folder named for data processing counts, whatever the file is called',
      files: {
        LICENSE: MIT,
        'preprocessing/books/src/main/scala/BooksFooterCleaner.scala': 'object X',
        'webdata_processing/base.py': 'pass',
      },
      status: 'open',
      messageId: 'codeInRepo',
      check: (r) => expect(r.data).toMatchObject({ count: 2 }),
    },
    {
      // Model download scripts, tokenizer classes, inference-time text normalisers, sharding
      // and dataset-loader classes read no corpus.
      name: 'download, tokenizer, text-cleaner, sharding and loader modules are not preprocessing code',
      files: {
        LICENSE: MIT,
        'download.sh': '#!/bin/sh',
        'download_model.py': 'pass',
        'llama/tokenizer.py': 'pass',
        'llama/test_tokenizer.py': 'pass',
        'models/tokenizer_utils.py': 'pass',
        'megatron/tokenizer/gpt2_tokenization.py': 'pass',
        'openvoice/text/cleaners.py': 'pass',
        'resharding_example.py': 'pass',
        'mesh_transformer/transformer_shard.py': 'pass',
        'metaseq/data/append_token_dataset.py': 'pass',
        'metaseq/data/base_dataset.py': 'pass',
        'tfrecord_loader.py': 'pass',
        'gemma/vision/_preprocess.py': 'pass',
        'scripts/prepare_changelog.py': 'pass',
        'scripts/storage_cleaner.py': 'pass',
      },
      status: 'missing',
      messageId: 'missing',
    },
    {
      name: 'saying the data was deduplicated and filtered names no code',
      files: {
        'README.md': card({
          frontMatter: { license: 'mit' },
          sections: {
            'Data Collection':
              'We filter the collected code data and adopt an aggressive deduplication strategy to remove near-identical files.',
          },
        }),
      },
      status: 'missing',
      messageId: 'missing',
    },
    {
      name: 'the card naming its data-processing code is a mention',
      files: {
        'README.md': card({
          frontMatter: { license: 'mit' },
          intro: 'The deduplication scripts will be released later.',
        }),
      },
      status: 'mentioned',
      messageId: 'codeMentioned',
    },
  ]);
  testThrowingCriterion('data-preprocessing-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});

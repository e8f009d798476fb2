import { runCases, statusesOf, testThrowingCriterion } from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'data-preprocessing-code',
  file: 'prepare_data.py',
  linkLine: (url) => `Our data pipeline (filtering and deduplication): ${url}`,
  mention: 'The data processing scripts are internal.',
});

describe('data-preprocessing-code', () => {
  runCases('data-preprocessing-code', cases);
  runCases('data-preprocessing-code', [
    {
      name: 'a dedup script is preprocessing code',
      files: { LICENSE: 'MIT License\n\nCopyright (c) 2024 Acme', 'tools/minhash_dedup.py': 'pass' },
      status: 'open',
      messageId: 'codeInRepo',
    },
  ]);
  testThrowingCriterion('data-preprocessing-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});

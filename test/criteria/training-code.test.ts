import { runCases, statusesOf, testThrowingCriterion } from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'training-code',
  file: 'train.py',
  linkLine: (url) => `Training code: ${url}`,
  mention: 'The training code is available on request.',
});

describe('training-code', () => {
  runCases('training-code', cases);
  runCases('training-code', [
    {
      name: 'a launch script in scripts/ is training code',
      files: { LICENSE: 'MIT License\n\nCopyright (c) 2024 Acme', 'scripts/finetune_lora.sh': 'torchrun ...' },
      status: 'open',
      messageId: 'codeInRepo',
    },
  ]);
  testThrowingCriterion('training-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});

import { runCases, statusesOf, testThrowingCriterion } from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'evaluation-code',
  file: 'eval.py',
  linkLine: (url) => `Evaluation harness: ${url}`,
  mention: 'All numbers were evaluated using our internal evaluation suite.',
});

describe('evaluation-code', () => {
  runCases('evaluation-code', cases);
  testThrowingCriterion('evaluation-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});

import {
  card,
  licenseText,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const files = {
  'tokenizer.json': { size: 2e6, lfs: true },
  'tokenizer_config.json': '{"model_max_length": 4096}',
  'requirements.txt': 'torch==2.3.0\ntransformers==4.44.0\n',
};

const cases: Case[] = [
  {
    name: 'tokenizer and environment files under Apache-2.0 are open',
    files: { LICENSE: licenseText('Apache-2.0'), ...files },
    status: 'open',
    messageId: 'supportFiles',
    check: (r) => expect(r.data).toMatchObject({ tokenizer: 2, environment: 1 }),
  },
  {
    name: 'a tokenizer under a Gemma license is restricted',
    files: { LICENSE: licenseText('Gemma'), 'tokenizer.model': { size: 4e6, lfs: true } },
    status: 'restricted',
    messageId: 'supportFiles',
    check: (r) => expect(r.license).toBe('LicenseRef-Gemma'),
  },
  {
    name: 'a tokenizer with no license is unlicensed',
    files: { 'tokenizer.model': { size: 4e6 } },
    status: 'unlicensed',
    messageId: 'supportFiles',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: {
      declarations: { 'supporting-libraries': { location: 'https://github.com/acme/tokenizers', license: 'MIT' } },
    },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'supporting-libraries': 'runs on the standard library only' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
];

describe('supporting-libraries', () => {
  runCases('supporting-libraries', cases);
  testThrowingCriterion('supporting-libraries');
  test('covers every status but unknown (thrower above)', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unlicensed']);
  });
});

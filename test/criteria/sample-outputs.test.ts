import {
  card,
  CARD_TOO_LARGE,
  licenseText,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const widget = [{ text: 'Once upon a time' }, { text: 'The capital of France is' }];

const cases: Case[] = [
  {
    name: 'images in samples/ under MIT are open',
    files: { LICENSE: licenseText('MIT'), 'samples/cat.png': { size: 300_000 }, 'samples/dog.png': { size: 300_000 } },
    status: 'open',
    messageId: 'samplesInRepo',
    check: (r) => expect(r.data?.['count']).toBe(2),
  },
  {
    name: 'a widget in the front matter is open under the card license',
    files: { 'README.md': card({ frontMatter: { license: 'apache-2.0', widget } }) },
    status: 'open',
    messageId: 'samplesWidget',
    check: (r) => expect(r.data?.['count']).toBe(2),
  },
  {
    name: 'an examples section with an image is open',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { Examples: '![a generated cat](samples/cat.png)' },
      }),
    },
    status: 'open',
    messageId: 'samplesInCard',
  },
  {
    name: 'a widget under an OpenRAIL license is restricted',
    files: { 'README.md': card({ frontMatter: { license: 'creativeml-openrail-m', widget } }) },
    status: 'restricted',
    messageId: 'samplesWidget',
  },
  {
    name: 'samples with no license are unlicensed',
    files: { 'samples/cat.png': { size: 300_000 } },
    status: 'unlicensed',
    messageId: 'samplesInRepo',
  },
  {
    name: 'an examples heading with prose only is not a sample',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' }, sections: { Examples: 'Ask it anything you like.' } }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'sample-outputs': { location: 'https://example.org/gallery' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'sample-outputs': 'a classifier; outputs are labels' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('sample-outputs', () => {
  runCases('sample-outputs', cases);
  testThrowingCriterion('sample-outputs');
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

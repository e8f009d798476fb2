import { card, CARD_TOO_LARGE, DATA_SECTION, hubDataset, licenseText, remote, runCases, statusesOf, testThrowingCriterion, type Case } from '../helpers/snapshot-builder.js';

const withData = (license?: string) => card({ ...(license ? { frontMatter: { license } } : {}), sections: { 'Training Data': DATA_SECTION } });
const DATASHEET = `# Datasheet\n\n## Composition\n\n${DATA_SECTION}\n\n## Collection Process\n\nCrawled in 2024 and filtered.\n`;

const cases: Case[] = [
  {
    name: 'a DATA_CARD.md under Apache-2.0 is open',
    files: { LICENSE: licenseText('Apache-2.0'), 'DATA_CARD.md': DATASHEET },
    status: 'open',
    messageId: 'dataCardFile',
    check: (r) => expect(r.evidence.some((e) => e.path === 'DATA_CARD.md')).toBe(true),
  },
  {
    name: 'a Training Data section that describes sources, processing and composition is open',
    files: { 'README.md': withData('cc-by-4.0') },
    status: 'open',
    messageId: 'dataCardSection',
    check: (r) => expect(r.data?.['section']).toBe('training data'),
  },
  {
    name: 'the section counts at any heading level and with [optional] stripped',
    files: { 'README.md': `---\nlicense: mit\n---\n# M\n#### Training Data [optional]\n\n${DATA_SECTION}\n` },
    status: 'open',
    messageId: 'dataCardSection',
  },
  {
    name: 'online: dataset cards that describe the data stand in for the data card',
    files: { 'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus'] } }) },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { cardDescribesData: true }) } }),
    status: 'open',
    messageId: 'dataCardOnHub',
    check: (r) => expect(r.verifiedOnline).toBe(true),
  },
  {
    name: 'online: a dataset card that does not describe the data does not',
    files: { 'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus'] } }) },
    remote: remote({ datasets: { 'acme/corpus': hubDataset('acme/corpus', { cardDescribesData: false }) } }),
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a data section under a non-commercial license is restricted',
    files: { 'README.md': withData('cc-by-nc-4.0') },
    status: 'restricted',
    messageId: 'dataCardSection',
  },
  {
    name: 'a data section with no license is unlicensed',
    files: { 'README.md': withData() },
    status: 'unlicensed',
    messageId: 'dataCardSection',
  },
  {
    name: 'a thin Training Data section is a mention',
    files: { 'README.md': card({ frontMatter: { license: 'mit' }, sections: { 'Training Data': 'We used a large web corpus.' } }) },
    status: 'mentioned',
    messageId: 'dataSectionThin',
  },
  {
    name: 'a Training Data heading holding only the placeholder documents nothing',
    files: { 'README.md': card({ frontMatter: { license: 'mit' }, sections: { 'Training Data': '[More Information Needed]' } }) },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'data-card': { location: 'https://example.org/datasheet.pdf' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'data-card': 'trained by self-play, no data' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('data-card', () => {
  runCases('data-card', cases);
  testThrowingCriterion('data-card');
  test('covers every status', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unknown', 'unlicensed']);
  });
});

import { card, CARD_TOO_LARGE, licenseText, runCases, statusesOf, testThrowingCriterion, type Case } from '../helpers/snapshot-builder.js';

const cardWith = (intro: string, frontMatter: Record<string, unknown> = { license: 'mit' }) => card({ frontMatter, intro });

const cases: Case[] = [
  {
    name: 'a PDF report in the repository under MIT is open',
    files: { LICENSE: licenseText('MIT'), 'technical_report.pdf': { size: 2e6 } },
    status: 'open',
    messageId: 'reportInRepo',
  },
  {
    name: 'a PDF report under CC-BY-NC-4.0 is restricted',
    files: { 'README.md': cardWith('See the report.', { license: 'cc-by-nc-4.0' }), 'technical_report.pdf': { size: 2e6 } },
    status: 'restricted',
    messageId: 'reportInRepo',
  },
  {
    name: 'a PDF report with no license is unlicensed',
    files: { 'technical_report.pdf': { size: 2e6 } },
    status: 'unlicensed',
    messageId: 'reportInRepo',
  },
  {
    name: 'an arXiv link labelled as the paper is open (license not checked on the archive)',
    files: { 'README.md': cardWith('[Paper](https://arxiv.org/abs/2401.12345) | [Code](https://github.com/acme/m)') },
    status: 'open',
    messageId: 'reportOnArchive',
    check: (r) => {
      expect(r.license).toBeNull();
      expect(r.evidence[0]).toMatchObject({ kind: 'link', url: 'https://arxiv.org/abs/2401.12345' });
    },
  },
  {
    name: 'an hf.co/papers link is an arXiv preprint',
    files: { 'README.md': cardWith('Technical report: https://huggingface.co/papers/2401.12345') },
    status: 'open',
    messageId: 'reportOnArchive',
  },
  {
    name: 'an arxiv: tag in the front matter is a preprint',
    files: { 'README.md': cardWith('Hello.', { license: 'mit', tags: ['arxiv:2401.12345'] }) },
    status: 'open',
    messageId: 'reportOnArchive',
    check: (r) => expect(r.evidence[0]).toMatchObject({ kind: 'card-field', field: 'tags' }),
  },
  {
    name: 'a CITATION.cff of type report is the technical report',
    files: { 'CITATION.cff': 'cff-version: 1.2.0\ntitle: Acme\ntype: report\n' },
    status: 'open',
    messageId: 'reportOnArchive',
  },
  {
    name: 'a PDF on a project site labelled as the paper is a mention: it cannot be checked like arXiv',
    files: { 'README.md': cardWith('[Technical report](https://acme.example.org/acme-7b.pdf)') },
    status: 'mentioned',
    messageId: 'reportLinked',
  },
  {
    name: "someone else's paper (the method it is based on) is not the model's report",
    files: { 'README.md': cardWith('This model is based on the architecture proposed in https://arxiv.org/abs/1706.03762.') },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a report mentioned without a link is a mention',
    files: { 'README.md': cardWith('A technical report will follow in the coming weeks.') },
    status: 'mentioned',
    messageId: 'reportMentioned',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'technical-report': { location: 'https://example.org/report' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'technical-report': 'a peer-reviewed paper covers it' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('technical-report', () => {
  runCases('technical-report', cases);
  testThrowingCriterion('technical-report');
  test('covers every status', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unknown', 'unlicensed']);
  });
});

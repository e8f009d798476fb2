import {
  card,
  CARD_TOO_LARGE,
  licenseText,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const cardWith = (intro: string, frontMatter: Record<string, unknown> = { license: 'mit' }) =>
  card({ frontMatter, intro });

const cases: Case[] = [
  {
    name: 'a PDF report in the repository under MIT is open',
    files: { LICENSE: licenseText('MIT'), 'technical_report.pdf': { size: 2e6 } },
    status: 'open',
    messageId: 'reportInRepo',
  },
  {
    name: 'a PDF report under CC-BY-NC-4.0 is restricted',
    files: {
      'README.md': cardWith('See the report.', { license: 'cc-by-nc-4.0' }),
      'technical_report.pdf': { size: 2e6 },
    },
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
    name: 'a PDF on a project site labelled as the report is published, like a preprint',
    files: { 'README.md': cardWith('[Technical report](https://acme.example.org/acme-7b.pdf)') },
    status: 'open',
    messageId: 'reportHosted',
  },
  {
    name: 'a report on a drive or a blog cannot be told from a placeholder: a mention',
    files: {
      'README.md': cardWith(
        '[Technical report](https://drive.google.com/file/d/abc/view) and our [paper](https://acme.example.org/blog/acme-7b)',
      ),
    },
    status: 'mentioned',
    messageId: 'reportLinked',
  },
  {
    name: 'an HTML anchor labelled "Paper" in a banner is the model\'s preprint',
    files: {
      'README.md': cardWith(
        '<p align="center"> :books: <a href="https://arxiv.org/abs/2405.04324">Paper</a>&nbsp; | <a href="https://huggingface.co/acme">Models</a></p>',
      ),
    },
    status: 'open',
    messageId: 'reportOnArchive',
  },
  {
    name: 'a list under a "Technical reports:" lead-in presents the model\'s reports',
    files: {
      'README.md': cardWith(
        '* Technical reports for metrics and model capabilities:\n  * [Acme 1](https://storage.example.com/acme/Acme1Report.pdf)\n  * [Acme 2](https://storage.example.com/acme/Acme2Report.pdf)',
      ),
    },
    status: 'open',
    messageId: 'reportHosted',
  },
  {
    name: '"refer to our [research paper](…)" presents the model\'s paper even when the label does not start with "paper"',
    files: {
      'README.md': cardWith(
        'For details on training and evaluation refer to our [research paper](https://ai.example.com/research/publications/acme-models/).',
      ),
    },
    status: 'open',
    messageId: 'reportHosted',
  },
  {
    name: 'a label naming another work\'s paper ("implementing the [Self-Instruct paper]") is not the model\'s report',
    files: {
      'README.md': cardWith(
        'This is my take on implementing the [Self-Instruct paper](https://arxiv.org/abs/2212.10560). We plot the figure in the style of the [InstructGPT paper](https://arxiv.org/abs/2203.02155).',
      ),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: "someone else's paper (the method it is based on) is not the model's report",
    files: {
      'README.md': cardWith('This model is based on the architecture proposed in https://arxiv.org/abs/1706.03762.'),
    },
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

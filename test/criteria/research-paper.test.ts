import {
  card,
  CARD_TOO_LARGE,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const withSection = (heading: string, body: string) =>
  card({ frontMatter: { license: 'mit' }, sections: { [heading]: body } });
const cardWith = (intro: string) => card({ frontMatter: { license: 'mit' }, intro });

// Research papers are open when published: a peer-reviewed venue is freely citable, no license is judged.
const cases: Case[] = [
  {
    name: 'a DOI link labelled as the paper is a peer-reviewed publication',
    files: { 'README.md': cardWith('[Paper](https://doi.org/10.18653/v1/2023.acl-long.1)') },
    status: 'open',
    messageId: 'paperPublished',
    check: (r) =>
      expect(r.evidence[0]).toMatchObject({ kind: 'link', url: 'https://doi.org/10.18653/v1/2023.acl-long.1' }),
  },
  {
    name: 'an ACL Anthology link in the Citation section is a publication',
    files: { 'README.md': withSection('Citation', 'Please cite https://aclanthology.org/2023.acl-long.1/') },
    status: 'open',
    messageId: 'paperPublished',
  },
  {
    name: 'an @inproceedings BibTeX entry is a publication',
    files: {
      'README.md': withSection(
        'Citation',
        '```bibtex\n@inproceedings{acme2024,\n  title={Acme},\n  booktitle={Proceedings of ACL},\n  year={2024}\n}\n```',
      ),
    },
    status: 'open',
    messageId: 'paperPublished',
  },
  {
    name: 'a CITATION.cff whose preferred citation is a conference paper is a publication',
    files: {
      'CITATION.cff':
        'cff-version: 1.2.0\ntitle: Acme\npreferred-citation:\n  type: conference-paper\n  title: Acme\n  conference:\n    name: NeurIPS\n',
    },
    status: 'open',
    messageId: 'paperPublished',
  },
  {
    name: 'a BibTeX entry for the GitHub repository (journal = {GitHub repository}) is not a publication',
    files: {
      'README.md': withSection(
        'Citation',
        '```\n@misc{acme,\n  author = {A. Person},\n  title = {Acme: a model},\n  year = {2023},\n  publisher = {GitHub},\n  journal = {GitHub repository},\n  howpublished = {\\url{https://github.com/acme/acme}},\n}\n```',
      ),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'an arXiv preprint is not peer-reviewed',
    files: { 'README.md': cardWith('[Paper](https://arxiv.org/abs/2401.12345)') },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: "arXiv's own DOI is a preprint, not a publication",
    files: { 'README.md': cardWith('[Paper](https://doi.org/10.48550/arXiv.2401.12345)') },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'an @article in arXiv is a preprint',
    files: {
      'README.md': withSection(
        'Citation',
        '@article{acme2024,\n  title={Acme},\n  journal={arXiv preprint arXiv:2401.12345},\n  year={2024}\n}',
      ),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'acceptance at a venue without a citation is a mention',
    files: { 'README.md': cardWith('Our paper was accepted at NeurIPS 2024; the camera-ready version is coming.') },
    status: 'mentioned',
    messageId: 'paperMentioned',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'research-paper': { location: 'https://doi.org/10.1000/xyz' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'research-paper': 'an engineering release, no paper planned' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('research-paper', () => {
  runCases('research-paper', cases);
  testThrowingCriterion('research-paper');
  test('covers every status a paper can take (it carries no license, so never restricted or unlicensed)', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'unknown']);
  });
});

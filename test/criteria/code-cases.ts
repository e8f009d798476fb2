// The four code components share one criterion shape (src/core/criteria/code.ts): files by
// role, a GitHub repository verified online, a declaration, a link, a mention. One table
// generator, instantiated per component with its own file names and wording.
import type { CodeComponent } from '../../src/core/remote.js';
import { card, githubRepo, licenseText, remote, type Case } from '../helpers/snapshot-builder.js';

export interface CodeFixture {
  id: CodeComponent;
  /** A file whose name gives it the role. */
  file: string;
  /** A card line that links a GitHub repository as this code. */
  linkLine: (url: string) => string;
  /** A card sentence that mentions the code without publishing it. */
  mention: string;
}

export function codeCases(f: CodeFixture): Case[] {
  const repo = 'acme/pipeline';
  const linked = card({ frontMatter: { license: 'mit' }, intro: f.linkLine(`https://github.com/${repo}`) });
  return [
    {
      name: `${f.file} under an MIT LICENSE is open`,
      files: { LICENSE: licenseText('MIT'), [f.file]: 'print("hi")' },
      status: 'open',
      messageId: 'codeInRepo',
      check: (r) => {
        expect(r.license).toBe('MIT');
        expect(r.evidence.some((e) => e.path === f.file)).toBe(true);
      },
    },
    {
      name: `${f.file} under GPL-3.0 (copyleft) is open`,
      files: { LICENSE: licenseText('GPL-3.0-only'), [f.file]: 'print("hi")' },
      status: 'open',
      messageId: 'codeInRepo',
    },
    {
      name: `${f.file} under a Llama license is restricted`,
      files: { 'README.md': card({ frontMatter: { license: 'llama3.1' } }), [f.file]: 'print("hi")' },
      status: 'restricted',
      messageId: 'codeInRepo',
      check: (r) => expect(r.data?.['licenseState']).toBe('restricted'),
    },
    {
      name: `${f.file} under a data license (CC-BY-4.0) is not open for code`,
      files: { 'README.md': card({ frontMatter: { license: 'cc-by-4.0' } }), [f.file]: 'print("hi")' },
      status: 'restricted',
      messageId: 'codeInRepo',
      check: (r) => expect(r.data?.['licenseState']).toBe('wrong-kind'),
    },
    {
      name: `a LICENSE-CODE file governs ${f.file} over a restrictive model license`,
      files: {
        'README.md': card({ frontMatter: { license: 'llama3.1' } }),
        'LICENSE-CODE': licenseText('Apache-2.0'),
        [f.file]: 'print("hi")',
      },
      status: 'open',
      messageId: 'codeInRepo',
      check: (r) => expect(r.license).toBe('Apache-2.0'),
    },
    {
      name: `${f.file} with no license is unlicensed`,
      files: { [f.file]: 'print("hi")' },
      status: 'unlicensed',
      messageId: 'codeInRepo',
    },
    {
      name: 'a GitHub link named as this code is a mention offline',
      files: { 'README.md': linked },
      status: 'mentioned',
      messageId: 'codeLinked',
      check: (r) => expect(r.data?.['repo']).toBe(repo),
    },
    {
      name: 'a GitHub link in the acknowledgements is a credit, not this code',
      files: {
        'README.md': card({
          frontMatter: { license: 'mit' },
          sections: { Acknowledgements: `We thank the authors of https://github.com/${repo} for their help.` },
        }),
      },
      status: 'missing',
      messageId: 'missing',
    },
    {
      name: 'online: the linked repository found under Apache-2.0 is open',
      files: { 'README.md': linked },
      remote: remote({ github: { [repo]: githubRepo(repo, { component: f.id, license: 'Apache-2.0' }) } }),
      status: 'open',
      messageId: 'codeOnGithub',
      check: (r) => {
        expect(r.verifiedOnline).toBe(true);
        expect(r.license).toBe('Apache-2.0');
      },
    },
    {
      name: 'online: the linked repository found without a license is unlicensed',
      files: { 'README.md': linked },
      remote: remote({
        github: { [repo]: githubRepo(repo, { component: f.id, license: null, licenseNote: 'no license file' }) },
      }),
      status: 'unlicensed',
      messageId: 'codeOnGithub',
    },
    {
      name: 'online: the linked repository not found stays a mention',
      files: { 'README.md': linked },
      remote: remote({ github: { [repo]: githubRepo(repo, { component: f.id, state: 'not-found', license: null }) } }),
      status: 'mentioned',
      messageId: 'codeLinked',
    },
    {
      name: 'online: a lookup that failed (rate limit) is unknown with the reason, not a mention',
      files: { 'README.md': linked },
      remote: remote({
        github: {
          [repo]: githubRepo(repo, { component: f.id, state: 'unavailable', license: null, error: 'rate limited' }),
        },
      }),
      status: 'unknown',
      messageId: 'githubUnavailable',
      check: (r) => expect(r.message).toMatch(/rate limited/),
    },
    {
      name: 'a sentence about the code is a mention',
      files: { 'README.md': card({ frontMatter: { license: 'mit' }, intro: f.mention }) },
      status: 'mentioned',
      messageId: 'codeMentioned',
    },
    {
      name: 'a declaration is a mention',
      files: { 'README.md': card() },
      config: { declarations: { [f.id]: { location: 'https://gitlab.example.org/acme/code', license: 'MIT' } } },
      status: 'mentioned',
      messageId: 'declared',
    },
    { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
    {
      name: 'not-applicable from config',
      files: { 'README.md': card() },
      config: { 'not-applicable': { [f.id]: 'not part of this release by design' } },
      status: 'not-applicable',
      messageId: 'notApplicable',
    },
  ];
}

export const CODE_STATUSES = ['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unknown', 'unlicensed'];

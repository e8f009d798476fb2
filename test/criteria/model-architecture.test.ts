import {
  card,
  licenseText,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

// Saved by transformers (`transformers_version`): the class is one of that open library's.
const llamaConfig = JSON.stringify({
  architectures: ['LlamaForCausalLM'],
  model_type: 'llama',
  hidden_size: 4096,
  transformers_version: '4.44.0',
});
const unknownConfig = JSON.stringify({ architectures: ['SecretNetForCausalLM'], model_type: 'secretnet' });

const cases: Case[] = [
  {
    name: 'modelling code under an MIT LICENSE is open',
    files: { LICENSE: licenseText('MIT'), 'modeling_acme.py': 'class AcmeModel: ...' },
    status: 'open',
    messageId: 'architectureCode',
    check: (r) => {
      expect(r.license).toBe('MIT');
      expect(r.evidence.some((e) => e.path === 'modeling_acme.py')).toBe(true);
    },
  },
  {
    name: 'a config.json naming a transformers class is open through the library, whatever the weights license',
    files: { 'README.md': card({ frontMatter: { license: 'llama3.1' } }), 'config.json': llamaConfig },
    status: 'open',
    messageId: 'architectureInLibrary',
    check: (r) => {
      expect(r.license).toBe('Apache-2.0');
      expect(r.data).toMatchObject({ library: 'transformers', architecture: 'LlamaForCausalLM' });
    },
  },
  {
    name: 'an architecture name without a library that defines it is only a mention',
    files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'config.json': unknownConfig },
    status: 'mentioned',
    messageId: 'architectureNamed',
  },
  {
    name: 'modelling code under a Llama license is restricted',
    files: { 'README.md': card({ frontMatter: { license: 'llama3' } }), 'modeling_acme.py': 'class AcmeModel: ...' },
    status: 'restricted',
    messageId: 'architectureCode',
  },
  {
    name: 'modelling code under a data license (CC-BY-4.0) is not open for code',
    files: { 'README.md': card({ frontMatter: { license: 'cc-by-4.0' } }), 'modeling_acme.py': 'class AcmeModel: ...' },
    status: 'restricted',
    messageId: 'architectureCode',
    check: (r) => expect(r.data?.['licenseState']).toBe('wrong-kind'),
  },
  {
    name: 'modelling code with no license is unlicensed',
    files: { 'model.py': 'class Net: ...' },
    status: 'unlicensed',
    messageId: 'architectureCode',
  },
  {
    name: 'auto_map pointing at code that is not here is a mention',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' } }),
      'config.json': JSON.stringify({
        architectures: ['AcmeForCausalLM'],
        model_type: 'acme',
        auto_map: { AutoModelForCausalLM: 'acme/code--modeling_acme.AcmeForCausalLM' },
      }),
    },
    status: 'mentioned',
    messageId: 'architectureRemoteCode',
  },
  {
    name: 'an architecture section without code is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { 'Model Architecture': 'A decoder-only transformer with 32 layers and grouped-query attention.' },
      }),
    },
    status: 'mentioned',
    messageId: 'architectureDescribed',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'model-architecture': { location: 'https://github.com/acme/arch' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'model-architecture': 'a rule-based system, no network' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
];

describe('model-architecture', () => {
  runCases('model-architecture', cases);
  testThrowingCriterion('model-architecture');
  test('covers every status but unknown (thrower above)', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unlicensed']);
  });
});

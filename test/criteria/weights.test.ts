import {
  card,
  CARD_TOO_LARGE,
  hubModel,
  licenseText,
  remote,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const withLicense = (license: string) => card({ frontMatter: { license } });

const cases: Case[] = [
  {
    name: 'safetensors under an Apache-2.0 card license are open',
    files: { 'README.md': withLicense('apache-2.0'), 'model.safetensors': { size: 5e9 } },
    status: 'open',
    messageId: 'weightsInRepo',
    check: (r) => {
      expect(r.license).toBe('Apache-2.0');
      expect(r.data).toMatchObject({ count: 1, bytes: 5e9, formats: 'safetensors', unsafe: 0, lfs: 0 });
    },
  },
  {
    name: 'a root LICENSE with the Apache text covers weights without a card',
    files: { LICENSE: licenseText('Apache-2.0'), 'model.safetensors': { size: 5e9 } },
    status: 'open',
    messageId: 'weightsInRepo',
    check: (r) => expect(r.license).toBe('Apache-2.0'),
  },
  {
    name: 'an LFS pickle is counted, flagged unsafe and still judged by its license',
    files: { 'README.md': withLicense('cdla-permissive-2.0'), 'pytorch_model.bin': { lfs: true, size: 1e9 } },
    status: 'open',
    messageId: 'weightsInRepo',
    check: (r) => {
      expect(r.license).toBe('CDLA-Permissive-2.0');
      expect(r.data).toMatchObject({ lfs: 1, unsafe: 1, formats: 'pytorch-pickle' });
      expect(r.message).toMatch(/pickle file can run code/);
    },
  },
  {
    name: 'a Llama license in the card restricts the weights',
    files: { 'README.md': withLicense('llama3.1'), 'model.safetensors': { size: 5e9 } },
    status: 'restricted',
    messageId: 'weightsInRepo',
    check: (r) => expect(r.data?.['licenseState']).toBe('restricted'),
  },
  {
    name: 'a Llama LICENSE text restricts the weights',
    files: { LICENSE: licenseText('Llama-3.1'), 'model.safetensors': { size: 5e9 } },
    status: 'restricted',
    messageId: 'weightsInRepo',
    check: (r) => expect(r.license).toBe('LicenseRef-Llama-3.1'),
  },
  {
    name: 'an OpenRAIL-M card license restricts the weights',
    files: { 'README.md': withLicense('openrail'), 'model.safetensors': { size: 5e9 } },
    status: 'restricted',
    messageId: 'weightsInRepo',
  },
  {
    name: 'CC-BY-NC-4.0 restricts the weights',
    files: { 'README.md': withLicense('cc-by-nc-4.0'), 'model.safetensors': { size: 5e9 } },
    status: 'restricted',
    messageId: 'weightsInRepo',
    check: (r) => expect(r.license).toBe('CC-BY-NC-4.0'),
  },
  {
    name: 'weights with no license anywhere are unlicensed',
    files: { 'README.md': card({ sections: { Usage: 'Load it.' } }), 'model.safetensors': { size: 5e9 } },
    status: 'unlicensed',
    messageId: 'weightsInRepo',
    check: (r) => {
      expect(r.license).toBeNull();
      expect(r.data?.['licenseState']).toBe('none');
    },
  },
  {
    name: 'a LICENSE too large to read leaves the weights unknown, not restricted',
    files: { LICENSE: { size: 3e6 }, 'model.safetensors': { size: 5e9 } },
    skipped: [{ path: 'LICENSE', reason: 'too-large' }],
    status: 'unknown',
    messageId: 'weightsInRepo',
  },
  {
    name: 'a Hub model link is a mention, never availability',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' }, intro: 'Weights: https://huggingface.co/acme/model-7b' }),
    },
    status: 'mentioned',
    messageId: 'weightsLinked',
    check: (r) => expect(r.data?.['id']).toBe('acme/model-7b'),
  },
  {
    name: 'a link to the base model is not a link to the weights',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit', base_model: 'acme/base' },
        intro: 'Fine-tuned from https://huggingface.co/acme/base',
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'prose about downloadable weights is a mention',
    files: { 'README.md': card({ intro: 'You can download the weights from our website after registration.' }) },
    status: 'mentioned',
    messageId: 'weightsMentioned',
  },
  {
    name: 'a declaration in config is shown as declared, not verified',
    files: { 'README.md': card() },
    config: { declarations: { weights: { location: 'https://example.org/weights.tar', license: 'Apache-2.0' } } },
    status: 'mentioned',
    messageId: 'declared',
    check: (r) => expect(r.evidence[0]).toMatchObject({ kind: 'declaration', url: 'https://example.org/weights.tar' }),
  },
  {
    name: 'tiny weight-named files (under 1 KB) are not weights',
    files: { 'README.md': card(), 'model.safetensors': { size: 200 } },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'nothing at all is missing',
    files: { 'README.md': card() },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'not-applicable from config, with its reason',
    files: { 'README.md': card() },
    config: { 'not-applicable': { weights: 'this repository only holds the training code' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
    check: (r) => expect(r.message).toContain('this repository only holds the training code'),
  },
  {
    name: 'an unreadable card does not make weights unknown: they are judged from the files',
    ...CARD_TOO_LARGE,
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'online: weights found on the Hub under an open license are open',
    files: { 'README.md': card({ intro: 'Weights: https://huggingface.co/acme/model-7b' }) },
    remote: remote({ models: { 'acme/model-7b': hubModel('acme/model-7b', { license: 'apache-2.0' }) } }),
    status: 'open',
    messageId: 'weightsOnHub',
    check: (r) => {
      expect(r.verifiedOnline).toBe(true);
      expect(r.license).toBe('Apache-2.0');
    },
  },
  {
    name: 'online: gated Hub weights are restricted',
    files: { 'README.md': card({ intro: 'Weights: https://huggingface.co/acme/model-7b' }) },
    remote: remote({ models: { 'acme/model-7b': hubModel('acme/model-7b', { gated: true, gatedMode: 'manual' }) } }),
    status: 'restricted',
    messageId: 'weightsOnHubGated',
  },
  {
    name: 'online: Hub weights without a license are unlicensed',
    files: { 'README.md': card({ intro: 'Weights: https://huggingface.co/acme/model-7b' }) },
    remote: remote({ models: { 'acme/model-7b': hubModel('acme/model-7b', { license: null }) } }),
    status: 'unlicensed',
    messageId: 'weightsOnHub',
  },
  {
    name: 'online: a Hub link that does not resolve stays a mention',
    files: { 'README.md': card({ intro: 'Weights: https://huggingface.co/acme/model-7b' }) },
    remote: remote({
      models: { 'acme/model-7b': hubModel('acme/model-7b', { state: 'not-found', files: [], license: null }) },
    }),
    status: 'mentioned',
    messageId: 'weightsLinked',
  },
  {
    name: 'online: a failed Hub lookup is unknown, not missing',
    files: { 'README.md': card({ intro: 'Weights: https://huggingface.co/acme/model-7b' }) },
    remote: remote({
      models: { 'acme/model-7b': hubModel('acme/model-7b', { state: 'unavailable', files: [], error: 'timeout' }) },
    }),
    status: 'unknown',
    messageId: 'hubUnavailable',
  },
];

describe('weights', () => {
  runCases('weights', cases);
  runCases('weights', [
    {
      name: "a Hub link on a line about converting someone else's checkpoint is not the release's weights when another one is",
      files: {
        LICENSE: licenseText('Apache-2.0'),
        'README.md': card({
          frontMatter: { license: 'apache-2.0' },
          intro:
            'To convert a checkpoint distributed by Other Lab ([here](https://huggingface.co/other/model-7b)) run convert.py.\n\nOur model: [acme/lm-20b](https://huggingface.co/acme/lm-20b)',
        }),
      },
      status: 'mentioned',
      messageId: 'weightsLinked',
      check: (r) => expect(r.claim?.target).toBe('acme/lm-20b'),
    },
    {
      name: 'download links straight to weight files point at the weights (a claim, not proof)',
      files: {
        LICENSE: licenseText('Apache-2.0'),
        'README.md': card({
          intro:
            'Click the links below to download the checkpoint:\n\n- **`vit_h`: [ViT-H model.](https://dl.example.com/acme/acme_vit_h_4b8939.pth)**\n- [all checkpoints](https://cdn.example.com/acme/checkpoints_v2.zip)',
        }),
      },
      status: 'mentioned',
      messageId: 'weightsFileLinked',
      check: (r) =>
        expect(r.claim).toMatchObject({
          status: 'open',
          host: 'web',
          target: 'https://dl.example.com/acme/acme_vit_h_4b8939.pth',
        }),
    },
    {
      name: 'the model this release fine-tunes ("our fine-tune of [X](hub)") is not the release\'s weights',
      files: {
        'README.md': card({
          intro:
            'Released Acme-13B, our RLHF fine-tune of [Base-13B](https://huggingface.co/other/base-13b), which itself is a fine-tune of [Root](https://huggingface.co/root/root-13b).\n\n| 13B | [checkpoint](https://huggingface.co/acme/acme-13b) |',
        }),
      },
      status: 'mentioned',
      messageId: 'weightsLinked',
      check: (r) => expect(r.data?.['id']).toBe('acme/acme-13b'),
    },
    {
      name: 'a lone checkpoints/ folder holding the only weights holds the final weights',
      files: {
        LICENSE: licenseText('MIT'),
        'checkpoints/converter/model.pth': { size: 1.3e8 },
        'checkpoints/base_speakers/EN/checkpoint.pth': { size: 1.6e8 },
      },
      status: 'open',
      messageId: 'weightsInRepo',
    },
    {
      name: 'step folders under checkpoints/ are training checkpoints, not the final weights',
      files: {
        LICENSE: licenseText('MIT'),
        'checkpoints/step-1000/model.safetensors': { size: 2e9 },
        'checkpoints/step-2000/model.safetensors': { size: 2e9 },
      },
      status: 'missing',
      messageId: 'missing',
    },
  ]);

  testThrowingCriterion('weights', {
    'README.md': card({ frontMatter: { license: 'mit' } }),
    'model.safetensors': { size: 5e9 },
  });

  test('the table covers every status weights can take (unknown through the thrower above)', () => {
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

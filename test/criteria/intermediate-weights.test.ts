import { fixtureComponents } from './fixture-repos.js';
import {
  card,
  hubModel,
  licenseText,
  remote,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const checkpoints = {
  'checkpoints/step-1000/model.safetensors': { size: 1e9, lfs: true },
  'checkpoints/step-2000/model.safetensors': { size: 1e9, lfs: true },
};
const stepDirs = {
  'step1000/model.safetensors': { size: 1e9, lfs: true },
  'step2000/model.safetensors': { size: 1e9, lfs: true },
};
const hubLink = (license = 'apache-2.0') =>
  card({ frontMatter: { license }, intro: 'Weights: https://huggingface.co/acme/model-7b' });

const cases: Case[] = [
  {
    name: 'checkpoint folders under Apache-2.0 are open',
    files: { LICENSE: licenseText('Apache-2.0'), ...checkpoints },
    status: 'open',
    messageId: 'checkpointsInRepo',
  },
  {
    name: 'step-named folders at the root count as checkpoints, one per step',
    files: { LICENSE: licenseText('Apache-2.0'), ...stepDirs },
    status: 'open',
    messageId: 'checkpointsInRepo',
    check: (r) => expect(r.data?.['count']).toBe(2),
  },
  {
    name: 'checkpoints under a Llama license are restricted',
    files: { 'README.md': card({ frontMatter: { license: 'llama2' } }), ...checkpoints },
    status: 'restricted',
    messageId: 'checkpointsInRepo',
  },
  {
    name: 'checkpoints with no license are unlicensed',
    files: checkpoints,
    status: 'unlicensed',
    messageId: 'checkpointsInRepo',
  },
  {
    name: 'online: step revisions of the Hub repository are open under its license',
    files: { 'README.md': hubLink() },
    remote: remote({
      models: {
        'acme/model-7b': hubModel('acme/model-7b', { checkpointRevisions: ['step1000', 'step2000', 'step3000'] }),
      },
    }),
    status: 'open',
    messageId: 'checkpointsOnHub',
    check: (r) => {
      expect(r.verifiedOnline).toBe(true);
      expect(r.data?.['count']).toBe(3);
    },
  },
  {
    name: 'online: step revisions of a gated repository are restricted',
    files: { 'README.md': hubLink() },
    remote: remote({
      models: { 'acme/model-7b': hubModel('acme/model-7b', { gated: true, checkpointRevisions: ['step1000'] }) },
    }),
    status: 'restricted',
    messageId: 'checkpointsOnHub',
  },
  {
    name: 'online: a repository without step revisions gives no checkpoints',
    files: { 'README.md': hubLink() },
    remote: remote({ models: { 'acme/model-7b': hubModel('acme/model-7b') } }),
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a card section on intermediate checkpoints is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Intermediate Checkpoints': 'We saved a checkpoint every 1000 steps and will share them on request.',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsMentioned',
  },
  {
    name: 'checkpoints saved throughout training, or partially trained ones, are a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro:
          'We additionally have 150 checkpoints saved throughout training, one every 1,000 steps.\n\n[Partially trained checkpoints](https://example.org/ckpts/)',
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsMentioned',
    check: (r) => expect(r.evidence).toHaveLength(2),
  },
  {
    name: 'Hub revisions named by step or stage are linked checkpoints: a mention until verified online',
    files: {
      'README.md': card({
        frontMatter: { license: 'apache-2.0' },
        sections: {
          Checkpoints:
            'You can find *all* the checkpoints, at minimum every 1000 training steps:\n\n| Stage 1 | [stage1-step1907359-tokens4001B](https://huggingface.co/acme/m-1b/tree/stage1-step1907359-tokens4001B) |',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsLinked',
    check: (r) =>
      expect(r.evidence[0]?.url).toBe('https://huggingface.co/acme/m-1b/tree/stage1-step1907359-tokens4001B'),
  },
  {
    name: 'a section about the released (final) checkpoints, or converting and downloading them, is not intermediate',
    files: {
      'README.md': card({
        frontMatter: { license: 'apache-2.0' },
        sections: {
          'Released Model Checkpoints':
            'We have released the following checkpoints for pre-trained models described in our paper:\n\n* **Small** (60 million parameters): [gs://acme/small](https://example.org/small/)',
          'Checkpoint conversion':
            'To convert the checkpoint from Hugging Face format to Megatron-LM run tools/checkpoint/util.py after the training.',
          'Downloading Checkpoints': 'Step 1: download the BERT-345M and GPT-345M checkpoints.',
        },
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a Checkpoints section that lists steps is about intermediate checkpoints',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Checkpoints: 'Weights are available for step1000, step2000 and the final step5000 of pre-training.',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsMentioned',
  },
  {
    name: 'a card that loads a checkpoint revision (revision="ckpt_356") names the checkpoints: a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: '```python\nmodel = AutoModel.from_pretrained("acme/m", revision="ckpt_356")\n```',
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsMentioned',
  },
  {
    name: 'unquoted or templated checkpoint revisions are mentions too',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'https://example.org/download?revision=step1000 or revision="step{}".format(i)',
      }),
    },
    status: 'mentioned',
    messageId: 'checkpointsMentioned',
  },
  {
    name: 'a word that only ends in "revision" is not one',
    files: { 'README.md': card({ frontMatter: { license: 'mit' }, intro: 'prerevision="epoch3"' }) },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a revision that is not a checkpoint name (main, v1.0) is no mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'from_pretrained("acme/m", revision="main") or revision="v1.0"',
      }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'intermediate-weights': { location: 'https://example.org/ckpts' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'intermediate-weights': 'a merge of two models, no training run' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
];

describe('intermediate-weights', () => {
  test('fixture data-named-nothing: a section about the final checkpoints: missing', async () => {
    expect((await fixtureComponents('data-named-nothing'))['intermediate-weights']).toMatchObject({
      status: 'missing',
    });
  });
  test('fixture data-documented: a step revision link and checkpoints saved throughout training: mentioned', async () => {
    const c = (await fixtureComponents('data-documented'))['intermediate-weights'];
    expect(c).toMatchObject({ status: 'mentioned', messageId: 'checkpointsLinked' });
  });
  runCases('intermediate-weights', cases);
  testThrowingCriterion('intermediate-weights');
  describe('read as weights', () => {
    runCases('weights', [
      {
        name: 'checkpoint files are not the final weights',
        files: { LICENSE: licenseText('Apache-2.0'), ...checkpoints },
        status: 'missing',
        messageId: 'missing',
      },
    ]);
  });
  test('covers every status but unknown (thrower above)', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unlicensed']);
  });
});

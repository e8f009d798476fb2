import {
  card,
  licenseText,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const CONFIG_YAML =
  'learning_rate: 3.0e-4\nglobal_batch_size: 1024\nmax_steps: 100000\nlr_scheduler_type: cosine\nweight_decay: 0.1\n';
const HYPER = '- learning_rate: 2e-05\n- train_batch_size: 8\n- num_epochs: 3\n- lr_scheduler_type: linear\n';

const cases: Case[] = [
  {
    name: 'a training config with real values under Apache-2.0 is open',
    files: { LICENSE: licenseText('Apache-2.0'), 'configs/pretrain.yaml': CONFIG_YAML },
    status: 'open',
    messageId: 'configFiles',
    check: (r) => expect(String(r.data?.['groups'])).toMatch(/lr.*batch.*steps/),
  },
  {
    name: 'trainer outputs (training_args.bin) hold the settings',
    files: { LICENSE: licenseText('Apache-2.0'), 'training_args.bin': { size: 5000 } },
    status: 'open',
    messageId: 'trainerState',
  },
  {
    name: 'a hyperparameters section with values is open under the card license',
    files: {
      'README.md': card({ frontMatter: { license: 'apache-2.0' }, sections: { 'Training hyperparameters': HYPER } }),
    },
    status: 'open',
    messageId: 'hyperparametersInCard',
  },
  {
    name: 'a config under a Llama license is restricted',
    files: { 'README.md': card({ frontMatter: { license: 'llama3.1' } }), 'configs/pretrain.yaml': CONFIG_YAML },
    status: 'restricted',
    messageId: 'configFiles',
  },
  {
    name: 'a config with no license is unlicensed',
    files: { 'configs/pretrain.yaml': CONFIG_YAML },
    status: 'unlicensed',
    messageId: 'configFiles',
  },
  {
    name: 'a YAML file without hyperparameters is not a training config',
    files: { LICENSE: licenseText('MIT'), 'configs/labels.yaml': 'labels:\n  - cat\n  - dog\n' },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a hyperparameters heading without values is a mention',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: { Hyperparameters: 'We used standard settings for a model of this size.' },
      }),
    },
    status: 'mentioned',
    messageId: 'hyperparametersWithoutValues',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'training-config': { location: 'https://example.org/recipe.yaml' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'training-config': 'a merge, no training' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
];

// The recipe written in code and in nested configs, not only in dedicated config files.
const inCode: Case[] = [
  {
    name: 'a nested `training:` block in a model config under configs/…/ holds the recipe',
    files: {
      LICENSE: licenseText('MIT'),
      'tools/configs/model_configs/txt2audio/model_1_0.json': JSON.stringify(
        {
          model_type: 'diffusion',
          training: {
            learning_rate: 4e-5,
            optimizer_configs: { type: 'AdamW', config: { betas: [0.9, 0.999], weight_decay: 1e-3 } },
          },
        },
        null,
        2,
      ),
    },
    status: 'open',
    messageId: 'configFiles',
    check: (r) => expect(String(r.data?.['groups'])).toBe('lr, optimizer'),
  },
  {
    name: 'Python constants in a training script (`LEARNING_RATE = 3e-4`) are the settings',
    files: {
      LICENSE: licenseText('MIT'),
      'train.py':
        'import torch\n\nLEARNING_RATE = 3e-4\nBATCH_SIZE = 512\nMAX_STEPS = 100_000\n\ndef main():\n    pass\n',
    },
    status: 'open',
    messageId: 'configFiles',
    check: (r) => expect(String(r.data?.['groups'])).toMatch(/^lr, batch, steps$/),
  },
  {
    name: 'argument defaults of a training script are the settings',
    files: {
      LICENSE: licenseText('MIT'),
      'scripts/main.py':
        'p.add_argument("--lr", type=float, default=3e-4)\np.add_argument("--batch_size", type=int, default=64)\n',
    },
    status: 'open',
    messageId: 'configFiles',
  },
  {
    name: 'an inference script that sets a batch size is not a recipe',
    files: { LICENSE: licenseText('MIT'), 'generate.py': 'BATCH_SIZE = 8\nlr = None\n' },
    status: 'missing',
    messageId: 'missing',
  },
];

describe('training-config', () => {
  runCases('training-config', cases);
  runCases('training-config', inCode);
  testThrowingCriterion('training-config');
  test('covers every status but unknown (thrower above)', () => {
    expect(statusesOf(cases)).toEqual(['mentioned', 'missing', 'not-applicable', 'open', 'restricted', 'unlicensed']);
  });
});

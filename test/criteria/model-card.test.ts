import { readFileSync } from 'node:fs';
import {
  card,
  CARD_TOO_LARGE,
  FULL_CARD_SECTIONS,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const full = (frontMatter?: Record<string, unknown>) =>
  card({ ...(frontMatter ? { frontMatter } : {}), sections: FULL_CARD_SECTIONS });
const TEMPLATE = card({
  frontMatter: { license: 'mit' },
  sections: {
    'Model Details': '[More Information Needed]',
    Uses: '[More Information Needed]',
    'Bias, Risks, and Limitations': '[More Information Needed]',
    'Training Details': '[More Information Needed]',
  },
});
const ABOUT_ONLY = card({
  frontMatter: { license: 'mit' },
  sections: {
    About: 'This repository holds a model released by the Acme lab. '.repeat(8),
    Contact: 'Write to the Acme lab through the issue tracker or by email; we answer within a week. '.repeat(4),
  },
});

// The Hub's default card (headings, field lines and placeholders, prose reworded), with a license added.
const HUB_TEMPLATE = readFileSync(new URL('../fixtures/cards/hub-template.md', import.meta.url), 'utf8').replace(
  'library_name: transformers',
  'library_name: transformers\nlicense: mit',
);

// Two real topics (use and training); each case below adds one section that only looks like limitations.
const USE_AND_TRAINING = {
  Usage:
    'Load the model with the transformers library and call generate on a prompt; the model completes source code and answers questions about it.',
  Training:
    'The model was trained on a mixture of permissively licensed source code for one epoch on a cluster of accelerators, with the usual next-token objective.',
};

const cases: Case[] = [
  {
    name: 'a card covering use, limits, training and evaluation under MIT is open',
    files: { 'README.md': full({ license: 'mit' }) },
    status: 'open',
    messageId: 'modelCardPresent',
    check: (r) => {
      expect(r.license).toBe('MIT');
      // the title's section and its four
      expect(r.data).toMatchObject({ path: 'README.md', frontMatter: true, sections: 5 });
    },
  },
  {
    name: 'MODEL_CARD.md is preferred over README.md',
    files: { 'MODEL_CARD.md': full({ license: 'apache-2.0' }), 'README.md': '# Repo\n\nSee the model card.' },
    status: 'open',
    messageId: 'modelCardPresent',
    check: (r) => expect(r.data?.['path']).toBe('MODEL_CARD.md'),
  },
  {
    name: 'a card under CC-BY-NC-4.0 is restricted',
    files: { 'README.md': full({ license: 'cc-by-nc-4.0' }) },
    status: 'restricted',
    messageId: 'modelCardPresent',
  },
  {
    name: 'a full card without any license is unlicensed',
    files: { 'README.md': full() },
    status: 'unlicensed',
    messageId: 'modelCardPresent',
  },
  {
    name: 'a template whose sections are all [More Information Needed] documents nothing',
    files: { 'README.md': TEMPLATE },
    status: 'mentioned',
    messageId: 'modelCardTemplate',
  },
  {
    name: "the Hub's untouched default card is a template, not documentation",
    files: { 'README.md': HUB_TEMPLATE },
    status: 'mentioned',
    messageId: 'modelCardTemplate',
  },
  {
    name: 'a long page that speaks of none of the topics is not a model card (missing)',
    files: { 'README.md': ABOUT_ONLY },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
    check: (r) =>
      expect(r.message).toBe(
        'README.md is not a model card: it documents none of architecture, training, evaluation and limitations',
      ),
  },
  {
    name: 'usage and licensing with one more topic is a usage page, not a model card (the experts: "mostly usage and licensing is closed")',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Usage: USE_AND_TRAINING.Usage,
          Evaluation: 'On held-out benchmarks the model scores 61.2 on MMLU and 48.0 on GSM8K.',
          License: 'MIT.',
        },
      }),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
    check: (r) => expect(r.message).toMatch(/documents only evaluation of architecture/),
  },
  {
    name: 'training and evaluation sections that are procedures ("1. Install … run this") give no insight into how the model was trained or evaluated',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Disclaimer:
            'This model has not been tested for safety. It may generate harmful or toxic content and is meant for research demos only.',
          Training:
            '0. You need a GPU with 16GB of memory.\n1. Install the dependencies with\n```bash\npip install -r requirements.txt\n```\n2. Run this command:\n```bash\npython train_sft.py -b 2\n```\n3. Once it has finished, run the reward model training.',
          Evaluate:
            '1. Put your key into a file called key.json.\n2. Inside `src`, run this:\n```bash\npython evaluate.py -s /path/to/model\n```',
        },
      }),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
    check: (r) => expect(r.message).toMatch(/documents only limitations of architecture/),
  },
  {
    name: 'a training section that describes the run, with its command, is insight into the training',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          Limitations:
            'The model may produce factually wrong statements and reflects the biases of its web training corpus.',
          Training:
            'We trained the model for 300B tokens on 64 GPUs with a cosine schedule and a peak learning rate of 3e-4; the run took nine days.\n```bash\ntorchrun train.py --config configs/base.yaml\n```',
        },
      }),
    },
    status: 'mentioned',
    messageId: 'modelCardIncomplete',
    check: (r) => expect(r.message).toMatch(/documents limitations and training/),
  },
  {
    name: 'two of architecture, training, evaluation and limitations make a partial card',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Model Architecture': 'A decoder-only transformer with 24 layers and rotary embeddings.',
          Training: USE_AND_TRAINING.Training,
        },
      }),
    },
    status: 'mentioned',
    messageId: 'modelCardIncomplete',
    check: (r) =>
      expect(r.message).toMatch(
        /documents architecture and training, but not intended use, limitations and evaluation/,
      ),
  },
  {
    name: 'no card but a declaration is a mention',
    files: { 'model.safetensors': { size: 5e9 } },
    config: { declarations: { 'model-card': { location: 'https://example.org/card' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  {
    name: 'no card at all is missing',
    files: { 'model.safetensors': { size: 5e9 } },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'not-applicable from config',
    files: { 'README.md': full({ license: 'mit' }) },
    config: { 'not-applicable': { 'model-card': 'documented in the parent repository' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  {
    name: 'a card too large to read is unknown, never missing',
    ...CARD_TOO_LARGE,
    status: 'unknown',
    messageId: 'cardUnreadable',
    check: (r) => expect(r.message).toMatch(/README\.md could not be read \(too-large\)/),
  },
  {
    name: 'a binary README is unknown',
    files: { 'README.md': { size: 4000 } },
    skipped: [{ path: 'README.md', reason: 'binary' }],
    status: 'unknown',
    messageId: 'cardUnreadable',
  },
];

const withSection = (heading: string, body: string) =>
  card({ frontMatter: { license: 'mit' }, sections: { ...USE_AND_TRAINING, [heading]: body } });
const APACHE_NOTICE = [
  '```',
  'Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an',
  '"AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the License for the specific',
  'language governing permissions and limitations under the License.',
  '```',
].join('\n');

// Words that look like the limitations topic but are not about the model: each card would have
// three topics (and be open) if they counted; without them it documents only the training.
const notLimitations: Case[] = [
  {
    name: 'a "Weights & Biases" logging section is not a limitations section',
    files: {
      'README.md': withSection(
        'Weights & Biases',
        'To log metrics, log in with your Weights & Biases token and pass `--report-to wandb` to the training script.',
      ),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
    check: (r) => expect(r.message).toMatch(/documents only training of architecture/),
  },
  {
    name: 'a link to a "#weights--biases" anchor is not prose about biases',
    files: {
      'README.md': withSection(
        'Logging',
        'Metrics can be sent to a tracker; see [the tracker section](#weights--biases) for the setup and the token it needs.',
      ),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
  },
  {
    name: 'a parameter table naming `ln.bias` and a bias added to a step are not limitations',
    files: {
      'README.md': withSection(
        'Parameters',
        '| name | shape |\n| --- | --- |\n| blocks.0.ln0.bias | [2048] |\n| head.weight | [2048, 65536] |\n\nAdd some bias to the step for extra randomness when sampling the corpus.',
      ),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
  },
  {
    name: 'the Apache notice ("limitations under the License") is not a limitations section',
    files: {
      'README.md': withSection(
        'License',
        `This repository is licensed under the Apache License 2.0:\n\n${APACHE_NOTICE}\n\nThe same notice outside a code block: see the License for the specific language governing permissions and limitations under the License.`,
      ),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
  },
  {
    name: 'words in a code block ("# may produce up to 64 tokens") are not prose about limitations',
    files: {
      'README.md': withSection(
        'Example',
        'Generate a completion:\n\n```python\nout = model.generate(ids, max_new_tokens=64)  # may produce up to 64 tokens\n```',
      ),
    },
    status: 'missing',
    messageId: 'modelCardUsageOnly',
  },
  {
    name: 'prose about the social biases of the model still documents limitations',
    files: {
      'README.md': withSection(
        'Notes',
        'The model reflects social bias present in public code and comments; review its outputs before relying on them.',
      ),
    },
    status: 'open',
    messageId: 'modelCardPresent',
  },
  {
    name: 'a model that "may exhibit bias" documents limitations',
    files: {
      'README.md': withSection(
        'Notes',
        'Like other language models, it may exhibit bias against some groups of people; review its outputs before relying on them.',
      ),
    },
    status: 'open',
    messageId: 'modelCardPresent',
  },
];

describe('model-card', () => {
  runCases('model-card', cases);
  runCases('model-card', notLimitations);
  testThrowingCriterion('model-card');
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

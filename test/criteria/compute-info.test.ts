import { readFileSync } from 'node:fs';
import {
  card,
  CARD_TOO_LARGE,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';

const section = (license?: string) =>
  card({
    ...(license ? { frontMatter: { license } } : {}),
    sections: { 'Compute Infrastructure': 'Trained for 21 days on 512 H100 GPUs (about 250,000 GPU-hours).' },
  });

// The shape of the Hugging Face card template's section, as auto-generated cards ship it.
const TEMPLATE_SECTION = [
  '<!-- Total emissions (in grams of CO2eq) and additional considerations. -->',
  '',
  '- **Hardware Type:** [More Information Needed]',
  '- **Hours used:** [More Information Needed]',
  '- **Cloud Provider:** [More Information Needed]',
  '- **Compute Region:** [More Information Needed]',
  '- **Carbon Emitted:** [More Information Needed]',
].join('\n');

const cases: Case[] = [
  {
    name: 'co2_eq_emissions in the front matter is open under the card license',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit', co2_eq_emissions: { emissions: 1200, source: 'codecarbon' } },
      }),
    },
    status: 'open',
    messageId: 'computeEmissions',
  },
  {
    name: 'a compute section naming GPUs and GPU-hours is open',
    files: { 'README.md': section('apache-2.0') },
    status: 'open',
    messageId: 'computeSection',
    check: (r) => expect(r.data?.['section']).toBe('compute infrastructure'),
  },
  {
    name: 'hardware named in the text is open',
    files: {
      'README.md': card({ frontMatter: { license: 'mit' }, intro: 'We trained the model on 64 A100 GPUs for a week.' }),
    },
    status: 'open',
    messageId: 'computeInText',
  },
  {
    name: 'a compute section under CC-BY-NC is restricted',
    files: { 'README.md': section('cc-by-nc-4.0') },
    status: 'restricted',
    messageId: 'computeSection',
  },
  {
    name: 'a compute section with no license is unlicensed',
    files: { 'README.md': section() },
    status: 'unlicensed',
    messageId: 'computeSection',
  },
  {
    name: "the Hub template's Environmental Impact section, values all placeholders, documents nothing",
    files: {
      'README.md': card({ frontMatter: { license: 'mit' }, sections: { 'Environmental Impact': TEMPLATE_SECTION } }),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: "the Hub's untouched default card reports no compute",
    files: { 'README.md': readFileSync(new URL('../fixtures/cards/hub-template.md', import.meta.url), 'utf8') },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'the same section with real values is open',
    files: {
      'README.md': card({
        frontMatter: { license: 'mit' },
        sections: {
          'Environmental Impact': TEMPLATE_SECTION.replace(
            '- **Hardware Type:** [More Information Needed]',
            '- **Hardware Type:** 8x A100 80GB',
          ).replace('- **Hours used:** [More Information Needed]', '- **Hours used:** 120'),
        },
      }),
    },
    status: 'open',
    messageId: 'computeSection',
  },
  {
    name: 'a declaration is a mention',
    files: { 'README.md': card() },
    config: { declarations: { 'compute-info': { location: 'https://example.org/energy-report' } } },
    status: 'mentioned',
    messageId: 'declared',
  },
  { name: 'nothing is missing', files: { 'README.md': card() }, status: 'missing', messageId: 'missing' },
  {
    name: 'not-applicable from config',
    files: { 'README.md': card() },
    config: { 'not-applicable': { 'compute-info': 'trained on a laptop in minutes' } },
    status: 'not-applicable',
    messageId: 'notApplicable',
  },
  { name: 'an unreadable card makes it unknown', ...CARD_TOO_LARGE, status: 'unknown', messageId: 'cardUnreadable' },
];

describe('compute-info', () => {
  runCases('compute-info', cases);
  runCases('compute-info', [
    {
      name: 'the #SBATCH header of a training job books the hardware',
      files: {
        'README.md': card({ frontMatter: { license: 'apache-2.0' } }),
        'pretrain/1_pretraining/pretrain_lm.slurm':
          '#!/bin/bash\n#SBATCH --job-name=pretrain\n#SBATCH --nodes=64\n#SBATCH --gres=gpu:8\nsrun python train.py\n',
      },
      status: 'open',
      messageId: 'computeInBatchJobs',
      check: (r) =>
        expect(r.message).toBe('1 batch job books the hardware (64 nodes, 8 GPUs per node) under Apache-2.0'),
    },
    {
      name: 'a shell script without a batch header books nothing',
      files: {
        'README.md': card({ frontMatter: { license: 'apache-2.0' } }),
        'run_train.sh': '#!/bin/bash\npython train.py --nodes 4\n',
      },
      status: 'missing',
      messageId: 'missing',
    },
  ]);
  testThrowingCriterion('compute-info');
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

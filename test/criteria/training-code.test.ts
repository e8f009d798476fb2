import {
  card,
  githubRepo,
  licenseText,
  remote,
  runCases,
  statusesOf,
  testThrowingCriterion,
  type Case,
} from '../helpers/snapshot-builder.js';
import { CODE_STATUSES, codeCases } from './code-cases.js';

const cases = codeCases({
  id: 'training-code',
  file: 'train.py',
  linkLine: (url) => `Training code: ${url}`,
  mention: 'The training code is available on request.',
});

const MIT = licenseText('MIT');
const cardWithLine = (intro: string) => card({ frontMatter: { license: 'mit' }, intro });
/** A base model's card that offers fine-tuning to its users. */
const offersFineTuning = (extra: { frontMatter?: Record<string, unknown>; intro?: string } = {}) =>
  card({
    frontMatter: { license: 'mit', ...extra.frontMatter },
    ...(extra.intro ? { intro: extra.intro } : {}),
    sections: {
      'How to fine-tune':
        'We provide `finetune/finetune.py` for users to fine-tune the model on downstream tasks with their own data.',
    },
  });

// A fine-tuning script offered to users adapts the release; it is not the code that trained it.
const adaptation: Case[] = [
  {
    name: 'a launch script in scripts/ is training code',
    files: { LICENSE: 'MIT License\n\nCopyright (c) 2024 Acme', 'scripts/train_lm.sh': 'torchrun ...' },
    status: 'open',
    messageId: 'codeInRepo',
  },
  {
    name: "a base model's fine-tuning script offered to users is mentioned, not open",
    files: {
      LICENSE: MIT,
      'README.md': offersFineTuning(),
      'finetune/finetune.py': 'import peft',
      'finetune/merge_peft_adapters.py': 'import peft',
    },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
    check: (r) => {
      // merging adapters is not training
      expect(r.message).toMatch(/\(finetune\/finetune\.py\), not the code that trained it/);
      expect(r.evidence.some((e) => e.kind === 'card-section')).toBe(true);
    },
  },
  {
    name: 'the training of a chat variant and a LoRA script "to fine-tune on your data" are not the base model\'s training code',
    files: {
      LICENSE: MIT,
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'You can fine-tune the model to meet your specific requirements.',
      }),
      'chat/train.py': 'import trl',
      'scripts/run_sft_lora.sh': 'deepspeed ...',
    },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
  },
  {
    name: 'a release that is itself a fine-tune (base_model:) keeps its fine-tuning code as training code',
    files: {
      LICENSE: MIT,
      'README.md': offersFineTuning({ frontMatter: { base_model: 'acme/base-7b' } }),
      'finetune/finetune.py': 'import peft',
    },
    status: 'open',
    messageId: 'codeInRepo',
  },
  {
    name: 'pre-training code next to the fine-tuning script is training code',
    files: {
      LICENSE: MIT,
      'README.md': offersFineTuning(),
      'finetune/finetune.py': 'import peft',
      'pretrain/pretrain_gpt.py': 'import megatron',
    },
    status: 'open',
    messageId: 'codeInRepo',
  },
  {
    name: 'the tuning scripts of a released chat variant, with no pre-training code, are only part of the recipe (mentioned)',
    files: {
      LICENSE: MIT,
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'The chat model was fine-tuned with the scripts in the finetune folder.',
      }),
      'finetune/instruction_finetune.sh': 'deepspeed ...',
      'finetune/dpo.sh': 'deepspeed ...',
    },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
  },
  {
    name: 'LoRA colabs, P-tuning scripts and demos in any language are adaptation, not the training pipeline',
    files: {
      LICENSE: MIT,
      'colabs/lora_finetuning.ipynb': '{}',
      'ptuning/train.sh': 'torchrun main.py',
      'ptuning/trainer.py': 'import torch',
      'examples/sft_trainer.jl': 'using Flux',
    },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
  },
  {
    name: 'pre-training configs anywhere in the tree (pretrain/params/*.yaml) make the fine-tuning code part of a full pipeline',
    files: { LICENSE: MIT, 'finetune/finetune.py': 'import peft', 'pretrain/params/phase1/params.yaml': 'lr: 3e-4\n' },
    status: 'open',
    messageId: 'codeInRepo',
  },
  {
    name: 'a figure of the pre-training is not pre-training code',
    files: { LICENSE: MIT, 'finetune/finetune.py': 'import peft', 'pictures/model_pretraining.png': { size: 140_000 } },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
  },
  {
    name: 'training a tokenizer or converting weights is not training the model',
    files: {
      LICENSE: MIT,
      'data/train_tokenizer.py': 'import sentencepiece',
      'training/ds_to_hf_converter.py': 'import torch',
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: "a folder named after a chat model (chatglm/) is not a chat variant's folder",
    files: { LICENSE: MIT, 'README.md': offersFineTuning(), 'chatglm/train.py': 'import torch' },
    status: 'open',
    messageId: 'codeInRepo',
  },
  {
    name: 'fine-tuning code is mentioned whether or not the card offers it to users; the offer is shown as evidence when there',
    files: {
      LICENSE: MIT,
      'README.md': card({
        frontMatter: { license: 'mit' },
        intro: 'The chat model was fine-tuned on user conversations shared with consent.',
      }),
      'finetune/finetune_chat.py': 'import trl',
    },
    status: 'mentioned',
    messageId: 'fineTuningForUsers',
    check: (r) => expect(r.evidence.some((e) => e.kind === 'card-section')).toBe(false),
  },
  {
    name: 'online: a linked training repository verified under Apache-2.0 wins over a fine-tuning script for users',
    files: {
      LICENSE: MIT,
      'README.md': offersFineTuning({ intro: 'Training code: https://github.com/acme/pretrain' }),
      'finetune/finetune.py': 'import peft',
    },
    remote: remote({ github: { 'acme/pretrain': githubRepo('acme/pretrain') } }),
    status: 'open',
    messageId: 'codeOnGithub',
  },
];

// Links that are not the release's code: general-purpose libraries, and the repository itself.
const notTheCode: Case[] = [
  {
    name: 'a link to a general-purpose library ("trained with transformers") is not the release\'s training code',
    files: {
      LICENSE: MIT,
      'README.md': cardWithLine(
        'We trained the model with https://github.com/huggingface/transformers and https://github.com/kaldi-asr/kaldi/tree/master/egs/wsj/s5 recipes.',
      ),
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: 'a link into this repository (a blob whose path is here) adds nothing: its files are judged as files',
    files: {
      LICENSE: MIT,
      'README.md': cardWithLine('Training details: https://github.com/acme/lm/blob/main/docs/training.md'),
      'docs/training.md': '# Training\n',
    },
    status: 'missing',
    messageId: 'missing',
  },
  {
    name: "the same line linking the release's own training repository elsewhere is a link",
    files: { LICENSE: MIT, 'README.md': cardWithLine('Training code: https://github.com/acme/lm-train') },
    status: 'mentioned',
    messageId: 'codeLinked',
  },
];

describe('training-code', () => {
  runCases('training-code', notTheCode);
  runCases('training-code', cases);
  runCases('training-code', adaptation);
  testThrowingCriterion('training-code');
  test('covers every status', () => expect(statusesOf(cases)).toEqual(CODE_STATUSES));
});

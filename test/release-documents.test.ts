// The whole release is read, not one file: README.md beside MODEL_CARD.md, the cards under
// model_cards/, a copy of the Hub card, and the repository's own documents the card links to.
// Models inside tests, fixtures and examples are not the release.
import { gatherEvidence } from '../src/core/evidence/gather.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import {
  card,
  FULL_CARD_SECTIONS,
  firstModel,
  licenseText,
  run,
  snapshot,
  type SnapshotSpec,
} from './helpers/snapshot-builder.js';

const evidenceOf = (files: SnapshotSpec['files']) => gatherEvidence(snapshot({ files }), DEFAULT_CONFIG).models;

describe('the card spans the release documents', () => {
  test('README.md and MODEL_CARD.md are read together: the README links the weights, the card documents the model', () => {
    const files = {
      LICENSE: licenseText('Apache-2.0'),
      'README.md': '# Acme LM\n\nThe weights are on the Hub: [acme/lm-7b](https://huggingface.co/acme/lm-7b).\n',
      'MODEL_CARD.md': card({ title: 'Acme LM model card', sections: FULL_CARD_SECTIONS }),
    };
    const [model] = evidenceOf(files);
    expect(model!.card!.parts.map((p) => p.path)).toEqual(['MODEL_CARD.md', 'README.md']);
    const report = firstModel(snapshot({ files }));
    expect(report.components.weights).toMatchObject({ status: 'mentioned', messageId: 'weightsLinked' });
    expect(report.components['model-card'].status).toBe('open');
    // Evidence points at the document the fact is in.
    expect(report.components.weights.evidence[0]).toMatchObject({ path: 'README.md', line: 3 });
  });

  test('the README with model-card front matter is the primary document: its fields are the card fields', () => {
    const [model] = evidenceOf({
      'MODEL_CARD.md': '# Card\n\nSome words.\n',
      'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus'] } }),
    });
    expect(model!.card!.path).toBe('README.md');
    expect(model!.card!.frontMatter).toMatchObject({ license: 'mit' });
  });

  test('model cards under model_cards/ and a copy of the Hub card join the card; sections keep their paths', () => {
    const [model] = evidenceOf({
      'README.md': '# A library of audio models\n\nSee the model cards.\n',
      'model_cards/MUSIC_MODEL_CARD.md': '# Music model\n\n## Training data\n\nLicensed music.\n',
      'assets/hugging_face/README_model.md': '# Model Card for Acme-7B\n\n## Evaluation\n\nScores.\n',
      'docs/notes.md': '# Notes\n\n## Unrelated\n\nNothing.\n',
    });
    const parts = model!.card!.parts.map((p) => p.path);
    expect(parts).toEqual(['README.md', 'assets/hugging_face/README_model.md', 'model_cards/MUSIC_MODEL_CARD.md']);
    const training = model!.card!.sections.find((s) => s.heading === 'training data');
    expect(training).toMatchObject({ path: 'model_cards/MUSIC_MODEL_CARD.md', line: 3 });
  });

  test('a document whose first heading says "Model Card" counts, under any folder name', () => {
    const [model] = evidenceOf({
      'README.md': '# Repo\n',
      'hf/README.md': '<!-- copied from the Hub -->\n# Model Card for Acme\n\nText.\n',
    });
    expect(model!.card!.parts.map((p) => p.path)).toContain('hf/README.md');
  });

  test('documents the card links to are read for weights and papers, but are not the card', () => {
    const files = {
      LICENSE: licenseText('MIT'),
      'README.md': card({ sections: { Usage: 'Please see [usage](docs/USAGE.md) for detailed instructions.' } }),
      'docs/USAGE.md':
        '# Usage\n\nDownload the checkpoint from [here](https://huggingface.co/acme/voice) and put it in `checkpoints/`.\n\nRead [our paper](https://arxiv.org/abs/2401.00001).\n',
    };
    const [model] = evidenceOf(files);
    expect(model!.docs.map((d) => d.path)).toEqual(['docs/USAGE.md']);
    expect(model!.card!.parts.map((p) => p.path)).toEqual(['README.md']);
    const report = firstModel(snapshot({ files }));
    expect(report.components.weights).toMatchObject({ status: 'mentioned', messageId: 'weightsLinked' });
    expect(report.components.weights.evidence[0]).toMatchObject({ path: 'docs/USAGE.md' });
    expect(report.components['technical-report'].status).toBe('open');
  });

  test('a link to a GitHub blob of a document held here is followed; a link leaving the repository is not', () => {
    const [model] = evidenceOf({
      'README.md':
        '# M\n\n[Training](https://github.com/acme/m/blob/main/docs/TRAINING.md) and [escape](../../etc/passwd.md).\n',
      'docs/TRAINING.md': '# Training\n',
    });
    expect(model!.docs.map((d) => d.path)).toEqual(['docs/TRAINING.md']);
  });
});

describe('the model is the release, not its tests', () => {
  const tiny = {
    'tests/fixtures/tiny-model/README.md': card({
      frontMatter: { license: 'apache-2.0', library_name: 'transformers' },
    }),
    'tests/fixtures/tiny-model/config.json':
      '{"architectures": ["LlamaForCausalLM"], "transformers_version": "4.40.0"}',
    'tests/fixtures/tiny-model/model.safetensors': { size: 40_000 },
    'test_fixtures/test-model/README.md': card({ frontMatter: { license: 'apache-2.0' } }),
    'test_fixtures/test-model/model.safetensors': { size: 40_000 },
    'examples/demo-model/model_card.md': '# Demo\n',
  };

  test('a tiny model inside tests/ or test_fixtures/ is neither a model nor the release weights', () => {
    const report = run(
      snapshot({
        files: {
          'README.md': '# Acme trainer\n\nTrains language models.\n',
          LICENSE: licenseText('Apache-2.0'),
          ...tiny,
        },
      }),
    );
    expect(report.models.map((m) => m.path)).toEqual(['.']);
    expect(report.models[0]!.components.weights.status).toBe('missing');
    expect(report.models[0]!.ladder.level).toBe('closed');
  });
});

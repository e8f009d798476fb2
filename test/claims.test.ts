// An honest headline: what the evidence proves stays the level; what the release claims
// (links not followed offline, declarations, failed lookups) is named beside it as
// unverified, never "Closed". Declarations are the maintainer's statement and are never
// dropped; the gate says "not verified" rather than failing red.
import { decide } from '../src/app/conclusion.js';
import { gate } from '../src/core/frameworks/requirements.js';
import { renderBadge, renderBadgeSvg } from '../src/core/render/badge.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import {
  card,
  config,
  FULL_CARD_SECTIONS,
  hubDataset,
  hubModel,
  licenseText,
  remote,
  run,
  snapshot,
  type SnapshotSpec,
} from './helpers/snapshot-builder.js';

/** A fully open release whose weights and data live on the Hub and whose code is here. */
const hubRelease = (license = 'apache-2.0'): SnapshotSpec['files'] => ({
  'README.md': card({
    frontMatter: { license, datasets: ['acme/corpus'] },
    intro: 'Download the weights from [acme/lm-1b](https://huggingface.co/acme/lm-1b).',
    sections: FULL_CARD_SECTIONS,
  }),
  LICENSE: licenseText(license === 'apache-2.0' ? 'Apache-2.0' : 'Llama-3.1'),
  'train.py': { size: 4000 },
  'scripts/preprocess_data.py': { size: 3000 },
  'configs/pretrain.yaml':
    'optimizer:\n  lr: 3.0e-4\n  weight_decay: 0.1\nbatch_size: 1024\nmax_steps: 100000\nwarmup_steps: 2000\n',
});

describe('the level the release claims', () => {
  test('offline, Hub links hold the level down: the proven level stays, the headline names the claimed one and what was not checked', () => {
    const model = run(snapshot({ files: hubRelease() })).models[0]!;
    expect(model.ladder.level).toBe('closed');
    expect(model.ladder.claimed).toEqual({ level: 'open-source', unverified: ['weights', 'training-data'] });
    expect(model.ladder.headline).toBe(
      'Open source, unverified: the final weights are linked on the Hub (acme/lm-1b) and the training data is linked on the Hub (acme/corpus), not checked offline',
    );
    expect(model.ladder.headline.startsWith('Closed')).toBe(false);
    expect(model.components.weights).toMatchObject({
      status: 'mentioned',
      claim: { status: 'open', via: 'link', host: 'hub', target: 'acme/lm-1b', license: 'Apache-2.0' },
    });
  });

  test('online, the same links verified make the level proven and drop the claim', () => {
    const facts = remote({
      models: { 'acme/lm-1b': hubModel('acme/lm-1b') },
      datasets: { 'acme/corpus': hubDataset('acme/corpus') },
    });
    const model = run(snapshot({ files: hubRelease(), remote: facts })).models[0]!;
    expect(model.ladder.level).toBe('open-source');
    expect(model.ladder.claimed).toBeUndefined();
    expect(model.components.weights.claim).toBeUndefined();
  });

  test('online, a link that was followed and led to nothing claims nothing', () => {
    const facts = remote({
      models: { 'acme/lm-1b': hubModel('acme/lm-1b', { state: 'not-found', files: [] }) },
      datasets: { 'acme/corpus': hubDataset('acme/corpus') },
    });
    const model = run(snapshot({ files: hubRelease(), remote: facts })).models[0]!;
    expect(model.components.weights.status).toBe('mentioned');
    expect(model.components.weights.claim).toBeUndefined();
    expect(model.ladder).toMatchObject({ level: 'closed' });
    expect(model.ladder.claimed).toBeUndefined();
  });

  test('a failed lookup is never a red verdict: the weights could not be checked, the level is claimed', () => {
    const facts = remote({
      models: { 'acme/lm-1b': hubModel('acme/lm-1b', { state: 'unavailable', error: 'HTTP 503', files: [] }) },
      datasets: { 'acme/corpus': hubDataset('acme/corpus') },
    });
    const model = run(snapshot({ files: hubRelease(), remote: facts })).models[0]!;
    expect(model.components.weights).toMatchObject({
      status: 'unknown',
      claim: { via: 'lookup-failed', target: 'acme/lm-1b' },
    });
    expect(model.ladder.claimed?.level).toBe('open-source');
    expect(model.ladder.headline).toBe(
      'Open source, unverified: the final weights could not be checked on the Hub (acme/lm-1b)',
    );
  });

  test('weights linked under the Llama license claim restricted weights, named with their terms', () => {
    const model = run(snapshot({ files: hubRelease('llama3.1') })).models[0]!;
    expect(model.ladder.level).toBe('closed');
    expect(model.ladder.claimed?.level).toBe('restricted-weights');
    expect(model.ladder.headline).toMatch(
      /^Restricted weights, unverified: the final weights are linked on the Hub \(acme\/lm-1b\) under LicenseRef-Llama-3\.1/,
    );
  });

  test('a download page behind a request form claims gated weights, whatever the license', () => {
    const files = {
      LICENSE: licenseText('MIT'),
      'README.md':
        '# Acme\n\nTo download the model weights, please visit the [Acme website](https://acme.example/downloads) and accept our license.\n',
    };
    const model = run(snapshot({ files })).models[0]!;
    expect(model.components.weights.claim).toMatchObject({
      status: 'restricted',
      host: 'web',
      target: 'https://acme.example/downloads',
    });
    expect(model.ladder.headline).toMatch(
      /^Restricted weights, unverified: the final weights are linked at https:\/\/acme\.example\/downloads under MIT/,
    );
  });

  test('offline, the evaluation datasets named in model-index are claimed on the Hub', () => {
    const files = {
      'README.md': card({
        frontMatter: {
          license: 'mit',
          'model-index': [
            {
              name: 'm',
              results: [{ dataset: { type: 'acme/bench', name: 'Bench' }, metrics: [{ type: 'acc', value: 0.5 }] }],
            },
          ],
        },
      }),
    };
    const result = run(snapshot({ files })).models[0]!.components['evaluation-data'];
    expect(result).toMatchObject({ status: 'mentioned', claim: { via: 'link', host: 'hub', target: 'acme/bench' } });
  });

  test('prose without a pointer claims nothing: "trained on our internal corpus" never lifts the level', () => {
    const files = {
      LICENSE: licenseText('MIT'),
      'README.md': card({ intro: 'We release the weights soon. It was trained on our internal corpus.' }),
    };
    const model = run(snapshot({ files })).models[0]!;
    expect(model.ladder.claimed).toBeUndefined();
    expect(model.ladder.headline.startsWith('Closed')).toBe(true);
  });
});

describe('declarations count', () => {
  test('a declared component counts toward the claimed level, with its license normalised to SPDX', () => {
    const files = {
      ...hubRelease(),
      'README.md': card({
        frontMatter: { license: 'apache-2.0' },
        intro: 'Weights: https://huggingface.co/acme/lm-1b',
        sections: FULL_CARD_SECTIONS,
      }),
    };
    const cfg = config({
      declarations: { 'training-data': { location: 'https://data.example.org/corpus', license: 'cc-by-4.0' } },
    });
    const report = run(snapshot({ files }), cfg);
    const model = report.models[0]!;
    expect(model.components['training-data']).toMatchObject({
      status: 'mentioned',
      messageId: 'declared',
      license: 'CC-BY-4.0',
      claim: { status: 'open', via: 'declaration', host: 'web' },
    });
    expect(model.ladder.claimed?.unverified).toEqual(['weights', 'training-data']);
    expect(model.ladder.headline).toContain('the training data is declared at https://data.example.org/corpus');
  });

  test('an unknown declared license is kept as written, warned about, and claims restricted (never guessed open)', () => {
    const cfg = config({
      declarations: { weights: { location: 'https://models.example.org/lm', license: 'Acme Model Terms' } },
    });
    const report = run(snapshot({ files: { 'README.md': card() } }), cfg);
    expect(
      report.problems.some((p) => p.ruleId === 'declaration-license-unknown' && p.message.includes('Acme Model Terms')),
    ).toBe(true);
    expect(report.models[0]!.components.weights.claim?.status).toBe('restricted');
  });

  test('a declaration is never dropped because the card also names something: it wins over the mention and keeps its evidence', () => {
    const files = { 'README.md': card({ frontMatter: { license: 'mit', datasets: ['acme/corpus'] } }) };
    const cfg = config({
      declarations: { 'training-data': { location: 'https://data.example.org/corpus', license: 'CC-BY-4.0' } },
    });
    const result = run(snapshot({ files }), cfg).models[0]!.components['training-data'];
    expect(result.messageId).toBe('declared');
    expect(result.evidence.map((e) => e.kind)).toEqual(['declaration', 'card-field']);
  });

  test('beside open files in the repository, the declaration is shown as evidence too', () => {
    const files = { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'model.safetensors': { size: 5e9 } };
    const cfg = config({
      declarations: { weights: { location: 'https://huggingface.co/acme/lm-1b', license: 'Apache-2.0' } },
    });
    const result = run(snapshot({ files }), cfg).models[0]!.components.weights;
    expect(result.status).toBe('open');
    expect(result.evidence.some((e) => e.kind === 'declaration')).toBe(true);
  });
});

describe('the gate on a claimed level', () => {
  const claimed = () => run(snapshot({ files: hubRelease() }), config({ require: 'open-weights' }));

  test('a requirement met only by the claim is not met, flagged unverified, and says how to confirm', () => {
    const report = claimed();
    const g = gate(report, 'open-weights')!;
    expect(g).toMatchObject({ met: false, unverified: true });
    expect(g.failures[0]).toMatch(/claimed but not verified \(weights\).*run the check online, or declare/);
  });

  test('the App concludes neutral, not failure, for an unverified result; a proven shortfall still fails', () => {
    expect(decide(claimed(), { ...DEFAULT_CONFIG, require: 'open-weights' }).conclusion).toBe('neutral');
    const closed = run(snapshot({ files: { 'README.md': card() } }), config({ require: 'open-weights' }));
    expect(decide(closed, { ...DEFAULT_CONFIG, require: 'open-weights' }).conclusion).toBe('failure');
  });

  test('the badge is grey and says unverified', () => {
    const ladder = claimed().models[0]!.ladder;
    expect(renderBadge(ladder)).toEqual({
      schemaVersion: 1,
      label: 'truly open',
      message: 'open source, unverified',
      color: 'lightgrey',
    });
    expect(renderBadgeSvg(ladder)).toContain('#9f9f9f');
    expect(renderBadge('open-weights').color).toBe('yellow');
  });
});

describe('the command line on a claimed level', () => {
  test('--require is not met (exit 1) and stderr says it is unverified and how to confirm', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { main } = await import('../src/cli/main.js');
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-claims-'));
    try {
      writeFileSync(join(dir, 'LICENSE'), licenseText('Apache-2.0'));
      writeFileSync(
        join(dir, 'README.md'),
        card({
          frontMatter: { license: 'apache-2.0' },
          intro: 'Weights: [acme/lm-1b](https://huggingface.co/acme/lm-1b)',
        }),
      );
      let stdout = '';
      let stderr = '';
      const io = {
        stdout: (s: string) => void (stdout += s),
        stderr: (s: string) => void (stderr += s),
        env: {},
        isTTY: false,
        stderrTTY: false,
      };
      expect(await main(['check', dir, '--offline', '--require', 'open-weights', '--format', 'json'], io)).toBe(1);
      expect(JSON.parse(stdout).models[0].requirement).toMatchObject({ met: false, unverified: true });
      expect(stderr).toMatch(
        /^truly-open: open-weights not met: .*claimed but not verified \(weights\): run the check online/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

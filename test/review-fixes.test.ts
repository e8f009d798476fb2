// Verdicts a review found too generous or too harsh, each pinned by the case that showed it.
import { describe, expect, test } from '@jest/globals';
import {
  card,
  config,
  firstModel,
  hubDataset,
  hubModel,
  remote,
  snapshot,
  tester,
} from './helpers/snapshot-builder.js';

const weights = tester('weights');
const trainingData = tester('training-data');
const dataCard = tester('data-card');
const intermediate = tester('intermediate-weights');

describe('no false open', () => {
  test('a Hub model the card compares against is not this release: "Weights are not released" stays closed', () => {
    const text =
      card({ frontMatter: { license: 'apache-2.0' } }) +
      '\nWeights are not released.\n\nWe compare against [Pythia](https://huggingface.co/org/pythia).\n';
    const snap = snapshot({
      files: { 'README.md': text },
      remote: remote({ models: { 'org/pythia': hubModel('org/pythia', { checkpointRevisions: ['step1000'] }) } }),
    });
    expect(weights(snap).status).not.toBe('open');
    expect(intermediate(snap).status).not.toBe('open');
    expect(firstModel(snap).ladder.level).toBe('closed');
  });

  test('a gated hf: subject is restricted, whatever its license says', () => {
    const snap = snapshot({
      files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }), 'model.safetensors': { size: 5e9 } },
    });
    const subject = {
      ...snap,
      source: 'huggingface' as const,
      location: 'hf:org/gated',
      remote: remote({ models: { 'org/gated': hubModel('org/gated', { gated: true }) } }),
    };
    expect(weights(subject)).toMatchObject({ status: 'restricted', messageId: 'weightsInRepo' });
    expect(weights(subject).message).toMatch(/access gate/);
  });

  test('a placeholder DATA_CARD.md is a mention of a data card, not one', () => {
    const snap = snapshot({
      files: {
        'README.md': card({ frontMatter: { license: 'apache-2.0' } }),
        'DATA_CARD.md': '# Data card\n\nTo be written. ' + 'We will describe the data later. '.repeat(8),
      },
    });
    expect(dataCard(snap)).toMatchObject({ status: 'mentioned', messageId: 'dataCardThin' });
  });

  test('one data file next to a listed dataset that cannot be shown available does not make the data open', () => {
    const files = {
      'README.md': card({
        frontMatter: { license: 'apache-2.0', datasets: ['our-internal-web-crawl', 'org/open-ds'] },
      }),
      'data/train.parquet': { size: 5e6 },
    };
    expect(trainingData(snapshot({ files })).status).toBe('mentioned');
    const online = snapshot({
      files,
      remote: remote({ datasets: { 'org/open-ds': hubDataset('org/open-ds', { license: 'cc-by-4.0' }) } }),
    });
    expect(trainingData(online).status).toBe('mentioned');
  });
});

describe('unknown is neither present nor absent', () => {
  test('weights whose LICENSE could not be read are published with unchecked terms: restricted-weights, not closed', () => {
    const snap = snapshot({
      files: { 'README.md': card({ frontMatter: {} }), 'model.safetensors': { size: 5e9 }, LICENSE: { size: 3e6 } },
      skipped: [{ path: 'LICENSE', reason: 'too-large' }],
    });
    const m = firstModel(snap);
    expect(m.components.weights.status).toBe('unknown');
    expect(m.ladder).toMatchObject({
      level: 'restricted-weights',
      headline: expect.stringMatching(/terms could not be checked/),
    });
  });

  test('one dataset lookup failed beside an open one: unknown, not open and not a mention', () => {
    const files = { 'README.md': card({ frontMatter: { license: 'apache-2.0', datasets: ['org/a', 'org/b'] } }) };
    const snap = snapshot({
      files,
      remote: remote({
        datasets: {
          'org/a': hubDataset('org/a', { license: 'cc-by-4.0' }),
          'org/b': hubDataset('org/b', { state: 'unavailable', error: 'timeout' }),
        },
      }),
    });
    expect(trainingData(snap).status).toBe('unknown');
  });
});

describe('declarations that point at the Hub are verified', () => {
  test('a declared Hub dataset found open makes the training data open', () => {
    const snap = snapshot({
      files: { 'README.md': card({ frontMatter: { license: 'apache-2.0' } }) },
      remote: remote({ datasets: { 'org/decl-ds': hubDataset('org/decl-ds', { license: 'cc-by-4.0' }) } }),
    });
    const cfg = config({
      declarations: { 'training-data': { location: 'https://huggingface.co/datasets/org/decl-ds' } },
    });
    expect(trainingData(snap, cfg)).toMatchObject({ status: 'open', verifiedOnline: true });
  });
});

// The app verifies what a card names on the Hub — but never for a private repository unless
// its configuration allows it: dataset and model ids of a private repository stay private.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  CARD,
  deliver,
  mockCommit,
  mockCreateRun,
  mockToken,
  modelRepo,
  nockDone,
  runLog,
  SHA,
  startApp,
} from './helpers/app-harness.js';
import { datasetJson, mockDataset } from './helpers/hub-mocks.js';

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const cardListing = (dataset: string) =>
  CARD.replace('license: apache-2.0', `license: apache-2.0\ndatasets:\n  - ${dataset}`);

async function pushWith(dataset: string, patch: (payload: any) => void = () => undefined) {
  const scope = api();
  mockToken(scope);
  mockCommit(scope, SHA.push, modelRepo({ 'README.md': cardListing(dataset) }));
  const log = runLog();
  mockCreateRun(scope, log);
  await deliver(probot, 'push', 'push', patch);
  return log.updates[0]!.output as { summary: string; text?: string };
}

describe('online lookups in the app', () => {
  it('verifies a listed dataset on the Hub: the training data is open on evidence, and the run says so', async () => {
    const hub = mockDataset(
      'acme/app-open-corpus',
      datasetJson('acme/app-open-corpus', { license: 'cc-by-4.0', withReadme: false }),
    );
    const output = await pushWith('acme/app-open-corpus');
    expect(hub.isDone()).toBe(true);
    expect(output.summary).toMatch(/Training data[^\n]*\| open/);
    expect(output.summary).toMatch(/verified online/);
  });

  it('sends nothing to the Hub for a private repository without `hub: { private_repos: true }`', async () => {
    const output = await pushWith('acme/app-secret-corpus', (payload) => {
      payload.repository.private = true;
    });
    // No Hub mock exists: a request would show up as unmatched in afterEach.
    expect(output.summary).toMatch(/Training data[^\n]*\| mentioned/);
    expect(output.summary).toMatch(/private/);
  });
});

// The same client against a real HTTP server (HF_ENDPOINT=http://127.0.0.1:port), no nock
// interception: what an end-to-end run against a local Hub mirror sees.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResponseCache } from '../src/sources/remote/http.js';
import { resolveRemote } from '../src/sources/remote/resolve.js';
import { readHubSnapshot } from '../src/sources/hub-snapshot.js';
import { startFakeHub, type FakeHub } from './helpers/fake-hub-server.js';
import { datasetJson, DESCRIPTIVE_CARD, fakeSleep, modelJson } from './helpers/hub-mocks.js';

let hub: FakeHub;
beforeAll(async () => {
  hub = await startFakeHub();
});
afterAll(async () => {
  await hub.close();
});

describe('against a local Hub server', () => {
  it('resolves a dataset and reads its card, after a 429 with Retry-After', async () => {
    const { sleep, waits } = fakeSleep();
    const sha = 'f'.repeat(40);
    hub.route(
      '/api/datasets/org/corpus',
      { status: 429, body: 'slow down', headers: { 'retry-after': '1' } },
      { body: datasetJson('org/corpus', { license: 'cc-by-4.0', sha }) },
    );
    hub.route(`/datasets/org/corpus/resolve/${sha}/README.md`, { body: DESCRIPTIVE_CARD });
    const facts = await resolveRemote(
      { datasets: ['org/corpus'], evalDatasets: [], models: [], baseModels: ['org/nowhere'], githubRepos: [] },
      { hfEndpoint: hub.endpoint, cache: new ResponseCache(), sleep },
    );
    expect(facts.datasets['org/corpus']).toMatchObject({
      state: 'found',
      license: 'CC-BY-4.0',
      cardDescribesData: true,
      url: `${hub.endpoint}/datasets/org/corpus`,
    });
    expect(facts.models['org/nowhere']).toMatchObject({ state: 'not-found' });
    expect(waits).toEqual([1000]);
  });

  it('reads hf:org/model as a snapshot', async () => {
    const sha = '9'.repeat(40);
    hub.route('/api/models/org/model', {
      body: modelJson('org/model', {
        sha,
        license: 'mit',
        siblings: [
          { rfilename: 'README.md', size: 9 },
          { rfilename: 'w.safetensors', size: 130, lfs: { sha256: '0'.repeat(64), size: 10_000, pointerSize: 130 } },
        ],
      }),
    });
    hub.route('/api/models/org/model/refs', { body: { branches: [{ name: 'main' }], tags: [], converts: [] } });
    hub.route(`/org/model/resolve/${sha}/README.md`, { body: '# A model' });
    const snap = await readHubSnapshot('hf:org/model', { hfEndpoint: hub.endpoint, cache: new ResponseCache() });
    expect(snap.texts).toEqual({ 'README.md': '# A model' });
    expect(snap.entries).toContainEqual({
      path: 'w.safetensors',
      size: 10_000,
      kind: 'lfs',
      lfs: { oid: '0'.repeat(64), size: 10_000 },
    });
    expect(snap.remote?.models['org/model']).toMatchObject({ license: 'MIT', state: 'found' });
    expect(hub.requests.filter((r) => r.includes('w.safetensors'))).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { RemoteQuery } from '../src/core/remote.js';
import { ResponseCache } from '../src/sources/remote/http.js';
import { hubOptionsFromEnv, resolveRemote, type ResolveOptions } from '../src/sources/remote/resolve.js';
import {
  datasetJson,
  DESCRIPTIVE_CARD,
  fakeSleep,
  HUB,
  mockDataset,
  mockDatasetCard,
  mockGithubRepo,
  mockModel,
  mockRefs,
  modelJson,
  TEMPLATE_CARD,
} from './helpers/hub-mocks.js';

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

function query(parts: Partial<RemoteQuery>): RemoteQuery {
  return { datasets: [], evalDatasets: [], models: [], baseModels: [], githubRepos: [], ...parts };
}

const options = (extra: ResolveOptions = {}): ResolveOptions => ({
  cache: new ResponseCache(),
  sleep: fakeSleep().sleep,
  ...extra,
});

describe('datasets', () => {
  it('a public dataset with an open license and a descriptive card', async () => {
    mockDataset('org/corpus', datasetJson('org/corpus', { license: 'cc-by-4.0' }));
    mockDatasetCard('org/corpus', DESCRIPTIVE_CARD);
    const facts = await resolveRemote(query({ datasets: ['org/corpus'] }), options());
    expect(facts.datasets['org/corpus']).toEqual({
      id: 'org/corpus',
      state: 'found',
      url: 'https://huggingface.co/datasets/org/corpus',
      license: 'CC-BY-4.0',
      gated: false,
      private: false,
      cardDescribesData: true,
    });
  });

  it('a gated dataset keeps its gating mode and a template card does not describe the data', async () => {
    mockDataset('org/gated', datasetJson('org/gated', { license: 'odc-by', gated: 'manual' }));
    mockDatasetCard('org/gated', TEMPLATE_CARD);
    const facts = await resolveRemote(query({ datasets: ['org/gated'] }), options());
    expect(facts.datasets['org/gated']).toMatchObject({
      state: 'found',
      gated: true,
      gatedMode: 'manual',
      license: 'ODC-By-1.0',
      cardDescribesData: false,
    });
  });

  it('private or missing datasets (401, 404) become facts, not errors', async () => {
    mockDataset('org/secret', 401);
    mockDataset('org/typo', 404);
    const facts = await resolveRemote(query({ datasets: ['org/secret'], evalDatasets: ['org/typo'] }), options());
    expect(facts.datasets['org/secret']).toMatchObject({
      state: 'unauthorized',
      license: null,
      error: expect.stringMatching(/not found or private/),
    });
    expect(facts.datasets['org/typo']).toMatchObject({ state: 'not-found', error: expect.any(String) });
  });

  it('looks each dataset up once even when named as training and evaluation data', async () => {
    mockDataset('org/both', datasetJson('org/both', { license: 'mit', withReadme: false }));
    const facts = await resolveRemote(
      query({ datasets: ['org/both', 'org/both'], evalDatasets: ['org/both'] }),
      options(),
    );
    expect(Object.keys(facts.datasets)).toEqual(['org/both']);
    expect(facts.datasets['org/both']).toMatchObject({ license: 'MIT', cardDescribesData: false });
  });

  it('retries a 429 after Retry-After, through the injected sleep', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/datasets/org/busy').reply(429, 'Too Many Requests', { 'Retry-After': '2' });
    mockDataset('org/busy', datasetJson('org/busy', { license: 'cc0-1.0', withReadme: false }));
    const facts = await resolveRemote(query({ datasets: ['org/busy'] }), options({ sleep }));
    expect(facts.datasets['org/busy']).toMatchObject({ state: 'found', license: 'CC0-1.0' });
    expect(waits).toEqual([2000]);
  });

  it('a lookup that times out is unavailable, and the others still resolve', async () => {
    nock(HUB).get('/api/datasets/org/slow').delay(1000).reply(200, datasetJson('org/slow'));
    mockDataset('org/fast', datasetJson('org/fast', { license: 'apache-2.0', withReadme: false }));
    const facts = await resolveRemote(
      query({ datasets: ['org/slow', 'org/fast'] }),
      options({ timeoutMs: 50, maxRetries: 0 }),
    );
    expect(facts.datasets['org/slow']).toMatchObject({
      state: 'unavailable',
      error: expect.stringMatching(/timed out/),
    });
    expect(facts.datasets['org/fast']).toMatchObject({ state: 'found', license: 'Apache-2.0' });
  });
});

describe('models and lineage', () => {
  it('lists files, gating, license and checkpoint branches of a linked Hub model', async () => {
    mockModel('org/release', modelJson('org/release', { license: 'apache-2.0' }));
    mockRefs('org/release', ['main', 'step1000-tokens4B']);
    const facts = await resolveRemote(query({ models: ['org/release'] }), options());
    expect(facts.models['org/release']).toMatchObject({
      state: 'found',
      license: 'Apache-2.0',
      gated: false,
      checkpointRevisions: ['step1000-tokens4B'],
      revision: 'a'.repeat(40),
    });
    expect(facts.models['org/release']?.files).toContainEqual({
      path: 'model.safetensors',
      size: 4_900_000_000,
      lfs: true,
    });
    expect(facts.lineage).toEqual([]);
  });

  it('follows a base-model chain of depth 2 and resolves the datasets along it', async () => {
    mockModel(
      'org/mid',
      modelJson('org/mid', { license: 'apache-2.0', baseModel: 'org/root', datasets: ['org/open-sft'] }),
    );
    mockModel(
      'org/root',
      modelJson('org/root', { license: 'llama3', gated: 'manual', datasets: ['org/closed-pretrain'] }),
    );
    mockDataset('org/open-sft', datasetJson('org/open-sft', { license: 'cc-by-4.0' }));
    mockDatasetCard('org/open-sft', DESCRIPTIVE_CARD);
    mockDataset('org/closed-pretrain', 401);
    const facts = await resolveRemote(query({ baseModels: ['org/mid'], subject: 'org/tuned' }), options());
    expect(facts.lineage).toEqual([
      { model: 'org/mid', depth: 1, via: 'org/tuned' },
      { model: 'org/root', depth: 2, via: 'org/mid' },
    ]);
    expect(facts.models['org/root']).toMatchObject({
      state: 'found',
      license: expect.stringMatching(/^LicenseRef-llama-?3$/i),
      gated: true,
      datasets: ['org/closed-pretrain'],
    });
    expect(facts.datasets['org/open-sft']).toMatchObject({ state: 'found', license: 'CC-BY-4.0' });
    expect(facts.datasets['org/closed-pretrain']).toMatchObject({ state: 'unauthorized' });
    expect(facts.notes).toEqual([]);
  });

  it('stops on a cycle (a -> b -> a) and says so', async () => {
    mockModel('org/a', modelJson('org/a', { baseModel: 'org/b' }));
    mockRefs('org/a', ['main']);
    mockModel('org/b', modelJson('org/b', { baseModel: 'org/a' }));
    const facts = await resolveRemote(query({ models: ['org/a'], release: 'org/a' }), options());
    expect(facts.lineage).toEqual([{ model: 'org/b', depth: 1, via: 'org/a' }]);
    expect(facts.notes).toEqual([expect.stringMatching(/lineage cycle: org\/b names org\/a/)]);
  });

  it('a diamond (two parents sharing a base) is resolved once and is no cycle', async () => {
    mockModel('org/left', modelJson('org/left', { baseModel: 'org/root' }));
    mockModel('org/right', modelJson('org/right', { baseModel: 'org/root' }));
    mockModel('org/root', modelJson('org/root', { license: 'mit' }));
    const facts = await resolveRemote(query({ baseModels: ['org/left', 'org/right'] }), options());
    expect(facts.lineage.map((l) => [l.model, l.depth])).toEqual([
      ['org/left', 1],
      ['org/right', 1],
      ['org/root', 2],
    ]);
    expect(facts.notes).toEqual([]);
  });

  it('stops following base models after depth 5', async () => {
    for (let i = 1; i <= 5; i++) mockModel(`org/m${i}`, modelJson(`org/m${i}`, { baseModel: `org/m${i + 1}` }));
    const facts = await resolveRemote(query({ baseModels: ['org/m1'] }), options());
    expect(facts.lineage.map((l) => l.depth)).toEqual([1, 2, 3, 4, 5]);
    expect(facts.models['org/m6']).toBeUndefined();
    expect(facts.notes).toEqual([expect.stringMatching(/depth 5.*org\/m6/)]);
  });

  it('a missing base model is a not-found fact in the lineage', async () => {
    mockModel('org/ghost', 404);
    const facts = await resolveRemote(query({ baseModels: ['org/ghost'] }), options());
    expect(facts.lineage).toEqual([{ model: 'org/ghost', depth: 1, via: 'card' }]);
    expect(facts.models['org/ghost']).toMatchObject({ state: 'not-found', files: [] });
  });
});

describe('GitHub repositories', () => {
  it('a linked repository with a license and one without', async () => {
    mockGithubRepo('org/train', { spdx_id: 'Apache-2.0', name: 'Apache License 2.0' });
    mockGithubRepo('org/prep', null);
    mockGithubRepo('org/gone', null, 404);
    const facts = await resolveRemote(
      query({
        githubRepos: [
          { repo: 'org/train', component: 'training-code' },
          { repo: 'org/prep', component: 'data-preprocessing-code' },
          { repo: 'org/train', component: 'evaluation-code' },
          { repo: 'org/gone', component: 'inference-code' },
        ],
      }),
      options(),
    );
    expect(facts.github['org/train']).toMatchObject({
      state: 'found',
      license: 'Apache-2.0',
      private: false,
      component: 'training-code',
    });
    expect(facts.github['org/prep']?.component).toBe('data-preprocessing-code');
    expect(facts.github['org/prep']).toMatchObject({
      state: 'found',
      license: null,
      licenseNote: 'GitHub found no license file',
    });
    expect(facts.github['org/gone']).toMatchObject({ state: 'not-found' });
  });

  it('sends the installation token to GitHub and never to the Hub', async () => {
    nock('https://api.github.com', { reqheaders: { authorization: 'Bearer ghs_install' } })
      .get('/repos/org/code')
      .reply(200, { private: false, license: null });
    nock(HUB, { badheaders: ['authorization'] })
      .get('/api/datasets/org/d')
      .reply(200, datasetJson('org/d', { withReadme: false }));
    const facts = await resolveRemote(
      query({ datasets: ['org/d'], githubRepos: [{ repo: 'org/code', component: 'training-code' }] }),
      options({ githubToken: 'ghs_install' }),
    );
    expect(facts.github['org/code']).toMatchObject({ state: 'found', private: false });
    expect(facts.datasets['org/d']).toMatchObject({ state: 'found', license: null });
  });
});

describe('never throws', () => {
  it('an invalid HF_ENDPOINT marks every lookup unavailable without a request', async () => {
    const facts = await resolveRemote(
      query({ datasets: ['org/d'], models: ['org/m'], githubRepos: [{ repo: 'org/c', component: 'training-code' }] }),
      options({ hfEndpoint: 'http://mirror.example.com' }),
    );
    expect(facts.datasets['org/d']).toMatchObject({ state: 'unavailable' });
    expect(facts.models['org/m']).toMatchObject({ state: 'unavailable' });
    expect(facts.github['org/c']).toMatchObject({ state: 'unavailable' });
    expect(facts.notes[0]).toMatch(/HF_ENDPOINT/);
  });

  it('a spent time budget leaves the rest unavailable with a note', async () => {
    let clock = 0;
    mockDataset('org/first', datasetJson('org/first', { withReadme: false }));
    const fetchThenAdvance: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      clock += 10_000;
      return res;
    };
    const facts = await resolveRemote(
      query({ datasets: ['org/first', 'org/second'] }),
      options({ budgetMs: 5_000, now: () => clock, fetch: fetchThenAdvance, concurrency: 1 }),
    );
    expect(facts.datasets['org/first']).toMatchObject({ state: 'found' });
    expect(facts.datasets['org/second']).toMatchObject({
      state: 'unavailable',
      error: expect.stringMatching(/time budget/),
    });
    expect(facts.notes).toEqual([expect.stringMatching(/1 lookup\(s\) not made/)]);
  });

  it('works against a local Hub mirror over http on 127.0.0.1', async () => {
    nock('http://127.0.0.1:8765')
      .get('/api/datasets/org/local')
      .reply(200, datasetJson('org/local', { license: 'cc-by-sa-4.0', withReadme: false }));
    const facts = await resolveRemote(
      query({ datasets: ['org/local'] }),
      options({ hfEndpoint: 'http://127.0.0.1:8765' }),
    );
    expect(facts.datasets['org/local']).toMatchObject({
      state: 'found',
      url: 'http://127.0.0.1:8765/datasets/org/local',
      license: 'CC-BY-SA-4.0',
    });
  });
});

describe('hubOptionsFromEnv', () => {
  it('reads HF_ENDPOINT and HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN), ignoring blanks', () => {
    expect(hubOptionsFromEnv({ HF_ENDPOINT: 'http://127.0.0.1:9000', HF_TOKEN: 'hf_a' })).toEqual({
      hfEndpoint: 'http://127.0.0.1:9000',
      hfToken: 'hf_a',
    });
    expect(hubOptionsFromEnv({ HUGGING_FACE_HUB_TOKEN: 'hf_b', HF_ENDPOINT: ' ' })).toEqual({ hfToken: 'hf_b' });
    expect(hubOptionsFromEnv({})).toEqual({});
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ResponseCache } from '../src/sources/remote/http.js';
import { HubSnapshotError, readHubSnapshot } from '../src/sources/hub-snapshot.js';
import { HUB, mockModel, mockRefs, modelJson } from './helpers/hub-mocks.js';

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const SHA = 'e'.repeat(40);
const CARD = '---\nlicense: apache-2.0\nbase_model: org/base\ndatasets:\n- org/corpus\n---\n# Tiny model\n';

function siblings() {
  return [
    { rfilename: '.gitattributes', size: 1519 },
    { rfilename: 'README.md', size: CARD.length },
    { rfilename: 'LICENSE', size: 40 },
    { rfilename: 'config.json', size: 30 },
    { rfilename: 'tokenizer.json', size: 2_100_000 }, // not wanted as text
    {
      rfilename: 'model-00001-of-00002.safetensors',
      size: 135,
      lfs: { sha256: '1'.repeat(64), size: 4_000_000_000, pointerSize: 135 },
    },
    {
      rfilename: 'model-00002-of-00002.safetensors',
      size: 135,
      lfs: { sha256: '2'.repeat(64), size: 1_000_000_000, pointerSize: 135 },
    },
    { rfilename: 'model.safetensors.index.json', size: 3_000_000 }, // wanted, but above the text cap
    { rfilename: 'training_args.json', size: 200, lfs: { sha256: '3'.repeat(64), size: 200, pointerSize: 130 } },
  ];
}

describe('readHubSnapshot', () => {
  it('builds a snapshot of hf:org/model from the file list and the small texts, without any weight download', async () => {
    mockModel(
      'org/model',
      modelJson('org/model', {
        sha: SHA,
        license: 'apache-2.0',
        gated: 'auto',
        baseModel: 'org/base',
        datasets: ['org/corpus'],
        siblings: siblings(),
      }),
    );
    mockRefs('org/model', ['main', 'stage1-step1000']);
    const file = (path: string, body: string) => nock(HUB).get(`/org/model/resolve/${SHA}/${path}`).reply(200, body);
    file('README.md', CARD);
    file('LICENSE', 'Apache License\nVersion 2.0, January 2004\n');
    file('config.json', '{"architectures":["LlamaForCausalLM"]}');

    const snap = await readHubSnapshot('hf:org/model', { cache: new ResponseCache() });

    expect(snap).toMatchObject({ source: 'huggingface', location: 'hf:org/model', revision: SHA });
    expect(snap.entries).toContainEqual({
      path: 'model-00001-of-00002.safetensors',
      size: 4_000_000_000,
      kind: 'lfs',
      lfs: { oid: '1'.repeat(64), size: 4_000_000_000 },
    });
    expect(snap.entries).toContainEqual({ path: 'config.json', size: 30, kind: 'file' });
    expect(snap.entries.map((e) => e.path)).toEqual([...snap.entries.map((e) => e.path)].sort());
    expect(Object.keys(snap.texts).sort()).toEqual(['LICENSE', 'README.md', 'config.json']);
    expect(snap.texts['README.md']).toBe(CARD);
    expect(snap.skipped).toEqual([
      { path: 'model.safetensors.index.json', reason: 'too-large', detail: '3000000 bytes' },
      { path: 'training_args.json', reason: 'unreadable', detail: 'stored in Git LFS; not downloaded' },
    ]);
    expect(snap.remote?.models['org/model']).toMatchObject({
      state: 'found',
      license: 'Apache-2.0',
      gated: true,
      gatedMode: 'auto',
      baseModels: ['org/base'],
      datasets: ['org/corpus'],
      checkpointRevisions: ['stage1-step1000'],
      revision: SHA,
    });
  });

  it('records a text that could not be fetched as unreadable and keeps going', async () => {
    mockModel(
      'org/m',
      modelJson('org/m', {
        sha: SHA,
        siblings: [
          { rfilename: 'README.md', size: 10 },
          { rfilename: 'config.json', size: 2 },
        ],
      }),
    );
    mockRefs('org/m', ['main']);
    nock(HUB).get(`/org/m/resolve/${SHA}/README.md`).reply(404, 'Entry not found');
    nock(HUB).get(`/org/m/resolve/${SHA}/config.json`).reply(200, '{}');
    const snap = await readHubSnapshot('org/m', { cache: new ResponseCache(), maxRetries: 0 });
    expect(snap.texts).toEqual({ 'config.json': '{}' });
    expect(snap.skipped).toEqual([
      { path: 'README.md', reason: 'unreadable', detail: expect.stringMatching(/not found/) },
    ]);
  });

  it('fails with a typed error when the subject is private, missing or not a Hub id', async () => {
    mockModel('org/secret', 401);
    await expect(readHubSnapshot('hf:org/secret', { cache: new ResponseCache() })).rejects.toMatchObject({
      name: 'HubSnapshotError',
      state: 'unauthorized',
    });
    await expect(readHubSnapshot('hf:https://evil.example/x', {})).rejects.toBeInstanceOf(HubSnapshotError);
  });
});

import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { GithubClient } from '../src/sources/remote/github-client.js';
import { HttpClient, ResponseCache } from '../src/sources/remote/http.js';
import { cardDescribesData, checkpointRevisions, HubClient, isHubRepoId } from '../src/sources/remote/hub-client.js';
import {
  DESCRIPTIVE_CARD,
  mockDataset,
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

const http = () => new HttpClient({ cache: new ResponseCache(), maxRetries: 0 });
const hub = () => new HubClient(http());

describe('modelInfo', () => {
  it('reads files with LFS sizes, gating, license, base models and datasets', async () => {
    mockModel(
      'org/tuned',
      modelJson('org/tuned', {
        license: 'Apache-2.0',
        gated: 'manual',
        baseModel: 'org/base',
        datasets: ['org/corpus'],
        tags: ['base_model:finetune:org/base', 'base_model:org/base', 'dataset:org/extra'],
      }),
    );
    const res = await hub().modelInfo('org/tuned');
    expect(res.state).toBe('found');
    if (res.state !== 'found') return;
    expect(res.url).toBe('https://huggingface.co/org/tuned');
    expect(res.value).toMatchObject({ license: 'apache-2.0', gated: 'manual', private: false, sha: 'a'.repeat(40) });
    expect(res.value.baseModels).toEqual(['org/base']);
    expect(res.value.datasets).toEqual(['org/corpus', 'org/extra']);
    expect(res.value.files).toContainEqual({
      path: 'model.safetensors',
      size: 4_900_000_000,
      lfs: { sha256: 'b'.repeat(64), size: 4_900_000_000 },
    });
    expect(res.value.files).toContainEqual({ path: 'config.json', size: 650, lfs: null });
  });

  it('maps 401 (private or missing) to unauthorized and 404 to not-found', async () => {
    mockModel('org/private', 401);
    mockModel('org/gone', 404);
    const c = hub();
    expect(await c.modelInfo('org/private')).toMatchObject({
      state: 'unauthorized',
      error: expect.stringMatching(/not found or private/),
    });
    expect(await c.modelInfo('org/gone')).toMatchObject({ state: 'not-found' });
  });

  it('never puts an odd id into a URL', async () => {
    expect(await hub().modelInfo('../../api/whoami')).toMatchObject({ state: 'not-found' });
    expect(isHubRepoId('gpt2')).toBe(true);
    expect(isHubRepoId('org/name.v1-2_b')).toBe(true);
    expect(isHubRepoId('a/b/c')).toBe(false);
    expect(isHubRepoId('a/..')).toBe(false);
    expect(isHubRepoId('https://evil.example/x')).toBe(false);
  });
});

describe('modelRefs and checkpoints', () => {
  it('lists branches and keeps those named by step or stage', async () => {
    mockRefs('allenai/olmo', [
      'main',
      'step1000-tokens4B',
      'stage1-step140000-tokens587B',
      'step_360',
      'dev',
      'fix-readme',
    ]);
    const res = await hub().modelRefs('allenai/olmo');
    expect(res.state).toBe('found');
    if (res.state !== 'found') return;
    expect(checkpointRevisions(res.value)).toEqual(['step1000-tokens4B', 'stage1-step140000-tokens587B', 'step_360']);
  });

  it('recognises the usual checkpoint names and ignores others', () => {
    expect(checkpointRevisions(['checkpoint-500', 'epoch-3', 'iter_0001000', 'ckpt10', '100B-tokens'])).toHaveLength(5);
    expect(
      checkpointRevisions(['main', 'pr/12', 'refs/convert/parquet', 'v1.0', 'stepping-stone', 'backstage']),
    ).toEqual([]);
  });
});

describe('datasetInfo', () => {
  it('reads license, gating and privacy', async () => {
    mockDataset('org/gated', {
      id: 'org/gated',
      sha: 'c'.repeat(40),
      gated: 'auto',
      private: false,
      cardData: { license: 'other', license_name: 'my-terms' },
      tags: [],
    });
    const res = await hub().datasetInfo('org/gated');
    expect(res).toMatchObject({
      state: 'found',
      url: 'https://huggingface.co/datasets/org/gated',
      value: { gated: 'auto', license: 'other', licenseName: 'my-terms' },
    });
  });
});

describe('cardDescribesData', () => {
  it('accepts a card that says where the data comes from and how it was processed', () => {
    expect(cardDescribesData(DESCRIPTIVE_CARD)).toBe(true);
  });

  it('rejects the unfilled template and a card without those sections', () => {
    expect(cardDescribesData(TEMPLATE_CARD)).toBe(false);
    expect(
      cardDescribesData('# My data\n\n## Usage\n\nLoad it with the datasets library and enjoy the many rows in it.\n'),
    ).toBe(false);
  });

  it('needs both sources and processing', () => {
    const onlySources =
      '## Source Data\n\nThe texts come from public domain books digitised by volunteers around the world.\n';
    expect(cardDescribesData(onlySources)).toBe(false);
    expect(
      cardDescribesData(
        `${onlySources}\n## Preprocessing\n\nWe removed duplicates with MinHash and filtered short documents below fifty words.\n`,
      ),
    ).toBe(true);
  });

  it('ignores headings inside code fences', () => {
    const fenced =
      '```\n## Source Data\nThe texts come from public domain books digitised by volunteers everywhere.\n## Data Collection\nWe crawled and filtered pages with a classifier trained for this task.\n```\n';
    expect(cardDescribesData(fenced)).toBe(false);
  });
});

describe('GithubClient', () => {
  it('reads the SPDX id of a licensed repository', async () => {
    mockGithubRepo('org/train', { spdx_id: 'Apache-2.0', name: 'Apache License 2.0' });
    expect(await new GithubClient({ http: http() }).repoInfo('org/train')).toEqual({
      repo: 'org/train',
      state: 'found',
      url: 'https://github.com/org/train',
      license: 'Apache-2.0',
      private: false,
    });
  });

  it('maps NOASSERTION to no license with a note, and a missing license file too', async () => {
    mockGithubRepo('org/custom', { spdx_id: 'NOASSERTION', name: 'Other' });
    mockGithubRepo('org/bare', null);
    const gh = new GithubClient({ http: http() });
    expect(await gh.repoInfo('org/custom')).toMatchObject({
      state: 'found',
      license: null,
      licenseNote: expect.stringMatching(/NOASSERTION/),
    });
    expect(await gh.repoInfo('org/bare')).toMatchObject({
      state: 'found',
      license: null,
      licenseNote: 'GitHub found no license file',
    });
  });

  it('uses an octokit-like request function when the app gives one', async () => {
    const calls: unknown[] = [];
    const request = async (route: string, params: Record<string, unknown>) => {
      calls.push([route, params]);
      if (params.repo === 'missing') throw Object.assign(new Error('Not Found'), { status: 404 });
      return {
        status: 200,
        data: { private: false, visibility: 'public', license: { spdx_id: 'MIT', name: 'MIT License' } },
      };
    };
    const gh = new GithubClient({ request });
    expect(await gh.repoInfo('org/code')).toMatchObject({ state: 'found', license: 'MIT', private: false });
    expect(await gh.repoInfo('org/missing')).toMatchObject({ state: 'not-found' });
    expect(calls[0]).toEqual(['GET /repos/{owner}/{repo}', { owner: 'org', repo: 'code' }]);
  });

  it('tells a rate limit from a refusal', async () => {
    nock('https://api.github.com')
      .get('/repos/org/a')
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });
    nock('https://api.github.com').get('/repos/org/b').reply(403, { message: 'Forbidden' });
    const gh = new GithubClient({ http: http() });
    expect(await gh.repoInfo('org/a')).toMatchObject({ state: 'unavailable', error: 'GitHub API rate limit exceeded' });
    expect(await gh.repoInfo('org/b')).toMatchObject({ state: 'unauthorized' });
  });
});

// The whole online path on nock-mocked Hub and GitHub API answers: remoteQuery (what the
// card names) -> resolveRemote (lookups) -> assess (statuses, lineage, ladder cap).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { main, type CliIo } from '../src/cli/main.js';
import type { ConfigInput } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import type { Report } from '../src/core/report.js';
import type { RepoSnapshot } from '../src/core/snapshot.js';
import { ResponseCache } from '../src/sources/remote/http.js';
import { enrichSnapshot, type EnrichOptions } from '../src/sources/remote/online.js';
import {
  datasetJson,
  fakeSleep,
  GH,
  HUB,
  mockDataset,
  mockGithubRepo,
  mockModel,
  mockRefs,
  modelJson,
} from './helpers/hub-mocks.js';
import { card, config, licenseText, snapshot } from './helpers/snapshot-builder.js';

// Requests nock could not answer: with the network locked, each one is a request that tried
// to leave for a host (or path) nobody mocked.
let unmatched: string[] = [];
const onNoMatch = (req: {
  options?: { host?: string; hostname?: string; path?: string };
  host?: string;
  hostname?: string;
  path?: string;
}) => {
  const host = req.options?.hostname ?? req.options?.host ?? req.hostname ?? req.host ?? '?';
  unmatched.push(`${host}${req.options?.path ?? req.path ?? ''}`);
};
beforeEach(() => {
  unmatched = [];
  nock.emitter.on('no match', onNoMatch);
});
afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(unmatched).toEqual([]);
  expect(pending).toEqual([]);
});

/** Enrich then assess, with a private cache and a sleep that only records its waits. */
async function online(snap: RepoSnapshot, cfg: ConfigInput = {}, extra: EnrichOptions = {}): Promise<Report> {
  const c = config(cfg);
  const enriched = await enrichSnapshot(snap, c, { cache: new ResponseCache(), sleep: fakeSleep().sleep, ...extra });
  return assess(enriched, c);
}

const listing = (datasets: string[], extra: Record<string, unknown> = {}) =>
  snapshot({
    files: {
      'README.md': card({
        frontMatter: { license: 'apache-2.0', datasets, ...extra },
        intro: 'A small language model.',
      }),
      LICENSE: licenseText('Apache-2.0'),
      'model.safetensors': { size: 5e9, lfs: true },
    },
  });

/** A repository that is open source on its own: weights, data, training and preprocessing code, training config. */
const openFineTune = (baseModel: string) =>
  snapshot({
    files: {
      'README.md': card({
        frontMatter: { license: 'apache-2.0', base_model: baseModel, datasets: ['org/ft-data'] },
        intro: 'A fine-tune.',
      }),
      LICENSE: licenseText('Apache-2.0'),
      'model.safetensors': { size: 5e9, lfs: true },
      'train.py': 'import torch\n',
      'preprocess.py': 'import re\n',
      'configs/train.yaml': 'lr: 0.0001\nepochs: 3\n',
    },
  });

const td = (r: Report) => r.models[0]!.components['training-data'];

describe('training data from Hub datasets', () => {
  it('a public dataset with an open license is open, verified online, with hub evidence', async () => {
    mockDataset('org/open-ds', datasetJson('org/open-ds', { license: 'cc-by-4.0', withReadme: false }));
    const r = await online(listing(['org/open-ds']));
    expect(td(r)).toMatchObject({
      status: 'open',
      license: 'CC-BY-4.0',
      messageId: 'trainingDataOnHub',
      verifiedOnline: true,
    });
    expect(td(r).evidence[0]).toMatchObject({
      kind: 'hub',
      url: 'https://huggingface.co/datasets/org/open-ds',
      note: 'public, license CC-BY-4.0',
    });
    expect(r.online).toBe(true);
  });

  it('a gated dataset is restricted', async () => {
    mockDataset(
      'org/gated-ds',
      datasetJson('org/gated-ds', { license: 'cc-by-4.0', gated: 'manual', withReadme: false }),
    );
    const r = await online(listing(['org/gated-ds']));
    expect(td(r)).toMatchObject({ status: 'restricted', messageId: 'trainingDataOnHubGated', verifiedOnline: true });
  });

  it.each([401, 404])(
    'a private or missing dataset (%i) stays mentioned, with a problem saying the id does not resolve',
    async (status) => {
      mockDataset(`org/gone-${status}`, status);
      const r = await online(listing([`org/gone-${status}`]));
      expect(td(r)).toMatchObject({ status: 'mentioned', messageId: 'hubDatasetNotFound' });
      expect(td(r).message).toBe(`the dataset org/gone-${status} does not resolve on the Hub`);
      expect(r.problems).toContainEqual(
        expect.objectContaining({
          ruleId: 'hub-dataset-not-found',
          message: expect.stringContaining(`org/gone-${status} does not resolve`),
        }),
      );
    },
  );

  it('one unresolved dataset keeps the status below open even when another is open', async () => {
    mockDataset('org/fine-ds', datasetJson('org/fine-ds', { license: 'mit', withReadme: false }));
    mockDataset('org/typo-ds', 404);
    const r = await online(listing(['org/fine-ds', 'org/typo-ds']));
    expect(td(r)).toMatchObject({
      status: 'mentioned',
      data: expect.objectContaining({ count: 2, verified: 1, notFound: 1 }),
    });
  });

  it('a legacy id without an owner is looked up, following the Hub redirect to its organisation', async () => {
    nock(HUB).get('/api/datasets/c4').reply(307, '', { location: '/api/datasets/allenai/c4' });
    mockDataset('allenai/c4', datasetJson('allenai/c4', { license: 'odc-by', withReadme: false }));
    const r = await online(listing(['c4']));
    expect(td(r)).toMatchObject({ status: 'open', license: 'ODC-By-1.0', verifiedOnline: true });
  });

  it('a name that is no Hub id is never looked up, and keeps the verified ones from making the data open', async () => {
    mockDataset('org/real-ds', datasetJson('org/real-ds', { license: 'cc-by-4.0', withReadme: false }));
    const r = await online(listing(['org/real-ds', 'our internal chat logs']));
    expect(td(r)).toMatchObject({
      status: 'mentioned',
      messageId: 'hubDatasetNotLookedUp',
      data: expect.objectContaining({ verified: 1, notLookedUp: 1 }),
    });
    expect(td(r).message).toBe(
      'our internal chat logs is named as a dataset but is not a Hub id that could be checked',
    );
    expect(td(r).verifiedOnline).toBe(true);
  });

  it('a 429 is retried after the Retry-After wait, then counts', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/datasets/org/busy-ds').reply(429, 'Too Many Requests', { 'Retry-After': '3' });
    mockDataset('org/busy-ds', datasetJson('org/busy-ds', { license: 'cc0-1.0', withReadme: false }));
    const r = await online(listing(['org/busy-ds']), {}, { sleep });
    expect(waits).toEqual([3000]);
    expect(td(r)).toMatchObject({ status: 'open', license: 'CC0-1.0', verifiedOnline: true });
  });

  it('a lookup that times out leaves the status unknown, with the reason', async () => {
    nock(HUB)
      .get('/api/datasets/org/slow-ds')
      .delay(2000)
      .reply(200, datasetJson('org/slow-ds', { license: 'mit' }));
    const r = await online(listing(['org/slow-ds']), {}, { timeoutMs: 50 });
    expect(td(r)).toMatchObject({ status: 'unknown', messageId: 'hubUnavailable' });
    expect(td(r).message).toContain('timed out');
    expect(td(r).verifiedOnline).toBeUndefined();
  });
});

describe('lineage: base models', () => {
  const baseWithData = (dataset: Parameters<typeof datasetJson>[1]) => {
    mockDataset('org/ft-data', datasetJson('org/ft-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel('org/base', modelJson('org/base', { license: 'apache-2.0', datasets: ['org/base-mix'] }));
    mockDataset('org/base-mix', datasetJson('org/base-mix', { ...dataset, withReadme: false }));
  };

  it('a fine-tune of a fully open base stays open source', async () => {
    baseWithData({ license: 'cc-by-4.0' });
    const model = (await online(openFineTune('org/base'))).models[0]!;
    expect(model.ladder.level).toBe('open-source');
    expect(model.ladder.cappedBy).toBeUndefined();
    expect(model.lineage).toEqual([expect.objectContaining({ model: 'org/base', level: 'open-source' })]);
  });

  it('a base model whose training data is closed caps an open-source fine-tune at open weights', async () => {
    baseWithData({ license: 'other', gated: 'manual' });
    const r = await online(openFineTune('org/base'));
    const model = r.models[0]!;
    expect(model.ladder).toMatchObject({
      level: 'open-weights',
      cappedBy: { model: 'org/base', level: 'open-weights' },
    });
    expect(model.lineage).toEqual([
      expect.objectContaining({
        model: 'org/base',
        depth: 1,
        resolved: true,
        level: 'open-weights',
        weights: expect.objectContaining({ status: 'open', verifiedOnline: true }),
        trainingData: expect.objectContaining({ status: 'restricted', verifiedOnline: true }),
      }),
    ]);
  });

  it('follows a chain: the weakest base two levels up decides the cap', async () => {
    mockDataset('org/ft-data', datasetJson('org/ft-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel(
      'org/mid',
      modelJson('org/mid', { license: 'apache-2.0', baseModel: 'org/root', datasets: ['org/mid-data'] }),
    );
    mockDataset('org/mid-data', datasetJson('org/mid-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel('org/root', modelJson('org/root', { license: 'llama3', gated: 'manual' }));
    const r = await online(openFineTune('org/mid'));
    const model = r.models[0]!;
    expect(model.lineage?.map((l) => [l.model, l.depth, l.level])).toEqual([
      ['org/mid', 1, 'open-source'],
      ['org/root', 2, 'restricted-weights'],
    ]);
    expect(model.ladder).toMatchObject({
      level: 'restricted-weights',
      cappedBy: { model: 'org/root', level: 'restricted-weights' },
    });
  });

  it('a cycle (a -> b -> a) terminates, each model looked up once, and the report says so', async () => {
    mockDataset('org/ft-data', datasetJson('org/ft-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel('org/cyc-a', modelJson('org/cyc-a', { license: 'mit', baseModel: 'org/cyc-b' }));
    mockModel('org/cyc-b', modelJson('org/cyc-b', { license: 'mit', baseModel: 'org/cyc-a' }));
    const r = await online(openFineTune('org/cyc-a'));
    expect(r.models[0]!.lineage?.map((l) => [l.model, l.depth])).toEqual([
      ['org/cyc-a', 1],
      ['org/cyc-b', 2],
    ]);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ ruleId: 'online-lookups', message: expect.stringContaining('lineage cycle') }),
    );
  });

  const withoutBase = (intro: string) =>
    snapshot({
      files: {
        'README.md': card({ frontMatter: { license: 'apache-2.0', datasets: ['org/ft-data'] }, intro }),
        LICENSE: licenseText('Apache-2.0'),
        'model.safetensors': { size: 5e9, lfs: true },
        'train.py': 'import torch\n',
        'preprocess.py': 'import re\n',
        'configs/train.yaml': 'lr: 0.0001\nepochs: 3\n',
      },
    });

  it('the base model of the Hub release named by config `huggingface:` caps the ladder', async () => {
    mockDataset('org/ft-data', datasetJson('org/ft-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel('org/rel', modelJson('org/rel', { license: 'apache-2.0', baseModel: 'org/gated-base' }));
    mockRefs('org/rel', ['main']);
    mockModel('org/gated-base', modelJson('org/gated-base', { license: 'llama3', gated: 'auto' }));
    const r = await online(withoutBase('A fine-tune.'), { huggingface: 'org/rel' });
    expect(r.models[0]!.lineage?.map((l) => [l.model, l.level])).toEqual([['org/gated-base', 'restricted-weights']]);
    expect(r.models[0]!.ladder).toMatchObject({ level: 'restricted-weights', cappedBy: { model: 'org/gated-base' } });
  });

  it("the base of another linked Hub model (a distilled variant) is not this model's lineage", async () => {
    mockDataset('org/ft-data', datasetJson('org/ft-data', { license: 'cc-by-4.0', withReadme: false }));
    mockModel('org/distill', modelJson('org/distill', { license: 'apache-2.0', baseModel: 'org/gated-base' }));
    mockRefs('org/distill', ['main']);
    const r = await online(withoutBase('We also publish a distilled variant: https://huggingface.co/org/distill.'));
    expect(r.models[0]!.lineage).toBeUndefined();
    expect(r.models[0]!.ladder.level).toBe('open-source');
  });

  it('offline, the base model is listed as not looked up and nothing caps the ladder', () => {
    const r = assess(openFineTune('org/base'), config());
    expect(r.models[0]!.lineage).toEqual([
      { model: 'org/base', depth: 1, resolved: false, note: 'not looked up (offline)' },
    ]);
    expect(r.models[0]!.ladder.cappedBy).toBeUndefined();
  });
});

describe('determinism', () => {
  it('facts keep the order the card names them in, whichever lookup answers first', async () => {
    const rel = (id: string) => modelJson(id, { license: id.endsWith('first') ? 'mit' : 'cc-by-nc-4.0' });
    nock(HUB).get('/api/models/org/named-first').query({ blobs: 'true' }).delay(200).reply(200, rel('org/named-first'));
    mockModel('org/named-second', rel('org/named-second'));
    mockRefs('org/named-first', ['main']);
    mockRefs('org/named-second', ['main']);
    const snap = snapshot({
      files: {
        'README.md': card({
          intro:
            'Weights: https://huggingface.co/org/named-first and a variant https://huggingface.co/org/named-second.',
        }),
      },
    });
    const r = await online(snap);
    expect(r.models[0]!.components.weights).toMatchObject({
      status: 'open',
      license: 'MIT',
      data: expect.objectContaining({ id: 'org/named-first' }),
    });
  });
});

describe('training code in a linked GitHub repository', () => {
  const linked = (repo: string) =>
    snapshot({
      files: {
        'README.md': card({
          frontMatter: { license: 'apache-2.0' },
          intro: 'A small language model.',
          sections: { Training: `The training code and recipe are at https://github.com/${repo}.` },
        }),
        LICENSE: licenseText('Apache-2.0'),
        'model.safetensors': { size: 5e9, lfs: true },
      },
    });

  it('with a license: training-code open, verified online', async () => {
    mockGithubRepo('org/trainer', { spdx_id: 'MIT', name: 'MIT License' });
    const r = await online(linked('org/trainer'));
    expect(r.models[0]!.components['training-code']).toMatchObject({
      status: 'open',
      license: 'MIT',
      messageId: 'codeOnGithub',
      verifiedOnline: true,
    });
  });

  it('without a license: unlicensed, still verified online', async () => {
    mockGithubRepo('org/bare-trainer', null);
    const r = await online(linked('org/bare-trainer'));
    expect(r.models[0]!.components['training-code']).toMatchObject({ status: 'unlicensed', verifiedOnline: true });
  });

  it('a rate-limited GitHub API leaves training-code unknown, with the reason', async () => {
    nock(GH)
      .get('/repos/org/busy-trainer')
      .reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0' });
    const r = await online(linked('org/busy-trainer'));
    expect(r.models[0]!.components['training-code']).toMatchObject({
      status: 'unknown',
      messageId: 'githubUnavailable',
    });
    expect(r.models[0]!.components['training-code'].message).toBe(
      'the GitHub lookup for org/busy-trainer failed (GitHub API rate limit exceeded), so this could not be checked',
    );
  });

  it('a repository that does not exist stays a mention', async () => {
    mockGithubRepo('org/no-trainer', null, 404);
    const r = await online(linked('org/no-trainer'));
    expect(r.models[0]!.components['training-code']).toMatchObject({ status: 'mentioned', messageId: 'codeLinked' });
  });

  it('offline, the same link is a mention', () => {
    const r = assess(linked('org/trainer'), config());
    expect(r.models[0]!.components['training-code']).toMatchObject({ status: 'mentioned', messageId: 'codeLinked' });
  });
});

describe('hf:org/model as the subject (CLI)', () => {
  it('evaluates a Hub model repository from its file list and small files; no weight is downloaded', async () => {
    const sha = '7'.repeat(40);
    const readme = card({
      frontMatter: { license: 'apache-2.0', datasets: ['org/subject-ds'] },
      intro: 'A model published on the Hub.',
    });
    mockModel(
      'org/subject-model',
      modelJson('org/subject-model', {
        sha,
        license: 'apache-2.0',
        datasets: ['org/subject-ds'],
        siblings: [
          { rfilename: 'README.md', size: Buffer.byteLength(readme) },
          { rfilename: 'config.json', size: 40 },
          {
            rfilename: 'model.safetensors',
            size: 135,
            lfs: { sha256: 'b'.repeat(64), size: 4_900_000_000, pointerSize: 135 },
          },
        ],
      }),
    );
    mockRefs('org/subject-model', ['main']);
    nock(HUB).get(`/org/subject-model/resolve/${sha}/README.md`).reply(200, readme);
    nock(HUB).get(`/org/subject-model/resolve/${sha}/config.json`).reply(200, '{"model_type":"llama"}');
    mockDataset('org/subject-ds', datasetJson('org/subject-ds', { license: 'odc-by', withReadme: false }));

    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (s) => void (stdout += s),
      stderr: (s) => void (stderr += s),
      env: {},
      isTTY: false,
      stderrTTY: false,
    };
    const code = await main(['check', 'hf:org/subject-model', '--format', 'json'], io);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Report;
    expect(r.subject).toEqual({ source: 'huggingface', location: 'hf:org/subject-model', revision: sha });
    expect(r.models[0]!.components.weights).toMatchObject({ status: 'open', license: 'Apache-2.0' });
    expect(r.models[0]!.components['training-data']).toMatchObject({
      status: 'open',
      license: 'ODC-By-1.0',
      verifiedOnline: true,
    });
    // The unmatched-request check in afterEach proves model.safetensors was never fetched.
  });

  it('--offline is refused for an hf: subject, before any request', async () => {
    let stderr = '';
    const io: CliIo = {
      stdout: () => undefined,
      stderr: (s) => void (stderr += s),
      env: {},
      isTTY: false,
      stderrTTY: false,
    };
    expect(await main(['check', 'hf:org/subject-model', '--offline'], io)).toBe(2);
    expect(stderr).toContain('drop --offline');
  });
});

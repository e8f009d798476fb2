// Safety and privacy of online lookups: which hosts are ever asked, and when nothing is
// asked at all (--offline, `hub: false`, a private repository without `hub.private_repos`).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { run as runActionMain } from '../src/action/main.js';
import { main, type CliIo } from '../src/cli/main.js';
import type { ConfigInput } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import type { Report } from '../src/core/report.js';
import { ResponseCache } from '../src/sources/remote/http.js';
import { enrichSnapshot, lookupsAllowed } from '../src/sources/remote/online.js';
import { startFakeHub, type FakeHub } from './helpers/fake-hub-server.js';
import { datasetJson, fakeSleep, GH, HUB, mockDataset } from './helpers/hub-mocks.js';
import { card, config, licenseText, snapshot } from './helpers/snapshot-builder.js';

// Every request nock could not answer. The network is locked (test/helpers/setup.ts), so a
// request to any host without a mock lands here instead of leaving the machine.
let unmatched: string[] = [];
const onNoMatch = (req: {
  options?: { hostname?: string; host?: string; path?: string };
  hostname?: string;
  host?: string;
  path?: string;
}) => {
  const host = req.options?.hostname ?? req.hostname ?? req.options?.host ?? req.host ?? '?';
  unmatched.push(`${host}${req.options?.path ?? req.path ?? ''}`);
};
beforeEach(() => {
  unmatched = [];
  nock.emitter.on('no match', onNoMatch);
});
afterEach(() => {
  nock.emitter.removeListener('no match', onNoMatch);
  nock.cleanAll();
});

const opts = () => ({ cache: new ResponseCache(), sleep: fakeSleep().sleep });

const LINKY_README = `---
license: apache-2.0
datasets:
- org/listed-ds
base_model: org/base-model
---
# Linky model

![badge](https://img.shields.io/badge/license-apache-blue) [Paper](https://arxiv.org/abs/2401.00001) ·
[Blog](https://example.com/blog/linky) · [Mirror](http://insecure.example.org/linky.tar.gz) ·
[Demo](https://huggingface.co/spaces/org/linky-demo) · [Discord](https://discord.gg/abcdef)

## Training

The training code is at https://github.com/org/linky-train and the recipe at
https://github.com/org/linky-train/blob/main/recipes/sft.yaml; see also
https://github.com/org/linky-train/issues/12 and https://github.com/features/actions.
Training data: https://huggingface.co/datasets/org/linked-ds (raw dump on
https://s3.amazonaws.com/linky-bucket/data.tar and http://data.example.net/shards/).

## Downloads

Weights: https://huggingface.co/org/linky/resolve/main/model.safetensors and
https://cdn-lfs.huggingface.co/repos/aa/bb/model.safetensors, or
https://raw.githubusercontent.com/org/linky-train/main/weights.bin and https://drive.google.com/file/d/xyz.

## Evaluation

Evaluated with https://github.com/EleutherAI/lm-evaluation-harness on
https://huggingface.co/datasets/cais/mmlu; leaderboard at https://huggingface.co/spaces/open-llm-leaderboard/board.
`;

describe('network lock: only the Hub endpoint and the GitHub API are ever asked', () => {
  it('a README full of other links sends requests to huggingface.co and api.github.com only, and never for a weight or data file', async () => {
    const asked: string[] = [];
    const record = (host: string) => (path: string) => {
      asked.push(`${host}${path}`);
      return true;
    };
    // Any path on the two allowed hosts is answered (404); any other host is unmatched.
    nock(HUB).persist().get(record('huggingface.co')).reply(404, { error: 'Repository not found' });
    nock(GH).persist().get(record('api.github.com')).reply(404, { message: 'Not Found' });

    const snap = snapshot({
      files: {
        'README.md': LINKY_README,
        LICENSE: licenseText('Apache-2.0'),
        'model.safetensors': { size: 5e9, lfs: true },
      },
    });
    const enriched = await enrichSnapshot(snap, config(), opts());
    const report = assess(enriched, config());

    expect(unmatched).toEqual([]);
    expect(new Set(asked.map((a) => a.split('/')[0]))).toEqual(new Set(['huggingface.co', 'api.github.com']));
    // What was asked: API metadata only.
    for (const a of asked) expect(a).toMatch(/^(huggingface\.co\/api\/(models|datasets)\/|api\.github\.com\/repos\/)/);
    expect(asked.some((a) => /\.(safetensors|bin|parquet|tar)/.test(a))).toBe(false);
    expect(asked.some((a) => a.includes('spaces'))).toBe(false);
    // github.com/features/actions is a page, not a repository.
    expect(asked.some((a) => a.includes('features'))).toBe(false);
    // The links that name Hub and GitHub ids were followed, so the lock was really exercised.
    expect(asked).toEqual(
      expect.arrayContaining([
        'huggingface.co/api/datasets/org/listed-ds',
        'huggingface.co/api/datasets/org/linked-ds',
        'api.github.com/repos/org/linky-train',
      ]),
    );
    expect(report.online).toBe(true);
  });

  it('a redirect towards another host is not followed', async () => {
    nock(HUB)
      .get('/api/datasets/org/moved-ds')
      .reply(302, '', { location: 'https://evil.example.com/api/datasets/org/moved-ds' });
    const snap = snapshot({ files: { 'README.md': card({ frontMatter: { datasets: ['org/moved-ds'] } }) } });
    const report = assess(await enrichSnapshot(snap, config(), opts()), config());
    expect(unmatched).toEqual([]);
    expect(report.models[0]!.components['training-data'].status).toBe('unknown');
  });
});

describe('lookupsAllowed', () => {
  it.each<[string, Parameters<typeof lookupsAllowed>[0], boolean, RegExp | null]>([
    ['public repository, default config', { config: config() }, true, null],
    ['--offline', { offline: true, config: config() }, false, /offline/],
    ['hub: false', { config: config({ hub: false }) }, false, /hub: false/],
    [
      'private repository, default config',
      { privateRepo: true, config: config() },
      false,
      /private.*private_repos: true/,
    ],
    [
      'private repository with hub.private_repos',
      { privateRepo: true, config: config({ hub: { private_repos: true } }) },
      true,
      null,
    ],
    ['private repository, hub: false wins', { privateRepo: true, config: config({ hub: false }) }, false, /hub: false/],
    [
      '--offline wins over private_repos',
      { offline: true, privateRepo: true, config: config({ hub: { private_repos: true } }) },
      false,
      /offline/,
    ],
  ])('%s', (_name, gate, allowed, reason) => {
    const decision = lookupsAllowed(gate);
    expect(decision.allowed).toBe(allowed);
    if (reason) expect(decision).toMatchObject({ reason: expect.stringMatching(reason) });
    else expect(decision).toEqual({ allowed: true });
  });
});

describe('enrichSnapshot: no request unless allowed', () => {
  const snap = () =>
    snapshot({
      files: {
        'README.md': card({
          frontMatter: { license: 'apache-2.0', datasets: ['org/quiet-ds'], base_model: 'org/quiet-base' },
        }),
        'model.safetensors': { size: 5e9, lfs: true },
      },
    });

  it.each<[string, ConfigInput, boolean]>([
    ['--offline', {}, true],
    ['hub: false', { hub: false }, false],
  ])('%s returns the snapshot as it was, without a request', async (_name, cfg, offline) => {
    const before = snap();
    const after = await enrichSnapshot(before, config(cfg), { ...opts(), offline });
    expect(after).toBe(before);
    expect(unmatched).toEqual([]);
    const report = assess(after, config(cfg));
    expect(report.online).toBe(false);
    expect(report.models[0]!.components['training-data'].status).toBe('mentioned');
  });

  it('a private repository sends nothing and the report says why', async () => {
    const after = await enrichSnapshot(snap(), config(), { ...opts(), privateRepo: true });
    expect(unmatched).toEqual([]);
    expect(after.remote).toMatchObject({
      datasets: {},
      models: {},
      github: {},
      notOnline: expect.stringContaining('private'),
    });
    const report = assess(after, config());
    expect(report.online).toBe(false);
    expect(report.models[0]!.components['training-data'].status).toBe('mentioned');
    expect(report.models[0]!.lineage).toEqual([
      {
        model: 'org/quiet-base',
        depth: 1,
        resolved: false,
        note: expect.stringMatching(/^not looked up: the repository is private/),
      },
    ]);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        severity: 'note',
        ruleId: 'online-lookups',
        message: expect.stringContaining('private_repos: true'),
      }),
    );
  });

  it('a private repository with hub.private_repos: true is looked up', async () => {
    mockDataset('org/quiet-ds', datasetJson('org/quiet-ds', { license: 'cc-by-4.0', withReadme: false }));
    nock(HUB).get('/api/models/org/quiet-base').query({ blobs: 'true' }).reply(404, { error: 'Repository not found' });
    const cfg = config({ hub: { private_repos: true } });
    const report = assess(await enrichSnapshot(snap(), cfg, { ...opts(), privateRepo: true }), cfg);
    expect(unmatched).toEqual([]);
    expect(nock.isDone()).toBe(true);
    expect(report.online).toBe(true);
    expect(report.models[0]!.components['training-data']).toMatchObject({ status: 'open', verifiedOnline: true });
  });

  it('keeps facts a source already found (an hf: subject) and adds the new ones', async () => {
    mockDataset('org/quiet-ds', datasetJson('org/quiet-ds', { license: 'mit', withReadme: false }));
    nock(HUB).get('/api/models/org/quiet-base').query({ blobs: 'true' }).reply(404, { error: 'Repository not found' });
    const base = snap();
    base.remote = { datasets: {}, models: {}, github: {}, lineage: [], notes: ['from the source'] };
    const after = await enrichSnapshot(base, config(), opts());
    expect(after.remote?.notes[0]).toBe('from the source');
    expect(Object.keys(after.remote?.datasets ?? {})).toEqual(['org/quiet-ds']);
  });

  it('uses the lookup step it is given (the App passes its own GitHub request)', async () => {
    const queries: unknown[] = [];
    const after = await enrichSnapshot(snap(), config(), {
      resolve: async (query) => {
        queries.push(query);
        return { datasets: {}, models: {}, github: {}, lineage: [], notes: ['stub lookups'] };
      },
    });
    expect(queries).toEqual([expect.objectContaining({ datasets: ['org/quiet-ds'], baseModels: ['org/quiet-base'] })]);
    expect(after.remote?.notes).toEqual(['stub lookups']);
  });
});

describe('CLI: hub: false in the config behaves like --offline', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'truly-open-hub-off-'));
    writeFileSync(join(dir, 'README.md'), card({ frontMatter: { license: 'apache-2.0', datasets: ['org/cli-ds'] } }));
    writeFileSync(join(dir, 'model.safetensors'), Buffer.alloc(2048));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]): Promise<Report> {
    let stdout = '';
    const io: CliIo = {
      stdout: (s) => void (stdout += s),
      stderr: () => undefined,
      env: {},
      isTTY: false,
      stderrTTY: false,
    };
    expect(await main(['check', dir, '--format', 'json', ...args], io)).toBe(0);
    return JSON.parse(stdout) as Report;
  }

  it('no request, and the same statuses as --offline', async () => {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github', 'truly-open.yml'), 'hub: false\n');
    const off = await run([]);
    const offline = await run(['--offline']);
    expect(unmatched).toEqual([]);
    expect(off.online).toBe(false);
    expect(off.models).toEqual(offline.models);
  });

  it('without hub: false the same directory is looked up (so the test above could fail)', async () => {
    mockDataset('org/cli-ds', datasetJson('org/cli-ds', { license: 'cc-by-4.0', withReadme: false }));
    const on = await run([]);
    expect(unmatched).toEqual([]);
    expect(on.models[0]!.components['training-data'].status).toBe('open');
  });
});

describe('GitHub Action: a private repository sends nothing to the Hub', () => {
  let hub: FakeHub;
  let dir: string;
  beforeEach(async () => {
    hub = await startFakeHub();
    hub.route('/api/datasets/org/action-ds', {
      body: datasetJson('org/action-ds', { license: 'cc-by-4.0', withReadme: false }),
    });
    dir = mkdtempSync(join(tmpdir(), 'truly-open-action-private-'));
    writeFileSync(
      join(dir, 'README.md'),
      card({ frontMatter: { license: 'apache-2.0', datasets: ['org/action-ds'] } }),
    );
    writeFileSync(join(dir, 'model.safetensors'), Buffer.alloc(2048));
  });
  afterEach(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runAction(event: unknown, extraConfig?: string): Promise<Report> {
    if (extraConfig) {
      mkdirSync(join(dir, '.github'));
      writeFileSync(join(dir, '.github', 'truly-open.yml'), extraConfig);
    }
    const eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, typeof event === 'string' ? event : JSON.stringify(event));
    const env: Record<string, string> = {
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_OUTPUT: join(dir, 'out.txt'),
      RUNNER_TEMP: dir,
      HF_ENDPOINT: hub.endpoint,
      INPUT_PATH: '.',
      INPUT_OFFLINE: 'false',
      INPUT_FORMAT: 'json',
    };
    writeFileSync(env.GITHUB_OUTPUT!, '');
    // cwd is the process's own (as on a runner); the workspace is the temp directory.
    const code = await runActionMain({ env, cwd: process.cwd(), stdout: () => undefined });
    expect(code).toBe(0);
    const outputs = readFileSync(env.GITHUB_OUTPUT!, 'utf8');
    const reportPath = /report-path=(.+)/.exec(outputs)?.[1];
    return JSON.parse(readFileSync(reportPath!, 'utf8')) as Report;
  }

  it('private: no request, offline report with the reason', async () => {
    const report = await runAction({ repository: { full_name: 'org/secret', private: true } });
    expect(report.subject.location).toBe(dir);
    expect(report.models[0]!.components['training-data'].status).toBe('mentioned');
    expect(hub.requests).toEqual([]);
    expect(report.online).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ ruleId: 'online-lookups', message: expect.stringContaining('private') }),
    );
  });

  it('an unreadable event file counts as private', async () => {
    await runAction('{ not json');
    expect(hub.requests).toEqual([]);
  });

  it('private with hub.private_repos: true: looked up', async () => {
    const optedIn = await runAction({ repository: { private: true } }, 'hub:\n  private_repos: true\n');
    expect(hub.requests).toContain('/api/datasets/org/action-ds');
    expect(optedIn.models[0]!.components['training-data'].status).toBe('open');
  });

  it('public: looked up', async () => {
    const report = await runAction({ repository: { private: false } });
    expect(report.online).toBe(true);
    expect(hub.requests).toContain('/api/datasets/org/action-ds');
  });
});

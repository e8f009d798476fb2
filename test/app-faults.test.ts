// GitHub failing: server errors and rate limits are retried with back-off (Probot's retry
// and throttling plugins, on here with millisecond delays), then reported in a neutral
// check run that says why. A run, once created, is never left in progress. Retries take
// seconds here, so the quick-verdict budget is off (0: the run is created in progress
// first, then completed) except where a test says otherwise.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  deliver,
  mockCommit,
  mockCreateRun,
  mockGetPull,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nockDone,
  OWNER,
  plainRepo,
  REPO,
  runLog,
  orgConfigThroughProbot,
  SHA,
  startApp,
} from './helpers/app-harness.js';
import { mockTree } from './helpers/github-mocks.js';
import { limits } from '../src/app/limits.js';

let probot: Probot;
const saved = { ...limits };
beforeEach(async () => {
  limits.quickVerdictMs = 0;
  probot = await startApp({ retries: true });
});
afterEach(() => {
  Object.assign(limits, saved);
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const TREE = `/repos/${OWNER}/${REPO}/git/trees/${SHA.push}`;

describe('faults', () => {
  it('retries a transient 500 and evaluates normally', async () => {
    const scope = api();
    mockToken(scope);
    scope.get(TREE).query({ recursive: '1' }).reply(500, { message: 'Server Error' });
    mockCommit(scope, SHA.push, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
  });

  it('a tree that cannot be read through every retry leaves no run: whether it is a model is unknown', async () => {
    // An outage must not put a neutral run on every repository of an organisation-wide install.
    const scope = api();
    mockToken(scope);
    let attempts = 0;
    scope
      .get(TREE)
      .query({ recursive: '1' })
      .times(4)
      .reply(() => {
        attempts += 1;
        return [500, { message: 'Server Error' }];
      });

    await deliver(probot, 'push', 'push');

    expect(attempts).toBe(4); // the request and 3 retries; no check-run mock: creating one would be unmatched
  });

  it('blobs that cannot be read after a tree showing weights end in a neutral run that gives the reason', async () => {
    const scope = api();
    mockToken(scope);
    mockTree(scope, OWNER, REPO, SHA.push, modelRepo().entries);
    scope.post('/graphql').times(4).reply(500, { message: 'Server Error' });
    const log = runLog();
    // The fault run is created already completed: one write.
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created[0]).toMatchObject({ head_sha: SHA.push, status: 'completed' });
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toBe(
      'Could not evaluate: GitHub API error (HTTP 500), still failing after retries',
    );
    expect(log.updates[0].output.summary).toMatch(/Re-run/);
  });

  it('blobs that cannot be read after a tree without a model signal leave no run', async () => {
    const scope = api();
    mockToken(scope);
    mockTree(scope, OWNER, REPO, SHA.push, plainRepo().entries);
    scope.post('/graphql').times(4).reply(500, { message: 'Server Error' });

    await deliver(probot, 'push', 'push');
  });

  it('a 403 rate limit is waited out and retried, then reported when it does not lift', async () => {
    const scope = api();
    mockToken(scope);
    mockTree(scope, OWNER, REPO, SHA.push, modelRepo().entries);
    let attempts = 0;
    scope
      .post('/graphql')
      .times(4)
      .reply(() => {
        attempts += 1;
        const reset = String(Math.floor(Date.now() / 1000));
        return [
          403,
          { message: 'API rate limit exceeded' },
          { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
        ];
      });
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(attempts).toBe(4); // Probot's limiter retries a rate limit up to 3 times
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toBe(
      'Could not evaluate: GitHub API rate limit exhausted (HTTP 403), still after retrying',
    );
  });

  it('a PR comment that cannot be written keeps the verdict and notes why in the summary', async () => {
    const scope = api();
    mockToken(scope);
    // The PR flow creates the run, then fails posting the comment (which may have happened,
    // so it lists the comments, and that fails too): the run must not stay in progress.
    mockCommit(scope, SHA.head, modelRepo({ 'model.safetensors': undefined }));
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    mockGetPull(scope);
    scope.post(`/repos/${OWNER}/${REPO}/issues/7/comments`).reply(502, { message: 'Bad Gateway' });
    scope.get(`/repos/${OWNER}/${REPO}/issues/7/comments`).query(true).times(4).reply(502, { message: 'Bad Gateway' });
    mockUpdateRun(scope, log);

    await deliver(probot, 'pull_request', 'opened');

    expect(log.created[0]).toMatchObject({ status: 'in_progress' });
    expect(log.updates).toHaveLength(1);
    // The weights were removed: a regression, which fails by default. The comment is not
    // part of the verdict, so its failure leaves the conclusion and title alone.
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(log.updates[0].output.title).not.toMatch(/Could not evaluate/);
    expect(log.updates[0].output.summary).toContain(
      'PR comment not updated: GitHub API error (HTTP 502), still failing after retries',
    );
    expect(log.updates[0].output.summary).toContain('| Component |');
  });

  it('an error in the evaluation itself after the run was created completes it as neutral with the reason', async () => {
    const scope = api();
    mockToken(scope);
    // No config file in the pushed tree; the org's uses `_extends`, which Probot follows,
    // and that request keeps failing.
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    const log = runLog();
    mockCreateRun(scope, log);
    orgConfigThroughProbot(scope).times(4).reply(502, { message: 'Bad Gateway' });
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created[0]).toMatchObject({ status: 'in_progress' });
    expect(log.updates).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toMatch(/^Could not evaluate: .*HTTP 502/);
  });

  it('the same error within the quick budget: the run is created completed, neutral with the reason (one write)', async () => {
    limits.quickVerdictMs = 60_000;
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    const log = runLog();
    mockCreateRun(scope, log);
    orgConfigThroughProbot(scope).times(4).reply(502, { message: 'Bad Gateway' });

    await deliver(probot, 'push', 'push');

    expect(log.created).toHaveLength(1);
    expect(log.created[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.created[0].output.title).toMatch(/^Could not evaluate: .*HTTP 502/);
  });
});

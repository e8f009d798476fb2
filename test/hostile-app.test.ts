// Issue 10, items 3 and 5 through the app: GitHub refusing, answering late, answering 502
// after doing the write, deliveries out of order and bursts of slash commands. Every run
// that is created gets completed, exactly one run and one comment exist per write, the
// comment never goes back to an older head, and a burst of commands does a bounded
// amount of work. Most cases here are about the run created in progress and completed
// later, so the quick-verdict budget is off (0) unless a test turns it on (the last
// describe: a run created already completed).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { lastServices } from '../src/app/index.js';
import { limits } from '../src/app/limits.js';
import {
  api,
  APP_ID,
  deliver,
  INSTALLATION,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockPermission,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nockDone,
  OWNER,
  REPO,
  runLog,
  orgConfigThroughProbot,
  SHA,
  SLUG,
  startApp,
} from './helpers/app-harness.js';
import { idle } from '../src/app/index.js';
import { mockTree } from './helpers/github-mocks.js';

let probot: Probot;
const saved = { ...limits };
beforeEach(async () => {
  limits.quickVerdictMs = 0;
  probot = await startApp();
});
afterEach(() => {
  Object.assign(limits, saved);
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const RUNS = `/repos/${OWNER}/${REPO}/check-runs`;
const SECONDARY = {
  message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
};
const metrics = () => lastServices!.metrics;

describe('secondary rate limits are waited out (Retry-After) and retried', () => {
  it('a completion refused twice with 403 + Retry-After completes on the third try', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    let refused = 0;
    scope
      .patch(/\/repos\/acme\/llm\/check-runs\/\d+$/)
      .times(2)
      .reply(() => (refused++, [403, SECONDARY, { 'retry-after': '1', 'x-ratelimit-remaining': '4000' }]));
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(refused).toBe(2);
    expect(log.updates).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
  });

  it('a create refused with 429 + Retry-After is sent again, once it is allowed', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    scope.post(RUNS).reply(429, { message: 'Too many requests' }, { 'retry-after': '2' });
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });

  it('a Retry-After longer than the limit is not waited for: the failure is reported', async () => {
    const scope = api();
    mockToken(scope);
    mockTree(scope, OWNER, REPO, SHA.push, modelRepo().entries);
    scope.post('/graphql').reply(403, SECONDARY, { 'retry-after': String(limits.maxRetryAfterSeconds + 1) });
    const log = runLog();
    // A failed read is reported in a run created already completed.
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toBe(
      'Could not evaluate: GitHub API rate limit exhausted (HTTP 403), still after retrying',
    );
  });

  it('a completion GitHub keeps refusing is tried again later, and the journal keeps the work until then', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    let failures = 0;
    // The completion, then the completion without annotations, then the first later try.
    scope
      .patch(/\/repos\/acme\/llm\/check-runs\/\d+$/)
      .times(3)
      .reply(() => (failures++, [502, { message: 'Bad Gateway' }]));
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(failures).toBe(3);
    expect(log.updates).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
    expect(metrics().get('truly_open_completion_retries_total')).toBe(1);
    expect(lastServices!.journal.size).toBe(0);
  });
});

describe('a write answered 502 after it happened is not made twice', () => {
  it('check run: found again by external_id on the commit, completed, never created twice', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    let posts = 0;
    // GitHub made run 4711, then the proxy in front of it answered 502.
    scope.post(RUNS).reply(() => (posts++, [502, { message: 'Bad Gateway' }]));
    scope
      .get(`/repos/${OWNER}/${REPO}/commits/${SHA.push}/check-runs`)
      .query({ check_name: 'truly-open', filter: 'all', per_page: '100' })
      .reply(200, {
        total_count: 2,
        check_runs: [
          {
            id: 4700,
            name: 'truly-open',
            head_sha: SHA.push,
            status: 'completed',
            conclusion: 'neutral',
            external_id: 'push',
            started_at: '2025-01-01T00:00:00Z',
            html_url: 'https://github.com/acme/llm/runs/4700',
            app: { id: APP_ID, slug: SLUG },
          },
          {
            id: 4711,
            name: 'truly-open',
            head_sha: SHA.push,
            status: 'in_progress',
            conclusion: null,
            external_id: 'push',
            started_at: '2025-01-01T00:05:00Z',
            html_url: 'https://github.com/acme/llm/runs/4711',
            app: { id: APP_ID, slug: SLUG },
          },
        ],
      });
    const log = runLog();
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(posts).toBe(1); // no retry of the POST by Probot, no second create by the app
    expect(log.updates).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ id: 4711, status: 'completed' });
  });

  it('check run: when the lookup finds none, it is created once more', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    scope.post(RUNS).reply(502, { message: 'Bad Gateway' });
    scope
      .get(`/repos/${OWNER}/${REPO}/commits/${SHA.push}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created).toHaveLength(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });

  it('PR comment: found again by its marker and author, never posted twice', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.head, modelRepo({ 'model.safetensors': undefined }));
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);
    mockGetPull(scope);
    // No comment yet (the head's GraphQL request says so).
    let posted = '';
    let posts = 0;
    scope.post(`/repos/${OWNER}/${REPO}/issues/7/comments`).reply((_uri, body) => {
      posts++;
      posted = (body as { body: string }).body;
      return [502, { message: 'Bad Gateway' }];
    });
    // Listed again: the comment is there after all (same body).
    scope
      .get(`/repos/${OWNER}/${REPO}/issues/7/comments`)
      .query(true)
      .reply(200, () => [
        {
          id: 77,
          body: posted,
          user: { login: `${SLUG}[bot]`, type: 'Bot' },
          performed_via_github_app: { id: APP_ID },
        },
      ]);

    await deliver(probot, 'pull_request', 'opened');

    expect(posts).toBe(1);
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(log.updates[0].output.summary).not.toMatch(/PR comment not updated/);
  });
});

describe('the comment is about the PR as it is now', () => {
  it('an older head delivered after a newer one is evaluated (its own run) but never changes the comment', async () => {
    const scope = api();
    mockToken(scope);
    // The PR is at d; the delivery for c arrives late.
    mockCommit(scope, SHA.head, modelRepo({ 'model.safetensors': undefined }));
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);
    mockGetPull(scope, SHA.head2);
    // No comment mocks: listing or writing one would be an unmatched request.

    await deliver(probot, 'pull_request', 'opened');

    expect(log.created[0]).toMatchObject({ head_sha: SHA.head });
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(log.updates[0].output.summary).not.toMatch(/PR comment not updated/);
  });
});

describe('time limits', () => {
  it('a tree request that hangs is abandoned: no run (whether it is a model is unknown), a log line and a metric', async () => {
    limits.requestTimeoutMs = 150;
    const scope = api();
    mockToken(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/${SHA.push}`)
      .query({ recursive: '1' })
      .delay(5_000)
      .reply(200, { sha: SHA.push, tree: [], truncated: false });

    const started = Date.now();
    await deliver(probot, 'push', 'push');

    expect(Date.now() - started).toBeLessThan(4_000); // it did not wait for the answer
    expect(metrics().get('truly_open_failures_without_run_total', { stage: 'read' })).toBe(1);
  });

  it('blobs that hang after a tree showing a model: a neutral run that says GitHub did not answer in time', async () => {
    limits.requestTimeoutMs = 150;
    const scope = api();
    mockToken(scope);
    mockTree(scope, OWNER, REPO, SHA.push, modelRepo().entries);
    scope
      .post('/graphql')
      .delay(5_000)
      .reply(200, { data: { repository: {} } });
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toMatch(
      /^Could not evaluate: GitHub did not answer in time \(POST \/graphql, 150 ms\)/,
    );
  });

  it('an evaluation past its time limit is stopped and its run completed as neutral with the reason', async () => {
    limits.evaluationTimeoutMs = 300;
    const scope = api();
    mockToken(scope);
    // The config is not in the tree; the organisation's uses `_extends`, which Probot
    // follows: that lookup hangs (within the request limit).
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    const log = runLog();
    mockCreateRun(scope, log);
    orgConfigThroughProbot(scope).delay(3_000).reply(404, { message: 'Not Found' });
    mockUpdateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toBe(
      'Could not evaluate: the evaluation took longer than 300 ms and was stopped',
    );
  });
});

describe('failures before a run exists', () => {
  it('a commit that is not there (404): no run, a log line and a metric', async () => {
    const scope = api();
    mockToken(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/git/trees/${SHA.push}`)
      .query({ recursive: '1' })
      .reply(404, { message: 'Not Found' });

    await deliver(probot, 'push', 'push');

    expect(metrics().get('truly_open_failures_without_run_total', { stage: 'unreadable' })).toBe(1);
  });

  it('no installation token: no run can be made, a log line and a metric', async () => {
    const scope = api();
    scope
      .post(`/app/installations/${INSTALLATION}/access_tokens`)
      .reply(403, { message: 'This installation has been suspended' });

    await deliver(probot, 'push', 'push');

    expect(metrics().get('truly_open_failures_without_run_total', { stage: 'read' })).toBe(1);
  });

  it('a check run GitHub will not create: a log line and a metric instead', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    scope.post(RUNS).reply(403, { message: 'Resource not accessible by integration' });

    await deliver(probot, 'push', 'push');

    expect(metrics().get('truly_open_failures_without_run_total', { stage: 'create-run' })).toBe(1);
  });
});

describe('bursts of slash commands', () => {
  const comment = (body: string, id: number) => (p: any) => {
    p.comment.body = body;
    p.comment.id = id;
    p.comment.user = { login: 'bob', type: 'User' };
    p.sender = { login: 'bob', type: 'User' };
  };

  it('30 × /openness help: one permission lookup, one reaction, one reply', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'write');
    scope.post(/\/repos\/acme\/llm\/issues\/comments\/\d+\/reactions/).reply(201, { id: 1, content: '+1' });
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    for (let i = 0; i < 30; i++)
      await deliver(probot, 'issue_comment', 'created', comment('/openness help', 4000 + i), { wait: false });
    await idle();

    expect(replies).toHaveLength(1);
    expect(metrics().get('truly_open_commands_coalesced_total', { kind: 'help' })).toBe(29);
  });

  it('30 × /openness recheck: one evaluation in flight, at most one more queued behind it', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'write');
    let reactions = 0;
    scope
      .post(/\/repos\/acme\/llm\/issues\/comments\/\d+\/reactions/)
      .times(2)
      .optionally()
      .reply(() => (reactions++, [201, { id: 1, content: 'eyes' }]));
    let evaluations = 0;
    scope
      .get(`/repos/${OWNER}/${REPO}/pulls/7`)
      .times(4)
      .optionally()
      .reply(
        () => (
          evaluations++,
          [200, { number: 7, state: 'open', head: { sha: SHA.head, ref: 'x' }, base: { sha: SHA.base, ref: 'main' } }]
        ),
      );
    // Each evaluation reads head and base; quiet on comments (nothing changes).
    for (let i = 0; i < 2; i++) {
      mockCommit(scope, SHA.head, modelRepo());
      mockCommit(scope, SHA.base, modelRepo());
    }
    const log = runLog();
    mockCreateRun(scope, log, { times: 2 });
    mockUpdateRun(scope, log, { times: 2 });
    scope.get(`/repos/${OWNER}/${REPO}/issues/7/comments`).query(true).times(2).optionally().reply(200, []);

    for (let i = 0; i < 30; i++)
      await deliver(probot, 'issue_comment', 'created', comment('/openness recheck', 5000 + i), { wait: false });
    await idle();

    const runs = log.created.length;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
    expect(reactions).toBe(runs);
    expect(evaluations).toBeLessThanOrEqual(runs); // the PR is read at most once per evaluation
    expect(log.updates).toHaveLength(runs);
    expect(metrics().get('truly_open_commands_coalesced_total', { kind: 'recheck' })).toBe(30 - runs);
    // Mocks for a second evaluation that did not happen are not required.
    if (runs === 1) {
      const { nock } = await import('./helpers/app-harness.js');
      nock.cleanAll();
    }
  });
});

describe('the quick path: one write, the run created already completed', () => {
  beforeEach(() => {
    limits.quickVerdictMs = 60_000;
  });

  it('a completed create answered 502 after it happened is found again by its start time, never created twice', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    let sent: any = null;
    let posts = 0;
    scope.post(RUNS).reply((_uri, body) => {
      posts++;
      sent = body;
      return [502, { message: 'Bad Gateway' }];
    });
    // GitHub lists an older completed run of the same commit, and the one just made.
    scope
      .get(`/repos/${OWNER}/${REPO}/commits/${SHA.push}/check-runs`)
      .query(true)
      .reply(200, () => ({
        total_count: 2,
        check_runs: [
          {
            id: 4700,
            name: 'truly-open',
            head_sha: SHA.push,
            status: 'completed',
            external_id: 'push',
            started_at: '2025-01-01T00:00:00Z',
            app: { id: APP_ID, slug: SLUG },
          },
          {
            id: 4712,
            name: 'truly-open',
            head_sha: SHA.push,
            status: 'completed',
            external_id: 'push',
            started_at: sent.started_at.replace('.000Z', 'Z'),
            app: { id: APP_ID, slug: SLUG },
          },
        ],
      }));

    await deliver(probot, 'push', 'push');

    expect(posts).toBe(1);
    expect(sent).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    // afterEach: no second POST and no PATCH (it would be unmatched).
  });

  it('a completed create answered 502 that did not happen is sent once more', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    scope.post(RUNS).reply(502, { message: 'Bad Gateway' });
    scope
      .get(`/repos/${OWNER}/${REPO}/commits/${SHA.push}/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] });
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'neutral' })]);
  });

  it('a completed create refused with 403 + Retry-After is sent again once allowed', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    scope.post(RUNS).reply(403, SECONDARY, { 'retry-after': '1', 'x-ratelimit-remaining': '4000' });
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(log.created).toEqual([expect.objectContaining({ status: 'completed' })]);
  });
});

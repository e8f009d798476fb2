// Pull requests: a check run on the head with the delta against the base, one comment per
// PR (found by marker and author in the head's GraphQL request or remembered, never
// edited when unchanged), forks, modes, regression, and ordering under bursts of events.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  deliver,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockToken,
  modelRepo,
  nockDone,
  OWNER,
  REPO,
  runLog,
  setPrComments,
  SHA,
  SLUG,
  startApp,
  APP_ID,
} from './helpers/app-harness.js';
import { countRequests } from './helpers/github-mocks.js';
import { idle } from '../src/app/index.js';

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const TRAINING = { 'train.py': '# Apache-2.0\nimport torch\n\ndef train():\n    pass\n' };
const NO_WEIGHTS = { 'model.safetensors': undefined };

/**
 * Base and head commits of PR 7 and the run (created completed: the verdict is quick).
 * `baseSha` null: the base is known from an earlier evaluation and not read again.
 */
function prScene(
  head = modelRepo(TRAINING),
  base = modelRepo(),
  headSha: string = SHA.head,
  { token = true, baseSha = SHA.base as string | null } = {},
) {
  const scope = api();
  // The installation token is minted once per app instance, then cached.
  if (token) mockToken(scope);
  mockCommit(scope, headSha, head);
  if (baseSha) mockCommit(scope, baseSha, base);
  const log = runLog();
  mockCreateRun(scope, log);
  return { scope, log };
}

describe('pull_request', () => {
  it('opened: a run on the head with the delta, and one new comment', async () => {
    const { scope, log } = prScene(modelRepo(NO_WEIGHTS), modelRepo());
    // No comment yet: the head's GraphQL request says so, no list call.
    mockGetPull(scope);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'opened');

    expect(log.created).toHaveLength(1);
    expect(log.created[0]).toMatchObject({ head_sha: SHA.head, external_id: 'pr:7', status: 'completed' });
    // Dropping the weights lowers the ladder: fail_on_regression (default on) fails the run.
    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
    expect(log.updates[0].output.summary).toMatch(/open weights/i);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatch(/^<!-- truly-open -->/);
    expect(bodies[0]).toMatch(/weights/i);
  });

  it('synchronize: with fail_on_regression off, a regression is neutral, and the comment still says what changed', async () => {
    const config = { '.github/truly-open.yml': 'fail_on_regression: false\n' };
    const { scope, log } = prScene(modelRepo({ ...NO_WEIGHTS, ...config }), modelRepo(config), SHA.head2);
    mockGetPull(scope, SHA.head2);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'synchronize');

    expect(log.created[0]).toMatchObject({ head_sha: SHA.head2 });
    expect(log.updates[0]).toMatchObject({ conclusion: 'neutral' });
    expect(bodies).toHaveLength(1);
  });

  it('a PR from a fork is read from the base repository at the head commit', async () => {
    const { scope, log } = prScene(modelRepo(TRAINING), modelRepo());
    mockGetPull(scope);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'opened', (p) => {
      p.pull_request.head.repo = {
        id: 2002,
        name: 'llm',
        full_name: 'mallory/llm',
        owner: { login: 'mallory', id: 666 },
      };
      p.pull_request.head.ref = 'patch-1';
    });

    // Every mock is on acme/llm; a request to mallory/llm would have failed.
    expect(log.created[0]).toMatchObject({ head_sha: SHA.head, external_id: 'pr:7' });
    expect(log.updates).toHaveLength(1);
  });

  it('changes mode: no comment when the PR does not change openness and no requirement is unmet', async () => {
    const { scope, log } = prScene(modelRepo(), modelRepo());
    const counted = countRequests(scope);

    await deliver(probot, 'pull_request', 'reopened');

    expect(log.updates[0]).toMatchObject({ conclusion: 'neutral' });
    // No comment mock: a comment would have failed the test. No comment exists (GraphQL
    // said so) and none is due: not even the PR is read again.
    expect(counted.routes.filter((r) => /pulls|comments/.test(r))).toEqual([]);
  });

  it('always mode comments even when nothing changed; never mode does not even look for comments', async () => {
    const always = { '.github/truly-open.yml': 'comment: always\n' };
    const first = prScene(modelRepo(always), modelRepo(always));
    mockGetPull(first.scope);
    const bodies: string[] = [];
    mockCreateComment(first.scope, bodies);
    await deliver(probot, 'pull_request', 'opened');
    expect(bodies).toHaveLength(1);

    // The base branch moved on (its config now says never) and the head too.
    const never = { '.github/truly-open.yml': 'comment: never\n' };
    const BASE2 = '9'.repeat(40);
    const second = prScene(modelRepo({ ...never, ...NO_WEIGHTS }), modelRepo(never), SHA.head2, {
      token: false,
      baseSha: BASE2,
    });
    await deliver(probot, 'pull_request', 'synchronize', (p) => (p.pull_request.base.sha = BASE2));
    expect(second.log.updates[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('edits its own comment in place, and does not touch it when the text would not change', async () => {
    // First evaluation: learn the exact comment text.
    const first = prScene(modelRepo(NO_WEIGHTS), modelRepo());
    mockGetPull(first.scope);
    const bodies: string[] = [];
    mockCreateComment(first.scope, bodies);
    await deliver(probot, 'pull_request', 'opened');
    const body = bodies[0]!;

    // Same commits again: the assessment is cached and the comment remembered with its
    // text, so the run's one write is all (no read, no comment request).
    const again = api();
    const counted = countRequests(again);
    const log = runLog();
    mockCreateRun(again, log);
    await deliver(probot, 'pull_request', 'reopened');
    expect(counted.routes).toEqual([`POST /repos/${OWNER}/${REPO}/check-runs`]);
    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });

    // A new head with the same result: the head's GraphQL request finds our comment (marker
    // + our bot) with the same text, and leaves it alone.
    const mine = {
      id: 61,
      body,
      user: { login: `${SLUG}[bot]`, type: 'Bot' },
      performed_via_github_app: { id: APP_ID },
    };
    setPrComments([mine]);
    const second = prScene(modelRepo(NO_WEIGHTS), modelRepo(), SHA.head2, { token: false, baseSha: null });
    await deliver(probot, 'pull_request', 'synchronize');
    expect(second.log.updates).toHaveLength(1);

    // Different result: the same comment is edited, not a new one created, found without a list call.
    const HEAD3 = 'f'.repeat(40);
    setPrComments([{ ...mine, body: `${body}\nold` }]);
    const third = prScene(modelRepo({ ...NO_WEIGHTS, ...TRAINING }), modelRepo(), HEAD3, {
      token: false,
      baseSha: null,
    });
    mockGetPull(third.scope, HEAD3);
    const edits: string[] = [];
    third.scope.patch(`/repos/${OWNER}/${REPO}/issues/comments/61`).reply(200, (_u, b) => {
      edits.push((b as { body: string }).body);
      return { id: 61 };
    });
    await deliver(probot, 'pull_request', 'synchronize', (p) => (p.pull_request.head.sha = HEAD3));
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatch(/^<!-- truly-open -->/);
  });

  it('lists the comments only when the GraphQL window cannot tell (more comments than it brings)', async () => {
    const { scope } = prScene(modelRepo(NO_WEIGHTS), modelRepo());
    const others = Array.from({ length: 31 }, (_, i) => ({
      id: 100 + i,
      body: `comment ${i}`,
      user: { login: 'alice', type: 'User' },
    }));
    setPrComments(others);
    mockGetPull(scope);
    scope.get(`/repos/${OWNER}/${REPO}/issues/7/comments`).query(true).reply(200, others);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'opened');

    expect(bodies).toHaveLength(1);
  });

  it('never touches a comment by someone else that quotes the marker', async () => {
    const { scope } = prScene(modelRepo(NO_WEIGHTS), modelRepo());
    mockGetPull(scope);
    setPrComments([{ id: 62, body: '<!-- truly-open --> spoof', user: { login: 'mallory', type: 'User' } }]);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'opened');

    expect(bodies).toHaveLength(1);
  });

  it('serialises events for one PR, and a run overtaken by a newer event leaves the comment to it', async () => {
    const scope = api();
    mockToken(scope);
    const order: string[] = [];
    scope.on('request', (req: { method: string; path: string }) => order.push(`${req.method} ${req.path}`));
    // Run 1 (head c) reads head and base; run 2 (head d) its head (the base is cached).
    mockCommit(scope, SHA.head, modelRepo(NO_WEIGHTS));
    mockCommit(scope, SHA.base, modelRepo());
    mockCommit(scope, SHA.head2, modelRepo({ ...NO_WEIGHTS, ...TRAINING }));
    const log = runLog();
    mockCreateRun(scope, log, { times: 2 });
    // Only the newer run reads the PR's head again and writes the comment.
    mockGetPull(scope, SHA.head2);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'pull_request', 'opened', undefined, { wait: false });
    await deliver(probot, 'pull_request', 'synchronize', undefined, { wait: false });
    await idle();

    expect(log.created.map((r) => r.head_sha)).toEqual([SHA.head, SHA.head2]);
    expect(log.updates.map((u) => u.status)).toEqual(['completed', 'completed']);
    // Both evaluated (a fault would be neutral): the weights drop fails both.
    expect(log.updates.map((u) => u.conclusion)).toEqual(['failure', 'failure']);
    expect(bodies).toHaveLength(1);
    // Serialised: the second run starts reading only after the first completed its run.
    const firstDone = order.findIndex((r) => r === `POST /repos/${OWNER}/${REPO}/check-runs`);
    const secondStart = order.indexOf(`GET /repos/${OWNER}/${REPO}/git/trees/${SHA.head2}?recursive=1`);
    expect(firstDone).toBeGreaterThan(-1);
    expect(secondStart).toBeGreaterThan(firstDone);
  });

  it('skips a queued event whose head was superseded before its turn came', async () => {
    const HEAD3 = 'f'.repeat(40);
    const scope = api();
    mockToken(scope);
    // Run 1 (head c) is slow, so the two synchronize events (d, then f) wait in the queue.
    mockCommit(scope, SHA.head, modelRepo(NO_WEIGHTS), { delayTreeMs: 200 });
    mockCommit(scope, SHA.base, modelRepo());
    mockCommit(scope, HEAD3, modelRepo(NO_WEIGHTS));
    const log = runLog();
    mockCreateRun(scope, log, { times: 2 });
    mockGetPull(scope, HEAD3);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);
    const trees: string[] = [];
    scope.on('request', (req: { method: string; path: string }) => {
      if (req.path.includes('/git/trees/')) trees.push(req.path);
    });

    await deliver(probot, 'pull_request', 'opened', undefined, { wait: false });
    await deliver(probot, 'pull_request', 'synchronize', undefined, { wait: false });
    await deliver(probot, 'pull_request', 'synchronize', (p) => (p.pull_request.head.sha = HEAD3), { wait: false });
    await idle();

    // Head d was superseded by f before its turn: not a single request for it.
    expect(log.created.map((r) => r.head_sha)).toEqual([SHA.head, HEAD3]);
    expect(trees.some((t) => t.includes(SHA.head2))).toBe(false);
    expect(log.updates.map((u) => u.conclusion)).toEqual(['failure', 'failure']);
    expect(bodies).toHaveLength(1);
  });
});

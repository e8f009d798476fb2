// The API budget per event type (issue 13), counted against nock: a change that adds a
// request fails here. Counts leave out minting the installation token (once per hour per
// installation, whatever the event). The verdicts are quick (the tests' GitHub answers at
// once), so each run is one write, created already completed.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  APP_ID,
  deliver,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nock,
  nockDone,
  OWNER,
  REPO,
  runLog,
  orgConfigThroughProbot,
  setOrgConfig,
  setPrComments,
  SHA,
  SLUG,
  startApp,
} from './helpers/app-harness.js';
import { limits } from '../src/app/limits.js';

let probot: Probot;
const saved = { ...limits };
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  Object.assign(limits, saved);
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const TREE = (sha: string) => `GET /repos/${OWNER}/${REPO}/git/trees/${sha}?recursive=1`;
const GRAPHQL = 'POST /graphql';
const CREATE_RUN = `POST /repos/${OWNER}/${REPO}/check-runs`;
const GET_PULL = `GET /repos/${OWNER}/${REPO}/pulls/7`;
const POST_COMMENT = `POST /repos/${OWNER}/${REPO}/issues/7/comments`;
const NO_WEIGHTS = { 'model.safetensors': undefined };

/** A scope whose requests (but the token) are recorded in order. */
function budget(): { scope: nock.Scope; routes: string[] } {
  const scope = api();
  const routes: string[] = [];
  scope.on('request', (req: { method: string; path: string }) => {
    if (!req.path.endsWith('/access_tokens')) routes.push(`${req.method} ${req.path}`);
  });
  mockToken(scope);
  return { scope, routes };
}

async function push(scope: nock.Scope, repo = modelRepo()) {
  mockCommit(scope, SHA.base, repo);
  mockCreateRun(scope, runLog());
  await deliver(probot, 'push', 'push', (p) => (p.after = SHA.base));
}

describe('requests per event', () => {
  it('push to the default branch, first of an owner without a config file: 3 (tree, one GraphQL with the org config, one write)', async () => {
    const { scope, routes } = budget();
    setOrgConfig('require: open-weights\n');
    const log = runLog();
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    mockCreateRun(scope, log);

    await deliver(probot, 'push', 'push');

    expect(routes).toEqual([TREE(SHA.push), GRAPHQL, CREATE_RUN]);
    expect(log.created[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
  });

  it('pull request with a delta and a new comment, base just assessed on push: 5', async () => {
    const { scope, routes } = budget();
    await push(scope);
    routes.length = 0;

    mockCommit(scope, SHA.head, modelRepo(NO_WEIGHTS));
    mockGetPull(scope);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);
    const log = runLog();
    mockCreateRun(scope, log);
    await deliver(probot, 'pull_request', 'opened');

    expect(routes).toEqual([TREE(SHA.head), GRAPHQL, GET_PULL, POST_COMMENT, CREATE_RUN]);
    expect(bodies).toHaveLength(1);
    expect(log.created[0]).toMatchObject({ head_sha: SHA.head, status: 'completed', conclusion: 'failure' });
  });

  it('pull request with a delta, its comment found in the GraphQL request and edited, cold base: 7', async () => {
    const { scope, routes } = budget();
    setPrComments([
      {
        id: 61,
        body: '<!-- truly-open -->\nan older verdict',
        user: { login: `${SLUG}[bot]`, type: 'Bot' },
        performed_via_github_app: { id: APP_ID },
      },
    ]);
    mockCommit(scope, SHA.head, modelRepo(NO_WEIGHTS));
    mockCommit(scope, SHA.base, modelRepo());
    mockGetPull(scope);
    const edits: string[] = [];
    scope
      .patch(`/repos/${OWNER}/${REPO}/issues/comments/61`)
      .reply(200, (_u, b) => (edits.push((b as { body: string }).body), { id: 61 }));
    mockCreateRun(scope, runLog());

    await deliver(probot, 'pull_request', 'opened');

    expect([...routes].sort()).toEqual(
      [
        TREE(SHA.head),
        TREE(SHA.base),
        GRAPHQL,
        GRAPHQL,
        GET_PULL,
        `PATCH /repos/${OWNER}/${REPO}/issues/comments/61`,
        CREATE_RUN,
      ].sort(),
    );
    expect(edits).toHaveLength(1);
  });

  it('re-run of an unchanged PR head: 2 (the PR, the write); the comment is remembered unchanged', async () => {
    const { scope, routes } = budget();
    mockCommit(scope, SHA.head, modelRepo(NO_WEIGHTS));
    mockCommit(scope, SHA.base, modelRepo());
    mockGetPull(scope);
    mockCreateComment(scope, []);
    mockCreateRun(scope, runLog());
    await deliver(probot, 'pull_request', 'opened');
    routes.length = 0;

    mockGetPull(scope);
    const log = runLog();
    mockCreateRun(scope, log);
    await deliver(probot, 'check_run', 'rerequested', (p) => {
      p.check_run.head_sha = SHA.head;
      p.check_run.external_id = 'pr:7';
    });

    expect(routes).toEqual([GET_PULL, CREATE_RUN]);
    expect(log.created[0]).toMatchObject({
      head_sha: SHA.head,
      external_id: 'pr:7',
      status: 'completed',
      conclusion: 'failure',
    });
  });

  it('re-run of an unchanged default-branch commit: 1 (the write)', async () => {
    const { scope, routes } = budget();
    mockCommit(scope, SHA.push, modelRepo());
    mockCreateRun(scope, runLog());
    await deliver(probot, 'push', 'push');
    routes.length = 0;

    mockCreateRun(scope, runLog());
    await deliver(probot, 'check_run', 'rerequested');

    expect(routes).toEqual([CREATE_RUN]);
  });

  it('a verdict slower than the quick budget: the run shows in progress at once, then completes (2 writes)', async () => {
    limits.quickVerdictMs = 50;
    const { scope, routes } = budget();
    // The org config uses `_extends` (Probot follows it): that lookup is slow.
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    orgConfigThroughProbot(scope).delay(300).reply(404, { message: 'Not Found' });
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);
    let createdAt = 0;
    let configAt = 0;
    scope.on('request', (req: { path: string }) => {
      if (req.path.endsWith('/check-runs')) createdAt = Date.now();
      if (req.path.includes('/contents/')) configAt = Date.now();
    });

    await deliver(probot, 'push', 'push');

    expect(log.created[0]).toMatchObject({ status: 'in_progress' });
    expect(log.updates).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'neutral' })]);
    // Created while the config was still being read, not after.
    expect(createdAt).toBeLessThan(configAt + 300);
    expect(routes.filter((r) => r.includes('check-runs'))).toHaveLength(2);
  });
});

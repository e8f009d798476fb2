// Releases (check run on the tag's commit, the "Openness" section in the notes) and the
// three ways to ask for a re-run: "Re-run", "Re-run all" and the run's own button.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { NOTES_END, NOTES_START } from '../src/app/release-notes.js';
import {
  api,
  deliver,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockProbotConfig,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nockDone,
  OWNER,
  REPO,
  runLog,
  SHA,
  startApp,
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

function mockTagSha(scope: ReturnType<typeof api>, tag = 'v1.0.0'): void {
  scope
    .get(`/repos/${OWNER}/${REPO}/commits/${tag}`)
    .matchHeader('accept', 'application/vnd.github.sha')
    .reply(200, SHA.release, { 'content-type': 'application/vnd.github.sha; charset=utf-8' });
}

function releaseScene(config: string | null) {
  const scope = api();
  mockToken(scope);
  mockTagSha(scope);
  mockCommit(scope, SHA.release, modelRepo());
  mockProbotConfig(scope, config);
  const log = runLog();
  mockCreateRun(scope, log);
  mockUpdateRun(scope, log);
  return { scope, log };
}

describe('release.published', () => {
  it('puts a check run on the commit the tag points at, and leaves the notes alone by default', async () => {
    const { log } = releaseScene(null);

    await deliver(probot, 'release', 'published');

    expect(log.created[0]).toMatchObject({ head_sha: SHA.release, external_id: 'release:9001' });
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    // No release-update mock: editing the notes would have been an unmatched request.
  });

  it('with release.notes: true, appends an Openness section between markers', async () => {
    const { scope, log } = releaseScene('release:\n  notes: true\n');
    const bodies: string[] = [];
    scope.patch(`/repos/${OWNER}/${REPO}/releases/9001`).reply(200, (_u, b) => {
      bodies.push((b as { body: string }).body);
      return { id: 9001 };
    });

    await deliver(probot, 'release', 'published');

    expect(log.updates[0]).toMatchObject({ status: 'completed' });
    expect(bodies).toHaveLength(1);
    const body = bodies[0]!;
    expect(body.startsWith('First public weights.\n\n- 7B parameters\n\n')).toBe(true);
    expect(body).toContain(`${NOTES_START}\n## Openness\n`);
    expect(body).toMatch(/Open weights/);
    expect(body).toMatch(/Details: https:\/\/github.com\/acme\/llm\/runs\/\d+/);
    expect(body.trimEnd().endsWith(NOTES_END)).toBe(true);
  });

  it('a 403 on editing the notes keeps the verdict and says the app needs Contents: write', async () => {
    const { scope, log } = releaseScene('release:\n  notes: true\nrequire: open-weights\n');
    scope
      .patch(`/repos/${OWNER}/${REPO}/releases/9001`)
      .reply(403, { message: 'Resource not accessible by integration' });

    await deliver(probot, 'release', 'published');

    expect(log.updates).toHaveLength(1);
    // The requirement is met: the run says so, not "could not evaluate".
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
    expect(log.updates[0].output.summary).toContain(
      'Release notes not updated: the app needs Contents: write to edit releases',
    );
    expect(log.updates[0].output.summary).toContain('| Component |');
  });

  it('replaces the section on re-evaluation instead of adding a second one', async () => {
    const { scope } = releaseScene('release:\n  notes: true\n');
    const bodies: string[] = [];
    scope.patch(`/repos/${OWNER}/${REPO}/releases/9001`).reply(200, (_u, b) => {
      bodies.push((b as { body: string }).body);
      return { id: 9001 };
    });

    await deliver(probot, 'release', 'published', (p) => {
      p.release.body = `Notes.\n\n${NOTES_START}\n## Openness\n\n- stale verdict\n${NOTES_END}\n\nThanks to all contributors.`;
    });

    const body = bodies[0]!;
    expect(body.split(NOTES_START)).toHaveLength(2);
    expect(body).not.toContain('stale verdict');
    expect(body.startsWith('Notes.\n\n')).toBe(true);
    expect(body.endsWith('\n\nThanks to all contributors.')).toBe(true);
  });
});

describe('re-runs', () => {
  function pushScene() {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    return { scope, log };
  }

  it('check_run.rerequested ("Re-run") evaluates the commit again', async () => {
    const { log } = pushScene();

    await deliver(probot, 'check_run', 'rerequested');

    expect(log.created[0]).toMatchObject({ head_sha: SHA.push, external_id: 'push' });
    expect(log.updates[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
  });

  it('a re-run of an unchanged commit costs only the write: the assessment is cached', async () => {
    pushScene();
    await deliver(probot, 'push', 'push');

    const scope = api();
    const counted = countRequests(scope);
    const log = runLog();
    mockCreateRun(scope, log);
    await deliver(probot, 'check_run', 'rerequested');

    expect(counted.routes).toEqual([`POST /repos/${OWNER}/${REPO}/check-runs`]);
    expect(log.updates[0]).toMatchObject({ head_sha: SHA.push, status: 'completed', conclusion: 'neutral' });
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
  });

  it('the run\'s own "Re-run" button (requested_action rerun) evaluates again', async () => {
    const { log } = pushScene();

    await deliver(probot, 'check_run', 'requested_action');

    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });

  it("ignores other apps' runs and other actions, without a request", async () => {
    await deliver(probot, 'check_run', 'rerequested', (p) => (p.check_run.app = { id: 999, slug: 'other-ci' }));
    await deliver(probot, 'check_run', 'requested_action', (p) => (p.requested_action = { identifier: 'fix-it' }));
    await deliver(probot, 'check_suite', 'rerequested', (p) => (p.check_suite.app = { id: 999, slug: 'other-ci' }));
  });

  it('check_suite.rerequested ("Re-run all") finds what our run evaluated by its external_id (fork PRs list no PRs)', async () => {
    const scope = api();
    mockToken(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/check-suites/555/check-runs`)
      .query({ check_name: 'truly-open' })
      .reply(200, { total_count: 1, check_runs: [{ id: 901, name: 'truly-open', external_id: 'pr:7' }] });
    mockGetPull(scope, SHA.head);
    mockGetPull(scope, SHA.head); // read again before the comment is written
    mockCommit(scope, SHA.head, modelRepo({ 'model.safetensors': undefined }));
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);
    const bodies: string[] = [];
    mockCreateComment(scope, bodies);

    await deliver(probot, 'check_suite', 'rerequested', (p) => (p.check_suite.head_sha = SHA.head));

    expect(log.created[0]).toMatchObject({ head_sha: SHA.head, external_id: 'pr:7' });
    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
    expect(bodies).toHaveLength(1);
  });

  it('check_suite.rerequested for a fork PR (no PRs listed) waits behind the running evaluation of that PR', async () => {
    const scope = api();
    mockToken(scope);
    const order: string[] = [];
    scope.on('request', (req: { method: string; path: string }) => order.push(`${req.method} ${req.path}`));
    const quiet = { '.github/truly-open.yml': 'comment: never\n' };
    // The PR's own evaluation, slow to read its head.
    mockCommit(scope, SHA.head, modelRepo(quiet), { delayTreeMs: 200 });
    mockCommit(scope, SHA.base, modelRepo(quiet));
    // "Re-run all" on the fork PR's suite.
    scope
      .get(`/repos/${OWNER}/${REPO}/check-suites/555/check-runs`)
      .query({ check_name: 'truly-open' })
      .reply(200, { total_count: 1, check_runs: [{ id: 901, name: 'truly-open', external_id: 'pr:7' }] });
    mockGetPull(scope, SHA.head);
    // The re-run's head and base are the ones just assessed: from the cache, not read again.
    const log = runLog();
    mockCreateRun(scope, log, { times: 2 });

    await deliver(probot, 'pull_request', 'opened', undefined, { wait: false });
    await deliver(probot, 'check_suite', 'rerequested', (p) => (p.check_suite.head_sha = SHA.head), { wait: false });
    await idle();

    expect(log.created.map((r) => r.external_id)).toEqual(['pr:7', 'pr:7']);
    // Serialised with the PR: the re-run reads the pull request only after the first run completed.
    const firstDone = order.findIndex((r) => r === `POST /repos/${OWNER}/${REPO}/check-runs`);
    const rerunStart = order.indexOf(`GET /repos/${OWNER}/${REPO}/pulls/7`);
    expect(firstDone).toBeGreaterThan(-1);
    expect(rerunStart).toBeGreaterThan(firstDone);
  });

  it('check_suite.rerequested with a listed PR goes straight to the PR flow', async () => {
    const scope = api();
    mockToken(scope);
    mockGetPull(scope, SHA.head);
    mockCommit(scope, SHA.head, modelRepo());
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    // Nothing changes and there is no comment: nothing to write but the run.
    mockCreateRun(scope, log);

    await deliver(probot, 'check_suite', 'rerequested', (p) => {
      p.check_suite.head_sha = SHA.head;
      p.check_suite.head_branch = 'training-code';
      p.check_suite.pull_requests = [
        { number: 7, head: { sha: SHA.head, ref: 'training-code' }, base: { sha: SHA.base, ref: 'main' } },
      ];
    });

    expect(log.created[0]).toMatchObject({ external_id: 'pr:7' });
  });

  it('re-running an older PR head updates that run but leaves the comment about the current head alone', async () => {
    const scope = api();
    mockToken(scope);
    mockGetPull(scope, SHA.head2); // the PR has moved on to d…
    mockCommit(scope, SHA.head, modelRepo({ 'model.safetensors': undefined }));
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);

    await deliver(probot, 'check_run', 'rerequested', (p) => {
      p.check_run.head_sha = SHA.head; // …and the run being re-run is on c.
      p.check_run.external_id = 'pr:7';
    });

    expect(log.created[0]).toMatchObject({ head_sha: SHA.head });
    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('re-running a release run fetches the release and evaluates its tag again', async () => {
    const scope = api();
    mockToken(scope);
    scope
      .get(`/repos/${OWNER}/${REPO}/releases/9001`)
      .reply(200, { id: 9001, tag_name: 'v1.0.0', target_commitish: 'main', body: 'x' });
    mockTagSha(scope);
    mockCommit(scope, SHA.release, modelRepo());
    mockProbotConfig(scope, null);
    const log = runLog();
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);

    await deliver(probot, 'check_run', 'rerequested', (p) => {
      p.check_run.head_sha = SHA.release;
      p.check_run.external_id = 'release:9001';
    });

    expect(log.created[0]).toMatchObject({ head_sha: SHA.release, external_id: 'release:9001' });
  });
});

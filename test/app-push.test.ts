// The push flow end to end through Probot: default-branch pushes get a check run (created
// already completed: the verdict is quick), other pushes and non-model repositories get
// nothing, and configuration comes from the pushed tree (no extra request) or the
// organisation's `.github` repository (asked in the files' GraphQL request).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  deliver,
  mockCommit,
  mockCreateRun,
  mockToken,
  modelRepo,
  nock,
  nockDone,
  OWNER,
  plainRepo,
  REPO,
  runLog,
  setOrgConfig,
  SHA,
  startApp,
} from './helpers/app-harness.js';
import { countRequests, defineRepo, entriesUnder, mockTree, treeSha } from './helpers/github-mocks.js';

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

/** One write: the run created with its verdict (`log.updates` holds the create's body too). */
function expectRun(scope: nock.Scope) {
  const log = runLog();
  mockCreateRun(scope, log);
  return log;
}

/** The GraphQL queries the scope was sent. */
function graphqlQueries(scope: nock.Scope): string[] {
  const queries: string[] = [];
  scope.on('request', (req: { path: string }, _interceptor: unknown, body: string) => {
    if (req.path === '/graphql') queries.push(String(JSON.parse(body).query));
  });
  return queries;
}

describe('push', () => {
  it('puts a completed check run on the pushed commit of the default branch', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.created).toHaveLength(1);
    expect(log.created[0]).toMatchObject({
      name: 'truly-open',
      head_sha: SHA.push,
      status: 'completed',
      external_id: 'push',
    });
    const done = log.created[0];
    // Open weights and no requirement configured: neutral, with the ladder headline as title.
    expect(done).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(done.output.title).toMatch(/^Open weights: .*training code/);
    expect(done.output.summary).toContain('| Component |');
    expect(done.actions).toEqual([{ label: 'Re-run', description: expect.any(String), identifier: 'rerun' }]);
  });

  it('costs 3 API requests once the installation token is cached: tree, blobs, the completed run', async () => {
    const warm = api();
    mockToken(warm);
    mockCommit(warm, SHA.push, modelRepo());
    expectRun(warm);
    await deliver(probot, 'push', 'push');

    const scope = api();
    const counted = countRequests(scope);
    mockCommit(scope, SHA.head, modelRepo());
    expectRun(scope);
    // Another commit: the first one's assessment is cached and would cost nothing to read.
    await deliver(probot, 'push', 'push', (p) => (p.after = SHA.head));

    expect(counted.routes).toEqual([
      `GET /repos/${OWNER}/${REPO}/git/trees/${SHA.head}?recursive=1`,
      'POST /graphql',
      `POST /repos/${OWNER}/${REPO}/check-runs`,
    ]);
    expect(counted.count).toBeLessThanOrEqual(3);
  });

  it('fails the run when the configured requirement is not met', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': 'require: open-source\n' }));
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
    expect(log.updates[0].output.title).toMatch(/^Requirement open-source not met/);
  });

  it('succeeds when the configured requirement is met', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': 'require: open-weights\n' }));
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ conclusion: 'success' });
  });

  it('ignores pushes to other branches and branch deletions without a single request', async () => {
    await deliver(probot, 'push', 'push', (p) => (p.ref = 'refs/heads/feature'));
    await deliver(probot, 'push', 'push', (p) => {
      p.deleted = true;
      p.after = '0'.repeat(40);
    });
    // afterEach: no mock was set up, and none was needed (a request would fail the test).
  });

  it('stays quiet on a repository with no model signal: no check run', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, plainRepo());

    await deliver(probot, 'push', 'push');
    // No check-run mock exists: creating one would have failed on an unmatched request.
  });

  it("stays quiet on the organisation's .github repository, whose config file is the org-wide fallback", async () => {
    const scope = api();
    mockToken(scope);
    const orgRepo = defineRepo({
      '.github/truly-open.yml': 'require: open-weights\n',
      'README.md': '# Acme defaults\n',
      'profile/README.md': '# Acme\n',
    });
    mockCommit(scope, SHA.push, orgRepo, { repoName: '.github' });

    await deliver(probot, 'push', 'push', (p) => {
      p.repository.name = '.github';
      p.repository.full_name = `${OWNER}/.github`;
    });
    // No check-run mock: creating one would be an unmatched request.
  });

  it('still evaluates a .github repository that holds a model', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo(), { repoName: '.github' });
    const done: any[] = [];
    scope
      .post(`/repos/${OWNER}/.github/check-runs`)
      .reply(201, (_u, b) => (done.push(b), { id: 1, app: { id: 123, slug: 'truly-open' } }));

    await deliver(probot, 'push', 'push', (p) => {
      p.repository.name = '.github';
      p.repository.full_name = `${OWNER}/.github`;
    });

    expect(done[0]).toMatchObject({ status: 'completed' });
  });

  it('processes a delivery id once, however often GitHub delivers it', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push', undefined, { id: 'same-delivery' });
    await deliver(probot, 'push', 'push', undefined, { id: 'same-delivery' });

    expect(log.created).toHaveLength(1);
  });

  it('walks sub-trees when GitHub truncates the recursive tree, and still finds the config in .github/', async () => {
    const repo = modelRepo({ '.github/truly-open.yml': 'require: open-weights\n' });
    const scope = api();
    mockToken(scope);
    // The recursive listing is cut short; the reader lists the root and each folder.
    mockTree(scope, OWNER, REPO, SHA.push, repo.entries.slice(0, 1), { truncated: true });
    mockTree(scope, OWNER, REPO, SHA.push, entriesUnder(repo.entries, '', false), { recursive: false });
    mockTree(scope, OWNER, REPO, treeSha('.github'), entriesUnder(repo.entries, '.github', true));
    scope.post('/graphql').reply(200, (_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, string> };
      const repository: Record<string, unknown> = {};
      for (const [, alias, variable] of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
        const path = variables[variable!]!.slice(41);
        const text = repo.blobs[path];
        repository[alias!] =
          typeof text === 'string' ? { text, isBinary: false, byteSize: text.length, isTruncated: false } : null;
      }
      return { data: { repository } };
    });
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    // `require: open-weights` can only have come from the walked `.github` sub-tree.
    expect(log.updates[0]).toMatchObject({ conclusion: 'success' });
  });
});

describe('configuration', () => {
  it('reports an invalid file as a neutral run listing each error, its field and its line', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(
      scope,
      SHA.push,
      modelRepo({ '.github/truly-open.yml': 'require: open-wieghts\nfail_on_regresion: true\n' }),
    );
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    const done = log.updates[0];
    expect(done).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(done.output.title).toBe('Configuration invalid: 2 errors in .github/truly-open.yml');
    expect(done.output.summary).toMatch(/line 1: require: expected one of: .*open-weights/);
    expect(done.output.summary).toMatch(
      /line 2: fail_on_regresion: unknown setting.*did you mean fail_on_regression\?/,
    );
    expect(done.output.annotations.map((a: any) => [a.path, a.start_line])).toEqual([
      ['.github/truly-open.yml', 1],
      ['.github/truly-open.yml', 2],
    ]);
  });

  it('falls back to the organisation .github repository when the repository has no config file, read in the same GraphQL request', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    setOrgConfig('require: open-source\n');
    const queries = graphqlQueries(scope);
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/xorg: repository\(owner: \$owner, name: "\.github"\)/);
  });

  it('does not ask for the organisation config when the repository has its own', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    const queries = graphqlQueries(scope);
    expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(queries[0]).not.toMatch(/xorg/);
  });

  it('follows an organisation config that uses _extends through Probot (the rare case costs its requests)', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    setOrgConfig('_extends: other\n');
    scope
      .get(`/repos/${OWNER}/.github/contents/.github%2Ftruly-open.yml`)
      .reply(200, '_extends: other\n', { 'content-type': 'text/plain; charset=utf-8' });
    scope
      .get(`/repos/${OWNER}/other/contents/.github%2Ftruly-open.yml`)
      .reply(200, 'require: open-source\n', { 'content-type': 'text/plain; charset=utf-8' });
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
  });

  it('uses the defaults when neither the repository nor the organisation has a config file', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    setOrgConfig(null);
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    expect(log.updates[0]).toMatchObject({ conclusion: 'neutral' });
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
  });

  it('caches the organisation answer per owner, "none" included: a second push does not ask again', async () => {
    const warm = api();
    mockToken(warm);
    mockCommit(warm, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    expectRun(warm);
    await deliver(probot, 'push', 'push');

    const scope = api();
    const counted = countRequests(scope);
    const queries = graphqlQueries(scope);
    mockCommit(scope, SHA.head, modelRepo({ '.github/truly-open.yml': undefined }));
    const log = expectRun(scope);
    await deliver(probot, 'push', 'push', (p) => (p.after = SHA.head));

    expect(queries).toHaveLength(1);
    expect(queries[0]).not.toMatch(/xorg/);
    expect(counted.count).toBeLessThanOrEqual(3);
    expect(log.updates[0].output.title).toMatch(/^Open weights/);
  });

  it('does not crash on organisation YAML that Probot cannot parse: a neutral run says so', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    setOrgConfig('require: [open-source\n  comment: {');
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    const done = log.updates[0];
    expect(done).toMatchObject({ conclusion: 'neutral' });
    expect(done.output.title).toMatch(/^Configuration invalid: 1 error/);
    expect(done.output.summary).toMatch(/invalid YAML/);
    expect(done.output.annotations).toEqual([]);
  });

  it('validates an organisation config with the engine schema', async () => {
    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo({ '.github/truly-open.yml': undefined }));
    setOrgConfig('comment: sometimes\nhub:\n  private_repos: "yes"\n');
    const log = expectRun(scope);

    await deliver(probot, 'push', 'push');

    const summary: string = log.updates[0].output.summary;
    expect(log.updates[0].output.title).toMatch(/2 errors/);
    expect(summary).toMatch(/comment: expected one of: changes, always, never/);
    expect(summary).toMatch(/hub\.private_repos: expected true or false/);
  });
});

// A Probot instance running the truly-open app against nock, and one helper per GitHub
// conversation the app has (installation token, check runs, comments, reactions...), so
// app tests read as the story of an event.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import app, { idle } from '../../src/app/index.js';
import {
  defineRepo,
  GITHUB_API,
  lfsFile,
  mockTree,
  type BlobSpec,
  type RepoDescription,
  type RepoFile,
} from './github-mocks.js';

export const OWNER = 'acme';
export const REPO = 'llm';
export const INSTALLATION = 4242;
export const APP_ID = 123;
export const SLUG = 'truly-open';
export const SHA = {
  push: 'a'.repeat(40),
  base: 'b'.repeat(40),
  head: 'c'.repeat(40),
  head2: 'd'.repeat(40),
  release: 'e'.repeat(40),
} as const;

// One key for the whole run: generating RSA keys is slow.
export const PRIVATE_KEY = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

export interface AppOptions {
  /** Octokit's retries and rate-limit handling on, with millisecond back-off (fault tests). */
  retries?: boolean;
}

export async function startApp({ retries = false }: AppOptions = {}): Promise<Probot> {
  // A function, not an object: Probot passes its own `throttle` options per installation,
  // which would replace an object default wholesale.
  const Octokit = ProbotOctokit.defaults((options: any) =>
    retries
      ? { ...options, retry: { retryAfterBaseValue: 1 }, throttle: { ...options.throttle, retryAfterBaseValue: 1 } }
      : { ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } },
  );
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, logLevel: 'fatal', Octokit });
  await probot.load(app);
  return probot;
}

let deliveries = 0;

/** Delivers a webhook from the fixtures, with `patch` applied, then waits for the background work. */
export async function deliver(
  probot: Probot,
  name: string,
  fixture: string,
  patch: (payload: any) => void = () => undefined,
  { id = `delivery-${++deliveries}`, wait = true }: { id?: string; wait?: boolean } = {},
): Promise<void> {
  const payload = loadFixture(name, fixture);
  patch(payload);
  await probot.receive({ id, name, payload } as Parameters<Probot['receive']>[0]);
  if (wait) await idle();
}

export function loadFixture(name: string, fixture: string): any {
  return JSON.parse(readFileSync(new URL(`../fixtures/webhooks/${name}/${fixture}.json`, import.meta.url), 'utf8'));
}

// Repositories ------------------------------------------------------------------------

export const CARD = [
  '---',
  'license: apache-2.0',
  'library_name: transformers',
  'pipeline_tag: text-generation',
  '---',
  '# Acme LLM 7B',
  '',
  'A 7B language model.',
  '',
  '## Training data',
  '',
  'Trained on a web crawl that is not published.',
  '',
].join('\n');

/** A typical open-weights release; `files` adds or replaces files (undefined removes one). */
export function modelRepo(files: Record<string, RepoFile | undefined> = {}): RepoDescription {
  const all: Record<string, RepoFile | undefined> = {
    '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
    '.github/truly-open.yml': 'comment: changes\n',
    'README.md': CARD,
    'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
    'model.safetensors': lfsFile(5_000_000_000, 'weights'),
    ...files,
  };
  return defineRepo(Object.fromEntries(Object.entries(all).filter((e): e is [string, RepoFile] => e[1] !== undefined)));
}

export function plainRepo(): RepoDescription {
  return defineRepo({
    'README.md': '# A web app\n\nNothing to do with models.\n',
    'src/index.js': 'console.log(1)\n',
    'package.json': '{}\n',
  });
}

// GitHub conversations ----------------------------------------------------------------

/** Requests no mock answered. The app catches its own failures, so these are the only trace. */
const unmatched: string[] = [];
nock.emitter.on('no match', (req: any) => {
  const host = String(req.host ?? req.hostname ?? req.options?.host ?? req.options?.hostname ?? '');
  // Real local servers (the HTTP-level tests) are allowed through, not "unmatched".
  if (/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) return;
  unmatched.push(`${req.method ?? req.options?.method ?? '?'} ${req.path ?? req.options?.path ?? '?'}`);
});

/**
 * For afterEach: every mock consumed and no request left unanswered. Cleans up first, so
 * one failing test does not leak its mocks into the next.
 */
export function nockDone(): { pending: string[]; unmatched: string[] } {
  const result = { pending: nock.pendingMocks(), unmatched: unmatched.splice(0) };
  nock.cleanAll();
  orgConfig = null;
  prComments.clear();
  return result;
}

// What the files' GraphQL request also answers (the app asks for these fields only when it
// needs them): the organisation's `.github` config file, and PR comments.
let orgConfig: string | null = null;
const prComments = new Map<number, object[]>();

/** The organisation's `.github/truly-open.yml` as GraphQL returns it (null: no `.github` repository). */
export function setOrgConfig(text: string | null): void {
  orgConfig = text;
}

/**
 * An organisation config that uses `_extends`: the app then reads it through Probot (REST),
 * and the test answers that request on the returned interceptor (a failure, a delay).
 */
export function orgConfigThroughProbot(scope: nock.Scope): nock.Interceptor {
  setOrgConfig('_extends: defaults\n');
  return scope.get(`/repos/${OWNER}/.github/contents/.github%2Ftruly-open.yml`);
}

/** PR comments (REST shape: id, body, user) as the head's GraphQL request returns them. */
export function setPrComments(comments: object[], number = 7): void {
  prComments.set(number, comments);
}

function extraAnswers(query: string, variables: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (/\bxorg: repository/.test(query)) {
    out.xorg = orgConfig === null ? null : { object: { text: orgConfig, isTruncated: false } };
  }
  if (/\bxpr: repository/.test(query)) {
    const list = (prComments.get(Number(variables.xprNumber)) ?? []) as {
      id: number;
      body: string;
      user?: { login?: string; type?: string };
    }[];
    const nodes = list.map((c) => ({
      databaseId: c.id,
      body: c.body,
      viewerDidAuthor: c.user?.login === `${SLUG}[bot]`,
      author: c.user
        ? { __typename: c.user.type === 'Bot' ? 'Bot' : 'User', login: (c.user.login ?? '').replace(/\[bot\]$/, '') }
        : null,
    }));
    // `comments(last: N)`: the newest N, and how many there are in all.
    const window = Number(/comments\(last: (\d+)\)/.exec(query)?.[1] ?? nodes.length);
    out.xpr = { pullRequest: { comments: { totalCount: nodes.length, nodes: nodes.slice(-window) } } };
  }
  return out;
}

export function api(): nock.Scope {
  return nock(GITHUB_API);
}

export function mockToken(scope: nock.Scope): nock.Scope {
  return scope.post(`/app/installations/${INSTALLATION}/access_tokens`).reply(201, {
    token: 'ghs_test',
    expires_at: '2099-01-01T00:00:00Z',
    permissions: {},
    repository_selection: 'all',
  });
}

/**
 * Tree and blobs of a repository at one commit. Several commits may be mocked on one scope:
 * the GraphQL answer is chosen by the commit named in the request's expressions.
 */
export function mockCommit(
  scope: nock.Scope,
  sha: string,
  repo: RepoDescription,
  options: { truncated?: boolean; delayTreeMs?: number; repoName?: string } = {},
): void {
  const name = options.repoName ?? REPO;
  if (options.delayTreeMs) {
    scope
      .get(`/repos/${OWNER}/${name}/git/trees/${sha}`)
      .query({ recursive: '1' })
      .delay(options.delayTreeMs)
      .reply(200, { sha, tree: repo.entries, truncated: false });
  } else {
    mockTree(scope, OWNER, name, sha, repo.entries, options);
  }
  commitBlobs.set(sha, repo.blobs);
  scope
    .post('/graphql', (body: { variables?: Record<string, string> }) =>
      Object.entries(body.variables ?? {}).some(([k, v]) => /^e\d+$/.test(k) && v.startsWith(`${sha}:`)),
    )
    .reply(200, (_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, string> };
      const repository: Record<string, unknown> = {};
      for (const [, alias, variable] of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
        const expression = variables[variable!]!;
        const [at, ...rest] = expression.split(':');
        repository[alias!] = blobAnswer(commitBlobs.get(at!)?.[rest.join(':')]);
      }
      return { data: { repository, ...extraAnswers(query, variables) } };
    });
}

const commitBlobs = new Map<string, Record<string, BlobSpec>>();

function blobAnswer(spec: BlobSpec | undefined): object | null {
  if (spec === undefined) return null;
  if (typeof spec === 'string')
    return { text: spec, isBinary: false, byteSize: Buffer.byteLength(spec), isTruncated: false };
  if ('binary' in spec) return { text: null, isBinary: true, byteSize: 4096, isTruncated: false };
  return { text: spec.text, isBinary: false, byteSize: Buffer.byteLength(spec.text) * 4, isTruncated: true };
}

export interface CheckRunLog {
  /** Every POST /check-runs body. */
  created: any[];
  /** Every completion or update, a run created already completed included (its create body). */
  updates: any[];
}

let runIds = 900;

/** `POST /check-runs` answered like GitHub does, with this app as the author. */
export function mockCreateRun(scope: nock.Scope, log: CheckRunLog, { times = 1 } = {}): void {
  scope
    .post(`/repos/${OWNER}/${REPO}/check-runs`)
    .times(times)
    .reply(201, (_uri, body) => {
      log.created.push(body);
      const id = ++runIds;
      if ((body as { status?: string }).status === 'completed') log.updates.push({ id, ...(body as object) });
      return {
        id,
        html_url: `https://github.com/${OWNER}/${REPO}/runs/${id}`,
        app: { id: APP_ID, slug: SLUG },
        ...(body as object),
      };
    });
}

/** `PATCH /check-runs/{id}` for any id, `times` times. */
export function mockUpdateRun(scope: nock.Scope, log: CheckRunLog, { times = 1 } = {}): void {
  scope
    .patch(/\/repos\/acme\/llm\/check-runs\/\d+$/)
    .times(times)
    .reply(200, (uri, body) => {
      log.updates.push({ id: Number(uri.split('/').pop()), ...(body as object) });
      return { id: Number(uri.split('/').pop()) };
    });
}

export function runLog(): CheckRunLog {
  return { created: [], updates: [] };
}

/** Existing comments on PR 7 (or another number). */
export function mockListComments(scope: nock.Scope, comments: object[], number = 7): void {
  scope.get(`/repos/${OWNER}/${REPO}/issues/${number}/comments`).query(true).reply(200, comments);
}

export function mockCreateComment(scope: nock.Scope, bodies: string[], number = 7): void {
  scope.post(`/repos/${OWNER}/${REPO}/issues/${number}/comments`).reply(201, (_uri, body) => {
    bodies.push((body as { body: string }).body);
    return { id: 5000 + bodies.length, body: (body as { body: string }).body };
  });
}

export function mockPermission(
  scope: nock.Scope,
  user: string,
  permission: 'admin' | 'write' | 'read' | 'none',
  role?: string,
): void {
  scope
    .get(`/repos/${OWNER}/${REPO}/collaborators/${user}/permission`)
    .reply(200, { permission, role_name: role ?? permission, user: { login: user } });
}

export function mockReaction(scope: nock.Scope, commentId: number, content: string): void {
  scope
    .post(`/repos/${OWNER}/${REPO}/issues/comments/${commentId}/reactions`, { content })
    .reply(201, { id: 1, content });
}

export function mockGetPull(scope: nock.Scope, headSha: string = SHA.head, number = 7): void {
  scope.get(`/repos/${OWNER}/${REPO}/pulls/${number}`).reply(200, {
    number,
    state: 'open',
    head: { sha: headSha, ref: 'training-code', repo: { name: REPO, owner: { login: OWNER } } },
    base: { sha: SHA.base, ref: 'main', repo: { name: REPO, owner: { login: OWNER }, default_branch: 'main' } },
  });
}

/** The org `.github` fallback when the repository has no config file: none there either. */
export function mockNoOrgConfig(scope: nock.Scope): void {
  scope.get(`/repos/${OWNER}/.github/contents/.github%2Ftruly-open.yml`).reply(404, { message: 'Not Found' });
}

/** `context.config()`: the repository file (or 404), then the org fallback when absent. */
export function mockProbotConfig(scope: nock.Scope, text: string | null): void {
  const path = `/repos/${OWNER}/${REPO}/contents/.github%2Ftruly-open.yml`;
  if (text === null) {
    scope.get(path).reply(404, { message: 'Not Found' });
    mockNoOrgConfig(scope);
  } else {
    scope.get(path).reply(200, text, { 'content-type': 'text/plain; charset=utf-8' });
  }
}

export { GITHUB_API, nock };

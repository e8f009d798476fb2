// nock helpers that speak GitHub's conversations about repository contents: one helper
// per exchange (a tree listing, a GraphQL batch of blobs), fed from one plain description
// of the repository so a test states files once and every mock agrees with it.
//
//   const repo = defineRepo({ 'README.md': '# Card', 'model.safetensors': lfsFile(5e9) });
//   const scope = nock(GITHUB_API);
//   mockTree(scope, 'acme', 'llm', SHA, repo.entries);
//   const blobs = mockBlobs(scope, 'acme', 'llm', repo.blobs);
//   ... run ...; scope.done(); expect(blobs.requests).toEqual([[...paths]]);
import { createHash } from 'node:crypto';
import nock from 'nock';
import { ProbotOctokit } from 'probot';

export const GITHUB_API = 'https://api.github.com';

/** An Octokit as the app gets it, minus retries and throttling so a failure shows at once. */
export function testOctokit(): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });
}

/** One entry of a `GET /repos/{owner}/{repo}/git/trees/{sha}` answer (paths relative to that tree). */
export interface TreeEntry {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size?: number;
}

/** How GraphQL answers for one blob: its text, binary content, or a text GitHub cut short. */
export type BlobSpec = string | { binary: true } | { text: string; truncated: true };

/**
 * A file in a repository description:
 * - a string: a text blob with that content;
 * - `lfsFile(size)`: an LFS pointer to an object of `size` bytes;
 * - `{ bytes: n }`: a blob of n bytes whose content the test never reads (size only);
 * - `{ bytes: n, binary: true }`: a binary blob GraphQL reports as binary;
 * - `{ symlink: target }`, `{ submodule: true }`.
 */
export type RepoFile = string | { bytes: number; binary?: boolean } | { symlink: string } | { submodule: true };

export interface RepoDescription {
  /** Recursive tree entries, folders included, sorted by path like GitHub's. */
  entries: TreeEntry[];
  /** What GraphQL returns for each readable blob path (texts, pointers, link targets). */
  blobs: Record<string, BlobSpec>;
}

/** Stable fake object id for a path and a role. */
export function fakeSha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

/** The sha a described repository gives the folder at `path` (for sub-tree mocks). */
export function treeSha(path: string): string {
  return fakeSha('tree', path);
}

/** Text of a Git LFS pointer to an object of `size` bytes; the oid derives from `seed`. */
export function lfsPointer(size: number, seed = String(size)): string {
  const oid = createHash('sha256').update(seed).digest('hex');
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;
}

/** An LFS-stored file: its blob is the pointer text. */
export function lfsFile(size: number, seed?: string): string {
  return lfsPointer(size, seed);
}

/** Builds the tree entries and blob answers of a repository from `path -> file`. */
export function defineRepo(files: Record<string, RepoFile>): RepoDescription {
  const entries = new Map<string, TreeEntry>();
  const blobs: Record<string, BlobSpec> = {};
  for (const [path, file] of Object.entries(files)) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!entries.has(dir)) entries.set(dir, { path: dir, mode: '040000', type: 'tree', sha: treeSha(dir) });
    }
    if (typeof file === 'string') {
      entries.set(path, {
        path,
        mode: '100644',
        type: 'blob',
        sha: fakeSha('blob', path, file),
        size: Buffer.byteLength(file),
      });
      blobs[path] = file;
    } else if ('symlink' in file) {
      entries.set(path, {
        path,
        mode: '120000',
        type: 'blob',
        sha: fakeSha('link', path),
        size: Buffer.byteLength(file.symlink),
      });
      blobs[path] = file.symlink;
    } else if ('submodule' in file) {
      entries.set(path, { path, mode: '160000', type: 'commit', sha: fakeSha('commit', path) });
    } else {
      entries.set(path, { path, mode: '100644', type: 'blob', sha: fakeSha('blob', path), size: file.bytes });
      if (file.binary) blobs[path] = { binary: true };
    }
  }
  return { entries: [...entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1)), blobs };
}

/**
 * The entries GitHub lists for the folder `dir` ('' = root): all descendants when
 * `recursive`, else direct children only; paths relative to `dir`.
 */
export function entriesUnder(entries: TreeEntry[], dir: string, recursive: boolean): TreeEntry[] {
  const prefix = dir === '' ? '' : dir + '/';
  return entries
    .filter((e) => e.path.startsWith(prefix) && e.path !== dir)
    .map((e) => ({ ...e, path: e.path.slice(prefix.length) }))
    .filter((e) => recursive || !e.path.includes('/'));
}

/**
 * `GET /repos/{owner}/{repo}/git/trees/{sha}` answered with `entries`. `recursive`
 * (default true) says whether the request carries `recursive=1`; `truncated` marks the
 * listing as cut short, as GitHub does past 100,000 entries or 7 MB.
 */
export function mockTree(
  scope: nock.Scope,
  owner: string,
  repo: string,
  sha: string,
  entries: TreeEntry[],
  { truncated = false, recursive = true }: { truncated?: boolean; recursive?: boolean } = {},
): nock.Scope {
  return scope
    .get(`/repos/${owner}/${repo}/git/trees/${sha}`)
    .query(recursive ? { recursive: '1' } : {})
    .reply(200, { sha, url: `${GITHUB_API}/repos/${owner}/${repo}/git/trees/${sha}`, tree: entries, truncated });
}

/** The same tree request failing with `status` (409 = empty repository, 404 = unknown commit). */
export function mockTreeError(
  scope: nock.Scope,
  owner: string,
  repo: string,
  sha: string,
  status: number,
  { recursive = true }: { recursive?: boolean } = {},
): nock.Scope {
  const message = status === 409 ? 'Git Repository is empty.' : status === 404 ? 'Not Found' : 'Server Error';
  return scope
    .get(`/repos/${owner}/${repo}/git/trees/${sha}`)
    .query(recursive ? { recursive: '1' } : {})
    .reply(status, { message, documentation_url: 'https://docs.github.com/rest/git/trees#get-a-tree' });
}

/** What the GraphQL blob mocks were asked: one list of paths per request, in alias order. */
export interface BlobLog {
  requests: string[][];
  /** The commit named in each request's expressions. */
  shas: string[];
}

/**
 * One `POST /graphql` request for `repository(owner, name)` that reads blobs through
 * aliased `object(expression: $eN)` fields. The answer is built from the request itself:
 * each asked path gets its `files` entry (text, binary or truncated), or null when the
 * path is not in `files`. `times` lets one mock answer several requests (split batches).
 * Paths asked are recorded in the returned log.
 */
export function mockBlobs(
  scope: nock.Scope,
  owner: string,
  repo: string,
  files: Record<string, BlobSpec>,
  { times = 1, log = { requests: [], shas: [] } }: { times?: number; log?: BlobLog } = {},
): BlobLog {
  scope
    .post(
      '/graphql',
      (body: { query?: string; variables?: Record<string, string> }) =>
        body.variables?.owner === owner &&
        body.variables?.name === repo &&
        /object\(expression:/.test(body.query ?? ''),
    )
    .times(times)
    .reply(200, (_uri, body) => {
      const { query, variables } = body as { query: string; variables: Record<string, string> };
      const repository: Record<string, unknown> = {};
      const paths: string[] = [];
      for (const [, alias, variable] of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
        const expression = variables[variable!]!;
        const sep = expression.indexOf(':');
        const path = expression.slice(sep + 1);
        log.shas.push(expression.slice(0, sep));
        paths.push(path);
        repository[alias!] = blobAnswer(files[path]);
      }
      log.requests.push(paths);
      return { data: { repository } };
    });
  return log;
}

function blobAnswer(spec: BlobSpec | undefined): object | null {
  if (spec === undefined) return null;
  if (typeof spec === 'string')
    return { text: spec, isBinary: false, byteSize: Buffer.byteLength(spec), isTruncated: false };
  if ('binary' in spec) return { text: null, isBinary: true, byteSize: 4096, isTruncated: false };
  return { text: spec.text, isBinary: false, byteSize: Buffer.byteLength(spec.text) * 4, isTruncated: true };
}

/**
 * Counts the requests nock answered on `scope` (the test's API budget), with their
 * method and path, e.g. `GET /repos/acme/llm/git/trees/<sha>?recursive=1`.
 */
export function countRequests(scope: nock.Scope): { readonly count: number; routes: string[] } {
  const routes: string[] = [];
  scope.on('request', (req: { method: string; path: string }) => routes.push(`${req.method} ${req.path}`));
  return {
    routes,
    get count() {
      return routes.length;
    },
  };
}

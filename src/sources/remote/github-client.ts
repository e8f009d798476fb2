// Existence, visibility and license of a GitHub repository named as code evidence.
// The app passes its installation's octokit `request` (auth and throttling come with it);
// the CLI goes through HttpClient, unauthenticated unless a token is given.
//
// Only what the public can see counts. The installation token (or a GITHUB_TOKEN) may read
// private repositories, and a report is often public: a private repository is answered
// exactly like a missing one (same state, URL, note), so the report neither uses its
// license nor tells anyone that it exists.
import type { GithubRepoInfo, LookupState } from '../../core/remote.js';
import type { HttpClient } from './http.js';

/** The subset of `octokit.request` we use: resolves with `{ status, data }`, rejects with `{ status }`. */
export type OctokitRequest = (
  route: string,
  params: Record<string, unknown>,
) => Promise<{ status: number; data: unknown }>;

const REPO_RE = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export function isGithubRepo(repo: string): boolean {
  return REPO_RE.test(repo) && !repo.endsWith('/.') && !repo.endsWith('/..');
}

export class GithubClient {
  constructor(private readonly source: { http: HttpClient } | { request: OctokitRequest }) {}

  async repoInfo(repo: string): Promise<GithubRepoInfo> {
    const url = `https://github.com/${repo}`;
    if (!isGithubRepo(repo)) return unseen(repo, 'not-found', `not a GitHub repository: ${JSON.stringify(repo)}`);
    const [owner, name] = repo.split('/') as [string, string];

    let status: number | null;
    let data: unknown;
    let error = '';
    let rateLimited = false;
    if ('request' in this.source) {
      try {
        ({ status, data } = await this.source.request('GET /repos/{owner}/{repo}', { owner, repo: name }));
      } catch (err) {
        const e = err as { status?: unknown; message?: unknown; response?: { headers?: Record<string, string> } };
        status = typeof e.status === 'number' ? e.status : null;
        error = typeof e.message === 'string' ? e.message : String(err);
        rateLimited = e.response?.headers?.['x-ratelimit-remaining'] === '0';
      }
    } else {
      const res = await this.source.http.getJson(
        `https://api.github.com/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`,
      );
      status = res.status;
      if (res.ok) data = res.data;
      else {
        error = res.error;
        rateLimited = res.headers['x-ratelimit-remaining'] === '0';
      }
    }

    if (status !== null && status >= 200 && status < 300 && isRecord(data)) return readRepo(repo, url, data);
    if (status === 404) return notFound(repo);
    if ((status === 403 || status === 429) && rateLimited)
      return unseen(repo, 'unavailable', 'GitHub API rate limit exceeded');
    if (status === 401 || status === 403) return unseen(repo, 'unauthorized', `HTTP ${status}`);
    return unseen(repo, 'unavailable', error || `HTTP ${status ?? 'error'}`);
  }
}

/** The one answer for a repository the public cannot see, missing or private alike. */
export function notFound(repo: string): GithubRepoInfo {
  return unseen(repo, 'not-found', 'repository not found (or private)');
}

/** What is known of a repository that was not seen: its address, and why. */
export function unseen(repo: string, state: LookupState, error: string): GithubRepoInfo {
  return { repo, state, url: `https://github.com/${repo}`, license: null, private: false, error };
}

/** Whether GitHub says the public can see the repository (`private: false`, visibility public when given). */
export function isPublicRepo(data: Record<string, unknown>): boolean {
  if (data.private !== false) return false;
  return data.visibility === undefined || data.visibility === 'public';
}

function readRepo(repo: string, url: string, data: Record<string, unknown>): GithubRepoInfo {
  if (!isPublicRepo(data)) return notFound(repo);
  const license = isRecord(data.license) ? data.license : null;
  const spdx = typeof license?.spdx_id === 'string' ? license.spdx_id : null;
  const fact: GithubRepoInfo = {
    repo,
    state: 'found',
    url: typeof data.html_url === 'string' && data.html_url.startsWith('https://github.com/') ? data.html_url : url,
    license: spdx && spdx !== 'NOASSERTION' ? spdx : null,
    private: data.private === true,
  };
  if (spdx === 'NOASSERTION') {
    const name = typeof license?.name === 'string' ? license.name : 'a license';
    fact.licenseNote = `GitHub found ${name} but could not match it to an SPDX id (NOASSERTION)`;
  } else if (!license) {
    fact.licenseNote = 'GitHub found no license file';
  }
  if (data.archived === true) fact.archived = true;
  return fact;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

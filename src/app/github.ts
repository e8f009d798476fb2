// The app's GitHub client, hardened for a world that is slow or refuses: each request on
// the wire has a time limit, a secondary rate limit is waited out as GitHub asks (Probot
// 14 logs it and gives up), and writes whose outcome is unknown can be told apart.
//
// Installed as an outer `request` hook on each installation client (context.octokit), so
// Probot's own throttling and retries still run inside it. The time limit sits at the
// other end, in the fetch Octokit calls for each attempt, so time spent queued in the
// throttler (writes are spaced 1 s apart process-wide) does not count against it.
import { formatDuration, limits } from './limits.js';
import type { Octokit } from './context.js';

const HARDENED = Symbol.for('truly-open.hardened');

/** GitHub did not answer one request in time. No status: it says nothing about GitHub's answer. */
export class GithubTimeoutError extends Error {
  override name = 'GithubTimeoutError';
  constructor(
    readonly method: string,
    readonly route: string,
    readonly ms: number,
  ) {
    super(`GitHub did not answer ${method} ${route} within ${formatDuration(ms)}`);
  }
}

type FetchLike = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

interface Attempts {
  timers: NodeJS.Timeout[];
  fired: boolean;
}

/** Adds the time limit and the secondary-rate-limit retries to `octokit`; once per client. */
export function harden<T extends Pick<Octokit, 'hook'>>(octokit: T): T {
  const marked = octokit as T & { [HARDENED]?: true };
  if (marked[HARDENED]) return octokit;
  marked[HARDENED] = true;
  octokit.hook.wrap('request', async (request, options) => {
    const opts = options as { method?: string; url?: string; request?: { fetch?: FetchLike; signal?: AbortSignal } };
    const innerFetch = opts.request?.fetch;
    for (let attempt = 0; ; attempt++) {
      const state: Attempts = { timers: [], fired: false };
      // The hooks inside this one were bound to this very options object (before-after-hook
      // passes it on, not the argument): it is changed in place. Its `request` is replaced,
      // not edited, because it may be the client's shared defaults.
      opts.request = { ...opts.request, fetch: timedFetch(innerFetch, state) };
      try {
        return await request(options);
      } catch (error) {
        if (state.fired) throw new GithubTimeoutError(opts.method ?? 'GET', opts.url ?? '?', limits.requestTimeoutMs);
        const wait = secondaryWaitMs(error);
        if (wait === null || attempt >= limits.secondaryRetries || opts.request?.signal?.aborted) throw error;
        await sleep(wait, opts.request?.signal);
      } finally {
        for (const timer of state.timers) clearTimeout(timer);
      }
    }
  });
  return octokit;
}

/** A fetch that gives up after `limits.requestTimeoutMs`, and when the caller's signal aborts. */
function timedFetch(inner: FetchLike | undefined, state: Attempts): FetchLike {
  return (url, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      state.fired = true;
      controller.abort();
    }, limits.requestTimeoutMs);
    timer.unref?.();
    // Kept until the whole request (body included) is done: the hook clears it.
    state.timers.push(timer);
    const outer = init?.signal;
    if (outer) {
      if (outer.aborted) controller.abort();
      else outer.addEventListener('abort', () => controller.abort(), { once: true });
    }
    return (inner ?? globalThis.fetch)(url, { ...init, signal: controller.signal });
  };
}

/**
 * How long to wait before retrying a request GitHub refused with a secondary rate limit:
 * 403 or 429 with `Retry-After` or GitHub's "secondary rate limit" message. Null for
 * anything else, for a primary rate limit (Probot's throttling waits for the reset) and
 * for a wait longer than `limits.maxRetryAfterSeconds`.
 */
export function secondaryWaitMs(error: unknown): number | null {
  const e = error as {
    status?: unknown;
    message?: unknown;
    response?: { headers?: Record<string, string | undefined> };
  } | null;
  if (e?.status !== 403 && e?.status !== 429) return null;
  const headers = e.response?.headers ?? {};
  if (headers['x-ratelimit-remaining'] === '0') return null;
  const after = retryAfterSeconds(headers['retry-after']);
  const secondary =
    after !== null || e.status === 429 || /secondary rate limit/i.test(typeof e.message === 'string' ? e.message : '');
  if (!secondary) return null;
  // GitHub: without Retry-After, wait at least a minute.
  const seconds = after ?? 60;
  if (seconds > limits.maxRetryAfterSeconds) return null;
  return Math.max(seconds, 1) * limits.retryAfterUnitMs;
}

function retryAfterSeconds(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', stop);
      resolve();
    }
    function stop() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Whether a failed write may still have happened: GitHub answered 5xx, or did not answer
 * (network error, time limit). Before writing again, look for what the first one made.
 */
export function mayHaveHappened(error: unknown): boolean {
  if (error instanceof GithubTimeoutError) return true;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status >= 500;
}

/** Request options that turn Probot's retries off for one request (writes that are not idempotent). */
export const NO_RETRY = { request: { retries: 0 } } as const;

// The only door to the network for online lookups. Why a hand-written client and not
// `@huggingface/hub`: its `modelInfo`/`datasetInfo` accept a custom `fetch` and `hubUrl`, but
// have no per-request timeout, no retry on 429/5xx (they throw on the first error response),
// and they always expand a fixed field list through `/revision/HEAD` instead of `?blobs=true`.
// Everything this project needs (host allow-list, timeouts, a time budget, Retry-After and
// the Hub's `RateLimit` header, a cache) would have to wrap it anyway, and the two JSON
// endpoints we call are simple, so a small fetch client is less code and one dependency fewer.
import { createHash } from 'node:crypto';

export const DEFAULT_HF_ENDPOINT = 'https://huggingface.co';
export const GITHUB_API = 'https://api.github.com';

export type Sleep = (ms: number) => Promise<void>;
export type FetchLike = typeof fetch;

/** Thrown (before any request) for a URL outside the allow-list: a bug or a hostile link. */
export class HostNotAllowedError extends Error {
  constructor(readonly url: string) {
    super(`refused request to a host that is not allowed: ${safeOrigin(url)}`);
    this.name = 'HostNotAllowedError';
  }
}

/** Thrown when `HF_ENDPOINT` is not an https URL (or http on the local machine). */
export class InvalidEndpointError extends Error {
  constructor(readonly endpoint: string) {
    super(`HF_ENDPOINT must be an https URL (http only for localhost): ${endpoint}`);
    this.name = 'InvalidEndpointError';
  }
}

export type HttpFailureKind = 'not-found' | 'unauthorized' | 'unavailable' | 'too-large';

export type HttpResult =
  | { ok: true; status: number; url: string; body: string; headers: Record<string, string> }
  | {
      ok: false;
      status: number | null;
      url: string;
      kind: HttpFailureKind;
      error: string;
      headers: Record<string, string>;
    };

interface CachedResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  expires: number;
}

/** A small LRU map with expiry; share one instance between evaluations to spare the Hub. */
export class ResponseCache {
  private readonly map = new Map<string, CachedResponse>();
  constructor(
    readonly maxEntries = 500,
    readonly ttlMs = 10 * 60 * 1000,
  ) {}

  get(key: string, now: number): CachedResponse | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    if (hit.expires <= now) return undefined;
    this.map.set(key, hit); // most recently used goes last
    return hit;
  }

  set(key: string, value: Omit<CachedResponse, 'expires'>, now: number): void {
    this.map.delete(key);
    this.map.set(key, { ...value, expires: now + this.ttlMs });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }
}

/** Cache shared by every client that is not given its own (one process, many evaluations). */
export const sharedCache = new ResponseCache();

export interface HttpOptions {
  /** Hub endpoint; defaults to `HF_ENDPOINT` semantics: https://huggingface.co. */
  hfEndpoint?: string;
  /** Sent as a bearer token to the Hub endpoint only. */
  hfToken?: string;
  /** Sent to api.github.com only (an installation token in the app). */
  githubToken?: string;
  fetch?: FetchLike;
  sleep?: Sleep;
  now?: () => number;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Total time for everything this client does (one evaluation). */
  budgetMs?: number;
  /** Retries after the first attempt, for 429 and 5xx. */
  maxRetries?: number;
  /** Longest wait before a retry; a server asking for more is not retried. */
  maxWaitMs?: number;
  cache?: ResponseCache;
}

export interface GetOptions {
  /** Body size cap in bytes; larger bodies give `too-large` without reading the rest. */
  maxBytes?: number;
  accept?: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_BUDGET_MS = 30_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const USER_AGENT = 'truly-open (+https://github.com/truly-open)';

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Validates and normalises a Hub endpoint (no trailing slash). */
export function parseHubEndpoint(endpoint: string | undefined): string {
  const raw = (endpoint ?? '').trim() || DEFAULT_HF_ENDPOINT;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidEndpointError(raw);
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new InvalidEndpointError(raw);
  if (url.username || url.password || url.search || url.hash) throw new InvalidEndpointError(raw);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export class HttpClient {
  readonly hubEndpoint: string;
  private readonly hubOrigin: string;
  private readonly fetchImpl: FetchLike;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly deadline: number;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly maxWaitMs: number;
  private readonly cache: ResponseCache;
  private readonly hubScope: string;
  private readonly githubScope: string;
  /** Requests actually sent (cache hits excluded), for notes and tests. */
  requests = 0;

  constructor(private readonly options: HttpOptions = {}) {
    this.hubEndpoint = parseHubEndpoint(options.hfEndpoint);
    this.hubOrigin = new URL(this.hubEndpoint).origin;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.sleep = options.sleep ?? realSleep;
    this.now = options.now ?? Date.now;
    this.deadline = this.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? 2;
    this.maxWaitMs = options.maxWaitMs ?? 10_000;
    this.cache = options.cache ?? sharedCache;
    // Cache keys carry a fingerprint of the credential: an answer seen with one installation's
    // token (a private repository) must never be served to another caller.
    this.hubScope = fingerprint(options.hfToken);
    this.githubScope = fingerprint(options.githubToken);
  }

  /** True when the URL may be requested at all (Hub endpoint or the GitHub API). */
  isAllowed(url: string): boolean {
    return this.target(url) !== null;
  }

  /** Milliseconds left in this client's budget. */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.now());
  }

  async getJson<T = unknown>(url: string, options: GetOptions = {}): Promise<HttpResult & { data?: T }> {
    const result = await this.get(url, { accept: 'application/json', ...options });
    if (!result.ok) return result;
    try {
      return { ...result, data: JSON.parse(result.body) as T };
    } catch {
      return {
        ok: false,
        status: result.status,
        url,
        kind: 'unavailable',
        error: 'response is not JSON',
        headers: result.headers,
      };
    }
  }

  /** GET with the allow-list, cache, timeout, budget, retries and size cap. Never throws except HostNotAllowedError. */
  async get(url: string, options: GetOptions = {}): Promise<HttpResult> {
    const target = this.target(url);
    if (!target) throw new HostNotAllowedError(url);
    const key = `${target === 'hub' ? this.hubScope : this.githubScope}|${url}`;
    const cached = this.cache.get(key, this.now());
    if (cached) return toResult(url, cached.status, cached.body, cached.headers);

    const result = await this.getUncached(url, options);
    // Only definite answers are cached; a 429, 5xx or timeout must be retried next time.
    if (result.status !== null && (result.ok || [401, 403, 404, 410].includes(result.status))) {
      this.cache.set(
        key,
        { status: result.status, body: result.ok ? result.body : '', headers: result.headers },
        this.now(),
      );
    }
    return result;
  }

  private async getUncached(url: string, options: GetOptions): Promise<HttpResult> {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    for (let attempt = 0; ; attempt++) {
      const remaining = this.remainingMs();
      if (remaining <= 0) return failure(url, null, 'unavailable', 'time budget for online lookups exhausted');
      let response: Response;
      let finalUrl = url;
      try {
        ({ response, finalUrl } = await this.fetchFollowing(url, options, Math.min(this.timeoutMs, remaining)));
      } catch (err) {
        if (err instanceof HostNotAllowedError) return failure(url, null, 'unavailable', err.message);
        return failure(url, null, 'unavailable', describeFetchError(err));
      }
      const headers = pickHeaders(response.headers);
      if (response.ok) {
        const body = await readCapped(response, maxBytes).catch((err: unknown) => ({ error: describeFetchError(err) }));
        if (typeof body === 'object') {
          const kind: HttpFailureKind = 'tooLarge' in body ? 'too-large' : 'unavailable';
          const error = 'tooLarge' in body ? `response larger than ${maxBytes} bytes` : body.error;
          return { ok: false, status: response.status, url, kind, error, headers };
        }
        return { ok: true, status: response.status, url: finalUrl, body, headers };
      }
      await response.body?.cancel().catch(() => undefined);
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= this.maxRetries) return toResult(url, response.status, '', headers);
      const hinted = retryDelayMs(response.headers, this.now());
      const wait = hinted ?? Math.min(this.maxWaitMs, 500 * 2 ** attempt);
      if (wait > this.maxWaitMs) {
        return failure(
          url,
          response.status,
          'unavailable',
          `rate limited: the server asks to wait ${Math.ceil(wait / 1000)} s`,
          headers,
        );
      }
      if (wait >= this.remainingMs()) {
        return failure(
          url,
          response.status,
          'unavailable',
          `HTTP ${response.status}; no time left in the budget to retry`,
          headers,
        );
      }
      await this.sleep(wait);
    }
  }

  /** Follows redirects by hand so that a redirect can never leave the allow-list (LFS files redirect to a CDN). */
  private async fetchFollowing(
    url: string,
    options: GetOptions,
    timeoutMs: number,
  ): Promise<{ response: Response; finalUrl: string }> {
    const signal = AbortSignal.timeout(timeoutMs);
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = this.target(current);
      if (!target) throw new HostNotAllowedError(current);
      this.requests++;
      const response = await this.fetchImpl(current, {
        method: 'GET',
        headers: this.headersFor(target, options.accept),
        redirect: 'manual',
        signal,
      });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
        current = new URL(location, current).toString();
        continue;
      }
      return { response, finalUrl: current };
    }
  }

  private headersFor(target: 'hub' | 'github', accept: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { 'user-agent': USER_AGENT };
    if (accept) headers.accept = accept;
    if (target === 'hub' && this.options.hfToken) headers.authorization = `Bearer ${this.options.hfToken}`;
    if (target === 'github') {
      headers.accept = 'application/vnd.github+json';
      headers['x-github-api-version'] = '2022-11-28';
      if (this.options.githubToken) headers.authorization = `Bearer ${this.options.githubToken}`;
    }
    return headers;
  }

  private target(url: string): 'hub' | 'github' | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.username || parsed.password) return null;
    if (parsed.origin === this.hubOrigin) return 'hub';
    if (parsed.origin === GITHUB_API) return 'github';
    return null;
  }
}

/**
 * Delay asked for by the server, in ms: `Retry-After` (seconds or an HTTP date), else the
 * Hub's `RateLimit: "api";r=0;t=55` (t = seconds until the window resets). Null when neither.
 */
export function retryDelayMs(headers: Headers, now: number): number | null {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const rateLimit = headers.get('ratelimit');
  if (rateLimit) {
    const t = /(?:^|;)\s*t=(\d+)/.exec(rateLimit)?.[1];
    if (t !== undefined) return Number(t) * 1000;
  }
  return null;
}

function toResult(url: string, status: number, body: string, headers: Record<string, string>): HttpResult {
  if (status >= 200 && status < 300) return { ok: true, status, url, body, headers };
  if (status === 404 || status === 410) return failure(url, status, 'not-found', `HTTP ${status}`, headers);
  if (status === 401 || status === 403) return failure(url, status, 'unauthorized', `HTTP ${status}`, headers);
  return failure(url, status, 'unavailable', `HTTP ${status}`, headers);
}

function failure(
  url: string,
  status: number | null,
  kind: HttpFailureKind,
  error: string,
  headers: Record<string, string> = {},
): HttpResult {
  return { ok: false, status, url, kind, error, headers };
}

// The few headers callers read (error codes, rate limits); keeping all would bloat the cache.
const KEPT_HEADERS = [
  'x-error-code',
  'x-error-message',
  'content-type',
  'x-repo-commit',
  'ratelimit',
  'x-ratelimit-remaining',
];

function pickHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

async function readCapped(response: Response, maxBytes: number): Promise<string | { tooLarge: true }> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { tooLarge: true };
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// Duck-typed: fetch's DOMException and undici's errors may come from another realm
// (jest's VM context), where `instanceof Error` is false.
function describeFetchError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
    if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'request timed out';
    const message = typeof e.message === 'string' ? e.message : String(err);
    const detail = typeof e.cause?.message === 'string' ? e.cause.message : '';
    return detail ? `${message}: ${detail}` : message;
  }
  return String(err);
}

function fingerprint(token: string | undefined): string {
  return token ? createHash('sha256').update(token).digest('hex').slice(0, 16) : 'anon';
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return '(invalid URL)';
  }
}

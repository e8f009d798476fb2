import { afterEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import {
  HostNotAllowedError,
  HttpClient,
  InvalidEndpointError,
  parseHubEndpoint,
  ResponseCache,
  retryDelayMs,
} from '../src/sources/remote/http.js';
import { fakeSleep, GH, HUB } from './helpers/hub-mocks.js';

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const client = (options: ConstructorParameters<typeof HttpClient>[0] = {}) =>
  new HttpClient({ cache: new ResponseCache(), ...options });

describe('allow-list', () => {
  it('refuses a host outside the allow-list before any request is made', async () => {
    const spy = jest.fn<typeof fetch>();
    const http = client({ fetch: spy });
    await expect(http.get('https://evil.example.com/api/models/a/b')).rejects.toBeInstanceOf(HostNotAllowedError);
    await expect(http.get('http://huggingface.co/api/models/a/b')).rejects.toBeInstanceOf(HostNotAllowedError);
    await expect(http.get('https://user:pw@huggingface.co/x')).rejects.toBeInstanceOf(HostNotAllowedError);
    await expect(http.get('https://github.com/owner/repo')).rejects.toBeInstanceOf(HostNotAllowedError);
    expect(spy).not.toHaveBeenCalled();
  });

  it('sends nothing through the real fetch for a link found in a README (network lock stays quiet)', async () => {
    // No interceptor is defined: if a request left, nock's network lock would turn it into a
    // NetConnectNotAllowedError, not a HostNotAllowedError.
    const http = client();
    for (const link of [
      'https://example.org/data.zip',
      'https://arxiv.org/abs/2402.00838',
      'https://raw.githubusercontent.com/a/b/main/x',
    ]) {
      await expect(http.get(link)).rejects.toThrow(HostNotAllowedError);
    }
    expect(http.requests).toBe(0);
  });

  it('accepts https endpoints and http only on the local machine', () => {
    expect(parseHubEndpoint(undefined)).toBe('https://huggingface.co');
    expect(parseHubEndpoint('https://hf-mirror.example.com/')).toBe('https://hf-mirror.example.com');
    expect(parseHubEndpoint('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(parseHubEndpoint('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(() => parseHubEndpoint('http://mirror.example.com')).toThrow(InvalidEndpointError);
    expect(() => parseHubEndpoint('ftp://huggingface.co')).toThrow(InvalidEndpointError);
    expect(() => parseHubEndpoint('not a url')).toThrow(InvalidEndpointError);
  });

  it('talks to a custom endpoint and no longer to huggingface.co', async () => {
    const http = client({ hfEndpoint: 'https://hf-mirror.example.com' });
    nock('https://hf-mirror.example.com').get('/api/datasets/a/b').reply(200, { id: 'a/b' });
    expect(await http.getJson('https://hf-mirror.example.com/api/datasets/a/b')).toMatchObject({
      ok: true,
      data: { id: 'a/b' },
    });
    await expect(http.get(`${HUB}/api/datasets/a/b`)).rejects.toBeInstanceOf(HostNotAllowedError);
  });

  it('does not follow a redirect to a host outside the allow-list', async () => {
    nock(HUB).get('/org/m/resolve/main/big.json').reply(302, '', { location: 'https://cdn-lfs.example.net/blob' });
    const res = await client().get(`${HUB}/org/m/resolve/main/big.json`);
    expect(res).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(!res.ok && res.error).toMatch(/not allowed/);
  });

  it('follows a redirect that stays on the Hub (renamed repository)', async () => {
    nock(HUB).get('/api/models/old/name').query(true).reply(307, '', { location: '/api/models/new/name?blobs=true' });
    nock(HUB).get('/api/models/new/name').query({ blobs: 'true' }).reply(200, { id: 'new/name' });
    expect(await client().getJson(`${HUB}/api/models/old/name?blobs=true`)).toMatchObject({
      ok: true,
      data: { id: 'new/name' },
    });
  });
});

describe('credentials', () => {
  it('sends HF_TOKEN to the Hub only and the GitHub token to api.github.com only', async () => {
    const http = client({ hfToken: 'hf_secret', githubToken: 'ghs_secret' });
    nock(HUB, { reqheaders: { authorization: 'Bearer hf_secret' } })
      .get('/api/models/a/b')
      .reply(200, {});
    nock(GH, { reqheaders: { authorization: 'Bearer ghs_secret' } })
      .get('/repos/a/b')
      .reply(200, {});
    expect((await http.get(`${HUB}/api/models/a/b`)).ok).toBe(true);
    expect((await http.get(`${GH}/repos/a/b`)).ok).toBe(true);
  });

  it('sends no authorization header without a token', async () => {
    nock(HUB, { badheaders: ['authorization'] })
      .get('/api/models/a/b')
      .reply(200, {});
    expect((await client().get(`${HUB}/api/models/a/b`)).ok).toBe(true);
  });
});

describe('retries', () => {
  it('retries a 429 after the Retry-After the Hub asked for', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/datasets/a/b').reply(429, 'slow down', { 'Retry-After': '3' });
    nock(HUB).get('/api/datasets/a/b').reply(200, { id: 'a/b' });
    const res = await client({ sleep }).getJson(`${HUB}/api/datasets/a/b`);
    expect(res).toMatchObject({ ok: true, data: { id: 'a/b' } });
    expect(waits).toEqual([3000]);
  });

  it('reads the wait from the Hub RateLimit header when Retry-After is absent', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/datasets/a/b').reply(429, '', { RateLimit: '"api";r=0;t=7' });
    nock(HUB).get('/api/datasets/a/b').reply(200, {});
    expect((await client({ sleep }).get(`${HUB}/api/datasets/a/b`)).ok).toBe(true);
    expect(waits).toEqual([7000]);
  });

  it('gives up at once when the server asks for a wait above the cap', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/datasets/a/b').reply(429, '', { 'Retry-After': '120' });
    const res = await client({ sleep, maxWaitMs: 10_000 }).get(`${HUB}/api/datasets/a/b`);
    expect(res).toMatchObject({ ok: false, kind: 'unavailable', status: 429 });
    expect(!res.ok && res.error).toMatch(/120 s/);
    expect(waits).toEqual([]);
  });

  it('retries 5xx with backoff and stops after maxRetries', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/models/a/b').times(3).reply(503, 'down');
    const res = await client({ sleep, maxRetries: 2 }).get(`${HUB}/api/models/a/b`);
    expect(res).toMatchObject({ ok: false, kind: 'unavailable', status: 503 });
    expect(waits).toEqual([500, 1000]);
  });

  it('does not retry a 404', async () => {
    const { sleep, waits } = fakeSleep();
    nock(HUB).get('/api/models/a/b').reply(404, {});
    expect(await client({ sleep }).get(`${HUB}/api/models/a/b`)).toMatchObject({ ok: false, kind: 'not-found' });
    expect(waits).toEqual([]);
  });

  it('parses Retry-After as an HTTP date too', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryDelayMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryDelayMs(new Headers({ ratelimit: '"resolvers";r=0;t=42' }), now)).toBe(42_000);
    expect(retryDelayMs(new Headers({}), now)).toBeNull();
  });
});

describe('time limits', () => {
  it('turns a slow answer into unavailable after the per-request timeout', async () => {
    nock(HUB).get('/api/models/a/b').delay(500).reply(200, {});
    const res = await client({ timeoutMs: 50, maxRetries: 0 }).get(`${HUB}/api/models/a/b`);
    expect(res).toMatchObject({ ok: false, kind: 'unavailable', status: null });
    expect(!res.ok && res.error).toBe('request timed out');
  });

  it('stops making requests once the evaluation budget is spent', async () => {
    let clock = 1_000;
    const http = client({ budgetMs: 5_000, now: () => clock });
    nock(HUB).get('/api/models/a/b').reply(200, {});
    expect((await http.get(`${HUB}/api/models/a/b`)).ok).toBe(true);
    clock += 6_000;
    const res = await http.get(`${HUB}/api/models/c/d`);
    expect(res).toMatchObject({ ok: false, kind: 'unavailable' });
    expect(!res.ok && res.error).toMatch(/time budget/);
    expect(http.requests).toBe(1);
  });

  it('refuses bodies above the size cap', async () => {
    nock(HUB).get('/d/resolve/main/README.md').reply(200, 'x'.repeat(5000));
    const res = await client().get(`${HUB}/d/resolve/main/README.md`, { maxBytes: 1000 });
    expect(res).toMatchObject({ ok: false, kind: 'too-large' });
  });
});

describe('cache', () => {
  it('answers a repeated URL from the cache, separately per credential', async () => {
    const cache = new ResponseCache();
    nock(HUB).get('/api/models/a/b').reply(200, { n: 1 });
    const anon = new HttpClient({ cache });
    expect(await anon.getJson(`${HUB}/api/models/a/b`)).toMatchObject({ data: { n: 1 } });
    expect(await new HttpClient({ cache }).getJson(`${HUB}/api/models/a/b`)).toMatchObject({ data: { n: 1 } });
    // A token may see a private repository: its answers never mix with anonymous ones.
    nock(HUB).get('/api/models/a/b').reply(200, { n: 2 });
    expect(await new HttpClient({ cache, hfToken: 'hf_x' }).getJson(`${HUB}/api/models/a/b`)).toMatchObject({
      data: { n: 2 },
    });
    expect(anon.requests).toBe(1);
  });

  it('does not cache failures that may pass next time', async () => {
    const cache = new ResponseCache();
    nock(HUB).get('/api/models/a/b').reply(500, '');
    nock(HUB).get('/api/models/a/b').reply(200, {});
    expect((await new HttpClient({ cache, maxRetries: 0 }).get(`${HUB}/api/models/a/b`)).ok).toBe(false);
    expect((await new HttpClient({ cache, maxRetries: 0 }).get(`${HUB}/api/models/a/b`)).ok).toBe(true);
  });

  it('evicts the least recently used entry and expires old ones', () => {
    const cache = new ResponseCache(2, 1000);
    const value = { status: 200, body: '', headers: {} };
    cache.set('a', value, 0);
    cache.set('b', value, 0);
    expect(cache.get('a', 10)).toBeDefined(); // a is now most recent
    cache.set('c', value, 10);
    expect(cache.get('b', 10)).toBeUndefined();
    expect(cache.get('a', 10)).toBeDefined();
    expect(cache.get('c', 1010)).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});

// Issue 10, item 4: forged webhooks are cheap to refuse. Through the real HTTP middleware
// (createNodeMiddleware, as app-http.test.ts): unsigned bodies are refused before they are
// read, oversized ones unread, forged ones after one read into a bounded budget, and no
// payload ever reaches the log. No test here makes a GitHub request (no nock mock exists).
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import app, { idle, lastServices } from '../src/app/index.js';
import { limits } from '../src/app/limits.js';
import { APP_ID, loadFixture, nockDone, PRIVATE_KEY } from './helpers/app-harness.js';
import { captureLog, type CapturedLog } from './helpers/capture-log.js';

const SECRET = 'a-webhook-secret-for-tests';
const MB = 1024 * 1024;
const MARKER = 'PAYLOAD-MARKER-7f3a';
let server: Server;
let port: number;
let log: CapturedLog;
const saved = { ...limits };
const lastRead = new Map<number, number>();

beforeEach(async () => {
  log = captureLog();
  const Octokit = ProbotOctokit.defaults((o: any) => ({
    ...o,
    retry: { enabled: false },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: SECRET, log: log.logger, Octokit });
  const middleware = await createNodeMiddleware(app, { probot });
  // Each answer carries an id; what the socket had read by then is noted under it.
  let ids = 0;
  server = createServer((req, res) => {
    const id = ++ids;
    res.setHeader('x-test-id', String(id));
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
    (res as any).writeHead = (...args: unknown[]) => {
      lastRead.set(id, req.socket.bytesRead);
      return writeHead(...args);
    };
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  Object.assign(limits, saved);
  await idle();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const sign = (body: Buffer | string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

interface Sent {
  status: number;
  /** Bytes of the body the client had written when the answer came. */
  sentBeforeAnswer: number;
  /** Bytes the server's socket had read when it answered (headers included). */
  readBeforeAnswer: number;
}

/**
 * POSTs a body of `size` bytes (a JSON-ish filler holding MARKER, or `body`) over a raw
 * socket (no HTTP client buffering, no interception), in 64 KiB chunks as fast as the
 * server takes them, and stops sending when the answer comes; `stallAfter` stops early.
 */
function post(
  size: number,
  headers: Record<string, string>,
  { stallAfter = Infinity, declared = size, body }: { stallAfter?: number; declared?: number; body?: Buffer } = {},
): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const filler = Buffer.alloc(64 * 1024, 0x61);
    filler.write(`{"m":"${MARKER}","x":"`);
    const all = {
      'content-type': 'application/json',
      'content-length': String(declared),
      host: `127.0.0.1:${port}`,
      ...headers,
    };
    const head = `POST /api/github/webhooks HTTP/1.1\r\n${Object.entries(all)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n`;
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      if (!status) return reject(error ?? new Error(`no answer: ${answer.slice(0, 100)}`));
      resolve({
        status,
        sentBeforeAnswer: sent,
        readBeforeAnswer: lastRead.get(Number(/x-test-id: (\d+)/i.exec(answer)?.[1])) ?? -1,
      });
    };
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (/\r\n\r\n/.test(answer)) finish();
    });
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
    const pump = () => {
      while (!done && sent < Math.min(size, stallAfter)) {
        const chunk = body
          ? body.subarray(sent, sent + 64 * 1024)
          : filler.subarray(0, Math.min(filler.length, size - sent));
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.write(head, () => pump());
  });
}

const headersFor = (body: Buffer | null, extra: Record<string, string> = {}) => ({
  'x-github-event': 'push',
  'x-github-delivery': `forged-${Math.random()}`,
  'x-hub-signature-256': body ? sign(body) : sign('something else'),
  ...extra,
});

describe('forged and oversized webhooks', () => {
  it('an unsigned 25 MB body is refused (400) before it is read', async () => {
    const result = await post(25 * MB, { 'x-github-event': 'push', 'x-github-delivery': 'unsigned-1' });
    expect(result.status).toBe(400);
    // Answered having read next to nothing of the body: the server did not wait for it.
    expect(result.readBeforeAnswer).toBeGreaterThan(0);
    expect(result.readBeforeAnswer).toBeLessThan(1 * MB);
    expect(lastServices!.metrics.get('truly_open_webhooks_refused_total', { reason: 'unsigned', status: '400' })).toBe(
      1,
    );
  });

  it('a malformed signature is refused the same way, unread', async () => {
    const result = await post(25 * MB, headersFor(null, { 'x-hub-signature-256': 'sha1=deadbeef' }));
    expect(result.status).toBe(400);
    expect(result.readBeforeAnswer).toBeLessThan(1 * MB);
  });

  it('a body declared over 25 MB is refused (413) without reading it', async () => {
    const result = await post(26 * MB, headersFor(null));
    expect(result.status).toBe(413);
    expect(result.readBeforeAnswer).toBeLessThan(1 * MB);
  });

  it('six forged 25 MB bodies: all 4xx, nothing started, a few lines of log without the payload', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post(25 * MB, headersFor(null))));
    await idle();
    expect(results.map((r) => r.status).every((s) => s >= 400 && s < 500)).toBe(true);
    expect(results.filter((r) => r.status === 400)).not.toHaveLength(0);
    expect(log.text()).not.toContain(MARKER);
    expect(log.text()).not.toContain('aaaaaaaaaaaaaaaa');
    expect(log.bytes()).toBeLessThan(6 * 2048);
    expect(lastServices!.metrics.get('truly_open_webhooks_accepted_total')).toBe(0);
  }, 60_000);

  it('bodies held at once stay within the budget: a second large delivery waits, then gets 429', async () => {
    limits.webhookBufferBudget = 30 * MB;
    limits.webhookBudgetWaitMs = 100;
    // The first stalls half-way, holding its reservation of 25 MB.
    const first = post(25 * MB, headersFor(null), { stallAfter: 12 * MB });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await post(25 * MB, headersFor(null));
    expect(second.status).toBe(429);
    expect(second.readBeforeAnswer).toBeLessThan(1 * MB);
    // A small signed delivery still fits beside the first one.
    const body = Buffer.from(JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }));
    const ping = await post(
      body.length,
      { 'x-github-event': 'ping', 'x-github-delivery': 'ping-1', 'x-hub-signature-256': sign(body) },
      { body },
    );
    expect(ping.status).toBeLessThan(400);
    server.closeAllConnections();
    await first.catch(() => undefined);
  }, 30_000);

  it('a body that stops arriving is dropped after the read time limit (408)', async () => {
    limits.webhookReadTimeoutMs = 200;
    const result = await post(1 * MB, headersFor(null), { stallAfter: 128 * 1024 });
    expect(result.status).toBe(408);
  });
});

describe('signed webhooks', () => {
  it('a signed delivery goes through to the app as before', async () => {
    const payload = Buffer.from(JSON.stringify({ ...loadFixture('push', 'push'), ref: 'refs/heads/not-default' }));
    const result = await post(
      payload.length,
      { 'x-github-event': 'push', 'x-github-delivery': 'signed-1', 'x-hub-signature-256': sign(payload) },
      { body: payload },
    );
    expect(result.status).toBe(200);
    expect(lastServices!.metrics.get('truly_open_webhooks_accepted_total')).toBe(1);
  });

  it('a handler failing on a signed payload logs the error, never the payload', async () => {
    const fixture = loadFixture('push', 'push');
    // A push whose repository lacks what the handler reads makes it throw.
    const payload = Buffer.from(JSON.stringify({ ...fixture, repository: null, secret_note: MARKER }));
    const result = await post(
      payload.length,
      { 'x-github-event': 'push', 'x-github-delivery': 'signed-2', 'x-hub-signature-256': sign(payload) },
      { body: payload },
    );
    await idle();
    expect(result.status).toBe(200);
    expect(lastServices!.metrics.get('truly_open_handler_errors_total', { event: 'push' })).toBe(1);
    expect(log.text()).toMatch(/webhook handler failed/);
    expect(log.text()).not.toContain(MARKER);
  });
});

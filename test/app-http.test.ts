// Through the real HTTP middleware: signatures are checked before anything runs, and a
// signed webhook is answered before the evaluation it starts has finished.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createNodeMiddleware, Probot, ProbotOctokit } from 'probot';
import app, { idle } from '../src/app/index.js';
import {
  api,
  APP_ID,
  loadFixture,
  mockCommit,
  mockCreateRun,
  mockToken,
  modelRepo,
  nockDone,
  PRIVATE_KEY,
  runLog,
  SHA,
} from './helpers/app-harness.js';

const SECRET = 'a-webhook-secret-for-tests';
let server: Server;
let url: string;

beforeEach(async () => {
  const Octokit = ProbotOctokit.defaults((o: any) => ({
    ...o,
    retry: { enabled: false },
    throttle: { ...o.throttle, enabled: false },
  }));
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: SECRET, logLevel: 'fatal', Octokit });
  const middleware = await createNodeMiddleware(app, { probot });
  server = createServer((req, res) => {
    void middleware(req, res, () => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});

afterEach(async () => {
  await idle();
  await new Promise((resolve) => server.close(resolve));
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': `http-${Math.random()}`,
      ...headers,
    },
  });
}

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('webhook endpoint', () => {
  it('accepts a correctly signed webhook and answers before the evaluation finishes', async () => {
    const scope = api();
    mockToken(scope);
    // The tree answer is held back: the HTTP answer must not wait for it.
    mockCommit(scope, SHA.push, modelRepo(), { delayTreeMs: 400 });
    const log = runLog();
    mockCreateRun(scope, log);
    const body = JSON.stringify(loadFixture('push', 'push'));

    const started = Date.now();
    const response = await post(body, { 'x-hub-signature-256': sign(body) });
    const answeredIn = Date.now() - started;

    expect(response.status).toBe(200);
    expect(answeredIn).toBeLessThan(400);
    expect(log.updates).toHaveLength(0);
    await idle();
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });

  it('rejects a wrongly signed webhook with 4xx and makes no API call', async () => {
    const body = JSON.stringify(loadFixture('push', 'push'));
    const response = await post(body, { 'x-hub-signature-256': sign(body, 'not-the-secret') });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await idle();
  });

  it('rejects an unsigned webhook with 4xx and makes no API call', async () => {
    const body = JSON.stringify(loadFixture('push', 'push'));
    const response = await post(body, {});
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await idle();
  });

  it('rejects a signature of a different body', async () => {
    const body = JSON.stringify(loadFixture('push', 'push'));
    const response = await post(body.replace('"main"', '"evil"'), { 'x-hub-signature-256': sign(body) });
    expect(response.status).toBe(400);
  });
});

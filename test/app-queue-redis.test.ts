// Many replicas on one real Redis (issue 12): the built app as separate processes (`probot
// run`), a loopback fake GitHub (bench/fake-github.mjs), and redis-server started by the
// test in a temp folder. What must hold across replicas: a delivery evaluated once, one
// comment describing the PR's final head, a killed worker's run completed by another, no
// accepted push lost to a Redis restart, 503 while Redis is away, and a job that exhausts
// its attempts completes its run as neutral. Short lock and stall intervals keep it quick.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGithub } from '../bench/fake-github.mjs';
import { APP_ID, loadFixture, PRIVATE_KEY } from './helpers/app-harness.js';
import { freePort, redisMissing, startRedis, type TestRedis } from './helpers/redis-server.js';

const ROOT = new URL('..', import.meta.url).pathname;
const BUILT = existsSync(join(ROOT, 'lib/app/index.js'));
const missing = redisMissing();
const SECRET = 'queue-test-secret';
const LOCK_MS = 3000;
const STALLED_MS = 1000;

if (missing) console.warn(`app-queue-redis: skipped: ${missing}`);
if (!BUILT) console.warn('app-queue-redis: skipped: run `npm run build` first (lib/app/index.js)');

interface Replica {
  port: number;
  child: ChildProcess;
  output: () => string;
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sha = (prefix: string, n: number) =>
  (prefix + createHmac('sha1', 'q').update(String(n)).digest('hex')).slice(0, 40);

(missing || !BUILT ? describe.skip : describe)('work queue on a real Redis, two replicas', () => {
  let redis: TestRedis;
  let github: Awaited<ReturnType<typeof startFakeGithub>>;
  let replicas: Replica[] = [];
  let prefix = '';

  beforeAll(async () => {
    redis = await startRedis();
    github = await startFakeGithub({ appId: APP_ID });
  });
  afterAll(async () => {
    await github?.close();
    await redis?.close();
  });
  afterEach(async () => {
    // QUEUE_DEBUG=1: what the replicas logged, and what the fake GitHub was asked and did not serve.
    if (process.env.QUEUE_DEBUG)
      console.log(
        replicas.map((r) => r.output().slice(-4000)).join('\n----\n'),
        github.state.unknown.slice(0, 20),
        github.state.runs.map((r) => `${r.id} ${r.head_sha.slice(0, 6)} ${r.status} ${r.conclusion} ${r.title}`),
      );
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    replicas = [];
    github.state.runs.length = 0;
    github.state.comments.length = 0;
    github.state.patchDelayMs = 0;
    github.state.pullsStatus = 0;
    if (redis) await redis.start().catch(() => undefined);
  });

  async function replica(env: Record<string, string> = {}): Promise<Replica> {
    const port = await freePort();
    const child = spawn(process.execPath, ['lib/app/start.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        APP_ID: String(APP_ID),
        PRIVATE_KEY,
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        GHE_HOST: github.host,
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: 'warn',
        REDIS_URL: redis.url,
        TRULY_OPEN_REDIS_PREFIX: prefix,
        TRULY_OPEN_OFFLINE: 'true',
        TRULY_OPEN_JOB_LOCK_MS: String(LOCK_MS),
        TRULY_OPEN_STALLED_INTERVAL_MS: String(STALLED_MS),
        TRULY_OPEN_JOB_BACKOFF_MS: '200',
        TRULY_OPEN_ENQUEUE_TIMEOUT_MS: '2000',
        TRULY_OPEN_SHUTDOWN_GRACE_MS: '300',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const r = { port, child, output: () => output };
    replicas.push(r);
    await waitFor(
      async () =>
        fetch(`http://127.0.0.1:${port}/ping`).then(
          (res) => res.ok,
          () => false,
        ),
      20_000,
      `replica on ${port}`,
    );
    return r;
  }

  async function send(r: Replica, event: string, payload: object, delivery: string = randomUUID()): Promise<number> {
    const body = JSON.stringify(payload);
    const response = await fetch(`http://127.0.0.1:${r.port}/api/github/webhooks`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': delivery,
        'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
      },
    });
    await response.text();
    return response.status;
  }

  const pushPayload = (head: string) => {
    const payload = loadFixture('push', 'push');
    payload.after = head;
    return payload;
  };
  const prPayload = (number: number, head: string, base: string) => {
    const payload = loadFixture('pull_request', 'synchronize');
    payload.pull_request.number = number;
    payload.number = number;
    payload.pull_request.head.sha = head;
    payload.pull_request.base.sha = base;
    payload.pull_request.base.ref = payload.repository.default_branch;
    return payload;
  };
  const inProgress = () => github.state.runs.filter((r) => r.status !== 'completed');

  beforeEach(() => {
    prefix = `t${randomUUID().slice(0, 8)}`;
  });

  it('the same delivery sent to both replicas at once gives one check run', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const head = sha('1', 1);
    const delivery = randomUUID();
    const statuses = await Promise.all([
      send(a, 'push', pushPayload(head), delivery),
      send(b, 'push', pushPayload(head), delivery),
    ]);
    expect(statuses).toEqual([200, 200]);
    await waitFor(
      () => github.state.runs.some((r) => r.head_sha === head && r.status === 'completed'),
      20_000,
      'the run',
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(github.state.runs.filter((r) => r.head_sha === head)).toHaveLength(1);
  }, 60_000);

  it("20 synchronize events over both replicas: one comment, the final head's, no run in progress", async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const base = sha('0', 0);
    const heads = Array.from({ length: 20 }, (_, i) => sha(i === 19 ? 'f' : '2', i));
    const key = `${loadFixture('pull_request', 'synchronize').repository.full_name}#31`;
    for (const [i, head] of heads.entries()) {
      github.state.pulls.set(key, { head, base });
      expect(await send(i % 2 ? b : a, 'pull_request', prPayload(31, head, base))).toBe(200);
    }
    const last = heads[19]!;
    await waitFor(
      () => github.state.runs.some((r) => r.head_sha === last && r.status === 'completed'),
      30_000,
      'the final head evaluated',
    );
    await waitFor(() => inProgress().length === 0, 15_000, 'no run in progress');
    const comments = github.state.comments.filter((c) => c.issue === key);
    expect(comments).toHaveLength(1);
    // The final head adds training code: its comment says so; no older head's text is left.
    expect(comments[0]!.headAtWrite).toBe(last);
    expect(comments[0]!.body).toMatch(/training/i);
    // Coalesced: far fewer evaluations than events.
    expect(github.state.runs.length).toBeLessThan(20);
  }, 90_000);

  it('kill -9 of the worker holding an evaluation: another replica completes its run, the same run, well within 60 s', async () => {
    // No quick verdict: the run is created in progress at once, then held open by the slow PATCH.
    const slow = { TRULY_OPEN_QUICK_VERDICT_MS: '0' };
    const a = await replica(slow);
    github.state.patchDelayMs = 60_000;
    const head = sha('3', 3);
    expect(await send(a, 'push', pushPayload(head))).toBe(200);
    await waitFor(() => github.state.runs.some((r) => r.head_sha === head), 20_000, 'the run created');
    // The run's id must be stored with the job before the worker dies.
    await new Promise((r) => setTimeout(r, 300));
    a.child.kill('SIGKILL');
    const killedAt = Date.now();
    github.state.patchDelayMs = 0;
    await replica(slow);
    await waitFor(
      () => github.state.runs.filter((r) => r.head_sha === head).every((r) => r.status === 'completed'),
      60_000,
      'the run completed',
    );
    const runs = github.state.runs.filter((r) => r.head_sha === head);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).not.toBeNull();
    expect(Date.now() - killedAt).toBeLessThan(LOCK_MS + STALLED_MS + 15_000);
  }, 90_000);

  it('a job whose attempts are exhausted completes its run as neutral with the reason', async () => {
    const env = { TRULY_OPEN_MAX_STALLED: '0', TRULY_OPEN_QUICK_VERDICT_MS: '0' };
    const a = await replica(env);
    github.state.patchDelayMs = 60_000;
    const head = sha('4', 4);
    expect(await send(a, 'push', pushPayload(head))).toBe(200);
    await waitFor(() => github.state.runs.some((r) => r.head_sha === head), 20_000, 'the run created');
    await new Promise((r) => setTimeout(r, 300));
    a.child.kill('SIGKILL');
    github.state.patchDelayMs = 0;
    await replica(env);
    await waitFor(() => github.state.runs.every((r) => r.status === 'completed'), 30_000, 'the run completed');
    const [run] = github.state.runs.filter((r) => r.head_sha === head);
    expect(run).toMatchObject({ conclusion: 'neutral' });
    expect(run!.title).toMatch(/Could not evaluate/);
  }, 60_000);

  it('Redis away: webhooks answered 503 quickly; after it returns, redelivered and queued pushes all complete (append-only file)', async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const heads = Array.from({ length: 12 }, (_, i) => sha('5', i));
    const pending = new Map<string, string>(heads.map((h) => [h, randomUUID()]));
    let answered503 = 0;
    let slowest = 0;
    const deliverAll = async () => {
      for (const [i, head] of heads.entries()) {
        const delivery = pending.get(head);
        if (!delivery) continue;
        const started = Date.now();
        const status = await send(i % 2 ? b : a, 'push', pushPayload(head), delivery);
        slowest = Math.max(slowest, Date.now() - started);
        if (status === 200) pending.delete(head);
        else if (status === 503) answered503++;
        else throw new Error(`unexpected status ${status}`);
        // Redis restarts in the middle of the burst.
        if (i === 4) await redis.stop();
      }
    };
    await deliverAll();
    expect(answered503).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(10_000);
    await redis.start();
    // GitHub's "Redeliver" for what was answered 503.
    await waitFor(
      async () => {
        await deliverAll();
        return pending.size === 0;
      },
      30_000,
      'every delivery accepted',
    );
    await waitFor(
      () => heads.every((h) => github.state.runs.some((r) => r.head_sha === h && r.status === 'completed')),
      60_000,
      'every head completed',
    );
    // A job whose lock lapsed while Redis was away may run a second time (at least once):
    // its run completes too.
    await waitFor(() => inProgress().length === 0, 30_000, 'no run in progress');
  }, 120_000);
});

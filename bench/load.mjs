// `npm run load`: the built app as N replicas (`node lib/app/start.js`, role all) on one
// redis-server started here (loopback, temp folder), against a loopback fake GitHub
// (bench/fake-github.mjs; Hub lookups off). Open loop: R events/s for S seconds over M
// installations and K repositories each: mostly PR synchronize, some default-branch
// pushes, `/openness recheck` comments and duplicate deliveries. Bounded in events and
// time; stops by itself and prints one JSON line.
//   node bench/load.mjs --replicas 2 --rate 20 --seconds 30 --installations 50 --repos 2
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeGithub } from './fake-github.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const REPLICAS = Math.min(8, arg('replicas', 2));
const RATE = Math.min(200, arg('rate', 20));
const SECONDS = Math.min(300, arg('seconds', 30));
const INSTALLATIONS = arg('installations', 50);
const REPOS = arg('repos', 2);
const DRAIN_S = Math.min(120, arg('drain', 60));
const ROOT = new URL('..', import.meta.url).pathname;
const SECRET = 'load-secret';
const APP_ID = 4321;
const privateKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] : null;

const children = [];
const stopAll = () => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL'));
process.on('exit', stopAll);

const dir = mkdtempSync(join(tmpdir(), 'truly-open-load-'));
const redisPort = await freePort();
const redis = spawn(
  'redis-server',
  [
    '--port',
    String(redisPort),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--appendonly',
    'yes',
    '--save',
    '',
    '--maxmemory-policy',
    'noeviction',
  ],
  { stdio: 'ignore' },
);
children.push(redis);
await sleep(300);
const github = await startFakeGithub({ appId: APP_ID });

let appErrors = 0;
const ports = [];
for (let i = 0; i < REPLICAS; i++) {
  const port = await freePort();
  const child = spawn(process.execPath, ['lib/app/start.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      APP_ID: String(APP_ID),
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      GHE_HOST: github.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'error',
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      TRULY_OPEN_OFFLINE: 'true',
      // Jobs in flight per worker: most of a job's time is GitHub's 1 s write spacing per installation.
      TRULY_OPEN_WORKER_CONCURRENCY: process.env.TRULY_OPEN_WORKER_CONCURRENCY ?? '32',
      TRULY_OPEN_MAX_EVALUATIONS: process.env.TRULY_OPEN_MAX_EVALUATIONS ?? '16',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const count = (d) => (appErrors += (String(d).match(/"level":50|ERROR/g) ?? []).length);
  child.stdout.on('data', count);
  child.stderr.on('data', count);
  children.push(child);
  ports.push(port);
}
for (const port of ports) {
  for (
    let t = 0;
    t < 200 &&
    !(await fetch(`http://127.0.0.1:${port}/ping`).then(
      (r) => r.ok,
      () => false,
    ));
    t++
  )
    await sleep(100);
}

const base = 'b'.repeat(40);
const answers = [];
const sentAt = new Map(); // head sha -> time its (last) event was sent
let sent = 0;
let status = {};
const send = async (event, payload, delivery = randomUUID()) => {
  const body = JSON.stringify(payload);
  const port = ports[sent++ % ports.length];
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  }).catch(() => ({ status: 0, text: async () => '' }));
  await res.text();
  answers.push(performance.now() - t0);
  status[res.status] = (status[res.status] ?? 0) + 1;
  return delivery;
};
const repoOf = (i) => ({
  inst: 1 + (i % INSTALLATIONS),
  owner: `org${i % INSTALLATIONS}`,
  name: `model${Math.floor(i / INSTALLATIONS) % REPOS}`,
});
const repository = (r) => ({
  id: 1,
  name: r.name,
  full_name: `${r.owner}/${r.name}`,
  private: false,
  default_branch: 'main',
  owner: { login: r.owner, id: 1, type: 'Organization' },
});
let counter = 0;
const nextSha = () => createHmac('sha1', 'load').update(String(++counter)).digest('hex');

const total = RATE * SECONDS;
const started = performance.now();
let lastDelivery = null;
for (let n = 0; n < total; n++) {
  const due = started + (n * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const r = repoOf(Math.floor(Math.random() * INSTALLATIONS * REPOS));
  const kind = Math.random();
  const installation = { id: r.inst };
  if (kind < 0.1 && lastDelivery) {
    void send(lastDelivery.event, lastDelivery.payload, lastDelivery.id); // a duplicate delivery
  } else if (kind < 0.25) {
    const sha = nextSha();
    sentAt.set(sha, performance.now());
    const payload = {
      ref: 'refs/heads/main',
      after: sha,
      before: base,
      deleted: false,
      repository: repository(r),
      installation,
      sender: { login: 'dev', type: 'User' },
    };
    lastDelivery = { event: 'push', payload, id: await send('push', payload) };
  } else if (kind < 0.3) {
    const key = `${r.owner}/${r.name}#1`;
    if (!github.state.pulls.has(key)) continue;
    const payload = {
      action: 'created',
      issue: { number: 1, pull_request: {} },
      comment: { id: n, body: '/openness recheck', user: { login: 'dev' } },
      repository: repository(r),
      installation,
      sender: { login: 'dev', type: 'User' },
    };
    void send('issue_comment', payload);
  } else {
    const sha = nextSha();
    github.state.pulls.set(`${r.owner}/${r.name}#1`, { head: sha, base });
    sentAt.set(sha, performance.now());
    const payload = {
      action: 'synchronize',
      number: 1,
      pull_request: { number: 1, head: { sha, ref: 'feature' }, base: { sha: base, ref: 'main' } },
      repository: repository(r),
      installation,
      sender: { login: 'dev', type: 'User' },
    };
    lastDelivery = { event: 'pull_request', payload, id: await send('pull_request', payload) };
  }
}
const sendSeconds = (performance.now() - started) / 1000;
// Drain: until nothing is in progress and every PR's current head has a completed run.
const settled = () => {
  if (github.state.runs.some((r) => r.status !== 'completed')) return false;
  return [...github.state.pulls.entries()].every(([key, pr]) =>
    github.state.runs.some((r) => `${r.repo}#1` === key && r.head_sha === pr.head && r.status === 'completed'),
  );
};
const drainStart = performance.now();
while (!settled() && performance.now() - drainStart < DRAIN_S * 1000) await sleep(200);
const elapsed = (performance.now() - started) / 1000;

const completed = github.state.runs.filter((r) => r.status === 'completed');
const latencies = completed
  .filter((r) => sentAt.has(r.head_sha))
  .map((r) => r.completed_ms - (Date.now() - performance.now() + sentAt.get(r.head_sha)));
const comments = new Map();
for (const c of github.state.comments) comments.set(c.issue, (comments.get(c.issue) ?? 0) + 1);
const lastCompletion = Math.max(...completed.map((r) => r.completed_ms));
const firstSend = Date.now() - performance.now() + started;
console.log(
  JSON.stringify({
    replicas: REPLICAS,
    rate: RATE,
    seconds: SECONDS,
    installations: INSTALLATIONS,
    reposPerInstallation: REPOS,
    events: total,
    sendSeconds: +sendSeconds.toFixed(1),
    webhookStatus: status,
    completedRuns: completed.length,
    completionsPerSecond: +(completed.length / ((lastCompletion - firstSend) / 1000)).toFixed(2),
    webhookToCompletedMs: { p50: Math.round(pct(latencies, 0.5)), p95: Math.round(pct(latencies, 0.95)) },
    requestsPerEvaluation: +(github.state.requests / Math.max(1, completed.length)).toFixed(1),
    runsInProgress: github.state.runs.length - completed.length,
    duplicateComments: [...comments.values()].filter((n) => n > 1).length,
    appErrors,
    webhookAnswerMs: { p50: +pct(answers, 0.5).toFixed(1), p95: +pct(answers, 0.95).toFixed(1) },
    elapsedSeconds: +elapsed.toFixed(1),
    unknownRoutes: github.state.unknown.slice(0, 5),
  }),
);
stopAll();
await github.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);

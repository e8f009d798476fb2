#!/usr/bin/env node
// `npm run bench:app`: the BUILT app (lib/, started with `probot run` as in production,
// Probot's request throttling on) against a fake GitHub on 127.0.0.1 (served as GitHub
// Enterprise through GHE_HOST), fed signed webhooks one at a time. For each event type it
// reports the API requests the event cost and the time from sending the webhook to the
// check run being completed on the fake GitHub, p50 and p95. Writes its own section of
// BENCHMARKS.md (bench/sections.mjs keeps the engine's).
//
// The events of one iteration, each waited for before the next:
//   push         a new commit on the default branch of a new owner (no config file in the
//                repository: the organisation's is looked up too, "first push of an owner")
//   pr-warm      a PR opened whose base is that commit (assessed on push); the head drops
//                the weights, so there is a delta and a new comment
//   rerun        "Re-run" on that PR's run (unchanged head)
//   pr-cold      another PR whose base commit was never seen, with a delta and a new comment
//
// Environment: BENCH_APP_ITERATIONS (default 10), BENCH_APP_GAP_MS pause between events
// (default 1500: Probot spaces writes 1 s apart, so a shorter pause would make one event
// wait for the previous one's writes), BENCH_NO_WRITE to leave BENCHMARKS.md alone.
import { spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, createHash } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './sections.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ITERATIONS = Number(process.env.BENCH_APP_ITERATIONS ?? 10);
const GAP_MS = Number(process.env.BENCH_APP_GAP_MS ?? 1500);
const APP_ID = 123;
const SLUG = 'truly-open';
const INSTALLATION = 4242;
const SECRET = 'bench-app-secret';
const TARGETS = {
  push: { requests: 3, p50: 1500 },
  'pr-warm': { requests: 5 },
  'pr-cold': { requests: 7 },
  rerun: { requests: 2 },
};

if (!fs.existsSync(path.join(ROOT, 'lib/app/index.js'))) {
  console.error('bench/app.mjs: lib/app/index.js is missing; run `npm run build` (npm run bench:app does).');
  process.exit(1);
}

// ---------------------------------------------------------------------------------------
// The fake GitHub: two kinds of commit (the default branch with weights, a PR head without),
// check runs, pull requests and comments in memory, every request recorded with its time.

const CARD =
  '---\nlicense: apache-2.0\nlibrary_name: transformers\npipeline_tag: text-generation\n---\n# Acme LLM 7B\n\nA 7B language model.\n\n## Training data\n\nA web crawl that is not published.\n';
const MAIN = {
  '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
  'README.md': CARD,
  'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
  LICENSE: 'Apache License\nVersion 2.0, January 2004\n',
};
const WEIGHTS = { path: 'model.safetensors', size: 5_000_000_000 };

const commits = new Map(); // sha -> 'main' | 'head'
const pulls = new Map(); // `${owner}#${n}` -> { head, base }
const comments = new Map(); // `${owner}#${n}` -> [{ id, body }]
const runs = [];
const requests = [];
let nextId = 1000;

const sha = (...parts) => createHash('sha1').update(parts.join(':')).digest('hex');

function tree(kind) {
  const files = Object.entries(MAIN).map(([p, text]) => ({
    path: p,
    mode: '100644',
    type: 'blob',
    sha: sha('blob', p),
    size: Buffer.byteLength(text),
  }));
  if (kind === 'main')
    files.push({ path: WEIGHTS.path, mode: '100644', type: 'blob', sha: sha('blob', 'w'), size: 134 });
  return files;
}

function blob(kind, file) {
  if (file === WEIGHTS.path && kind === 'main') {
    return `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize ${WEIGHTS.size}\n`;
  }
  return MAIN[file];
}

function json(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
  });
  res.end(JSON.stringify(body));
}

function readBody(req) {
  return new Promise((resolve) => {
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => {
      const text = Buffer.concat(parts).toString();
      try {
        resolve(text ? JSON.parse(text) : {});
      } catch {
        resolve({});
      }
    });
  });
}

function completed(run) {
  if (run.status === 'completed' && !run.completedAt) run.completedAt = Date.now();
}

const server = createServer((req, res) => {
  void (async () => {
    const url = new URL(req.url ?? '/', 'http://x');
    const p = url.pathname.replace(/^\/api\/v3/, '').replace(/^\/api\/graphql$/, '/graphql');
    requests.push({ at: Date.now(), route: `${req.method} ${p}` });
    let m;
    if (req.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(p)) {
      await readBody(req);
      return json(res, 201, {
        token: 'ghs_bench',
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: {},
        repository_selection: 'all',
      });
    }
    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/git\/trees\/([0-9a-f]{40})$/.exec(p))) {
      const kind = commits.get(m[3]) ?? 'main';
      return json(res, 200, { sha: sha('tree', kind), tree: tree(kind), truncated: false });
    }
    if (req.method === 'POST' && p === '/graphql') {
      const body = await readBody(req);
      const query = String(body.query ?? '');
      const vars = body.variables ?? {};
      const data = {};
      const repository = {};
      for (const [, alias, variable] of query.matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
        const expression = String(vars[variable] ?? '');
        const at = expression.slice(0, expression.indexOf(':'));
        const text = blob(commits.get(at) ?? 'main', expression.slice(expression.indexOf(':') + 1));
        repository[alias] =
          text === undefined ? null : { text, isBinary: false, byteSize: Buffer.byteLength(text), isTruncated: false };
      }
      if (/repository\(owner: \$owner, name: \$name\) \{ f/.test(query)) data.repository = repository;
      // No organisation has a `.github` repository here.
      if (/\bxorg:/.test(query)) data.xorg = null;
      if (/\bxpr:/.test(query)) {
        const list = comments.get(`${vars.owner}#${vars.xprNumber}`) ?? [];
        const nodes = list.map((c) => ({
          databaseId: c.id,
          body: c.body,
          viewerDidAuthor: true,
          author: { __typename: 'Bot', login: SLUG },
        }));
        data.xpr = { pullRequest: { comments: { totalCount: nodes.length, nodes: nodes.slice(-30) } } };
      }
      return json(res, 200, { data });
    }
    if (req.method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(p))) {
      const body = await readBody(req);
      const run = {
        id: ++nextId,
        head_sha: body.head_sha,
        name: body.name,
        external_id: body.external_id ?? '',
        status: body.status ?? 'queued',
        conclusion: body.conclusion ?? null,
        started_at: body.started_at,
        app: { id: APP_ID, slug: SLUG },
        html_url: `http://github.invalid/runs/${nextId}`,
        owner: m[1],
      };
      runs.push(run);
      completed(run);
      return json(res, 201, run);
    }
    if (req.method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(p))) {
      const body = await readBody(req);
      const run = runs.find((r) => r.id === Number(m[3]));
      if (!run) return json(res, 404, { message: 'Not Found' });
      if (body.status) run.status = body.status;
      if (body.conclusion) run.conclusion = body.conclusion;
      completed(run);
      return json(res, 200, run);
    }
    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{40})\/check-runs$/.exec(p))) {
      const list = runs.filter((r) => r.head_sha === m[3] && r.owner === m[1]);
      return json(res, 200, { total_count: list.length, check_runs: list });
    }
    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(p))) {
      const pr = pulls.get(`${m[1]}#${m[3]}`);
      if (!pr) return json(res, 404, { message: 'Not Found' });
      return json(res, 200, {
        number: Number(m[3]),
        state: 'open',
        head: { sha: pr.head, ref: 'feature' },
        base: { sha: pr.base, ref: 'main' },
      });
    }
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(p))) {
      const key = `${m[1]}#${m[3]}`;
      const list = comments.get(key) ?? [];
      if (req.method === 'GET')
        return json(
          res,
          200,
          list.map((c) => ({
            id: c.id,
            body: c.body,
            user: { login: `${SLUG}[bot]`, type: 'Bot' },
            performed_via_github_app: { id: APP_ID },
          })),
        );
      const body = await readBody(req);
      const comment = { id: ++nextId, body: body.body };
      comments.set(key, [...list, comment]);
      return json(res, 201, comment);
    }
    if (req.method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(p))) {
      const body = await readBody(req);
      for (const list of comments.values()) for (const c of list) if (c.id === Number(m[3])) c.body = body.body;
      return json(res, 200, { id: Number(m[3]) });
    }
    if (req.method === 'GET' && /^\/repos\/[^/]+\/\.github\/contents\//.test(p))
      return json(res, 404, { message: 'Not Found' });
    console.error(`bench/app.mjs: fake GitHub has no answer for ${req.method} ${p}`);
    return json(res, 404, { message: 'Not Found' });
  })();
});

// ---------------------------------------------------------------------------------------
// The app, as `npm start` runs it in production.

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const fixture = (name, file) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/webhooks', name, `${file}.json`), 'utf8'));

function inRepo(payload, owner) {
  payload.installation = { id: INSTALLATION };
  payload.repository.owner.login = owner;
  payload.repository.full_name = `${owner}/${payload.repository.name}`;
  payload.repository.private = false;
  return payload;
}

/** A `pull_request.opened` payload for PR `number` (and the PR as the fake GitHub serves it). */
function pullRequest(owner, number, head, base) {
  pulls.set(`${owner}#${number}`, { head, base });
  const payload = inRepo(fixture('pull_request', 'opened'), owner);
  payload.number = number;
  payload.pull_request.number = number;
  payload.pull_request.head.sha = head;
  payload.pull_request.base.sha = base;
  return payload;
}

let port = 0;
let deliveries = 0;
async function send(event, payload) {
  const body = JSON.stringify(payload);
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': `bench-${++deliveries}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  });
  if (response.status !== 200) throw new Error(`webhook ${event} answered ${response.status}`);
}

/** Sends the webhook, waits for a new completed run on `headSha`; its latency and requests. */
async function measure(event, payload, headSha) {
  const before = runs.filter((r) => r.head_sha === headSha).length;
  const sentAt = Date.now();
  await send(event, payload);
  await waitFor(
    () => runs.filter((r) => r.head_sha === headSha && r.completedAt).length > before,
    60_000,
    `a completed run on ${headSha}`,
  );
  const run = runs.filter((r) => r.head_sha === headSha && r.completedAt).at(-1);
  // Anything the event still sends after its run completed counts too.
  await sleep(GAP_MS);
  const routes = requests.filter((r) => r.at >= sentAt && !r.route.endsWith('/access_tokens')).map((r) => r.route);
  return { ms: run.completedAt - sentAt, routes, conclusion: run.conclusion };
}

const privateKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
port = await freePort();
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-bench-app-'));
const child = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './lib/app/index.js'], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'production',
    APP_ID: String(APP_ID),
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    GHE_HOST: `127.0.0.1:${server.address().port}`,
    GHE_PROTOCOL: 'http',
    LOG_LEVEL: 'warn',
    TRULY_OPEN_STATE_DIR: stateDir,
    // The Hub is not part of this measurement.
    TRULY_OPEN_OFFLINE: 'true',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const stop = () => {
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('exit', stop);

const results = { push: [], 'pr-warm': [], rerun: [], 'pr-cold': [] };
try {
  const until = Date.now() + 20_000;
  while (
    !(await fetch(`http://127.0.0.1:${port}/ping`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (Date.now() > until) throw new Error('the app did not start');
    await sleep(100);
  }
  for (let i = 0; i < ITERATIONS; i++) {
    const owner = `bench-${i}`;
    const main = sha('main', i);
    const head = sha('head', i);
    const coldBase = sha('cold-base', i);
    const coldHead = sha('cold-head', i);
    commits.set(main, 'main').set(head, 'head').set(coldBase, 'main').set(coldHead, 'head');

    const push = inRepo(fixture('push', 'push'), owner);
    push.after = main;
    results.push.push(await measure('push', push, main));

    results['pr-warm'].push(await measure('pull_request', pullRequest(owner, 7, head, main), head));

    const rerun = inRepo(fixture('check_run', 'rerequested'), owner);
    rerun.check_run.head_sha = head;
    rerun.check_run.external_id = 'pr:7';
    rerun.check_run.app = { id: APP_ID, slug: SLUG };
    rerun.check_run.check_suite = { ...(rerun.check_run.check_suite ?? {}), head_branch: 'feature' };
    results.rerun.push(await measure('check_run', rerun, head));

    results['pr-cold'].push(await measure('pull_request', pullRequest(owner, 8, coldHead, coldBase), coldHead));
    process.stdout.write('.');
  }
  process.stdout.write('\n');
} finally {
  stop();
  server.closeAllConnections();
  server.close();
}

// ---------------------------------------------------------------------------------------
// Report.

const pct = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const LABELS = {
  push: 'push to the default branch (first of an owner, org config looked up)',
  'pr-warm': 'pull request, base assessed on push (delta + new comment)',
  rerun: 're-run of an unchanged PR head',
  'pr-cold': 'pull request, base never seen (delta + new comment)',
};
const verdict = (ok) => (ok ? 'met' : 'NOT met');
const rows = Object.entries(results).map(([kind, list]) => {
  const counts = list.map((r) => r.routes.length);
  const ms = list.map((r) => r.ms);
  const target = TARGETS[kind];
  const maxCount = Math.max(...counts);
  const p50 = pct(ms, 0.5);
  const met = maxCount <= target.requests && (target.p50 === undefined || p50 <= target.p50);
  return {
    kind,
    line: [
      '',
      LABELS[kind],
      `${pct(counts, 0.5)} / ${maxCount}`,
      `<= ${target.requests}`,
      `${p50} ms`,
      `${pct(ms, 0.95)} ms`,
      target.p50 ? `<= ${target.p50} ms` : '-',
      verdict(met),
      '',
    ]
      .join(' | ')
      .trim(),
    routes: list.at(-1).routes,
  };
});
const cpus = os.cpus();
const markdown = [
  `Written by \`npm run bench:app\` (bench/app.mjs). ${ITERATIONS} iterations; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
    `nproc ${os.availableParallelism?.() ?? cpus.length}, ${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ` +
    `Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)} at the end.`,
  '',
  "The built app (`probot run lib/app/index.js`, NODE_ENV=production, Probot's throttling on: writes about 1 s apart) against a fake GitHub on 127.0.0.1, " +
    'signed webhooks sent one at a time, ' +
    `${GAP_MS} ms apart. Requests: every API request of the event but the installation token (minted once an hour). ` +
    'Latency: from sending the webhook to the check run being completed on the fake GitHub. Online (Hub) lookups off.',
  '',
  '| Event | Requests (median / max) | Target | p50 | p95 | Target p50 | |',
  '|---|---|---|---|---|---|---|',
  ...rows.map((r) => r.line),
  '',
  'Requests of the last iteration, in order:',
  '',
  ...rows.map((r) => `- ${r.kind}: ${r.routes.map((route) => `\`${generic(route)}\``).join(', ')}`),
  '',
  'Command: `npm run bench:app`',
].join('\n');
console.log(markdown);
if (!process.env.BENCH_NO_WRITE) {
  writeSection(path.join(ROOT, 'BENCHMARKS.md'), '## GitHub App: requests and latency per event', markdown);
  console.log('\nwrote the app section of BENCHMARKS.md');
}

function generic(route) {
  return route.replace(/[0-9a-f]{40}/g, '<sha>').replace(/bench-\d+/g, '<owner>');
}

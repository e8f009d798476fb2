// A GitHub API on 127.0.0.1 (served as GitHub Enterprise, `GHE_HOST`) for running the
// built app as real processes: the queue tests (test/app-queue-redis.test.ts) and the load
// test (bench/load.mjs). Any installation, any repository: each is a small model
// repository; pull requests, their one comment and check runs are kept in memory, so a
// test can see duplicates, runs left in progress and which head a comment describes.
// Plain JavaScript so the bench runs it without a build; typed by fake-github.d.mts.
import { createServer } from 'node:http';

const CARD = (license) =>
  `---\nlicense: ${license}\nlibrary_name: transformers\n---\n# Acme LLM\n\nA language model.\n`;

/** The files of a commit: a model repository; `train.py` and an MIT card when the sha starts with "f". */
export function filesAt(sha) {
  const files = {
    '.github/truly-open.yml': 'comment: always\n',
    'README.md': CARD(sha.startsWith('f') ? 'mit' : 'apache-2.0'),
    'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
  };
  if (sha.startsWith('f')) files['train.py'] = 'import torch\n';
  return files;
}

export async function startFakeGithub({ appId, slug = 'truly-open', latencyMs = 0 } = {}) {
  const state = {
    runs: [],
    comments: [],
    /** `${owner}/${repo}#${n}` -> { head, base } */
    pulls: new Map(),
    requests: 0,
    byRoute: new Map(),
    unknown: [],
    /** Mutable by tests: hold check-run updates this long (a worker "mid-evaluation"). */
    patchDelayMs: 0,
    /** Mutable by tests: answer GET pulls/N with this status instead. */
    pullsStatus: 0,
  };
  let nextRun = 1000;
  let nextComment = 5000;
  const bot = { login: `${slug}[bot]`, type: 'Bot' };

  const json = (res, status, body) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    });
    res.end(JSON.stringify(body));
  };
  const read = (req) =>
    new Promise((resolve) => {
      const parts = [];
      req.on('data', (d) => parts.push(d));
      req.on('end', () => {
        try {
          resolve(parts.length ? JSON.parse(Buffer.concat(parts).toString()) : {});
        } catch {
          resolve({});
        }
      });
    });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/api\/v3/, '');
      state.requests++;
      const route = `${req.method} ${path
        .replace(/[0-9a-f]{40}/g, ':sha')
        .replace(/\/\d+(?=\/|$)/g, '/:n')
        .replace(/^\/repos\/[^/]+\/[^/]+/, '/repos/:o/:r')}`;
      state.byRoute.set(route, (state.byRoute.get(route) ?? 0) + 1);
      if (latencyMs) await sleep(latencyMs);
      let m;
      if (req.method === 'POST' && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
        await read(req);
        return json(res, 201, {
          token: 'ghs_fake',
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: {},
          repository_selection: 'all',
        });
      }
      if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/git\/trees\/([0-9a-f]{40})$/.exec(path))) {
        const tree = [
          ...Object.entries(filesAt(m[3])).map(([p, text]) => ({
            path: p,
            mode: '100644',
            type: 'blob',
            sha: 'b'.repeat(40),
            size: Buffer.byteLength(text),
          })),
          { path: '.github', mode: '040000', type: 'tree', sha: 'c'.repeat(40) },
          { path: 'model.safetensors', mode: '100644', type: 'blob', sha: 'd'.repeat(40), size: 5_000_000_000 },
        ];
        return json(res, 200, { sha: m[3], tree, truncated: false });
      }
      if (req.method === 'POST' && (path === '/graphql' || path === '/api/graphql')) {
        const body = await read(req);
        const repository = {};
        for (const [, alias, variable] of String(body.query ?? '').matchAll(/(\w+): object\(expression: \$(\w+)\)/g)) {
          const expression = String(body.variables?.[variable] ?? '');
          const at = expression.slice(0, expression.indexOf(':'));
          const text = filesAt(at)[expression.slice(expression.indexOf(':') + 1)];
          repository[alias] =
            text === undefined
              ? null
              : { text, isBinary: false, byteSize: Buffer.byteLength(text), isTruncated: false };
        }
        return json(res, 200, { data: { repository } });
      }
      if (req.method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path))) {
        const body = await read(req);
        const id = ++nextRun;
        const run = {
          id,
          repo: `${m[1]}/${m[2]}`,
          head_sha: body.head_sha,
          name: body.name,
          external_id: body.external_id ?? '',
          status: body.status ?? 'queued',
          conclusion: null,
          started_at: body.started_at ?? new Date().toISOString(),
          created_ms: Date.now(),
          completed_ms: null,
          title: null,
          summary: null,
          app: { id: appId, slug },
          html_url: `http://github.invalid/${m[1]}/${m[2]}/runs/${id}`,
        };
        state.runs.push(run);
        return json(res, 201, run);
      }
      if (
        (req.method === 'PATCH' || req.method === 'GET') &&
        (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path))
      ) {
        const body = req.method === 'PATCH' ? await read(req) : {};
        if (req.method === 'PATCH' && state.patchDelayMs) await sleep(state.patchDelayMs);
        const run = state.runs.find((r) => r.id === Number(m[3]));
        if (!run) return json(res, 404, { message: 'Not Found' });
        if (body.status) run.status = body.status;
        if (body.conclusion) run.conclusion = body.conclusion;
        if (body.status === 'completed') run.completed_ms ??= Date.now();
        if (body.output?.title) run.title = body.output.title;
        if (body.output?.summary) run.summary = body.output.summary;
        return json(res, 200, run);
      }
      if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{40})\/check-runs$/.exec(path))) {
        const list = state.runs.filter(
          (r) =>
            r.repo === `${m[1]}/${m[2]}` &&
            r.head_sha === m[3] &&
            (!url.searchParams.get('check_name') || r.name === url.searchParams.get('check_name')),
        );
        return json(res, 200, { total_count: list.length, check_runs: list });
      }
      if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/.exec(path))) {
        if (state.pullsStatus) return json(res, state.pullsStatus, { message: 'unavailable' });
        const pr = state.pulls.get(`${m[1]}/${m[2]}#${m[3]}`);
        if (!pr) return json(res, 404, { message: 'Not Found' });
        return json(res, 200, {
          number: Number(m[3]),
          state: 'open',
          head: { sha: pr.head, ref: 'feature' },
          base: { sha: pr.base, ref: 'main' },
        });
      }
      if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
        return json(
          res,
          200,
          state.comments.filter((c) => c.issue === `${m[1]}/${m[2]}#${m[3]}`),
        );
      }
      if (req.method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
        const body = await read(req);
        const issue = `${m[1]}/${m[2]}#${m[3]}`;
        const comment = {
          id: ++nextComment,
          issue,
          body: body.body,
          user: bot,
          performed_via_github_app: { id: appId },
          headAtWrite: state.pulls.get(issue)?.head ?? null,
        };
        state.comments.push(comment);
        return json(res, 201, comment);
      }
      if (req.method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path))) {
        const body = await read(req);
        const comment = state.comments.find((c) => c.id === Number(m[3]));
        if (!comment) return json(res, 404, { message: 'Not Found' });
        comment.body = body.body;
        comment.headAtWrite = state.pulls.get(comment.issue)?.head ?? null;
        return json(res, 200, comment);
      }
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/collaborators\/[^/]+\/permission$/.test(path)) {
        return json(res, 200, { permission: 'write', role_name: 'write' });
      }
      if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/\d+\/reactions$/.test(path)) {
        await read(req);
        return json(res, 201, { id: 1, content: 'eyes' });
      }
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) {
        return json(res, 404, { message: 'Not Found' });
      }
      state.unknown.push(`${req.method} ${path}`);
      return json(res, 404, { message: 'Not Found' });
    })();
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    host: `127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A GitHub API on 127.0.0.1 (served as GitHub Enterprise, `GHE_HOST`), for tests that run
// the built app as a real process (`probot run`): installation tokens, the trees and blobs
// of a small model repository at any commit, and check runs kept in memory with their
// history. Only what the push flow needs; anything else is a 404 that the test can see.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRun {
  id: number;
  head_sha: string;
  name: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  started_at: string;
  title: string | null;
  app: { id: number; slug: string };
  html_url: string;
}

export interface FakeGithub {
  /** `host:port`, for GHE_HOST. */
  host: string;
  runs: FakeRun[];
  /** Method and path of every request, in order. */
  requests: string[];
  /** Not served: 404s the app should never have asked for. */
  unknown: string[];
  close(): Promise<void>;
}

const CARD = '---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# Acme LLM\n\nA language model.\n';
const FILES: Record<string, string> = {
  '.github/truly-open.yml': 'comment: changes\n',
  'README.md': CARD,
  'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
};

export async function startFakeGithub(options: {
  appId: number;
  slug?: string;
  treeDelayMs?: number;
  writeDelayMs?: number;
}): Promise<FakeGithub> {
  const runs: FakeRun[] = [];
  const requests: string[] = [];
  const unknown: string[] = [];
  const slug = options.slug ?? 'truly-open';
  let nextId = 1000;

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    });
    res.end(text);
  };
  const read = (req: IncomingMessage) =>
    new Promise<any>((resolve) => {
      const parts: Buffer[] = [];
      req.on('data', (d: Buffer) => parts.push(d));
      req.on('end', () => {
        const text = Buffer.concat(parts).toString();
        try {
          resolve(text ? JSON.parse(text) : {});
        } catch {
          resolve({});
        }
      });
    });
  const sleep = (ms = 0) => new Promise((r) => setTimeout(r, ms));

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname.replace(/^\/api\/v3/, '');
      requests.push(`${req.method} ${path}`);
      let m: RegExpExecArray | null;
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
        await sleep(options.treeDelayMs);
        const tree = [
          ...Object.entries(FILES).map(([p, text]) => ({
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
      if (req.method === 'POST' && (path === '/graphql' || req.url === '/api/graphql')) {
        const body = await read(req);
        const repository: Record<string, unknown> = {};
        for (const [, alias, variable] of [
          ...String(body.query ?? '').matchAll(/(\w+): object\(expression: \$(\w+)\)/g),
        ]) {
          const expression = String(body.variables?.[variable!] ?? '');
          const file = expression.slice(expression.indexOf(':') + 1);
          const text = FILES[file];
          repository[alias!] =
            text === undefined
              ? null
              : { text, isBinary: false, byteSize: Buffer.byteLength(text), isTruncated: false };
        }
        return json(res, 200, { data: { repository } });
      }
      if (req.method === 'POST' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path))) {
        const body = await read(req);
        await sleep(options.writeDelayMs);
        const id = ++nextId;
        const run: FakeRun = {
          id,
          head_sha: body.head_sha,
          name: body.name,
          external_id: body.external_id ?? '',
          status: body.status ?? 'queued',
          // A run may be created already completed, with its verdict.
          conclusion: body.conclusion ?? null,
          started_at: body.started_at ?? new Date().toISOString(),
          title: body.output?.title ?? null,
          app: { id: options.appId, slug },
          html_url: `http://github.invalid/${m[1]}/${m[2]}/runs/${id}`,
        };
        runs.push(run);
        return json(res, 201, run);
      }
      if (req.method === 'PATCH' && (m = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path))) {
        const body = await read(req);
        await sleep(options.writeDelayMs);
        const run = runs.find((r) => r.id === Number(m![3]));
        if (!run) return json(res, 404, { message: 'Not Found' });
        if (body.status) run.status = body.status;
        if (body.conclusion) run.conclusion = body.conclusion;
        if (body.output?.title) run.title = body.output.title;
        return json(res, 200, run);
      }
      if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([0-9a-f]{40})\/check-runs$/.exec(path))) {
        const list = runs.filter(
          (r) =>
            r.head_sha === m![3] &&
            (!url.searchParams.get('check_name') || r.name === url.searchParams.get('check_name')),
        );
        return json(res, 200, { total_count: list.length, check_runs: list });
      }
      unknown.push(`${req.method} ${path}`);
      return json(res, 404, { message: 'Not Found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    runs,
    requests,
    unknown,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

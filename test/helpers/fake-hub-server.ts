// A real HTTP server on 127.0.0.1 that answers like the Hub API, for tests that point
// HF_ENDPOINT at it (end-to-end checks, and proof that the client works without nock).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRoute {
  status?: number;
  /** Objects are sent as JSON, strings as text. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeHub {
  endpoint: string;
  /** Paths requested, in order (with query string). */
  requests: string[];
  /** Answers for a path; several answers are served in turn, the last one repeats. */
  route(path: string, ...answers: FakeRoute[]): void;
  close(): Promise<void>;
}

export async function startFakeHub(): Promise<FakeHub> {
  const routes = new Map<string, FakeRoute[]>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    requests.push(url);
    const path = url.split('?')[0] ?? '/';
    const answers = routes.get(path);
    const answer = answers && (answers.length > 1 ? answers.shift() : answers[0]);
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json', 'x-error-code': 'RepoNotFound' });
      res.end(JSON.stringify({ error: 'Repository not found' }));
      return;
    }
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(answer.status ?? 200, { 'content-type': type, ...answer.headers });
    res.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    route(path, ...answers) {
      routes.set(path, answers);
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

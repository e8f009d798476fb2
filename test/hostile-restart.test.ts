// Issue 10, item 3: no run left "in progress" by a stop. Accepted work is journaled until
// its run is completed; a stopping process (SIGTERM) leaves what it could not finish in
// the journal, and the next start redoes it, completing a run the previous process left
// open instead of creating a second one. The last test runs the built app as a real
// process against a fake GitHub on 127.0.0.1, sends it pushes, stops it with SIGTERM
// and starts it again (SIGTERM_PUSHES=20 for the scenario).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { idle, lastServices } from '../src/app/index.js';
import { Journal, JOURNAL_FILE, type JournalSeed } from '../src/app/journal.js';
import {
  api,
  APP_ID,
  INSTALLATION,
  loadFixture,
  mockCommit,
  mockCreateRun,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nockDone,
  OWNER,
  PRIVATE_KEY,
  REPO,
  runLog,
  SHA,
  SLUG,
  startApp,
} from './helpers/app-harness.js';
import { startFakeGithub } from './helpers/fake-github-server.js';

const seed = (sha: string | null, kind: JournalSeed['kind'] = { kind: 'push' }): JournalSeed => ({
  installationId: INSTALLATION,
  repository: { owner: OWNER, name: REPO, private: false, defaultBranch: 'main' },
  kind,
  sha,
  headBranch: 'main',
});

describe('the journal', () => {
  it('keeps work from acceptance to completion, across a restart, within its bounds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-journal-'));
    let now = 1_000_000;
    const journal = new Journal(dir, { maxEntries: 3, maxAgeMs: 60_000, now: () => now });
    const a = journal.add(seed('a'.repeat(40)));
    const b = journal.add(seed('b'.repeat(40)));
    journal.attachRun(b, { id: 4711, url: null });
    journal.add(seed(null, { kind: 'pr', number: 7 }));
    journal.add(seed(null, { kind: 'release', id: 9 })); // over the bound: the oldest (a) goes
    journal.done(b);
    const c = journal.add(seed('c'.repeat(40)));
    journal.hold(c);
    journal.done(c); // held: stays
    await journal.flushed();

    const saved = JSON.parse(readFileSync(join(dir, JOURNAL_FILE), 'utf8')) as { key: string }[];
    expect(saved.map((e) => e.key)).not.toContain(a);
    expect(saved.map((e) => e.key)).not.toContain(b);
    expect(saved.map((e) => e.key)).toContain(c);

    now += 30_000;
    const next = new Journal(dir, { maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    expect(
      next
        .load()
        .map((e) => e.kind.kind)
        .sort(),
    ).toEqual(['pr', 'push', 'release']);
    now += 60_000; // older than the age bound
    expect(new Journal(dir, { maxEntries: 10, maxAgeMs: 60_000, now: () => now }).load()).toEqual([]);
  });

  it('a file that is not a journal is ignored, not trusted', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-journal-'));
    writeFileSync(join(dir, JOURNAL_FILE), '[{"key":"x","installationId":"1"}, 42, null]');
    const warnings: string[] = [];
    expect(new Journal(dir, { maxEntries: 10, maxAgeMs: 60_000, warn: (w) => warnings.push(w) }).load()).toEqual([]);
    writeFileSync(join(dir, JOURNAL_FILE), '{not json');
    expect(new Journal(dir, { maxEntries: 10, maxAgeMs: 60_000, warn: (w) => warnings.push(w) }).load()).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('the sweep on start', () => {
  let probot: Probot;
  afterEach(() => {
    delete process.env.TRULY_OPEN_STATE_DIR;
    expect(nockDone()).toEqual({ pending: [], unmatched: [] });
  });

  it('completes the run a previous process left open, and evaluates the work that never started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-sweep-'));
    const left = new Journal(dir, { maxEntries: 10, maxAgeMs: 3600_000 });
    const started = left.add(seed(SHA.push));
    left.attachRun(started, { id: 4711, url: 'https://github.com/acme/llm/runs/4711' });
    left.add({ ...seed(SHA.head), headBranch: 'main' });
    left.flushSync();

    const scope = api();
    mockToken(scope);
    mockCommit(scope, SHA.push, modelRepo());
    mockCommit(scope, SHA.head, modelRepo());
    // The run of the first is still open on GitHub: it is completed, not created again.
    scope
      .get(`/repos/${OWNER}/${REPO}/commits/${SHA.push}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 4711,
            name: 'truly-open',
            head_sha: SHA.push,
            status: 'in_progress',
            external_id: 'push',
            started_at: '2025-01-01T00:00:00Z',
            html_url: 'https://github.com/acme/llm/runs/4711',
            app: { id: APP_ID, slug: SLUG },
          },
        ],
      });
    const log = runLog();
    // The open run is completed (an update); the new one is created completed.
    mockCreateRun(scope, log);
    mockUpdateRun(scope, log);

    process.env.TRULY_OPEN_STATE_DIR = dir;
    probot = await startApp();
    await idle();
    void probot;

    expect(log.created.map((r) => r.head_sha)).toEqual([SHA.head]);
    expect(log.updates.map((u) => [u.id === 4711 ? 'adopted' : 'new', u.status])).toEqual(
      expect.arrayContaining([
        ['adopted', 'completed'],
        ['new', 'completed'],
      ]),
    );
    expect(lastServices!.journal.size).toBe(0);
    await lastServices!.journal.flushed();
    expect(JSON.parse(readFileSync(join(dir, JOURNAL_FILE), 'utf8'))).toEqual([]);
  });

  it('a PR entry evaluates the PR as it is now', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truly-open-sweep-'));
    const left = new Journal(dir, { maxEntries: 10, maxAgeMs: 3600_000 });
    left.add({ ...seed(null, { kind: 'pr', number: 7 }), headBranch: null });
    left.flushSync();

    const scope = api();
    mockToken(scope);
    // Read once: nothing changes, so no comment is due and none exists (GraphQL says so).
    scope.get(`/repos/${OWNER}/${REPO}/pulls/7`).reply(200, {
      number: 7,
      state: 'open',
      head: { sha: SHA.head2, ref: 'x' },
      base: { sha: SHA.base, ref: 'main' },
    });
    mockCommit(scope, SHA.head2, modelRepo());
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    mockCreateRun(scope, log);

    process.env.TRULY_OPEN_STATE_DIR = dir;
    probot = await startApp();
    await idle();

    expect(log.created).toEqual([expect.objectContaining({ head_sha: SHA.head2, external_id: 'pr:7' })]);
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });
});

// The real thing: `probot run` on the built app, SIGTERM, and a second start.
const ROOT = new URL('..', import.meta.url).pathname;
const BUILT = existsSync(join(ROOT, 'lib/app/index.js'));
const PUSHES = Number(process.env.SIGTERM_PUSHES ?? 4);
const SECRET = 'sigterm-test-secret';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function startServer(port: number, gheHost: string, stateDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['node_modules/probot/bin/probot.js', 'run', './lib/app/index.js'], {
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
      GHE_HOST: gheHost,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'info',
      TRULY_OPEN_STATE_DIR: stateDir,
      TRULY_OPEN_OFFLINE: 'true',
      TRULY_OPEN_SHUTDOWN_GRACE_MS: '300',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function push(port: number, sha: string, n: number): Promise<number> {
  const payload = loadFixture('push', 'push');
  payload.after = sha;
  payload.head_commit = { ...(payload.head_commit ?? {}), id: sha };
  const body = JSON.stringify(payload);
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': `sigterm-${n}-${sha.slice(0, 8)}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
  });
  return response.status;
}

(BUILT ? describe : describe.skip)('SIGTERM with pushes queued, then a new start (built app, real process)', () => {
  let children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    children = [];
  });

  it(`every one of ${PUSHES} pushed heads ends with a completed run that carries a verdict, none left in progress`, async () => {
    // Slow trees keep the pushes queued behind each other (one ref: serialised).
    const github = await startFakeGithub({ appId: APP_ID, treeDelayMs: 400 });
    const stateDir = mkdtempSync(join(tmpdir(), 'truly-open-sigterm-'));
    const shas = Array.from({ length: PUSHES }, (_, i) => createHmac('sha1', 'x').update(String(i)).digest('hex'));
    try {
      const port = await freePort();
      const first = startServer(port, github.host, stateDir);
      children.push(first.child);
      await waitFor(
        async () =>
          fetch(`http://127.0.0.1:${port}/ping`).then(
            (r) => r.ok,
            () => false,
          ),
        20_000,
        'the first server',
      );
      for (const [i, sha] of shas.entries()) expect(await push(port, sha, i)).toBe(200);

      // Stop while work is queued (at most the first push can be through).
      await waitFor(() => github.runs.length >= 1, 20_000, 'a first run');
      first.child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => first.child.on('exit', resolve));
      expect(code).toBe(0);
      const completedBefore = github.runs.filter((r) => r.status === 'completed').length;
      const journal = JSON.parse(readFileSync(join(stateDir, JOURNAL_FILE), 'utf8')) as unknown[];
      expect(journal.length).toBeGreaterThan(0);
      expect(completedBefore).toBeLessThan(PUSHES);

      const second = startServer(port, github.host, stateDir);
      children.push(second.child);
      await waitFor(
        () => shas.every((sha) => github.runs.some((r) => r.head_sha === sha && r.status === 'completed')),
        30_000 + PUSHES * 4_000,
        'every head completed',
      );
      // Completed runs carry a verdict of the evaluation (or, for one interrupted while its
      // completion could not be sent, the interruption), and the journal empties.
      await waitFor(
        () => (JSON.parse(readFileSync(join(stateDir, JOURNAL_FILE), 'utf8')) as unknown[]).length === 0,
        10_000,
        'an empty journal',
      );
      second.child.kill('SIGTERM');
      await new Promise((resolve) => second.child.on('exit', resolve));

      for (const sha of shas) {
        const runs = github.runs.filter((r) => r.head_sha === sha);
        expect(runs.filter((r) => r.status !== 'completed')).toEqual([]);
        expect(runs.length).toBeGreaterThanOrEqual(1);
        // A verdict, not only "interrupted": the sweep evaluated what the stop cut short
        // (completing the run left open, or a new one when the stop had closed it).
        expect(runs.filter((r) => r.title && !/interrupted/.test(r.title)).length).toBeGreaterThanOrEqual(1);
      }
      expect(github.unknown).toEqual([]);

      if (process.env.SIGTERM_PUSHES) {
        const perHead = shas.map((sha) => github.runs.filter((r) => r.head_sha === sha).length);
        console.log(
          JSON.stringify({
            pushes: PUSHES,
            completedBeforeStop: completedBefore,
            interruptedAtStop: github.runs.filter((r) => /interrupted/.test(r.title ?? '')).length,
            journaled: journal.length,
            runs: github.runs.length,
            headsWithTwoRuns: perHead.filter((n) => n > 1).length,
            inProgressAtEnd: github.runs.filter((r) => r.status !== 'completed').length,
          }),
        );
      }
    } finally {
      await github.close();
    }
  }, 120_000);
});

// `npm start` as a new user meets it: with no credentials, Probot's setup page built from
// app.yml; in production without a webhook secret, a one-line refusal and exit code 1.
// Spawns the same command the start script runs after building.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { startupProblem } from '../src/app/index.js';
import { PRIVATE_KEY } from './helpers/app-harness.js';

const ROOT = new URL('..', import.meta.url).pathname;
const PROBOT = 'node_modules/probot/bin/probot.js';
const BUILT_APP = './lib/app/index.js';
// Probot reads .env into the environment; a developer's own .env would change what starts.
const LOCAL_ENV = existsSync(`${ROOT}.env`);

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a fresh shell: no APP_ID, PRIVATE_KEY, WEBHOOK_SECRET or proxy. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...extra };
}

async function fetchWhenUp(url: string, timeoutMs = 15_000): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(url, { redirect: 'manual' });
    } catch (error) {
      if (Date.now() > until || child?.exitCode !== null) throw error;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

describe('startup', () => {
  (LOCAL_ENV ? it.skip : it)(
    "with no credentials, serves Probot's setup page with the manifest from app.yml",
    async () => {
      const port = await freePort();
      child = spawn(process.execPath, [PROBOT, 'run', BUILT_APP], {
        cwd: ROOT,
        // NO_SMEE_SETUP: the setup flow would otherwise ask smee.io for a webhook channel.
        env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'development', NO_SMEE_SETUP: 'true' }),
        stdio: 'ignore',
      });

      const root = await fetchWhenUp(`http://127.0.0.1:${port}/`);
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/probot');

      const page = await fetch(`http://127.0.0.1:${port}/probot`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Setup truly-open');
      expect(html).toContain('https://github.com/settings/apps/new');
      // The manifest posted to GitHub carries app.yml's permissions and events. Its webhook URL
      // is Probot's choice without smee: the server's root, NOT the path webhooks are served
      // at (/api/github/webhooks); docs/deploy.md tells a server deployment to change it
      // (test/app-deploy.test.ts).
      const manifest = JSON.parse(
        /name="manifest"[^>]*value='([^']*)'/.exec(html)?.[1] ??
          /value="([^"]*)"[^>]*name="manifest"/.exec(html)?.[1] ??
          'null',
      ) as Record<string, any> | null;
      expect(manifest).toMatchObject({
        name: 'truly-open',
        default_permissions: {
          checks: 'write',
          contents: 'read',
          pull_requests: 'write',
          issues: 'write',
          metadata: 'read',
        },
        default_events: ['push', 'pull_request', 'release', 'issue_comment', 'check_run', 'check_suite'],
        hook_attributes: { url: `http://127.0.0.1:${port}/` },
      });

      const ping = await fetch(`http://127.0.0.1:${port}/ping`);
      expect(await ping.text()).toBe('PONG');
    },
  );

  (LOCAL_ENV || !existsSync(`${ROOT}lib/app/index.js`) ? it.skip : it)(
    'refuses to start in production without a webhook secret (needs `npm run build`)',
    async () => {
      const port = await freePort();
      child = spawn(process.execPath, [PROBOT, 'run', BUILT_APP], {
        cwd: ROOT,
        env: cleanEnv({ PORT: String(port), NODE_ENV: 'production', APP_ID: '123', PRIVATE_KEY }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child!.on('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain('truly-open: refusing to start: NODE_ENV=production but WEBHOOK_SECRET is not set');
    },
  );

  it('names what is wrong with the environment, or nothing', () => {
    expect(startupProblem({ NODE_ENV: 'production' })).toMatch(/WEBHOOK_SECRET is not set/);
    expect(startupProblem({ NODE_ENV: 'production', WEBHOOK_SECRET: 'development' })).toMatch(/public default/);
    expect(startupProblem({ NODE_ENV: 'production', WEBHOOK_SECRET: 's3cr3t' })).toBeNull();
    expect(startupProblem({ NODE_ENV: 'development' })).toBeNull();
    expect(startupProblem({})).toBeNull();
  });
});

// A new user's first commands: `npm start` on a laptop (a smee channel, registered and
// shown on the setup pages), on a server (PUBLIC_URL), or with nothing reachable (one line
// that says what to set); and `npm run score` outside the maintainers' workspace.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { inSetupMode, planWebhook, saveEnvFile } from '../src/app/start.js';

const ROOT = new URL('..', import.meta.url).pathname;
const START = join(ROOT, 'lib/app/start.js');

const channel = (url: string) => ({
  createChannel: async (newUrl: string) => (newUrl === 'https://smee.io/new' ? url : 'wrong'),
});
const offline = { createChannel: async () => Promise.reject(new Error('fetch failed')) };

describe('planWebhook', () => {
  it('does nothing with credentials or in production', async () => {
    expect(await planWebhook({ APP_ID: '1', PRIVATE_KEY: 'k' }, offline)).toBeNull();
    expect(await planWebhook({ APP_ID: '1', PRIVATE_KEY_PATH: 'k.pem' }, offline)).toBeNull();
    expect(await planWebhook({ NODE_ENV: 'production' }, offline)).toBeNull();
    expect(inSetupMode({ APP_ID: '1' })).toBe(true);
  });

  it('keeps a WEBHOOK_PROXY_URL that is already set', async () => {
    const plan = await planWebhook({ WEBHOOK_PROXY_URL: 'https://smee.io/abc' }, offline);
    expect(plan).toMatchObject({ source: 'configured', url: 'https://smee.io/abc', set: {} });
    expect(plan?.save).toBeUndefined();
  });

  it('registers the webhook path of PUBLIC_URL, in memory only', async () => {
    const plan = await planWebhook({ PUBLIC_URL: 'https://open.example.org/' }, offline);
    expect(plan).toMatchObject({ source: 'public-url', url: 'https://open.example.org/api/github/webhooks' });
    expect(plan?.set).toEqual({ WEBHOOK_PROXY_URL: 'https://open.example.org/api/github/webhooks' });
    expect(plan?.save).toBeUndefined();
    const custom = await planWebhook({ PUBLIC_URL: 'https://h', WEBHOOK_PATH: '/hooks' }, offline);
    expect(custom?.url).toBe('https://h/hooks');
  });

  it('creates a smee channel and saves it for the restart', async () => {
    const plan = await planWebhook({}, channel('https://smee.io/xyz'));
    expect(plan).toMatchObject({ source: 'smee', url: 'https://smee.io/xyz', level: 'info' });
    expect(plan?.save).toEqual({ WEBHOOK_PROXY_URL: 'https://smee.io/xyz' });
  });

  it('when smee.io cannot be reached, says what to set and keeps Probot from trying again', async () => {
    const plan = await planWebhook({}, offline);
    expect(plan).toMatchObject({ source: 'none', level: 'warn', set: { NO_SMEE_SETUP: 'true' } });
    expect(plan?.message).toContain('fetch failed');
    expect(plan?.message).toMatch(
      /WEBHOOK_PROXY_URL .*PUBLIC_URL=https:\/\/<your host> \(webhooks go to <PUBLIC_URL>\/api\/github\/webhooks\)/,
    );
    expect((await planWebhook({}, channel('not a url')))?.source).toBe('none');
  });

  it('with NO_SMEE_SETUP=true creates nothing and says what to set', async () => {
    let asked = false;
    const plan = await planWebhook(
      { NO_SMEE_SETUP: 'true' },
      { createChannel: async () => ((asked = true), 'https://smee.io/x') },
    );
    expect(asked).toBe(false);
    expect(plan).toMatchObject({ source: 'none', level: 'warn' });
    expect(plan?.message).toContain('PUBLIC_URL');
  });
});

describe('saveEnvFile', () => {
  it('replaces the variable and keeps the other lines', () => {
    const dir = mkdtempSync(join(tmpdir(), 'to-env-'));
    const path = join(dir, '.env');
    writeFileSync(path, 'APP_ID=1\nWEBHOOK_PROXY_URL=https://old\n# comment\n');
    saveEnvFile(path, { WEBHOOK_PROXY_URL: 'https://smee.io/new1' });
    expect(readFileSync(path, 'utf8')).toBe('APP_ID=1\n# comment\nWEBHOOK_PROXY_URL=https://smee.io/new1\n');
    saveEnvFile(join(dir, 'fresh.env'), { A: 'b' });
    expect(readFileSync(join(dir, 'fresh.env'), 'utf8')).toBe('A=b\n');
    rmSync(dir, { recursive: true, force: true });
  });
});

// --- `npm start` as built: node lib/app/start.js in a folder with app.yml and package.json ---

let child: ChildProcess | undefined;
let fakeSmee: Server | undefined;
let workdir: string | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
  child = undefined;
  if (fakeSmee) await new Promise((resolve) => fakeSmee!.close(resolve));
  fakeSmee = undefined;
  if (workdir) rmSync(workdir, { recursive: true, force: true });
  workdir = undefined;
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

/** A folder like a fresh checkout for Probot (it reads app.yml, package.json and .env from the working directory). */
function checkoutLike(): string {
  workdir = mkdtempSync(join(tmpdir(), 'to-start-'));
  copyFileSync(join(ROOT, 'app.yml'), join(workdir, 'app.yml'));
  copyFileSync(join(ROOT, 'package.json'), join(workdir, 'package.json'));
  return workdir;
}

/** Starts the built entry with a fresh shell's environment; resolves with the setup page once it answers. */
async function start(extra: Record<string, string>): Promise<{ port: number; output: () => string }> {
  const port = await freePort();
  let output = '';
  child = spawn(process.execPath, [START], {
    cwd: checkoutLike(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const until = Date.now() + 15_000;
  for (;;) {
    try {
      await fetch(`http://127.0.0.1:${port}/ping`);
      return { port, output: () => output };
    } catch (error) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`not up: ${output}`, { cause: error });
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

async function manifestHookUrl(port: number): Promise<string | undefined> {
  const html = await (await fetch(`http://127.0.0.1:${port}/probot`)).text();
  const raw =
    /name="manifest"[^>]*value='([^']*)'/.exec(html)?.[1] ??
    /value="([^"]*)"[^>]*name="manifest"/.exec(html)?.[1] ??
    'null';
  return (JSON.parse(raw) as { hook_attributes?: { url?: string } } | null)?.hook_attributes?.url;
}

const built = existsSync(START);

describe('npm start with no credentials (needs `npm run build`)', () => {
  (built ? it : it.skip)(
    'creates a smee channel, registers it, shows it on the import page and saves it in .env',
    async () => {
      // A stand-in for smee.io: HEAD /new answers with the new channel's address.
      const smeePort = await freePort();
      fakeSmee = createHttpServer((req, res) => {
        if (req.url === '/new') res.writeHead(307, { location: `http://127.0.0.1:${smeePort}/chan-42` }).end();
        else res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => fakeSmee!.listen(smeePort, '127.0.0.1', resolve));
      const channelUrl = `http://127.0.0.1:${smeePort}/chan-42`;

      const { port, output } = await start({ SMEE_URL: `http://127.0.0.1:${smeePort}` });
      expect(await manifestHookUrl(port)).toBe(channelUrl);
      const importPage = await (await fetch(`http://127.0.0.1:${port}/probot/import`)).text();
      expect(importPage).toMatch(new RegExp(`Replace your app's Webhook URL with <br>\\s*<b>${channelUrl}</b>`));
      expect(readFileSync(join(workdir!, '.env'), 'utf8')).toBe(`WEBHOOK_PROXY_URL=${channelUrl}\n`);
      expect(output()).toContain(`truly-open: created the webhook channel ${channelUrl}`);
      expect(output()).not.toMatch(/SmeeClient is not available|smee-client|Unable to connect|ERROR/);
    },
  );

  (built ? it : it.skip)('on a server, registers PUBLIC_URL + /api/github/webhooks and writes no .env', async () => {
    const { port, output } = await start({ PUBLIC_URL: 'https://open.example.org' });
    expect(await manifestHookUrl(port)).toBe('https://open.example.org/api/github/webhooks');
    const importPage = await (await fetch(`http://127.0.0.1:${port}/probot/import`)).text();
    expect(importPage).toContain('<b>https://open.example.org/api/github/webhooks</b>');
    expect(existsSync(join(workdir!, '.env'))).toBe(false);
    expect(output()).not.toMatch(/SmeeClient|smee\.io|ERROR/);
  });

  (built ? it : it.skip)(
    'with smee unreachable, one warning that says what to set, and no smee error from Probot',
    async () => {
      const dead = await freePort();
      const { output } = await start({ SMEE_URL: `http://127.0.0.1:${dead}` });
      const lines = output()
        .split('\n')
        .filter((l) => /smee|webhook channel/i.test(l));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^truly-open: could not create a webhook channel at http:\/\/127\.0\.0\.1:\d+\/new .*PUBLIC_URL/,
      );
      expect(output()).not.toMatch(/SmeeClient is not available|Unable to connect to smee/);
    },
  );
});

describe('npm run score', () => {
  it('explains that the corpus must sit beside the repository, without a stack trace', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts/score.mjs'), '--preflight'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', TRULY_OPEN_CORPUS: join(tmpdir(), 'no-such-corpus') },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('npm run score needs the expert-labelled corpus beside this repository');
    expect(run.stderr).toContain('does not exist');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('runs a scorer it finds, passing the arguments on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'to-corpus-'));
    writeFileSync(join(dir, 'score.mjs'), 'console.log(JSON.stringify(process.argv.slice(2)));\n');
    const env = { PATH: process.env.PATH ?? '', TRULY_OPEN_CORPUS: dir };
    const dflt = spawnSync(process.execPath, [join(ROOT, 'scripts/score.mjs')], { cwd: ROOT, env, encoding: 'utf8' });
    expect(dflt.stdout.trim()).toBe('["--set","dev"]');
    const some = spawnSync(process.execPath, [join(ROOT, 'scripts/score.mjs'), '--cases', 'a,b'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(some.stdout.trim()).toBe('["--cases","a,b"]');
    rmSync(dir, { recursive: true, force: true });
  });
});

// `npm start`: Probot's `run`, after making sure that, with no credentials yet, the setup
// page registers a webhook URL GitHub can actually deliver to.
//
// Probot's own setup flow gets this wrong in three ways: it looks for smee-client through
// npx and logs "SmeeClient is not available" when that fails; it reads WEBHOOK_PROXY_URL
// for the import page before creating the channel, so the page says "Replace your app's
// Webhook URL with" followed by nothing; and without smee it registers the server's root
// (`https://<host>/`) while webhooks are served at /api/github/webhooks. So here, before
// Probot starts, in that order:
//   1. WEBHOOK_PROXY_URL already set (environment or .env): Probot uses it as it is.
//   2. PUBLIC_URL (a server GitHub can reach): register `${PUBLIC_URL}/api/github/webhooks`.
//      Kept in memory only, never written to .env, so after the restart no proxy starts.
//   3. NO_SMEE_SETUP=true: nothing to register; say what to set instead.
//   4. Otherwise (a laptop): create a smee.io channel with the pinned smee-client, write it
//      to .env as WEBHOOK_PROXY_URL (Probot forwards it to the app after the restart), and
//      when smee.io cannot be reached say what to set instead of retrying.
// With credentials, or with NODE_ENV=production (Probot refuses to set up there), nothing
// changes: this is Probot's `run` with the app's path.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';
export const DEFAULT_SMEE_URL = 'https://smee.io';

export type WebhookSource = 'configured' | 'public-url' | 'smee' | 'none';

export interface WebhookPlan {
  source: WebhookSource;
  /** The URL the manifest registers and the import page shows; absent when there is none. */
  url?: string;
  /** What to write to .env (only a smee channel: it must survive the restart). */
  save?: Record<string, string>;
  /** Variables to set in this process only, before Probot reads them. */
  set: Record<string, string>;
  /** One line for the log. */
  message: string;
  level: 'info' | 'warn';
}

export interface WebhookDeps {
  /** Makes a new smee channel and returns its URL (SmeeClient.createChannel). */
  createChannel: (newChannelUrl: string) => Promise<string>;
}

type Env = Record<string, string | undefined>;

/** True when Probot will serve its setup flow instead of the app. */
export function inSetupMode(env: Env): boolean {
  return !env.APP_ID || !(env.PRIVATE_KEY || env.PRIVATE_KEY_PATH);
}

/** The webhook URL the setup page should register, and how it was found. Null outside setup mode. */
export async function planWebhook(env: Env, deps: WebhookDeps): Promise<WebhookPlan | null> {
  if (!inSetupMode(env) || env.NODE_ENV === 'production') return null;
  const path = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  const onServer = `set PUBLIC_URL=https://<your host> (webhooks go to <PUBLIC_URL>${path})`;
  if (env.WEBHOOK_PROXY_URL) {
    return {
      source: 'configured',
      url: env.WEBHOOK_PROXY_URL,
      set: {},
      level: 'info',
      message: `webhook URL for registration: ${env.WEBHOOK_PROXY_URL} (WEBHOOK_PROXY_URL)`,
    };
  }
  if (env.PUBLIC_URL) {
    const url = `${env.PUBLIC_URL.replace(/\/+$/, '')}${path}`;
    // Probot registers WEBHOOK_PROXY_URL as the webhook URL and skips smee when it is set.
    return {
      source: 'public-url',
      url,
      set: { WEBHOOK_PROXY_URL: url },
      level: 'info',
      message: `webhook URL for registration: ${url} (PUBLIC_URL)`,
    };
  }
  if (env.NO_SMEE_SETUP === 'true') {
    return {
      source: 'none',
      set: {},
      level: 'warn',
      message: `no webhook URL to register (NO_SMEE_SETUP=true): ${onServer}, or WEBHOOK_PROXY_URL to a channel from https://smee.io/new, and restart`,
    };
  }
  const smee = (env.SMEE_URL || DEFAULT_SMEE_URL).replace(/\/+$/, '');
  try {
    const url = await deps.createChannel(`${smee}/new`);
    if (!/^https?:\/\//.test(url)) throw new Error(`unexpected channel address ${JSON.stringify(url.slice(0, 100))}`);
    return {
      source: 'smee',
      url,
      save: { WEBHOOK_PROXY_URL: url },
      set: { WEBHOOK_PROXY_URL: url },
      level: 'info',
      message: `created the webhook channel ${url}; GitHub delivers to it and the app receives from it (WEBHOOK_PROXY_URL in .env)`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      source: 'none',
      // Probot would try smee again and log its own warning; this line already says it.
      set: { NO_SMEE_SETUP: 'true' },
      level: 'warn',
      message: `could not create a webhook channel at ${smee}/new (${reason}): set WEBHOOK_PROXY_URL to a channel from https://smee.io/new, or ${onServer}, and restart`,
    };
  }
}

/** Sets `vars` in a .env file, keeping its other lines. */
export function saveEnvFile(path: string, vars: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const kept = lines.filter((line) => {
    const key = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
    return !(key && key in vars);
  });
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  const added = Object.entries(vars).map(([key, value]) => `${key}=${value}`);
  writeFileSync(path, `${[...kept, ...added].join('\n')}\n`);
}

/** What .env holds, as Probot will read it (Probot's values win over the environment's). */
function readEnvFile(path: string): Env {
  try {
    return parseEnv(readFileSync(path, 'utf8'));
  } catch {
    return {};
  }
}

async function createSmeeChannel(newChannelUrl: string): Promise<string> {
  const { SmeeClient } = (await import('smee-client')) as {
    SmeeClient: { createChannel(o: { newChannelUrl: string }): Promise<string> };
  };
  return SmeeClient.createChannel({ newChannelUrl });
}

async function main(): Promise<void> {
  const envFile = join(process.cwd(), '.env');
  const env: Env = { ...process.env, ...readEnvFile(envFile) };
  const plan = await planWebhook(env, { createChannel: createSmeeChannel });
  if (plan) {
    if (plan.save) saveEnvFile(envFile, plan.save);
    Object.assign(process.env, plan.set);
    (plan.level === 'warn' ? console.warn : console.log)(`truly-open: ${plan.message}`);
  }
  const { run, ProbotOctokit } = await import('probot');
  const app = fileURLToPath(new URL('./index.js', import.meta.url));
  // With REDIS_URL Probot makes its throttling a Bottleneck cluster on Redis. Each write
  // there holds its installation's slot until it ends or for 60 s (plugin-throttling's fixed
  // expiration), so a replica killed mid-request stalled that installation's writes on
  // every replica for a minute. Spacing stays per installation (app.auth keys it), in each
  // process; secondary limits GitHub still sends are waited out (github.ts).
  const Octokit = ProbotOctokit.defaults((options: { throttle?: Record<string, unknown> }) => {
    if (!options.throttle?.connection) return options;
    const { connection: _connection, Bottleneck: _bottleneck, ...throttle } = options.throttle;
    return { ...options, throttle };
  });
  // In setup mode nothing can receive webhooks yet (no secret): Probot would still start a
  // proxy for WEBHOOK_PROXY_URL, and forward deliveries it can only refuse. After the
  // restart, with credentials, it starts the proxy as usual.
  await run(plan ? ['--webhook-proxy=', app] : [app], { env: process.env, Octokit: Octokit as never });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

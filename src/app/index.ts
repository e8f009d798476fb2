// The Probot app: wires GitHub events to the handlers. Each webhook is answered at once:
// the handler checks what to do, journals the work (journal.ts), then starts it in the
// background (serialised per pull request, deduplicated by delivery id) and returns.
// Tests await that work with idle().
//
// Around it: a guard in front of Probot's webhook middleware (body size, signature before
// parsing; webhook-guard.ts), every installation client hardened (time limits, secondary
// rate limits; github.ts), handler errors logged without the payload, GET /metrics, the
// sweep of work a previous process left (sweep.ts), and a graceful stop on SIGTERM.
import type { ApplicationFunctionOptions, Context, Probot } from 'probot';
import { harden } from './github.js';
import { planCheckRun } from './handlers/check-run.js';
import { planCheckSuite } from './handlers/check-suite.js';
import { handleCommand, planComment } from './handlers/issue-comment.js';
import { evaluatePullRequest, prTarget } from './handlers/pull-request.js';
import { evaluateCommit, planPush } from './handlers/push.js';
import { evaluateRelease } from './handlers/release.js';
import type { JournalSeed } from './journal.js';
import { schedule } from './jobs.js';
import { limits } from './limits.js';
import { errSummary } from './log.js';
import { CHECK_NAME, parseExternalId, type RunKind } from './publish.js';
import { rerun } from './rerun.js';
import { drain, track } from './runtime.js';
import { createServices, prKey, type AnyContext, type Services } from './services.js';
import { sweep } from './sweep.js';
import { guardWebhooks } from './webhook-guard.js';

export { idle } from './runtime.js';

/**
 * Why the app must not start, or null. Probot falls back to the secret `development`
 * when WEBHOOK_SECRET is unset, which in production would accept anyone's webhooks.
 */
export function startupProblem(env: NodeJS.ProcessEnv): string | null {
  if (env.NODE_ENV !== 'production') return null;
  if (!env.WEBHOOK_SECRET) return 'truly-open: refusing to start: NODE_ENV=production but WEBHOOK_SECRET is not set (Probot would accept webhooks signed with "development").';
  if (env.WEBHOOK_SECRET === 'development') return 'truly-open: refusing to start: WEBHOOK_SECRET is "development", the public default; set a random secret.';
  return null;
}

/** The latest services, for tests that look inside (metrics, journal). */
export let lastServices: Services | null = null;

export default function trulyOpenApp(app: Probot, options?: Partial<ApplicationFunctionOptions>): void {
  const problem = startupProblem(process.env);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const svc = createServices(app);
  lastServices = svc;
  guardWebhooks(app, svc);
  // A bare Probot (tests, `probot.load`) has no server to add a handler to.
  try {
    options?.addHandler?.(svc.metrics.handler());
  } catch {
    app.log.debug('truly-open: no HTTP server; /metrics not served');
  }
  stopGracefully(app, svc);

  /** Registers a handler whose errors are logged without the payload (Probot would log it whole). */
  const on = <E extends Parameters<Probot['on']>[0]>(events: E, handler: (context: any) => Promise<void>) => {
    app.on(events, async (context: Context) => {
      harden(context.octokit);
      try {
        await handler(context);
      } catch (error) {
        svc.metrics.inc('truly_open_handler_errors_total', { event: context.name });
        context.log.error({ err: errSummary(error), event: context.name, delivery: context.id }, 'truly-open: webhook handler failed');
      }
    });
  };

  /** Starts `work` in the background unless this delivery was seen before. */
  const start = (context: AnyContext, key: string, seed: JournalSeed | null, work: () => Promise<unknown>): boolean => {
    if (!svc.deliveries.add(context.id)) {
      context.log.info(`truly-open: delivery ${context.id} already handled, ignoring`);
      return false;
    }
    void schedule(svc, context.log, key, seed, work);
    return true;
  };

  on('push', async (context) => {
    const plan = planPush(context);
    if (!plan) return;
    start(context, `${plan.repo.owner}/${plan.repo.repo}:${context.payload.ref}`, seedOf(context, { kind: 'push' }, plan.sha, context.payload.repository.default_branch), () =>
      evaluateCommit(context, svc, plan.repo, plan.sha, true),
    );
  });

  on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    const pr = prTarget(context.payload.pull_request, context.payload.repository);
    const key = prKey(pr.repo.owner, pr.repo.repo, pr.number);
    if (svc.deliveries.has(context.id)) return;
    // Bumped on arrival, so a slower earlier run knows a newer one is coming.
    const generation = svc.generations.next(key);
    start(context, key, seedOf(context, { kind: 'pr', number: pr.number }, pr.headSha, null), async () => {
      // A newer push to the PR arrived while this one waited in the queue: its head is
      // superseded, and the newer event evaluates the PR as it now is.
      if (!svc.generations.isCurrent(key, generation)) {
        context.log.info(`truly-open: ${key} head ${pr.headSha} superseded before its turn, skipping`);
        return null;
      }
      return evaluatePullRequest(context, svc, pr, generation);
    });
  });

  on('release.published', async (context) => {
    const { repository, release } = context.payload;
    const repo = { owner: repository.owner.login, repo: repository.name };
    start(context, `${repo.owner}/${repo.repo}!release:${release.id}`, seedOf(context, { kind: 'release', id: release.id }, null, null), () =>
      evaluateRelease(context, svc, repo, release),
    );
  });

  on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const run = context.payload.check_run;
    const kind = parseExternalId(run.external_id);
    const key = keyFor(context.payload.repository, kind, run.head_sha);
    const seed = run.name === CHECK_NAME ? seedOf(context, kind, run.head_sha, run.check_suite?.head_branch ?? null) : null;
    start(context, key, seed, async () => {
      const target = await planCheckRun(context, svc);
      if (target) await rerun(context, svc, target);
    });
  });

  on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    const pr = suite.pull_requests?.[0];
    const kind: RunKind = pr ? { kind: 'pr', number: pr.number } : { kind: 'push' };
    const planKey = keyFor(context.payload.repository, kind, suite.head_sha);
    // Without a PR listed (fork PRs) what the run evaluated is known only later: not journaled.
    const seed = pr ? seedOf(context, kind, suite.head_sha, suite.head_branch ?? null) : null;
    start(context, planKey, seed, async () => {
      const target = await planCheckSuite(context, svc);
      if (!target) return;
      // Fork PRs come with no PR listed: what the run evaluated is known only now, from its
      // external_id, and the re-run must queue behind other work on that PR.
      const key = keyFor(context.payload.repository, target.kind, target.sha);
      await (key === planKey ? rerun(context, svc, target) : svc.queue.run(key, () => rerun(context, svc, target)));
    });
  });

  on('issue_comment.created', async (context) => {
    const command = planComment(context);
    if (!command) return;
    if (!svc.deliveries.add(context.id)) return;
    // Permission, then the command: its evaluation (if any) is queued behind the PR's work.
    void schedule(svc, context.log, `command:${context.id}`, null, () => handleCommand(context, svc, command));
  });

  // Work a previous process accepted and did not finish (journal.ts).
  track(sweep(app, svc).catch((error: unknown) => app.log.error({ err: errSummary(error) }, 'truly-open: sweep failed')));
}

/** What the journal needs to redo this work after a restart; null without an installation. */
function seedOf(context: AnyContext, kind: RunKind, sha: string | null, headBranch: string | null): JournalSeed | null {
  const payload = context.payload as {
    installation?: { id?: number };
    repository?: { name: string; owner?: { login: string } | null; private?: boolean; default_branch?: string };
  };
  const installationId = payload.installation?.id;
  const repository = payload.repository;
  if (typeof installationId !== 'number' || !repository?.owner) return null;
  return {
    installationId,
    repository: { owner: repository.owner.login, name: repository.name, private: repository.private !== false, defaultBranch: repository.default_branch ?? 'main' },
    kind,
    sha,
    headBranch,
  };
}

function keyFor(repository: { name: string; owner: { login: string } }, kind: RunKind, sha: string | null): string {
  const base = `${repository.owner.login}/${repository.name}`;
  if (kind.kind === 'pr') return prKey(repository.owner.login, repository.name, kind.number);
  if (kind.kind === 'release') return `${base}!release:${kind.id}`;
  return `${base}@${sha ?? 'current'}`;
}

/** How long a stopping server lets running evaluations finish (Docker waits 10 s by default; see docs/deploy.md). */
export const SHUTDOWN_GRACE_MS = limits.shutdownGraceMs;
let stopHandlerInstalled = false;

/**
 * Probot stops on SIGINT only. SIGTERM (docker stop, a rolling deploy) would otherwise end
 * the process at once. Here: work not started yet stays in the journal; running work has
 * the grace period to finish; runs still open after it (and whose completion is not
 * already on its way) are completed as interrupted; the journal is written, and the next
 * start redoes what is left. Installed once per process, however many Probot instances
 * load the app.
 */
function stopGracefully(app: Probot, svc: Services): void {
  if (stopHandlerInstalled) return;
  stopHandlerInstalled = true;
  process.once('SIGTERM', () => {
    app.log.info('truly-open: SIGTERM, letting running evaluations finish');
    svc.stopping = true;
    void drain(limits.shutdownGraceMs)
      .then((interrupted) => {
        if (interrupted.length > 0) app.log.warn(`truly-open: interrupted ${interrupted.length} check run(s): ${interrupted.join(', ')}`);
      })
      .finally(() => {
        svc.journal.flushSync();
        if (svc.journal.size > 0) app.log.info(`truly-open: ${svc.journal.size} evaluation(s) left for the next start`);
        process.exit(0);
      });
  });
}

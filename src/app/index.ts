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
import { completeStaleRun, exhaustedJob, performQueued, type Handler } from './queued.js';
import { currentJob, drain, track } from './runtime.js';
import { createServices, prKey, type AnyContext, type Services } from './services.js';
import { sweep } from './sweep.js';
import { guardWebhooks } from './webhook-guard.js';
import { deliveryScope, NotStoredError, trimPayload } from './work.js';

export { idle } from './runtime.js';

/**
 * Why the app must not start, or null. Probot falls back to the secret `development`
 * when WEBHOOK_SECRET is unset, which in production would accept anyone's webhooks.
 */
export function startupProblem(env: NodeJS.ProcessEnv): string | null {
  if (env.NODE_ENV !== 'production') return null;
  if (!env.WEBHOOK_SECRET)
    return 'truly-open: refusing to start: NODE_ENV=production but WEBHOOK_SECRET is not set (Probot would accept webhooks signed with "development").';
  if (env.WEBHOOK_SECRET === 'development')
    return 'truly-open: refusing to start: WEBHOOK_SECRET is "development", the public default; set a random secret.';
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

  /** Handlers by event name, for workers running queued work (queued.ts). */
  const handlers = new Map<string, Handler>();

  /** Registers a handler whose errors are logged without the payload (Probot would log it whole). */
  // Each handler takes the context of its own events; Probot's union of them all is `any` here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const on = <E extends Parameters<Probot['on']>[0]>(events: E, handler: (context: any) => Promise<void>) => {
    for (const event of [events].flat()) handlers.set(String(event), handler);
    app.on(events, async (context: Context) => {
      try {
        await installationClient(app, context);
        harden(context.octokit);
        await handler(context);
      } catch (error) {
        if (error instanceof NotStoredError) {
          // Answered 503 (webhook-guard.ts): GitHub shows the delivery as failed, to redeliver.
          const scope = deliveryScope.getStore();
          if (scope) scope.notStored = true;
          svc.metrics.inc('truly_open_webhooks_not_stored_total', { event: context.name });
          context.log.error(
            { err: errSummary(error), event: context.name, delivery: context.id },
            'truly-open: webhook work not stored; answering 503',
          );
          return;
        }
        svc.metrics.inc('truly_open_handler_errors_total', { event: context.name });
        context.log.error(
          { err: errSummary(error), event: context.name, delivery: context.id },
          'truly-open: webhook handler failed',
        );
      }
    });
  };

  /**
   * Starts `work` in the background unless this delivery was seen before. With REDIS_URL the
   * webhook stores the work as plain data instead (`queueKey`: what it is serialised and
   * coalesced on), and a worker, running the same handler again, gets here and does it.
   */
  const start = async (
    context: AnyContext,
    key: string,
    seed: JournalSeed | null,
    work: () => Promise<unknown>,
    queueKey = key,
  ): Promise<boolean> => {
    // In a worker: the queue already serialised the job; errors go back to it (retries).
    if (currentJob()?.queued) {
      await svc.queue.run(key, work);
      return true;
    }
    if (svc.work) return enqueue(context, queueKey);
    if (!svc.deliveries.add(context.id)) {
      context.log.info(`truly-open: delivery ${context.id} already handled, ignoring`);
      return false;
    }
    void schedule(svc, context.log, key, seed, work);
    return true;
  };

  /** Stores the webhook's work in the queue; throws NotStoredError when Redis did not take it. */
  const enqueue = async (context: AnyContext, key: string): Promise<boolean> => {
    const installationId = (context.payload as { installation?: { id?: number } }).installation?.id;
    if (!svc.work || typeof installationId !== 'number') return false;
    let stored: boolean;
    try {
      const payload = trimPayload(context.payload as unknown as Record<string, unknown>);
      stored = await svc.work.enqueue({
        delivery: context.id,
        event: context.name,
        installationId,
        payload,
        key,
        coalesce: /#\d+$/.test(key),
        receivedAt: Date.now(),
      });
    } catch (error) {
      throw new NotStoredError(
        `work for delivery ${context.id} not stored: ${errSummary(error).message ?? String(error)}`,
      );
    }
    if (!stored) context.log.info(`truly-open: delivery ${context.id} already handled, ignoring`);
    return stored;
  };

  on('push', async (context) => {
    const plan = planPush(context);
    if (!plan) return;
    await start(
      context,
      `${plan.repo.owner}/${plan.repo.repo}:${context.payload.ref}`,
      seedOf(context, { kind: 'push' }, plan.sha, context.payload.repository.default_branch),
      () => evaluateCommit(context, svc, plan.repo, plan.sha, true),
    );
  });

  on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    const pr = prTarget(context.payload.pull_request, context.payload.repository);
    const key = prKey(pr.repo.owner, pr.repo.repo, pr.number);
    if (svc.deliveries.has(context.id)) return;
    // Bumped on arrival, so a slower earlier run knows a newer one is coming.
    const generation = svc.generations.next(key);
    await start(context, key, seedOf(context, { kind: 'pr', number: pr.number }, pr.headSha, null), async () => {
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
    await start(
      context,
      `${repo.owner}/${repo.repo}!release:${release.id}`,
      seedOf(context, { kind: 'release', id: release.id }, null, null),
      () => evaluateRelease(context, svc, repo, release),
    );
  });

  on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const run = context.payload.check_run;
    const kind = parseExternalId(run.external_id);
    const key = keyFor(context.payload.repository, kind, run.head_sha);
    const seed =
      run.name === CHECK_NAME ? seedOf(context, kind, run.head_sha, run.check_suite?.head_branch ?? null) : null;
    await start(context, key, seed, async () => {
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
    await start(context, planKey, seed, async () => {
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
    // Permission, then the command: its evaluation (if any) is queued behind the PR's work
    // (with REDIS_URL a recheck is coalesced with the PR's other work).
    const { repository, issue } = context.payload;
    const queueKey =
      command.kind === 'recheck'
        ? prKey(repository.owner.login, repository.name, issue.number)
        : `command:${context.id}`;
    await start(context, `command:${context.id}`, null, () => handleCommand(context, svc, command), queueKey);
  });

  // Work a previous process accepted and did not finish (journal.ts).
  track(
    sweep(app, svc).catch((error: unknown) => app.log.error({ err: errSummary(error) }, 'truly-open: sweep failed')),
  );

  if (svc.work) {
    const work = svc.work;
    if (svc.role !== 'web') {
      work.startWorker(
        (job) => performQueued(app, svc, handlers, job),
        (item, error) => exhaustedJob(app, svc, item, error),
      );
    }
    work.startSweep(
      (run) => completeStaleRun(app, run, work.options.runDeadlineMs),
      (error) => app.log.warn({ err: errSummary(error) }, 'truly-open: sweep of open runs failed'),
    );
    app.log.info(
      `truly-open: work queue on Redis, role ${svc.role}${svc.role === 'web' ? '' : `, ${work.options.concurrency} jobs at once`}`,
    );
  } else if (svc.role !== 'all') {
    app.log.warn(
      `truly-open: TRULY_OPEN_ROLE=${svc.role} has no effect without REDIS_URL; this process does everything`,
    );
  }
}

/**
 * The installation's own client instead of the webhook's: Probot builds the webhook's
 * without a throttling id, so its write spacing (1 s) is shared by every installation of
 * the process (and, with REDIS_URL, of every replica). `app.auth` keys it by installation
 * (Bottleneck on Redis when REDIS_URL is set, so replicas share each installation's pace).
 * Tokens come from the same cache either way.
 */
async function installationClient(app: Probot, context: Context): Promise<void> {
  const id = (context.payload as { installation?: { id?: number } }).installation?.id;
  if (typeof id !== 'number') return;
  (context as { octokit: unknown }).octokit = await app.auth(id);
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
    repository: {
      owner: repository.owner.login,
      name: repository.name,
      private: repository.private !== false,
      defaultBranch: repository.default_branch ?? 'main',
    },
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
    // Queued work: stop taking jobs and let the running ones finish; what is cut short is
    // taken over by another worker once its lock expires.
    const closing = svc.work
      ? Promise.race([svc.work.close(), new Promise((r) => setTimeout(r, limits.shutdownGraceMs).unref())])
      : Promise.resolve();
    void closing
      .then(() => drain(limits.shutdownGraceMs))
      .then((interrupted) => {
        if (interrupted.length > 0)
          app.log.warn(`truly-open: interrupted ${interrupted.length} check run(s): ${interrupted.join(', ')}`);
      })
      .finally(() => {
        svc.journal.flushSync();
        if (svc.journal.size > 0) app.log.info(`truly-open: ${svc.journal.size} evaluation(s) left for the next start`);
        process.exit(0);
      });
  });
}

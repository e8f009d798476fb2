// The Probot app: wires GitHub events to the handlers. Each webhook is answered at once:
// the handler checks what to do, then starts the work in the background (serialised per
// pull request, deduplicated by delivery id) and returns. Tests await that work with idle().
import type { Context, Probot } from 'probot';
import { planCheckRun } from './handlers/check-run.js';
import { planCheckSuite } from './handlers/check-suite.js';
import { planComment, runCommand } from './handlers/issue-comment.js';
import { evaluatePullRequest, prTarget } from './handlers/pull-request.js';
import { evaluateCommit, planPush } from './handlers/push.js';
import { evaluateRelease } from './handlers/release.js';
import { parseExternalId, type RunKind } from './publish.js';
import { rerun } from './rerun.js';
import { drain, track } from './runtime.js';
import { createServices, prKey } from './services.js';

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

export default function trulyOpenApp(app: Probot): void {
  const problem = startupProblem(process.env);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const svc = createServices(app);
  stopGracefully(app);

  /** Starts `work` in the background unless this delivery was seen before. */
  const start = (context: Context, key: string, work: () => Promise<unknown>): boolean => {
    if (!svc.deliveries.add(context.id)) {
      context.log.info(`truly-open: delivery ${context.id} already handled, ignoring`);
      return false;
    }
    track(
      svc.queue.run(key, work).catch((error: unknown) => {
        context.log.error({ err: error }, `truly-open: ${context.name} ${context.id} failed`);
      }),
    );
    return true;
  };

  app.on('push', async (context) => {
    const plan = planPush(context);
    if (!plan) return;
    start(context, `${plan.repo.owner}/${plan.repo.repo}:${context.payload.ref}`, () =>
      evaluateCommit(context, svc, plan.repo, plan.sha, true),
    );
  });

  app.on(['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened'], async (context) => {
    const pr = prTarget(context.payload.pull_request, context.payload.repository);
    const key = prKey(pr.repo.owner, pr.repo.repo, pr.number);
    if (svc.deliveries.has(context.id)) return;
    // Bumped on arrival, so a slower earlier run knows a newer one is coming.
    const generation = svc.generations.next(key);
    start(context, key, async () => {
      // A newer push to the PR arrived while this one waited in the queue: its head is
      // superseded, and the newer event evaluates the PR as it now is.
      if (!svc.generations.isCurrent(key, generation)) {
        context.log.info(`truly-open: ${key} head ${pr.headSha} superseded before its turn, skipping`);
        return null;
      }
      return evaluatePullRequest(context, svc, pr, generation);
    });
  });

  app.on('release.published', async (context) => {
    const { repository, release } = context.payload;
    const repo = { owner: repository.owner.login, repo: repository.name };
    start(context, `${repo.owner}/${repo.repo}!release:${release.id}`, () => evaluateRelease(context, svc, repo, release));
  });

  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const run = context.payload.check_run;
    const key = keyFor(context.payload.repository, parseExternalId(run.external_id), run.head_sha);
    start(context, key, async () => {
      const target = await planCheckRun(context, svc);
      if (target) await rerun(context, svc, target);
    });
  });

  app.on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    const pr = suite.pull_requests?.[0];
    const kind: RunKind = pr ? { kind: 'pr', number: pr.number } : { kind: 'push' };
    const planKey = keyFor(context.payload.repository, kind, suite.head_sha);
    start(context, planKey, async () => {
      const target = await planCheckSuite(context, svc);
      if (!target) return;
      // Fork PRs come with no PR listed: what the run evaluated is known only now, from its
      // external_id, and the re-run must queue behind other work on that PR.
      const key = keyFor(context.payload.repository, target.kind, target.sha);
      await (key === planKey ? rerun(context, svc, target) : svc.queue.run(key, () => rerun(context, svc, target)));
    });
  });

  app.on('issue_comment.created', async (context) => {
    const command = planComment(context);
    if (!command) return;
    const { repository, issue } = context.payload;
    start(context, prKey(repository.owner.login, repository.name, issue.number), () => runCommand(context, svc, command));
  });
}

function keyFor(repository: { name: string; owner: { login: string } }, kind: RunKind, sha: string): string {
  const base = `${repository.owner.login}/${repository.name}`;
  if (kind.kind === 'pr') return prKey(repository.owner.login, repository.name, kind.number);
  if (kind.kind === 'release') return `${base}!release:${kind.id}`;
  return `${base}@${sha}`;
}

/** How long a stopping server lets running evaluations finish (Docker waits 10 s by default; see docs/deploy.md). */
export const SHUTDOWN_GRACE_MS = 20_000;
let stopHandlerInstalled = false;

/**
 * Probot stops on SIGINT only. SIGTERM (docker stop, a rolling deploy) would otherwise end
 * the process at once, leaving the check runs of background evaluations "in progress" for
 * good. Installed once per process, however many Probot instances load the app.
 */
function stopGracefully(app: Probot): void {
  if (stopHandlerInstalled) return;
  stopHandlerInstalled = true;
  process.once('SIGTERM', () => {
    app.log.info('truly-open: SIGTERM, letting running evaluations finish');
    void drain(SHUTDOWN_GRACE_MS)
      .then((interrupted) => {
        if (interrupted.length > 0) app.log.warn(`truly-open: interrupted ${interrupted.length} check run(s): ${interrupted.join(', ')}`);
      })
      .finally(() => process.exit(0));
  });
}

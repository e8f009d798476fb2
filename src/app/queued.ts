// A worker running one queued job (REDIS_URL): rebuild an authenticated context from the
// job's plain data (app.auth(installationId): a token of that installation, and Probot's
// throttling keyed by it), then run the same handler the webhook would have run in one
// process. Errors propagate, so BullMQ tries again; the handler's own guards still complete
// every check run it creates.
import { Context, type Probot } from 'probot';
import { harden } from './github.js';
import { errSummary } from './log.js';
import { completeCheckRun, faultCompletion, type Completion, type Octokit } from './publish.js';
import type { JobHandle, OpenRunRef } from './redis-work.js';
import { runJob, type Job } from './runtime.js';
import type { AnyContext, Services } from './services.js';
import type { WorkItem } from './work.js';

export type Handler = (context: AnyContext) => Promise<void>;

/** The handler for an event (`pull_request.synchronize` before `pull_request`). */
export function handlerFor(
  handlers: Map<string, Handler>,
  event: string,
  payload: Record<string, unknown>,
): Handler | undefined {
  const action = typeof payload.action === 'string' ? payload.action : '';
  return handlers.get(`${event}.${action}`) ?? handlers.get(event);
}

export async function performQueued(
  app: Probot,
  svc: Services,
  handlers: Map<string, Handler>,
  handle: JobHandle,
): Promise<void> {
  const { item } = handle;
  const handler = handlerFor(handlers, item.event, item.payload);
  if (!handler) return;
  const octokit = harden(await app.auth(item.installationId)) as Octokit;
  const payload = structuredClone(item.payload);
  const { owner, repo } = repoOf(item);
  if (item.event === 'pull_request') {
    // GitHub does not order deliveries, and a coalesced job carries the data of the first
    // event of a burst: evaluate the PR as it is now.
    const pr = payload.pull_request as { number: number; head: { sha: string }; base: { sha: string; ref: string } };
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr.number });
    payload.pull_request = {
      ...pr,
      head: { ...pr.head, sha: pull.head.sha },
      base: { ...pr.base, sha: pull.base.sha, ref: pull.base.ref },
    };
  }
  const log = app.log.child({ name: 'truly-open-worker', id: item.delivery });
  const context = new Context(
    { id: item.delivery, name: item.event, payload } as never,
    octokit as never,
    log,
  ) as AnyContext;
  const runs: OpenRunRef[] = [];
  const job: Job = {
    queued: {
      onRun: async (run, sha) => {
        const ref = { installationId: item.installationId, owner, repo, id: run.id };
        runs.push(ref);
        await handle
          .recordRun({ ...run, sha })
          .catch((error: unknown) =>
            log.warn({ err: errSummary(error) }, 'truly-open: could not store the run with its job'),
          );
      },
    },
    ...(item.run ? { adoptRun: { id: item.run.id, url: item.run.url } } : {}),
    ...(item.receivedAt !== undefined ? { receivedAt: item.receivedAt } : {}),
  };
  await runJob(job, () => handler(context));
  // Completed runs leave the registry the sweep reads; one whose completion is still being
  // retried stays, and the sweep looks at it after the deadline.
  if (!job.completionPending) await Promise.all(runs.map((run) => svc.work?.removeOpenRun(run).catch(() => undefined)));
  // An earlier attempt's run that this one did not reuse (the PR's head moved on meanwhile).
  if (item.run && !runs.some((r) => r.id === item.run!.id)) {
    await completeIfOpen(octokit, { owner, repo }, item.run.id, supersededCompletion());
    await svc.work
      ?.removeOpenRun({ installationId: item.installationId, owner, repo, id: item.run.id })
      .catch(() => undefined);
  }
}

/** A job that will not be tried again: its run, if it made one, completes as neutral with the reason. */
export async function exhaustedJob(app: Probot, svc: Services, item: WorkItem, error: unknown): Promise<void> {
  svc.metrics.inc('truly_open_jobs_exhausted_total', { event: item.event });
  const { owner, repo } = repoOf(item);
  app.log.error(
    { err: errSummary(error), delivery: item.delivery, event: item.event },
    `truly-open: ${owner}/${repo}: work given up after its retries`,
  );
  if (!item.run) return;
  const octokit = harden(await app.auth(item.installationId)) as Octokit;
  await completeIfOpen(octokit, { owner, repo }, item.run.id, faultCompletion(error));
  await svc.work?.removeOpenRun({ installationId: item.installationId, owner, repo, id: item.run.id });
}

/** The sweep: a run still in progress past the deadline is completed as neutral. */
export async function completeStaleRun(app: Probot, run: OpenRunRef, deadlineMs: number): Promise<void> {
  const octokit = harden(await app.auth(run.installationId)) as Octokit;
  const reason = new Error(`the evaluation did not finish within ${Math.round(deadlineMs / 60_000)} min`);
  if (await completeIfOpen(octokit, run, run.id, faultCompletion(reason)))
    app.log.warn(`truly-open: sweep completed check run ${run.id} of ${run.owner}/${run.repo}, left in progress`);
}

/** Completes the run unless it is completed already (completion is idempotent). True when it was open. */
async function completeIfOpen(
  octokit: Octokit,
  repo: { owner: string; repo: string },
  id: number,
  completion: Completion,
): Promise<boolean> {
  const { data } = await octokit.rest.checks.get({ owner: repo.owner, repo: repo.repo, check_run_id: id });
  if (data.status === 'completed') return false;
  await completeCheckRun(
    octokit,
    { owner: repo.owner, repo: repo.repo },
    { id, url: data.html_url ?? null },
    completion,
  );
  return true;
}

function supersededCompletion(): Completion {
  return {
    conclusion: 'neutral',
    title: 'Not evaluated: a newer head was evaluated instead',
    summary:
      'The worker evaluating this commit stopped, and by the time another took over, the pull request had a newer head: its run has the verdict.',
  };
}

function repoOf(item: WorkItem): { owner: string; repo: string } {
  const repository = item.payload.repository as { name?: string; owner?: { login?: string } } | undefined;
  return { owner: repository?.owner?.login ?? '', repo: repository?.name ?? '' };
}

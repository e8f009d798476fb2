// The one pipeline behind every event: what the commits hold (cached or read), model
// signal, config, assess, publish, and the check run. At the fewest requests: a commit
// whose tree was assessed before is not read again (assessments.ts), the files, the
// organisation's config and the PR's comments come in one GraphQL request (reading.ts),
// and a verdict reached within `limits.quickVerdictMs` of the webhook is published in one
// write, the run created already completed; a slower one gets an in-progress run at that
// point. This file makes sure a check run, once created, is always completed, with the
// reason when anything failed: the evaluation has a time limit and runs within a bound on
// concurrent evaluations; a completion GitHub refuses is retried in the background (and,
// past a restart, by the journal's sweep); a failure before any run exists is logged and
// counted when it cannot be shown.
import type { Config } from '../config/schema.js';
import { assess } from '../core/assess.js';
import { computeDelta, type ReportDelta } from '../core/delta.js';
import type { Problem } from '../core/evidence/types.js';
import { hasModelSignal } from '../core/model-signal.js';
import { renderCheckRun, type Annotation, type CheckRunOutput } from '../core/render/check-run.js';
import type { Report } from '../core/report.js';
import { applyIgnore } from '../core/snapshot-ignore.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import { readGithubSnapshot, type ExtraQuery } from '../sources/github-snapshot.js';
import { enrichSnapshot } from '../sources/remote/online.js';
import { cacheable, factsVersion, forCommit, reportKey } from './assessments.js';
import { decide, type Verdict } from './conclusion.js';
import { CONFIG_PATHS, loadConfig, orgConfigAnswer, trustedConfigOf } from './config.js';
import {
  addNotes,
  completeCheckRun,
  createCheckRun,
  findOpenRun,
  describeFault,
  faultCompletion,
  interruptedCompletion,
  publishFault,
  PublishError,
  type CheckRun,
  type Completion,
  type Octokit,
  type RepoRef,
  type RunKind,
} from './publish.js';
import { limits } from './limits.js';
import { errSummary } from './log.js';
import { CommitReader, readSides, type ReadingClient, type Side } from './reading.js';
import { currentJob, EvaluationTimeoutError, opened, track } from './runtime.js';
import type { AnyContext, Services } from './services.js';

export interface EvaluationPlan {
  repo: RepoRef;
  sha: string;
  kind: RunKind;
  /** Also evaluate this commit and compare (pull requests). */
  baseSha?: string;
  /** Which evaluated commit is the default branch, so its config text can be used as is. */
  defaultBranchAt: 'head' | 'base' | null;
  /** More to ask in the head's GraphQL request (a PR's comments); the answer is `Evaluated.headExtra`. */
  headQuery?: ExtraQuery;
  /** Create the run in progress before judging, whatever the time (publishing needs the run: release notes link it). */
  runFirst?: boolean;
  /**
   * Further publishing (PR comment, release notes), done before the run is completed (or
   * created completed: `run` is then null). A throw adds a note to the summary
   * (PublishError's own, or the reason) and changes nothing else.
   */
  publish?: (evaluated: Evaluated, run: CheckRun | null) => Promise<void>;
}

export interface Evaluated {
  report: Report;
  base: Report | null;
  delta: ReportDelta | null;
  config: Config;
  verdict: Verdict;
  output: CheckRunOutput;
  /** The answer to `plan.headQuery`; null when the head was not read (known from the cache). */
  headExtra: Record<string, unknown> | null;
}

/** Runs the plan; null when the repository has no model (no run) or the reading failed (fault run). */
export async function evaluate(context: AnyContext, svc: Services, plan: EvaluationPlan): Promise<Evaluated | null> {
  const deadline = new Deadline(limits.evaluationTimeoutMs);
  // The snapshots of a 100,000-entry repository take tens of MB: only so many at once.
  const freeSlot = await svc.evaluations.acquire();
  try {
    return await evaluateWithin(context, svc, plan, deadline, freeSlot);
  } finally {
    freeSlot();
    deadline.clear();
  }
}

async function evaluateWithin(
  context: AnyContext,
  svc: Services,
  plan: EvaluationPlan,
  deadline: Deadline,
  freeSlot: () => void,
): Promise<Evaluated | null> {
  const { repo, sha } = plan;
  const where = `${repo.owner}/${repo.repo}@${sha}`;
  // Trees seen on the way, so that a failure after the tree (the blobs) can still be
  // judged by the tree's paths.
  const client = treeWatcher(context.octokit, deadline.signal);
  const reader = new CommitReader(svc, repo, client, (snapshot) => hasSignal(repo, snapshot));

  // 1. Head and base: known from the cache, or read (tree + one GraphQL request each).
  let head: Side;
  let base: Side | null;
  try {
    [head, base] = await deadline.race(readSides(reader, svc, repo, plan));
  } catch (error) {
    // During a GitHub outage an organisation-wide install must not put a neutral run on
    // every web app: report the failure only where a tree we did read shows a model.
    const seen = [sha, plan.baseSha].flatMap((at) => (at ? [client.treePaths(at)] : [])).filter((p) => p !== null);
    if (!seen.some((paths) => hasSignal(repo, pathsOnly(repo, sha, paths)))) {
      unseenFailure(context, svc, where, 'read', error);
      return null;
    }
    context.log.warn({ err: errSummary(error) }, `truly-open: reading ${where} failed`);
    await publishFault(context.octokit, svc.identity, repo, sha, plan.kind, error).catch((e: unknown) =>
      unseenFailure(context, svc, where, 'fault-run', e),
    );
    return null;
  }
  if (head.facts === null && !base?.facts?.signal) {
    // 404 (commit gone or not visible): nothing shows whether this is a model.
    const unreadable = head.snapshot?.skipped.find((s) => s.path === '' && s.reason === 'unreadable');
    unseenFailure(context, svc, where, 'unreadable', new Error(unreadable?.detail ?? 'not readable'));
    return null;
  }

  // 2. Quiet where it does not apply.
  if (!head.facts?.signal && !base?.facts?.signal) {
    context.log.debug(`truly-open: no model signal in ${where}, no check run`);
    return null;
  }

  // 3. The verdict, and the run: one a stopped process left open is reused; else the run is
  //    created already completed when the verdict comes within the quick budget, and in
  //    progress when the budget runs out first (the user sees that work is under way).
  const job = currentJob();
  const adopted = job?.adoptRun ? await adoptable(context, svc, plan, job.adoptRun) : null;
  if (job) job.adoptRun = undefined;
  const judged = deadline
    .race(judge(context, svc, plan, reader, head, base, deadline.signal))
    .catch((error: unknown): Completion => {
      context.log.warn({ err: errSummary(error) }, 'truly-open: evaluation failed');
      return faultCompletion(error);
    });
  let run: CheckRun | null = adopted;
  if (!run && (plan.runFirst || !(await within(judged, quickBudgetLeft(job?.receivedAt))))) {
    try {
      run = await createCheckRun(context.octokit, svc.identity, repo, sha, plan.kind);
    } catch (error) {
      unseenFailure(context, svc, where, 'create-run', error);
      return null;
    }
  }
  const handle = run ? await openRun(context, svc, repo, sha, where, run) : null;
  let completion: Completion = faultCompletion(new Error('the evaluation stopped unexpectedly'));
  try {
    const evaluated = await judged;
    // The snapshots are judged: another evaluation may take the place.
    freeSlot();
    if (!('verdict' in evaluated)) {
      completion = evaluated;
      return null;
    }
    // The verdict is final from here: publishing below can only add notes to it.
    completion = { conclusion: evaluated.verdict.conclusion, ...evaluated.output };

    // 4. Everything else the event publishes (PR comment, release notes). A failure there
    //    says nothing about the repository: the run keeps its conclusion and gains a note.
    if (plan.publish) {
      try {
        await plan.publish(evaluated, run);
      } catch (error) {
        context.log.warn({ err: errSummary(error) }, 'truly-open: publishing beyond the check run failed');
        const note =
          error instanceof PublishError ? error.note : `Not everything was published: ${describeFault(error)}`;
        completion = { ...completion, summary: addNotes(completion.summary, [note]) };
      }
    }
    return evaluated;
  } finally {
    // 5. The run's own result: created completed (one write), or the open run completed. It
    //    stays recorded as open until GitHub took it: a stopping process leaves a
    //    completion under way alone instead of interrupting it.
    freeSlot();
    if (!run || !handle) await createCompleted(context, svc, plan, where, completion);
    else {
      handle.finishing();
      if (await finish(context, repo, run, completion)) handle.close();
      else completeLater(context, svc, repo, run, completion, handle);
    }
  }
}

/** How much of the quick-verdict budget is left, counted from the webhook's arrival. */
function quickBudgetLeft(receivedAt: number | undefined): number {
  return limits.quickVerdictMs - (receivedAt === undefined ? 0 : Date.now() - receivedAt);
}

/** Whether `work` settles within `ms`. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Records a created run as open (journal, SIGTERM), with how to close it when the process stops. */
async function openRun(context: AnyContext, svc: Services, repo: RepoRef, sha: string, where: string, run: CheckRun) {
  const job = currentJob();
  if (job?.journalKey) svc.journal.attachRun(job.journalKey, run);
  // Queued work (REDIS_URL): the run goes with the job, so a worker taking over reuses it.
  await job?.queued?.onRun(run, sha);
  return opened({
    label: `${where} (check run ${run.id})`,
    interrupt: () => completeCheckRun(context.octokit, repo, run, interruptedCompletion()).then(() => undefined),
  });
}

/**
 * The quick path's one write: the run created with its result. Refused, it is tried once
 * more without annotations (as `finish` does); a failure after that is logged and counted:
 * no run exists, so none is left in progress.
 */
async function createCompleted(
  context: AnyContext,
  svc: Services,
  plan: EvaluationPlan,
  where: string,
  completion: Completion,
): Promise<void> {
  const { repo, sha, kind } = plan;
  try {
    const run = await createCheckRun(context.octokit, svc.identity, repo, sha, kind, completion);
    if (run.batchError)
      context.log.warn({ err: errSummary(run.batchError) }, 'truly-open: some annotations could not be added');
    return;
  } catch (error) {
    if ((completion.annotations ?? []).length === 0) {
      unseenFailure(context, svc, where, 'create-run', error);
      return;
    }
    context.log.error(
      { err: errSummary(error) },
      'truly-open: creating the completed check run failed; creating it without annotations',
    );
    const note = `Annotations not added: ${describeFault(error)}`;
    await createCheckRun(context.octokit, svc.identity, repo, sha, kind, {
      ...completion,
      summary: addNotes(completion.summary, [note]),
      annotations: [],
    }).catch((e: unknown) => unseenFailure(context, svc, where, 'create-run', e));
  }
}

/** The run a previous process left for this work, when it is still this work's run. */
async function adoptable(
  context: AnyContext,
  svc: Services,
  plan: EvaluationPlan,
  run: { id: number; url: string | null },
): Promise<CheckRun | null> {
  const open = await findOpenRun(context.octokit, svc.identity, plan.repo, plan.sha, plan.kind).catch(() => null);
  return open?.id === run.id ? open : null;
}

/** A failure no check run shows: one log line (never the payload) and a counter. */
function unseenFailure(context: AnyContext, svc: Services, where: string, stage: string, error: unknown): void {
  svc.metrics.inc('truly_open_failures_without_run_total', { stage });
  context.log.error(
    { err: errSummary(error), stage },
    `truly-open: ${where}: ${describeFault(error)}; no check run shows it`,
  );
}

/**
 * Completion retries after GitHub refused it (5xx, 429 past Probot's retries): in the
 * background, after `limits.completionRetryDelaysMs`; the journal entry stays until one
 * succeeds, so a restart in between still completes the run.
 */
function completeLater(
  context: AnyContext,
  svc: Services,
  repo: RepoRef,
  run: CheckRun,
  completion: Completion,
  handle: { close(): void },
): void {
  const job = currentJob();
  const key = job?.journalKey;
  if (job) job.completionPending = true;
  if (key) svc.journal.hold(key);
  svc.metrics.inc('truly_open_completion_retries_total');
  track(
    (async () => {
      for (const delay of limits.completionRetryDelaysMs) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref?.());
        if (svc.stopping) return;
        try {
          await completeCheckRun(context.octokit, repo, run, { ...completion, annotations: [] });
          handle.close();
          if (key) svc.journal.release(key);
          return;
        } catch (error) {
          context.log.warn({ err: errSummary(error) }, `truly-open: completing check run ${run.id} failed again`);
        }
      }
      svc.metrics.inc('truly_open_runs_left_open_total');
      context.log.error(`truly-open: check run ${run.id} could not be completed; the next start completes it`);
    })(),
  );
}

/** A time limit for one evaluation: its signal aborts the requests, `race` stops waiting. */
class Deadline {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout;
  readonly #expired: Promise<never>;

  constructor(readonly ms: number) {
    let fail: (error: Error) => void = () => undefined;
    this.#expired = new Promise<never>((_resolve, reject) => (fail = reject));
    this.#expired.catch(() => undefined);
    this.#timer = setTimeout(() => {
      const error = new EvaluationTimeoutError(ms);
      this.#controller.abort(error);
      fail(error);
    }, ms);
    this.#timer.unref?.();
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined);
    return Promise.race([work, this.#expired]);
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

/**
 * Config, assessment, delta and verdict; a Completion instead when the config is invalid.
 * Each side's report comes from the cache when its tree was assessed with this config and
 * these facts; else from its snapshot (read now when the side was known from the cache).
 */
async function judge(
  context: AnyContext,
  svc: Services,
  plan: EvaluationPlan,
  reader: CommitReader,
  head: Side,
  base: Side | null,
  signal?: AbortSignal,
): Promise<Evaluated | Completion> {
  // Configuration (from the default branch only; the organisation's when it has none).
  const trusted = plan.defaultBranchAt === 'head' ? head : plan.defaultBranchAt === 'base' ? base : null;
  const trustedConfig = trusted
    ? (trusted.facts?.config ?? (trusted.snapshot ? trustedConfigOf(trusted.snapshot) : null))
    : null;
  const orgRead = orgConfigAnswer(head.extra) ?? orgConfigAnswer(base?.extra ?? null);
  const loaded = await loadConfig(context, plan.repo, trustedConfig, svc.orgConfigs, orgRead);
  if (loaded.problems.length > 0) return invalidConfigCompletion(loaded.problems, loaded.path);
  const config = loaded.config;

  // Verify what the cards name on the Hub and GitHub (never for a private repository
  // unless its config allows it), then assess head (and base), compare, decide.
  const privateRepo = (context.payload as { repository?: { private?: boolean } }).repository?.private !== false;
  const facts = factsVersion(svc.version, svc.online, privateRepo);
  const reportOf = async (side: Side): Promise<Report> => {
    const key = side.tree !== null && side.facts !== null ? reportKey(plan.repo, side.tree, config, facts) : null;
    const hit = key ? await svc.assessments.reports.get(key) : undefined;
    if (hit) return forCommit(hit, side.sha);
    const snapshot = side.snapshot ?? (await reader.read(side.sha)).snapshot;
    const enriched = await enrich(context, svc, config, applyIgnore(snapshot, config.ignore), signal);
    const report = assess(enriched, config, { version: svc.version });
    if (key && cacheable(enriched)) await svc.assessments.reports.set(key, report);
    return report;
  };
  const [report, baseReport] = await Promise.all([reportOf(head), base ? reportOf(base) : Promise.resolve(null)]);
  const delta = plan.baseSha ? computeDelta(baseReport, report) : null;
  const verdict = decide(report, config, delta);
  const output = renderCheckRun(report, {
    docsBaseUrl: svc.docsBaseUrl,
    ...(delta ? { delta } : {}),
    ...(verdict.requirement ? { requirement: verdict.requirement } : {}),
  });
  return { report, base: baseReport, delta, config, verdict, output, headExtra: head.extra };
}

/**
 * Completes the run; when GitHub refuses the completion, once more without annotations.
 * False when neither went through.
 */
async function finish(context: AnyContext, repo: RepoRef, run: CheckRun, completion: Completion): Promise<boolean> {
  try {
    const batchError = await completeCheckRun(context.octokit, repo, run, completion);
    if (batchError)
      context.log.warn({ err: errSummary(batchError) }, 'truly-open: some annotations could not be added');
    return true;
  } catch (error) {
    context.log.error(
      { err: errSummary(error) },
      'truly-open: completing the check run failed; completing it without annotations',
    );
    const note = `Annotations not added: ${describeFault(error)}`;
    try {
      await completeCheckRun(context.octokit, repo, run, {
        ...completion,
        summary: addNotes(completion.summary, [note]),
        annotations: [],
      });
      return true;
    } catch (e) {
      context.log.error({ err: errSummary(e) }, 'truly-open: the check run could not be completed');
      return false;
    }
  }
}

/** A neutral run that lists each configuration error with its field (and line, when known). */
export function invalidConfigCompletion(problems: readonly Problem[], path?: string): Completion {
  const file = path ?? '.github/truly-open.yml';
  const lines = problems.map((p) => `- ${p.line ? `line ${p.line}: ` : ''}${p.message}`);
  const annotations: Annotation[] = problems
    .filter((p) => path !== undefined && p.line !== undefined)
    .map((p) => ({
      path: p.path ?? file,
      start_line: p.line!,
      end_line: p.line!,
      annotation_level: 'failure',
      title: 'Invalid truly-open configuration',
      message: p.message,
    }));
  return {
    conclusion: 'neutral',
    title: `Configuration invalid: ${problems.length} error${problems.length === 1 ? '' : 's'} in ${file}`,
    summary: [
      `**\`${file}\` does not match the configuration schema**, so nothing was evaluated. Fix these and push again:`,
      '',
      ...lines,
      '',
      'The settings are described in docs/configuration.md.',
    ].join('\n'),
    annotations,
  };
}

/** Snapshot, config and assessment without a check run (for `/openness explain`). Null without a model signal. */
export async function assessOnly(
  context: AnyContext,
  svc: Services,
  repo: RepoRef,
  sha: string,
): Promise<Report | null> {
  const deadline = new Deadline(limits.evaluationTimeoutMs);
  const freeSlot = await svc.evaluations.acquire();
  try {
    const head = await deadline.race(
      readGithubSnapshot(treeWatcher(context.octokit, deadline.signal), { ...repo, sha }),
    );
    if (!hasSignal(repo, head)) return null;
    const { config } = await loadConfig(context, repo, null);
    const enriched = await deadline.race(
      enrich(context, svc, config, applyIgnore(head, config.ignore), deadline.signal),
    );
    return assess(enriched, config, { version: svc.version });
  } finally {
    freeSlot();
    deadline.clear();
  }
}

/** Online facts for a snapshot; the installation token serves the GitHub lookups. */
function enrich(
  context: AnyContext,
  svc: Services,
  config: Config,
  snapshot: RepoSnapshot,
  signal?: AbortSignal,
): Promise<RepoSnapshot> {
  if (!svc.online.enabled) return Promise.resolve(snapshot);
  const repository = (context.payload as { repository?: { private?: boolean } }).repository;
  return enrichSnapshot(snapshot, config, {
    // Unknown visibility counts as private: nothing leaves for the Hub without knowing.
    privateRepo: repository?.private !== false,
    githubRequest: (route, params) =>
      context.octokit.request(route, { ...params, ...(signal ? { request: { signal } } : {}) }) as Promise<{
        status: number;
        data: unknown;
      }>,
    ...svc.online.hub,
  });
}

/**
 * The model signal, except that an organisation's `.github` repository is not a model
 * because it holds the organisation-wide `.github/truly-open.yml` that other repositories
 * fall back to.
 */
export function hasSignal(repo: RepoRef, snapshot: RepoSnapshot): boolean {
  if (repo.repo.toLowerCase() !== '.github') return hasModelSignal(snapshot);
  const entries = snapshot.entries.filter((e) => !(CONFIG_PATHS as readonly string[]).includes(e.path.toLowerCase()));
  return hasModelSignal({ ...snapshot, entries });
}

/** A snapshot of paths without texts: enough for the path-based signals. */
function pathsOnly(repo: RepoRef, sha: string, paths: string[]): RepoSnapshot {
  return {
    source: 'github',
    location: `${repo.owner}/${repo.repo}`,
    revision: sha,
    entries: paths.map((path) => ({ path, size: 0, kind: 'file' as const })),
    texts: {},
    skipped: [],
  };
}

const TREE_ROUTE = 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}';

/**
 * The app's client, remembering the blob paths of each commit's recursive tree it fetched;
 * its requests stop when `signal` aborts (the evaluation's time limit).
 */
function treeWatcher(
  octokit: Octokit,
  signal?: AbortSignal,
): ReadingClient & { treePaths(sha: string): string[] | null } {
  const trees = new Map<string, string[]>();
  const treeShas = new Map<string, string>();
  const withSignal = <T extends object>(params: T | undefined): T => ({
    ...(params ?? ({} as T)),
    ...(signal ? { request: { signal } } : {}),
  });
  return {
    async request(route: string, params?: object) {
      // Octokit types each route's answer; this one helper serves many routes.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const response = (await octokit.request(route, withSignal(params) as Record<string, unknown>)) as { data: any };
      const p = params as { tree_sha?: string; recursive?: unknown } | undefined;
      if (route === TREE_ROUTE && p?.tree_sha && p.recursive !== undefined && Array.isArray(response.data?.tree)) {
        const tree = response.data.tree as { path?: unknown; type?: unknown }[];
        trees.set(
          p.tree_sha,
          tree.filter((e) => e.type === 'blob' && typeof e.path === 'string').map((e) => e.path as string),
        );
        // The listing of a commit names the commit's tree: the key of its cached assessments.
        if (typeof response.data.sha === 'string' && !treeShas.has(p.tree_sha))
          treeShas.set(p.tree_sha, response.data.sha);
      }
      return response;
    },
    graphql: (query: string, vars?: object) => octokit.graphql(query, withSignal(vars) as Record<string, unknown>),
    treePaths: (sha: string) => trees.get(sha) ?? null,
    treeOf: (sha: string) => treeShas.get(sha) ?? null,
  };
}

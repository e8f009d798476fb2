// The one pipeline behind every event: snapshot, model signal, check run, config, assess,
// publish. Handlers say what to evaluate and what else to publish; this file makes sure a
// check run, once created, is always completed, with the reason when anything failed.
import type { Config } from '../config/schema.js';
import { assess } from '../core/assess.js';
import { computeDelta, type ReportDelta } from '../core/delta.js';
import type { Problem } from '../core/evidence/types.js';
import { hasModelSignal } from '../core/model-signal.js';
import { renderCheckRun, type Annotation, type CheckRunOutput } from '../core/render/check-run.js';
import type { Report } from '../core/report.js';
import { applyIgnore } from '../core/snapshot-ignore.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import { readGithubSnapshot, type GithubClient } from '../sources/github-snapshot.js';
import { enrichSnapshot } from '../sources/hub/online.js';
import { decide, type Verdict } from './conclusion.js';
import { CONFIG_PATHS, loadConfig } from './config.js';
import {
  addNotes,
  completeCheckRun,
  createCheckRun,
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
import { opened } from './runtime.js';
import type { AnyContext, Services } from './services.js';

export interface EvaluationPlan {
  repo: RepoRef;
  sha: string;
  kind: RunKind;
  /** Also evaluate this commit and compare (pull requests). */
  baseSha?: string;
  /** Which evaluated commit is the default branch, so its config text can be used as is. */
  defaultBranchAt: 'head' | 'base' | null;
  /**
   * Further publishing (PR comment, release notes), done before the run completes. A throw
   * adds a note to the summary (PublishError's own, or the reason) and changes nothing else.
   */
  publish?: (evaluated: Evaluated, run: CheckRun) => Promise<void>;
}

export interface Evaluated {
  report: Report;
  base: Report | null;
  delta: ReportDelta | null;
  config: Config;
  verdict: Verdict;
  output: CheckRunOutput;
  /** Snapshot of the head commit (after `ignore`), for replies that quote evidence. */
  snapshot: RepoSnapshot;
}

/** Runs the plan; null when the repository has no model (no run) or the reading failed (fault run). */
export async function evaluate(context: AnyContext, svc: Services, plan: EvaluationPlan): Promise<Evaluated | null> {
  const { repo, sha } = plan;
  // Trees seen on the way, so that a failure after the tree (the blobs) can still be
  // judged by the tree's paths.
  const client = treeWatcher(context.octokit);
  const read = (at: string) => readGithubSnapshot(client, { ...repo, sha: at });

  // 1. Snapshots: head and base together (2 requests each, typically).
  let head: RepoSnapshot;
  let base: RepoSnapshot | null;
  try {
    [head, base] = await Promise.all([read(sha), plan.baseSha ? read(plan.baseSha) : Promise.resolve(null)]);
  } catch (error) {
    context.log.warn({ err: error }, `truly-open: reading ${repo.owner}/${repo.repo}@${sha} failed`);
    // During a GitHub outage an organisation-wide install must not put a neutral run on
    // every web app: report the failure only where a tree we did read shows a model.
    const seen = [sha, plan.baseSha].flatMap((at) => (at ? [client.treePaths(at)] : [])).filter((p) => p !== null);
    if (!seen.some((paths) => hasSignal(repo, pathsOnly(repo, sha, paths)))) return null;
    await publishFault(context.octokit, svc.identity, repo, sha, plan.kind, error).catch((e: unknown) =>
      context.log.error({ err: e }, 'truly-open: could not report the failure either'),
    );
    return null;
  }

  // 2. Quiet where it does not apply.
  if (!hasSignal(repo, head) && !(base && hasSignal(repo, base))) {
    context.log.debug(`truly-open: no model signal in ${repo.owner}/${repo.repo}@${sha}, no check run`);
    return null;
  }

  // 3. The check run shows up at once; everything after is guarded, and the run completed.
  const run = await createCheckRun(context.octokit, svc.identity, repo, sha, plan.kind);
  const close = opened({
    label: `${repo.owner}/${repo.repo}@${sha} (check run ${run.id})`,
    interrupt: () => completeCheckRun(context.octokit, repo, run, interruptedCompletion()).then(() => undefined),
  });
  let completion: Completion = faultCompletion(new Error('the evaluation stopped unexpectedly'));
  try {
    const evaluated = await judge(context, svc, plan, head, base).catch((error: unknown) => {
      context.log.warn({ err: error }, 'truly-open: evaluation failed');
      return faultCompletion(error);
    });
    if (!('verdict' in evaluated)) {
      completion = evaluated;
      return null;
    }
    // The verdict is final from here: publishing below can only add notes to it.
    completion = { conclusion: evaluated.verdict.conclusion, ...evaluated.output };

    // 6. Everything else the event publishes (PR comment, release notes). A failure there
    //    says nothing about the repository: the run keeps its conclusion and gains a note.
    if (plan.publish) {
      try {
        await plan.publish(evaluated, run);
      } catch (error) {
        context.log.warn({ err: error }, 'truly-open: publishing beyond the check run failed');
        const note = error instanceof PublishError ? error.note : `Not everything was published: ${describeFault(error)}`;
        completion = { ...completion, summary: addNotes(completion.summary, [note]) };
      }
    }
    return evaluated;
  } finally {
    // 7. The run's own result.
    close();
    await finish(context, repo, run, completion);
  }
}

/** Config, assessment, delta and verdict; a Completion instead when the config is invalid. */
async function judge(
  context: AnyContext,
  svc: Services,
  plan: EvaluationPlan,
  head: RepoSnapshot,
  base: RepoSnapshot | null,
): Promise<Evaluated | Completion> {
  // 4. Configuration (from the default branch only).
  const trusted = plan.defaultBranchAt === 'head' ? head : plan.defaultBranchAt === 'base' ? base : null;
  const loaded = await loadConfig(context, plan.repo, trusted, svc.orgConfigs);
  if (loaded.problems.length > 0) return invalidConfigCompletion(loaded.problems, loaded.path);
  const config = loaded.config;

  // 5. Verify what the cards name on the Hub and GitHub (never for a private repository
  //    unless its config allows it), then assess head (and base), compare, decide.
  const [snapshot, baseSnapshot] = await Promise.all([
    enrich(context, svc, config, applyIgnore(head, config.ignore)),
    base ? enrich(context, svc, config, applyIgnore(base, config.ignore)) : Promise.resolve(null),
  ]);
  const options = { version: svc.version };
  const report = assess(snapshot, config, options);
  const baseReport = baseSnapshot ? assess(baseSnapshot, config, options) : null;
  const delta = plan.baseSha ? computeDelta(baseReport, report) : null;
  const verdict = decide(report, config, delta);
  const output = renderCheckRun(report, {
    docsBaseUrl: svc.docsBaseUrl,
    ...(delta ? { delta } : {}),
    ...(verdict.requirement ? { requirement: verdict.requirement } : {}),
  });
  return { report, base: baseReport, delta, config, verdict, output, snapshot };
}

/** Completes the run; when GitHub refuses the completion, once more without annotations. */
async function finish(context: AnyContext, repo: RepoRef, run: CheckRun, completion: Completion): Promise<void> {
  try {
    const batchError = await completeCheckRun(context.octokit, repo, run, completion);
    if (batchError) context.log.warn({ err: batchError }, 'truly-open: some annotations could not be added');
  } catch (error) {
    context.log.error({ err: error }, 'truly-open: completing the check run failed; completing it without annotations');
    const note = `Annotations not added: ${describeFault(error)}`;
    await completeCheckRun(context.octokit, repo, run, { ...completion, summary: addNotes(completion.summary, [note]), annotations: [] }).catch(
      (e: unknown) => context.log.error({ err: e }, 'truly-open: the check run could not be completed'),
    );
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
export async function assessOnly(context: AnyContext, svc: Services, repo: RepoRef, sha: string): Promise<Report | null> {
  const head = await readGithubSnapshot(context.octokit, { ...repo, sha });
  if (!hasSignal(repo, head)) return null;
  const { config } = await loadConfig(context, repo, null);
  return assess(await enrich(context, svc, config, applyIgnore(head, config.ignore)), config, { version: svc.version });
}

/** Online facts for a snapshot; the installation token serves the GitHub lookups. */
function enrich(context: AnyContext, svc: Services, config: Config, snapshot: RepoSnapshot): Promise<RepoSnapshot> {
  if (!svc.online.enabled) return Promise.resolve(snapshot);
  const repository = (context.payload as { repository?: { private?: boolean } }).repository;
  return enrichSnapshot(snapshot, config, {
    privateRepo: repository?.private === true,
    githubRequest: (route, params) => context.octokit.request(route, params) as Promise<{ status: number; data: unknown }>,
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

/** The app's client, remembering the blob paths of each commit's recursive tree it fetched. */
function treeWatcher(octokit: Octokit): GithubClient & { treePaths(sha: string): string[] | null } {
  const trees = new Map<string, string[]>();
  return {
    async request(route: string, params?: object) {
      const response = (await octokit.request(route, params as Record<string, unknown>)) as { data: any };
      const p = params as { tree_sha?: string; recursive?: unknown } | undefined;
      if (route === TREE_ROUTE && p?.tree_sha && p.recursive !== undefined && Array.isArray(response.data?.tree)) {
        const tree = response.data.tree as { path?: unknown; type?: unknown }[];
        trees.set(p.tree_sha, tree.filter((e) => e.type === 'blob' && typeof e.path === 'string').map((e) => e.path as string));
      }
      return response;
    },
    graphql: (query: string, vars?: object) => octokit.graphql(query, vars as Record<string, unknown>),
    treePaths: (sha: string) => trees.get(sha) ?? null,
  };
}

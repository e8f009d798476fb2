// Every write the app makes to GitHub: check runs (created already completed when the
// verdict is quick, else created in progress and completed; annotations in batches), the
// one PR comment, the release-notes section, replies and
// reactions. Writes are idempotent where GitHub lets them be, because a webhook can be
// delivered twice and several replicas may run. The two writes that create something (a
// check run, the PR comment) are sent without Probot's automatic retries: when GitHub
// answers 5xx, or nothing, the write may have happened anyway, so the app first looks for
// what it would create (the run by external_id, the comment by its marker) and creates
// again only when it is not there.
import { createHash } from 'node:crypto';
import type { Octokit } from './context.js';
import { chunk, type Annotation } from '../core/render/check-run.js';
import { hardCut } from '../core/render/fit.js';
import type { AppIdentity } from './identity.js';
import type { Conclusion } from './conclusion.js';
import { GithubTimeoutError, mayHaveHappened, NO_RETRY } from './github.js';
import { formatDuration } from './limits.js';
import { EvaluationTimeoutError } from './runtime.js';

export type { Octokit } from './context.js';

export const CHECK_NAME = 'truly-open';
const TEXT_LIMIT = 65_535;
const CUT_NOTE = '\n\n… cut to fit GitHub’s 65,535-character limit; run `truly-open check` for the full report.';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface CheckRun {
  id: number;
  url: string | null;
}

export interface Completion {
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

/** `external_id` records what a run evaluated, so a re-run can redo it (fork PRs arrive without PR numbers). */
export type RunKind = { kind: 'push' } | { kind: 'pr'; number: number } | { kind: 'release'; id: number };

export function externalId(kind: RunKind): string {
  return kind.kind === 'push' ? 'push' : kind.kind === 'pr' ? `pr:${kind.number}` : `release:${kind.id}`;
}

export function parseExternalId(value: string | null | undefined): RunKind {
  const pr = /^pr:(\d+)$/.exec(value ?? '');
  if (pr?.[1]) return { kind: 'pr', number: Number(pr[1]) };
  const release = /^release:(\d+)$/.exec(value ?? '');
  if (release?.[1]) return { kind: 'release', id: Number(release[1]) };
  return { kind: 'push' };
}

/**
 * Creates the run: in progress, or with `done` already completed (one write instead of
 * two; annotations past the first 50 follow as updates, as in completeCheckRun, and the
 * error of a batch that failed is in `batchError`).
 */
export async function createCheckRun(
  octokit: Octokit,
  identity: AppIdentity,
  repo: RepoRef,
  sha: string,
  kind: RunKind,
  done?: Completion,
): Promise<CheckRun & { batchError?: unknown }> {
  // Second precision, so that the run can be recognised by it after an ambiguous answer.
  const startedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const output = done ? completionOutput(done) : null;
  const create = async (): Promise<CheckRun> => {
    const { data } = await octokit.rest.checks.create({
      ...repo,
      name: CHECK_NAME,
      head_sha: sha,
      started_at: startedAt,
      external_id: externalId(kind),
      ...(done && output ? completedFields(done, output) : { status: 'in_progress' as const }),
      ...NO_RETRY,
    });
    identity.learn(data.app as { id?: number; slug?: string } | null);
    return { id: data.id, url: data.html_url ?? null };
  };
  let run: CheckRun;
  try {
    run = await create();
  } catch (error) {
    if (!mayHaveHappened(error)) throw error;
    // The run may exist although GitHub did not say so: never make a second one.
    const made = await (
      done
        ? findRun(octokit, identity, repo, sha, kind, (r) => Date.parse(r.started_at ?? '') === Date.parse(startedAt))
        : findOpenRun(octokit, identity, repo, sha, kind)
    ).catch(() => null);
    run = made ?? (await create());
  }
  if (!done || !output || output.rest.length === 0) return run;
  const batchError = await sendBatches(octokit, repo, run, done, output);
  return batchError ? { ...run, batchError } : run;
}

/**
 * This app's run of `kind` on `sha` that is not completed yet, the most recent one: what
 * an ambiguous create may have made, or what a stopped process left in progress.
 */
export async function findOpenRun(
  octokit: Octokit,
  identity: AppIdentity,
  repo: RepoRef,
  sha: string,
  kind: RunKind,
): Promise<CheckRun | null> {
  return findRun(octokit, identity, repo, sha, kind, (r) => r.status !== 'completed');
}

async function findRun(
  octokit: Octokit,
  identity: AppIdentity,
  repo: RepoRef,
  sha: string,
  kind: RunKind,
  which: (run: { status: string; started_at?: string | null }) => boolean,
): Promise<CheckRun | null> {
  const { data } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: sha,
    check_name: CHECK_NAME,
    filter: 'all',
    per_page: 100,
  });
  const own = await identity.appId();
  const open = data.check_runs
    .filter((r) => r.external_id === externalId(kind) && which(r) && (own === null || r.app?.id === own))
    .sort((a, b) => (b.started_at ?? '').localeCompare(a.started_at ?? ''));
  const run = open[0];
  if (!run) return null;
  identity.learn(run.app as { id?: number; slug?: string } | null);
  return { id: run.id, url: run.html_url ?? null };
}

export const RERUN_ACTION = 'rerun';
const RUN_ACTIONS = [{ label: 'Re-run', description: 'Evaluate this commit again', identifier: RERUN_ACTION }];

interface Output {
  title: string;
  summary: string;
  text: string | undefined;
  first: Annotation[];
  rest: Annotation[][];
}

/** A check run's fields once it is completed: the same for a run created done and one updated. */
function completedFields(done: Completion, output: Output) {
  return {
    status: 'completed' as const,
    conclusion: done.conclusion,
    completed_at: new Date().toISOString(),
    output: {
      title: output.title,
      summary: output.summary,
      ...(output.text ? { text: output.text } : {}),
      annotations: output.first,
    },
    actions: RUN_ACTIONS,
  };
}

function completionOutput(done: Completion): Output {
  const [first = [], ...rest] = chunk(done.annotations ?? []);
  return {
    title: done.title.slice(0, 255),
    summary: hardCut(done.summary, CUT_NOTE, TEXT_LIMIT),
    text: done.text ? hardCut(done.text, CUT_NOTE, TEXT_LIMIT) : undefined,
    first,
    rest,
  };
}

/** The annotations past the first 50, as updates; a failed batch notes what is missing in the summary. */
async function sendBatches(
  octokit: Octokit,
  repo: RepoRef,
  run: CheckRun,
  done: Completion,
  { title, summary, first, rest }: Output,
): Promise<unknown> {
  let sent = first.length;
  for (const batch of rest) {
    try {
      await octokit.rest.checks.update({
        ...repo,
        check_run_id: run.id,
        output: { title, summary, annotations: batch },
      });
      sent += batch.length;
    } catch (error) {
      const note = `Only ${sent} of ${done.annotations!.length} annotations were added: ${describeFault(error)}`;
      const withNote = hardCut(addNotes(done.summary, [note]), CUT_NOTE, TEXT_LIMIT);
      await octokit.rest.checks
        .update({ ...repo, check_run_id: run.id, output: { title, summary: withNote } })
        .catch(() => undefined);
      return error;
    }
  }
  return null;
}

/**
 * Completes the run; the completing request carries the first 50 annotations, updates carry
 * the rest. The conclusion is set by the first request: a later batch that fails does not
 * change it, the summary then says which annotations are missing, and the error is
 * returned for the caller to log.
 */
export async function completeCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  run: CheckRun,
  done: Completion,
): Promise<unknown> {
  const output = completionOutput(done);
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: run.id,
    ...completedFields(done, output),
  });
  return sendBatches(octokit, repo, run, done, output);
}

/**
 * Publishing beyond the check run (PR comment, release notes) failed. It never changes the
 * verdict: `note` is added to the run's summary instead.
 */
export class PublishError extends Error {
  override name = 'PublishError';
  constructor(
    readonly note: string,
    override readonly cause: unknown,
  ) {
    super(note);
  }
}

/** The summary with notes on what could not be published, above the report. */
export function addNotes(summary: string, notes: readonly string[]): string {
  if (notes.length === 0) return summary;
  return `${notes.map((n) => `> **Note:** ${n}`).join('\n>\n')}\n\n${summary}`;
}

/** A run that could not be evaluated, created already completed (used when reading failed before any run existed). */
export async function publishFault(
  octokit: Octokit,
  identity: AppIdentity,
  repo: RepoRef,
  sha: string,
  kind: RunKind,
  error: unknown,
): Promise<void> {
  await createCheckRun(octokit, identity, repo, sha, kind, faultCompletion(error));
}

export function faultCompletion(error: unknown): Completion {
  const reason = describeFault(error);
  return {
    conclusion: 'neutral',
    title: `Could not evaluate: ${reason}`.slice(0, 255),
    summary: [
      '**The evaluation did not finish.**',
      '',
      `Reason: ${reason}`,
      '',
      'Nothing is wrong with the repository on this account. Use **Re-run** to try again.',
    ].join('\n'),
  };
}

/** A run cut short because the server stopped (a deploy, `docker stop`). */
export function interruptedCompletion(): Completion {
  return {
    conclusion: 'neutral',
    title: 'Not evaluated: interrupted by a restart; use Re-run',
    summary: [
      '**The evaluation was interrupted by a restart of the truly-open server** before it finished.',
      '',
      'Nothing is wrong with the repository on this account. Use **Re-run** to evaluate this commit again.',
    ].join('\n'),
  };
}

/** One line on what went wrong, in terms of GitHub's answer when there was one. */
export function describeFault(error: unknown): string {
  if (error instanceof GithubTimeoutError)
    return `GitHub did not answer in time (${error.method} ${error.route}, ${formatDuration(error.ms)})`;
  if (error instanceof EvaluationTimeoutError) return error.message;
  const e = error as {
    status?: number;
    message?: string;
    response?: { headers?: Record<string, string | undefined> };
  } | null;
  const status = e?.status;
  const headers = e?.response?.headers ?? {};
  if ((status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'])) {
    return `GitHub API rate limit exhausted (HTTP ${status}), still after retrying`;
  }
  if (typeof status === 'number' && status >= 500)
    return `GitHub API error (HTTP ${status}), still failing after retries`;
  if (typeof status === 'number') return `GitHub API refused a request (HTTP ${status}): ${firstLine(e?.message)}`;
  return `internal error: ${firstLine(e?.message ?? String(error))}`;
}

function firstLine(text: string | undefined): string {
  return (text ?? 'unknown').split('\n')[0]!.slice(0, 200);
}

// Pull-request comment ----------------------------------------------------------------

export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'absent';

/** The app's comment on a PR as remembered or found without listing: its id and the hash of its body. */
export interface KnownComment {
  id: number;
  hash: string;
}

export function bodyHash(body: string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 32);
}

/**
 * Creates or edits this app's one comment on the PR, found by `marker` and by author (a
 * comment by someone else that quotes the marker is never touched). With `create: false`
 * an existing comment is kept current but none is started. `known` saves the list call:
 * the comment found in the evaluation's GraphQL request or remembered (null: there is
 * none); undefined lists the comments. Returns the comment as it now is.
 */
export async function upsertComment(
  octokit: Octokit,
  identity: AppIdentity,
  repo: RepoRef,
  number: number,
  body: string,
  marker: string,
  { create, known }: { create: boolean; known?: KnownComment | null },
): Promise<{ outcome: CommentOutcome; comment: KnownComment | null }> {
  const hash = bodyHash(body);
  const list = async (): Promise<KnownComment | null> => {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...repo,
      issue_number: number,
      per_page: 100,
    });
    const found = comments.find((c) => (c.body ?? '').includes(marker) && identity.wrote(c));
    return found ? { id: found.id, hash: bodyHash(found.body ?? '') } : null;
  };
  let mine = known === undefined ? await list() : known;
  if (mine) {
    if (mine.hash === hash) return { outcome: 'unchanged', comment: mine };
    try {
      await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
      return { outcome: 'updated', comment: { id: mine.id, hash } };
    } catch (error) {
      // Deleted since it was found or remembered: start again from what GitHub lists.
      if ((error as { status?: unknown } | null)?.status !== 404 || known === undefined) throw error;
      mine = await list();
      if (mine) {
        await octokit.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
        return { outcome: 'updated', comment: { id: mine.id, hash } };
      }
    }
  }
  if (!create) return { outcome: 'absent', comment: null };
  const post = async () =>
    (await octokit.rest.issues.createComment({ ...repo, issue_number: number, body, ...NO_RETRY })).data.id;
  try {
    return { outcome: 'created', comment: { id: await post(), hash } };
  } catch (error) {
    if (!mayHaveHappened(error)) throw error;
    // The comment may exist although GitHub did not say so: never post a second one.
    const made = await list();
    if (!made) return { outcome: 'created', comment: { id: await post(), hash } };
    if (made.hash !== hash) await octokit.rest.issues.updateComment({ ...repo, comment_id: made.id, body });
    return { outcome: 'created', comment: { id: made.id, hash } };
  }
}

export async function reply(octokit: Octokit, repo: RepoRef, number: number, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...repo, issue_number: number, body: hardCut(body, CUT_NOTE, TEXT_LIMIT) });
}

export async function react(octokit: Octokit, repo: RepoRef, commentId: number, content: '+1' | 'eyes'): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: commentId, content });
}

// Re-evaluation of what an earlier check run evaluated, as its `external_id` records it:
// shared by "Re-run", "Re-run all" and the run's own button.
import { evaluateCommit } from './handlers/push.js';
import { evaluatePullRequest, prTarget } from './handlers/pull-request.js';
import { evaluateRelease } from './handlers/release.js';
import { CHECK_NAME, type RepoRef, type RunKind } from './publish.js';
import { prKey, type AnyContext, type Services } from './services.js';

export interface RerunTarget {
  repo: RepoRef;
  /** The commit the earlier run was on; null: the PR's current head, the release's tag. */
  sha: string | null;
  kind: RunKind;
  /** Branch of the commit when GitHub says (check suites do), to know if it is the default branch. */
  headBranch: string | null;
  defaultBranch: string;
  /** The base repository, as the webhook describes it. */
  repository: { name: string; owner: { login: string } | null; default_branch: string };
}

export async function rerun(context: AnyContext, svc: Services, target: RerunTarget): Promise<void> {
  const { repo, sha, kind } = target;
  if (kind.kind === 'pr') {
    const { data: pull } = await context.octokit.rest.pulls.get({ ...repo, pull_number: kind.number });
    // Re-running an older head must not overwrite the comment about the current head.
    const current = sha === null || pull.head.sha === sha;
    const generation = current ? svc.generations.next(prKey(repo.owner, repo.repo, kind.number)) : -1;
    await evaluatePullRequest(
      context,
      svc,
      { ...prTarget(pull, target.repository), headSha: sha ?? pull.head.sha },
      generation,
    );
    return;
  }
  if (kind.kind === 'release') {
    const { data: release } = await context.octokit.rest.repos.getRelease({ ...repo, release_id: kind.id });
    await evaluateRelease(context, svc, repo, release);
    return;
  }
  if (sha === null) return;
  await evaluateCommit(context, svc, repo, sha, target.headBranch === target.defaultBranch);
}

/** Whether a run or suite belongs to this app. Without a known id, our check name has to do. */
export async function isOurs(svc: Services, app: { id?: number } | null | undefined, name?: string): Promise<boolean> {
  const own = await svc.identity.appId();
  if (own !== null) return app?.id === own;
  return name === undefined || name === CHECK_NAME;
}

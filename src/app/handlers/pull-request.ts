// pull_request opened / synchronize / reopened (forks included) -> a check run on the head
// commit with the delta against the base, and the one PR comment.
// Forks: the head commit is read from the BASE repository. GitHub makes PR head commits
// reachable there (refs/pull/N/head), and the installation may have no access to the fork.
// The comment is about the PR as it is: right before writing it, the PR's head is read
// again, and an evaluation of an older head (a delivery that arrived late, another replica)
// leaves the comment alone.
import { COMMENT_MARKER, renderPrComment } from '../../core/render/pr-comment.js';
import { commentDue } from '../conclusion.js';
import { evaluate, type Evaluated } from '../evaluate.js';
import { describeFault, PublishError, upsertComment, type RepoRef } from '../publish.js';
import { prKey, type AnyContext, type Services } from '../services.js';

export interface PrTarget {
  repo: RepoRef;
  number: number;
  headSha: string;
  baseSha: string;
  /** True when the PR targets the default branch: the base snapshot then holds the config. */
  baseIsDefault: boolean;
}

/** The shape shared by webhook payloads and `GET /repos/{o}/{r}/pulls/{n}`. */
interface PullLike {
  number: number;
  head: { sha: string };
  base: { sha: string; ref: string };
}

/** `repository` is the base repository (the one the app is installed on and the event came from). */
export function prTarget(pull: PullLike, repository: { name: string; owner: { login: string } | null; default_branch: string }): PrTarget {
  return {
    repo: { owner: repository.owner?.login ?? '', repo: repository.name },
    number: pull.number,
    headSha: pull.head.sha,
    baseSha: pull.base.sha,
    baseIsDefault: pull.base.ref === repository.default_branch,
  };
}

/**
 * 1. snapshots of head and base  2. signal  3. run (external_id pr:N)  4. config from the
 * default branch  5. assess both, delta  6. comment, unless a newer event for this PR
 * arrived meanwhile (`generation`)  7. complete the run.
 */
export async function evaluatePullRequest(
  context: AnyContext,
  svc: Services,
  pr: PrTarget,
  generation: number,
): Promise<Evaluated | null> {
  const key = prKey(pr.repo.owner, pr.repo.repo, pr.number);
  return evaluate(context, svc, {
    repo: pr.repo,
    sha: pr.headSha,
    baseSha: pr.baseSha,
    kind: { kind: 'pr', number: pr.number },
    defaultBranchAt: pr.baseIsDefault ? 'base' : null,
    publish: async (evaluated) => {
      if (!svc.generations.isCurrent(key, generation)) {
        context.log.info(`truly-open: ${key} has a newer evaluation; leaving its comment alone`);
        return;
      }
      const mode = evaluated.config.comment;
      if (mode === 'never' || !evaluated.delta) return;
      const due = mode === 'always' || commentDue(evaluated.delta, evaluated.verdict);
      const body = renderPrComment(evaluated.report, evaluated.delta, { docsBaseUrl: svc.docsBaseUrl, marker: COMMENT_MARKER });
      try {
        const { data: pull } = await context.octokit.rest.pulls.get({ ...pr.repo, pull_number: pr.number });
        if (pull.head.sha !== pr.headSha) {
          context.log.info(`truly-open: ${key} head is now ${pull.head.sha}, not ${pr.headSha}; leaving its comment alone`);
          return;
        }
        await upsertComment(context.octokit, svc.identity, pr.repo, pr.number, body, COMMENT_MARKER, { create: due });
      } catch (error) {
        throw new PublishError(`PR comment not updated: ${describeFault(error)}`, error);
      }
    },
  });
}

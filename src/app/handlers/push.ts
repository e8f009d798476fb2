// push -> a check run on the pushed commit, for the default branch only (other branches
// get theirs through their pull request).
import type { Context } from 'probot';
import { evaluate } from '../evaluate.js';
import type { RepoRef } from '../publish.js';
import type { AnyContext, Services } from '../services.js';

const ZERO_SHA = /^0+$/;

/** The work to do for a push, or null when it is not one we evaluate. Runs in the webhook. */
export function planPush(context: Context<'push'>): { repo: RepoRef; sha: string } | null {
  const { payload } = context;
  if (payload.deleted || ZERO_SHA.test(payload.after)) return null;
  if (payload.ref !== `refs/heads/${payload.repository.default_branch}`) return null;
  return {
    repo: {
      owner: payload.repository.owner?.login ?? payload.repository.full_name.split('/')[0]!,
      repo: payload.repository.name,
    },
    sha: payload.after,
  };
}

/**
 * Evaluates a default-branch commit: 1. snapshot 2. signal 3. run 4. config from the
 * snapshot 5. assess 6. complete.
 */
export async function evaluateCommit(
  context: AnyContext,
  svc: Services,
  repo: RepoRef,
  sha: string,
  onDefaultBranch: boolean,
) {
  return evaluate(context, svc, {
    repo,
    sha,
    kind: { kind: 'push' },
    defaultBranchAt: onDefaultBranch ? 'head' : null,
  });
}

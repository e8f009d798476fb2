// check_suite.rerequested ("Re-run all") -> evaluate again what our run in the suite
// evaluated. The suite's payload lists PRs only for same-repository branches; fork PRs
// come with none, so the PR number is taken from our run's external_id.
import type { Context } from 'probot';
import { CHECK_NAME, parseExternalId, type RunKind } from '../publish.js';
import { isOurs, type RerunTarget } from '../rerun.js';
import type { Services } from '../services.js';

export async function planCheckSuite(
  context: Context<'check_suite.rerequested'>,
  svc: Services,
): Promise<RerunTarget | null> {
  const { payload } = context;
  const suite = payload.check_suite;
  if (!(await isOurs(svc, suite.app ? { id: suite.app.id ?? -1 } : null))) return null;
  const repo = { owner: payload.repository.owner.login, repo: payload.repository.name };
  let kind: RunKind;
  const pr = suite.pull_requests?.[0];
  if (pr) {
    kind = { kind: 'pr', number: pr.number };
  } else {
    const { data } = await context.octokit.rest.checks.listForSuite({
      ...repo,
      check_suite_id: suite.id,
      check_name: CHECK_NAME,
    });
    kind = parseExternalId(data.check_runs[0]?.external_id);
  }
  return {
    repo,
    sha: suite.head_sha,
    kind,
    headBranch: suite.head_branch ?? null,
    defaultBranch: payload.repository.default_branch,
    repository: payload.repository,
  };
}

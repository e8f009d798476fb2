// check_run.rerequested ("Re-run") and check_run.requested_action (our "Re-run" button)
// -> evaluate again what the run evaluated. Only this app's runs.
import type { Context } from 'probot';
import { parseExternalId, RERUN_ACTION } from '../publish.js';
import { isOurs, type RerunTarget } from '../rerun.js';
import type { Services } from '../services.js';

/** The re-run to do, or null when the run is not ours or the action is not one of ours. */
export async function planCheckRun(
  context: Context<'check_run.rerequested' | 'check_run.requested_action'>,
  svc: Services,
): Promise<RerunTarget | null> {
  const { payload } = context;
  const run = payload.check_run;
  if (payload.action === 'requested_action' && payload.requested_action?.identifier !== RERUN_ACTION) return null;
  if (!(await isOurs(svc, run.app, run.name))) return null;
  return {
    repo: { owner: payload.repository.owner.login, repo: payload.repository.name },
    sha: run.head_sha,
    kind: parseExternalId(run.external_id),
    headBranch: run.check_suite?.head_branch ?? null,
    defaultBranch: payload.repository.default_branch,
    repository: payload.repository,
  };
}

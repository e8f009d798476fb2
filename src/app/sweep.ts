// On start: redo the work a previous process accepted and did not finish (journal.ts),
// so that no check run stays "in progress" and no pushed head is left without a run
// after a deploy or a crash. Each entry is evaluated again through the same flows as a
// "Re-run": as its installation (app.auth), in a context rebuilt from plain data, queued
// on the same keys as webhook work. A run the previous process created and left open is
// completed with the new verdict instead of a second run being created. Bounded by the
// journal's limits (count, age) and by the evaluation semaphore.
import { Context, type Probot } from 'probot';
import { harden } from './github.js';
import { schedule } from './jobs.js';
import type { JournalEntry } from './journal.js';
import { errSummary } from './log.js';
import { rerun } from './rerun.js';
import { prKey, type AnyContext, type Services } from './services.js';

export async function sweep(app: Probot, svc: Services): Promise<number> {
  const entries = svc.journal.load();
  if (entries.length === 0) return 0;
  app.log.info(`truly-open: ${entries.length} evaluation(s) left by a previous process; redoing them`);
  svc.metrics.inc('truly_open_sweep_entries_total', {}, entries.length);
  await Promise.all(entries.map((entry) => redo(app, svc, entry)));
  return entries.length;
}

async function redo(app: Probot, svc: Services, entry: JournalEntry): Promise<void> {
  const { repository: r } = entry;
  const repo = { owner: r.owner, repo: r.name };
  const key =
    entry.kind.kind === 'pr'
      ? prKey(r.owner, r.name, entry.kind.number)
      : entry.kind.kind === 'release'
        ? `${r.owner}/${r.name}!release:${entry.kind.id}`
        : `${r.owner}/${r.name}:refs/heads/${entry.headBranch ?? r.defaultBranch}`;
  let context: AnyContext;
  try {
    const octokit = harden(await app.auth(entry.installationId));
    const payload = {
      installation: { id: entry.installationId },
      repository: {
        name: r.name,
        full_name: `${r.owner}/${r.name}`,
        owner: { login: r.owner },
        private: r.private,
        default_branch: r.defaultBranch,
      },
    };
    const name = entry.kind.kind === 'pr' ? 'pull_request' : entry.kind.kind === 'release' ? 'release' : 'push';
    context = new Context(
      { id: `sweep:${entry.key}`, name, payload } as never,
      octokit as never,
      app.log.child({ name: 'truly-open-sweep' }),
    ) as AnyContext;
  } catch (error) {
    // The installation is gone or its token cannot be had: nothing can be done for it.
    app.log.warn({ err: errSummary(error) }, `truly-open: sweep: ${entry.key} skipped`);
    svc.journal.done(entry.key);
    return;
  }
  // The entry is already in the journal: this job takes it over (and removes it when done).
  await schedule(
    svc,
    context.log,
    key,
    {
      installationId: entry.installationId,
      repository: entry.repository,
      kind: entry.kind,
      sha: entry.sha,
      headBranch: entry.headBranch,
    },
    () =>
      rerun(context, svc, {
        repo,
        sha: entry.sha,
        kind: entry.kind,
        headBranch: entry.headBranch,
        defaultBranch: r.defaultBranch,
        repository: { name: r.name, owner: { login: r.owner }, default_branch: r.defaultBranch },
      }),
    entry.run ? { adoptRun: entry.run } : {},
  );
}

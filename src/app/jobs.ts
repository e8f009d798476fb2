// Starting work in the background for a webhook (or a sweep entry): journaled first, so
// a restart does not lose it, then queued behind other work on the same key (a pull
// request, a commit), run within its job (runtime.ts), and logged without payloads when
// it fails. While the process stops, queued work is not started: it stays in the journal.
import { errSummary } from './log.js';
import type { JournalSeed } from './journal.js';
import { currentJob, runJob, track, type Job } from './runtime.js';
import type { Services } from './services.js';

export interface JobLog {
  info(message: string): void;
  error(obj: object, message: string): void;
}

export function schedule(
  svc: Services,
  log: JobLog,
  queueKey: string,
  seed: JournalSeed | null,
  work: () => Promise<unknown>,
  job: Omit<Job, 'journalKey'> = {},
): Promise<void> {
  const journalKey = seed ? svc.journal.add(seed) : currentJob()?.journalKey;
  // A queued job's hooks reach the work it starts in turn (a recheck inside a command).
  const queued = currentJob()?.queued;
  const own: Job = { ...(queued ? { queued } : {}), ...job, ...(journalKey ? { journalKey } : {}) };
  return track(
    runJob(own, () =>
      svc.queue.run(queueKey, async () => {
        if (svc.stopping) {
          log.info(`truly-open: stopping; ${queueKey} left for the next start`);
          return;
        }
        try {
          await work();
        } catch (error) {
          svc.metrics.inc('truly_open_jobs_failed_total');
          log.error({ err: errSummary(error), key: queueKey }, 'truly-open: work failed');
        } finally {
          // Only the job that journaled the entry removes it (a nested one shares the key).
          if (seed && journalKey) svc.journal.done(journalKey);
        }
      }),
    ),
  );
}

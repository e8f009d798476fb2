// What every handler shares for the life of the app: who we are, and the in-memory
// bookkeeping that keeps webhook traffic orderly (see runtime.ts).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Probot } from 'probot';
import { DEFAULT_DOCS_BASE_URL } from '../core/render/links.js';
import { hubOptionsFromEnv, type ResolveOptions } from '../sources/remote/resolve.js';
import { memoryAssessmentCache, type AssessmentCache } from './assessments.js';
import { CommandGate } from './commands.js';
import { AppIdentity } from './identity.js';
import { Journal } from './journal.js';
import { limits } from './limits.js';
import { Metrics } from './metrics.js';
import type { KnownComment } from './publish.js';
import { RedisWork, redisWorkOptions } from './redis-work.js';
import { BoundedSet, Generations, KeyedQueue, Semaphore, TtlCache } from './runtime.js';
import { MemoryStore, type SharedStore } from './store.js';
import { MemoryDeliveryMarks, roleFromEnv, type Cache, type DeliveryMarks, type Role } from './work.js';
import { version } from '../version.js';

export interface Services {
  identity: AppIdentity;
  /** Delivery ids already handled (GitHub redelivers; replicas behind a balancer may too). */
  deliveries: BoundedSet;
  /** Delivery ids taken: this set in memory, or marks in Redis shared by every replica. */
  marks: DeliveryMarks;
  /** The work queue on Redis (REDIS_URL), or null: work runs in this process (the embedded default). */
  work: RedisWork | null;
  /** What this process does with REDIS_URL: take webhooks, run work, or both (TRULY_OPEN_ROLE). */
  role: Role;
  queue: KeyedQueue;
  generations: Generations;
  /** `repo#pr:user` pairs already told they may not run commands. */
  refused: BoundedSet;
  /**
   * The organisation `.github` config per owner (null: none), for 5 minutes: while it is
   * cached, the files' GraphQL request need not ask for it.
   */
  orgConfigs: TtlCache<unknown>;
  /** Assessments by tree, config and facts version (assessments.ts): re-runs and PR bases read nothing. */
  assessments: AssessmentCache;
  /**
   * The app's comment on each PR (`prKey`): its id and the hash of its body, so it is
   * neither listed nor rewritten unchanged.
   */
  comments: SharedStore<KnownComment>;
  docsBaseUrl: string;
  version: string;
  /** Hugging Face Hub / GitHub lookups: off with TRULY_OPEN_OFFLINE=true; HF_ENDPOINT and HF_TOKEN apply. */
  online: { enabled: boolean; hub: Pick<ResolveOptions, 'hfEndpoint' | 'hfToken'> };
  /** Accepted work not finished yet, kept across restarts (journal.ts). */
  journal: Journal;
  /** Failures no check run can show (served at GET /metrics). */
  metrics: Metrics;
  /** Evaluations holding a snapshot at once: bounds the memory of the process. */
  evaluations: Semaphore;
  /** Slash commands per PR: one evaluation queued at a time, help once per period. */
  commands: CommandGate;
  /** Whether a user may run commands on a repository (write access), for a minute. */
  permissions: Cache<boolean>;
  /** Set by SIGTERM: accepted work is journaled for the next start instead of started. */
  stopping: boolean;
}

/** Where the journal lives: TRULY_OPEN_STATE_DIR, `off` for nowhere; none by default under jest. */
export function stateDir(env: NodeJS.ProcessEnv): string | null {
  const dir = env.TRULY_OPEN_STATE_DIR?.trim();
  if (dir === 'off') return null;
  if (dir) return dir;
  return env.NODE_ENV === 'test' ? null : join(tmpdir(), 'truly-open-state');
}

export function createServices(app: Probot, env: NodeJS.ProcessEnv = process.env): Services {
  const redisUrl = env.REDIS_URL?.trim();
  // With Redis, the queue keeps accepted work across restarts: no journal on local disk.
  const work = redisUrl ? new RedisWork(redisUrl, redisWorkOptions(env)) : null;
  const deliveries = new BoundedSet(5000);
  return {
    identity: new AppIdentity(app),
    deliveries,
    marks: work ? work.marks : new MemoryDeliveryMarks(deliveries),
    work,
    role: roleFromEnv(env),
    queue: new KeyedQueue(),
    generations: new Generations(),
    refused: new BoundedSet(5000),
    orgConfigs: new TtlCache<unknown>(5 * 60_000),
    assessments: memoryAssessmentCache(),
    comments: new MemoryStore<KnownComment>(5000, 7 * 24 * 3600_000),
    docsBaseUrl: env.DOCS_BASE_URL || DEFAULT_DOCS_BASE_URL,
    version: version(),
    online: { enabled: env.TRULY_OPEN_OFFLINE !== 'true', hub: hubOptionsFromEnv(env) },
    journal: new Journal(work ? null : stateDir(env), {
      maxEntries: limits.journalMaxEntries,
      maxAgeMs: limits.journalMaxAgeMs,
      warn: (message) => app.log.warn(`truly-open: ${message}`),
    }),
    metrics: new Metrics(),
    evaluations: new Semaphore(limits.maxConcurrentEvaluations),
    commands: new CommandGate(limits.commandReplyPeriodMs),
    permissions: work
      ? work.cache<boolean>('permission', limits.permissionTtlMs)
      : new TtlCache<boolean>(limits.permissionTtlMs, 5000),
    stopping: false,
  };
}

export type { AnyContext } from './context.js';

export const prKey = (owner: string, repo: string, number: number): string => `${owner}/${repo}#${number}`;

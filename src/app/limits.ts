// Every bound the app keeps against a slow, failing or hostile world, in one place. Read
// from the environment once, when the app loads; tests lower the waits (they are plain
// fields, not constants, for that reason). docs/deploy.md lists the variables.

function envNumber(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export interface Limits {
  /** One GitHub request on the wire (each attempt), before it is abandoned. */
  requestTimeoutMs: number;
  /** One evaluation, from reading the repository to the verdict (publishing not included). */
  evaluationTimeoutMs: number;
  /**
   * A verdict reached within this time after the webhook arrived is published in one write
   * (the check run created already completed); a slower one gets an in-progress run at this
   * point, completed when the verdict comes. 0: always in progress first.
   */
  quickVerdictMs: number;
  /** Evaluations (snapshot + assessment) running at once in this process: bounds memory. */
  maxConcurrentEvaluations: number;
  /** Retries of a request GitHub refused with a secondary rate limit (403/429 + Retry-After). */
  secondaryRetries: number;
  /** Longest Retry-After honoured, in seconds; a longer one is not waited for. */
  maxRetryAfterSeconds: number;
  /** What one second of Retry-After lasts here (tests make it 1 ms). */
  retryAfterUnitMs: number;
  /** Further attempts to complete a check run GitHub kept refusing, after these waits. */
  completionRetryDelaysMs: number[];
  /** Webhook bodies larger than this are refused unread (GitHub caps payloads at 25 MB). */
  webhookMaxBytes: number;
  /** Bytes of webhook bodies held at once while their signatures are checked. */
  webhookBufferBudget: number;
  /** How long a webhook may wait for room in that budget before it is refused (429). */
  webhookBudgetWaitMs: number;
  /** A webhook body must arrive within this time. */
  webhookReadTimeoutMs: number;
  /** `/openness help` (and unknown commands) are answered once per PR per this period. */
  commandReplyPeriodMs: number;
  /** A user's permission on a repository is remembered this long. */
  permissionTtlMs: number;
  /** How long a stopping server lets running evaluations finish (SIGTERM). */
  shutdownGraceMs: number;
  /** Pending evaluations remembered across restarts, at most, and for how long. */
  journalMaxEntries: number;
  journalMaxAgeMs: number;
}

export function readLimits(env: NodeJS.ProcessEnv = process.env): Limits {
  return {
    requestTimeoutMs: envNumber('TRULY_OPEN_REQUEST_TIMEOUT_MS', 30_000, env),
    evaluationTimeoutMs: envNumber('TRULY_OPEN_EVALUATION_TIMEOUT_MS', 120_000, env),
    quickVerdictMs: envNumber('TRULY_OPEN_QUICK_VERDICT_MS', 2_000, env),
    maxConcurrentEvaluations: Math.max(1, Math.floor(envNumber('TRULY_OPEN_MAX_EVALUATIONS', 4, env))),
    secondaryRetries: 3,
    maxRetryAfterSeconds: 120,
    retryAfterUnitMs: 1000,
    completionRetryDelaysMs: [30_000, 120_000, 600_000],
    webhookMaxBytes: 25 * 1024 * 1024,
    webhookBufferBudget: envNumber('TRULY_OPEN_WEBHOOK_BUFFER_BYTES', 32 * 1024 * 1024, env),
    webhookBudgetWaitMs: 5_000,
    webhookReadTimeoutMs: 30_000,
    commandReplyPeriodMs: 10 * 60_000,
    permissionTtlMs: 60_000,
    shutdownGraceMs: envNumber('TRULY_OPEN_SHUTDOWN_GRACE_MS', 20_000, env),
    journalMaxEntries: 500,
    journalMaxAgeMs: 24 * 3600_000,
  };
}

/** The process's limits; tests may change fields (and restore them). */
export const limits: Limits = readLimits();

/** A duration for people: "150 ms", "30 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 1000)} s`;
}

// The shared state of many replicas on one Redis (REDIS_URL): the work queue (BullMQ), the
// delivery marks, the caches and the registry of check runs in progress. Each guarantee is
// Redis's or BullMQ's, not this process's memory:
//  - a delivery is taken once: a mark SET NX for GitHub's 3-day redelivery window, and the
//    job id is the delivery id;
//  - work on one pull request never runs twice at once and coalesces: BullMQ deduplication
//    with keepLastIfActive (one active, at most one waiting, later ones dropped; the worker
//    reads the PR's head when the job starts);
//  - a job whose worker died is taken over once its lock expires (stalled-job check), and
//    reuses the check run it had created (stored in the job's data);
//  - runs still in progress past a deadline are completed by a periodic sweep (one replica
//    at a time, by a lock).
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Cache, DeliveryMarks, WorkItem } from './work.js';

const DAY_MS = 24 * 3600_000;

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name]);
  return env[name] !== undefined && env[name]!.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export interface RedisWorkOptions {
  /** Key prefix, so several apps (or tests) can share one Redis. */
  prefix: string;
  /** Jobs a worker process runs at once. */
  concurrency: number;
  /** How long a worker's hold on a job lasts without renewal: a dead worker's job waits this long. */
  lockMs: number;
  /** How often workers look for jobs whose holder died. */
  stalledIntervalMs: number;
  /** Takeovers after a worker died before the job counts as failed. */
  maxStalled: number;
  /** Attempts of a job that throws, with exponential back-off from backoffMs. */
  attempts: number;
  backoffMs: number;
  /** How long storing a job may take before the webhook is answered 503 (GitHub waits 10 s). */
  enqueueTimeoutMs: number;
  /** A check run still in progress this long after it was created is completed by the sweep. */
  runDeadlineMs: number;
  sweepIntervalMs: number;
}

export function redisWorkOptions(env: NodeJS.ProcessEnv): RedisWorkOptions {
  return {
    prefix: env.TRULY_OPEN_REDIS_PREFIX?.trim() || 'truly-open',
    concurrency: Math.max(1, Math.floor(envNumber(env, 'TRULY_OPEN_WORKER_CONCURRENCY', 32))),
    lockMs: envNumber(env, 'TRULY_OPEN_JOB_LOCK_MS', 30_000),
    stalledIntervalMs: envNumber(env, 'TRULY_OPEN_STALLED_INTERVAL_MS', 15_000),
    maxStalled: Math.floor(envNumber(env, 'TRULY_OPEN_MAX_STALLED', 2)),
    attempts: Math.max(1, Math.floor(envNumber(env, 'TRULY_OPEN_JOB_ATTEMPTS', 3))),
    backoffMs: envNumber(env, 'TRULY_OPEN_JOB_BACKOFF_MS', 5_000),
    enqueueTimeoutMs: envNumber(env, 'TRULY_OPEN_ENQUEUE_TIMEOUT_MS', 5_000),
    runDeadlineMs: envNumber(env, 'TRULY_OPEN_RUN_DEADLINE_MS', 15 * 60_000),
    sweepIntervalMs: envNumber(env, 'TRULY_OPEN_SWEEP_INTERVAL_MS', 60_000),
  };
}

/** A check run this app created and has not completed yet, as the sweep needs it. */
export interface OpenRunRef {
  installationId: number;
  owner: string;
  repo: string;
  id: number;
}

/** What a worker gets for each job: its data, and how to record the run it creates. */
export interface JobHandle {
  item: WorkItem;
  /** Which attempt this is (1 for the first). */
  attempt: number;
  /** Stores the run with the job (a takeover reuses it) and in the registry of open runs. */
  recordRun(run: { id: number; url: string | null; sha: string }): Promise<void>;
}

const QUEUE = 'evaluations';

export class RedisWork {
  /** Commands that must fail fast when Redis is away (the webhook answers 503). */
  readonly #client: Redis;
  readonly #queue: Queue;
  #worker: Worker | null = null;
  #sweeper: NodeJS.Timeout | null = null;
  readonly marks: DeliveryMarks;

  constructor(
    readonly url: string,
    readonly options: RedisWorkOptions,
  ) {
    // No offline queue: while Redis is away a command fails at once instead of waiting.
    this.#client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.#client.on('error', () => undefined);
    this.#queue = new Queue(QUEUE, {
      connection: new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false }),
      prefix: options.prefix,
    });
    this.#queue.on('error', () => undefined);
    const key = (delivery: string) => `${options.prefix}:delivery:${delivery}`;
    this.marks = {
      claim: async (delivery) =>
        (await this.#ready()).set(key(delivery), '1', 'PX', 3 * DAY_MS, 'NX').then((r) => r === 'OK'),
      release: async (delivery) => void (await this.#client.del(key(delivery))),
    };
  }

  /**
   * The client once connected. Without an offline queue a command sent while it connects
   * (just after start, or while Redis restarts) fails at once: wait for the connection, for
   * at most `ms` (the caller's own time limit bounds it too).
   */
  async #ready(ms = this.options.enqueueTimeoutMs): Promise<Redis> {
    const client = this.#client;
    if (client.status === 'ready') return client;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        client.off('ready', done);
        resolve();
      }
      client.once('ready', done);
    });
    return client;
  }

  /**
   * Stores the work (once per delivery) within the time limit; throws when Redis did not
   * take it. A delivery seen before is not stored again (false).
   */
  async enqueue(item: WorkItem): Promise<boolean> {
    return withTimeout(this.#enqueue(item), this.options.enqueueTimeoutMs, 'storing the work in Redis timed out');
  }

  async #enqueue(item: WorkItem): Promise<boolean> {
    if (!(await this.marks.claim(item.delivery))) return false;
    try {
      await this.#queue.add(item.event, item, {
        jobId: jobIdOf(item.delivery),
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: this.options.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { age: 3 * 24 * 3600 },
        ...(item.coalesce ? { deduplication: { id: item.key, keepLastIfActive: true } } : {}),
      });
      return true;
    } catch (error) {
      // Not stored: give the delivery back so GitHub's redelivery is taken.
      await this.marks.release(item.delivery).catch(() => undefined);
      throw error;
    }
  }

  /** Starts taking jobs; `exhausted` is told about a job that will not be tried again. */
  startWorker(
    perform: (job: JobHandle) => Promise<void>,
    exhausted: (item: WorkItem, error: unknown) => Promise<void>,
  ): void {
    const o = this.options;
    this.#worker = new Worker(
      QUEUE,
      async (job: Job<WorkItem>) =>
        perform({
          item: job.data,
          attempt: job.attemptsMade + 1,
          recordRun: async (run) => {
            await job.updateData({ ...job.data, run });
            await this.addOpenRun({
              installationId: job.data.installationId,
              owner: ownerOf(job.data),
              repo: repoOf(job.data),
              id: run.id,
            });
          },
        }),
      {
        // Blocking commands must wait for Redis to come back, forever: a worker whose
        // connection gave up would stop taking jobs while the webhooks are still answered.
        connection: new Redis(this.url, { maxRetriesPerRequest: null }),
        prefix: o.prefix,
        concurrency: o.concurrency,
        lockDuration: o.lockMs,
        stalledInterval: o.stalledIntervalMs,
        maxStalledCount: o.maxStalled,
      },
    );
    this.#worker.on('error', () => undefined);
    this.#worker.on('failed', (job, error) => {
      if (!job) return;
      const last =
        job.attemptsMade >= (job.opts.attempts ?? 1) || /stalled more than allowable limit/i.test(error?.message ?? '');
      if (last) void exhausted(job.data, error).catch(() => undefined);
    });
  }

  /** Every `sweepIntervalMs`, one replica (a lock) hands `complete` the open runs past their deadline. */
  startSweep(complete: (run: OpenRunRef) => Promise<void>, log: (error: unknown) => void): void {
    const o = this.options;
    const tick = async () => {
      const lock = await this.#client.set(
        `${o.prefix}:sweep-lock`,
        '1',
        'PX',
        Math.max(1000, o.sweepIntervalMs - 100),
        'NX',
      );
      if (lock !== 'OK') return;
      const due = await this.#client.zrangebyscore(this.#openKey, 0, Date.now() - o.runDeadlineMs, 'LIMIT', 0, 100);
      for (const member of due) {
        try {
          await complete(JSON.parse(member) as OpenRunRef);
          await this.#client.zrem(this.#openKey, member);
        } catch (error) {
          log(error);
        }
      }
    };
    this.#sweeper = setInterval(() => void tick().catch(log), o.sweepIntervalMs);
    this.#sweeper.unref();
  }

  get #openKey(): string {
    return `${this.options.prefix}:open-runs`;
  }

  async addOpenRun(run: OpenRunRef): Promise<void> {
    await this.#client.zadd(this.#openKey, Date.now(), JSON.stringify(run));
  }

  async removeOpenRun(run: OpenRunRef): Promise<void> {
    await this.#client.zrem(this.#openKey, JSON.stringify(run));
  }

  /** A cache shared by every replica: JSON values under `namespace`, each kept `ttlMs`. */
  cache<T>(namespace: string, ttlMs: number, maxBytes = 64 * 1024): Cache<T> {
    const ready = () => this.#ready(1000);
    const prefix = `${this.options.prefix}:cache:${namespace}:`;
    return {
      async get(key, load) {
        // Redis away: the cache is only a saving, so load as if it were empty.
        const client = await ready();
        const hit = await client.get(prefix + key).catch(() => null);
        if (hit !== null) return (JSON.parse(hit) as { v: T }).v;
        const value = await load();
        const text = JSON.stringify({ v: value });
        // Bounded: each entry expires, and a value too large to be worth sharing is not stored.
        if (text.length <= maxBytes) await client.set(prefix + key, text, 'PX', ttlMs).catch(() => undefined);
        return value;
      },
    };
  }

  /** Jobs waiting, running, delayed (for /metrics and the tests). */
  async counts(): Promise<Record<string, number>> {
    return this.#queue.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed');
  }

  async close(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    await Promise.allSettled([this.#worker?.close(), this.#queue.close()]);
    this.#client.disconnect();
  }
}

/** BullMQ job ids may not contain ':' alone or be numbers; GitHub's delivery ids are UUIDs. */
function jobIdOf(delivery: string): string {
  return `d-${delivery.replace(/:/g, '_')}`;
}

function ownerOf(item: WorkItem): string {
  return String((item.payload.repository as { owner?: { login?: string } } | undefined)?.owner?.login ?? '');
}

function repoOf(item: WorkItem): string {
  return String((item.payload.repository as { name?: string } | undefined)?.name ?? '');
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

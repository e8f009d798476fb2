// In-process bookkeeping that keeps the app well-behaved under real webhook traffic:
// deliveries seen before, work serialised per pull request, stale evaluations detected,
// the background work the webhook handlers started (tests await it through idle()), the
// job each piece of work belongs to, a bound on evaluations running at once, and the check
// runs still open, to close them when the process is told to stop.
// Memory only: several replicas each keep their own, which is why every write the app
// makes is idempotent anyway (comments found by marker, release sections by markers); what
// must survive a restart is in journal.ts.
import { AsyncLocalStorage } from 'node:async_hooks';
import { formatDuration } from './limits.js';

/** A set that forgets its oldest members beyond `limit`, so memory stays bounded. */
export class BoundedSet {
  readonly #items = new Set<string>();
  constructor(readonly limit: number) {}

  /** Adds `key`; false when it was already there. */
  add(key: string): boolean {
    if (this.#items.has(key)) return false;
    this.#items.add(key);
    if (this.#items.size > this.limit) {
      const oldest = this.#items.values().next().value;
      if (oldest !== undefined) this.#items.delete(oldest);
    }
    return true;
  }

  has(key: string): boolean {
    return this.#items.has(key);
  }
}

/** Runs tasks one after another per key; different keys run concurrently. */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return next;
  }
}

/**
 * A counter per key, bumped when an event arrives. A run remembers the value it started
 * with; when it differs at the end, a newer event came in and the run must not publish
 * what would overwrite the newer result.
 */
export class Generations {
  readonly #counters = new Map<string, number>();

  next(key: string): number {
    const value = (this.#counters.get(key) ?? 0) + 1;
    this.#counters.set(key, value);
    return value;
  }

  isCurrent(key: string, generation: number): boolean {
    return this.#counters.get(key) === generation;
  }
}

/** Values kept for `ttlMs` per key, in memory; `now` is injectable for tests. */
export class TtlCache<T> {
  readonly #items = new Map<string, { value: T; until: number }>();
  constructor(
    readonly ttlMs: number,
    readonly limit = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  readonly #loading = new Map<string, Promise<T>>();

  /** The cached value without loading it: undefined when there is none (a cached null is `{ value: null }`). */
  peek(key: string): { value: T } | undefined {
    const hit = this.#items.get(key);
    return hit && hit.until > this.now() ? { value: hit.value } : undefined;
  }

  /** Caches a value learnt another way (the organisation config read along with the files). */
  set(key: string, value: T): void {
    this.#items.delete(key);
    this.#items.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#items.size > this.limit) {
      const oldest = this.#items.keys().next().value;
      if (oldest !== undefined) this.#items.delete(oldest);
    }
  }

  /**
   * The cached value, else `load()`'s (cached when it resolves; a failure is not cached).
   * Callers asking for a key while it loads share that one load.
   */
  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#items.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const inFlight = this.#loading.get(key);
    if (inFlight) return inFlight;
    const loading = load();
    this.#loading.set(key, loading);
    let value: T;
    try {
      value = await loading;
    } finally {
      this.#loading.delete(key);
    }
    this.#items.delete(key);
    this.#items.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#items.size > this.limit) {
      const oldest = this.#items.keys().next().value;
      if (oldest !== undefined) this.#items.delete(oldest);
    }
    return value;
  }
}

/** An evaluation ran past `limits.evaluationTimeoutMs`; its requests were aborted. */
export class EvaluationTimeoutError extends Error {
  override name = 'EvaluationTimeoutError';
  constructor(readonly ms: number) {
    super(`the evaluation took longer than ${formatDuration(ms)} and was stopped`);
  }
}

const pending = new Set<Promise<unknown>>();

/** Keeps a started task visible to idle(); its failure is the caller's to log. */
export function track<T>(task: Promise<T>): Promise<T> {
  pending.add(task);
  void task.then(
    () => pending.delete(task),
    () => pending.delete(task),
  );
  return task;
}

/** Resolves once every task started by webhook handlers (including ones they started) has settled. */
export async function idle(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** At most `size` holders at once; the others wait in arrival order. */
export class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(readonly size: number) {
    this.#free = size;
  }

  /** Resolves with the function that gives the place back (calling it twice is harmless). */
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

/**
 * What the work started for one webhook (or one sweep entry) is about: its key in the
 * journal, a check run a previous process left open to reuse, and whether its run still
 * waits for completion. Carried through async calls, so handlers need no extra argument.
 */
export interface Job {
  journalKey?: string;
  /** A run of this work that a stopped process left open: completed instead of creating another. */
  adoptRun?: { id: number; url: string | null };
  /** The run's completion failed and is being retried in the background. */
  completionPending?: boolean;
  /**
   * When the work was accepted (the webhook's arrival), ms since the epoch: the quick-verdict
   * budget (limits.quickVerdictMs) counts from here, time waiting in the queue included.
   */
  receivedAt?: number;
  /** Set when the work runs as a queued job (REDIS_URL; queued.ts): what it must tell the queue. */
  queued?: QueuedHooks;
}

export interface QueuedHooks {
  /** A check run was created (or adopted) for this job: stored with it, for a worker that takes over. Never throws. */
  onRun(run: { id: number; url: string | null }, sha: string): Promise<void>;
}

const jobs = new AsyncLocalStorage<Job>();

export function runJob<T>(job: Job, work: () => Promise<T>): Promise<T> {
  // Called when the work is accepted, before it waits in the queue.
  return jobs.run({ receivedAt: Date.now(), ...job }, work);
}

export function currentJob(): Job | undefined {
  return jobs.getStore();
}

/** A check run created and not yet completed, with how to close it when the process stops. */
export interface OpenRun {
  label: string;
  interrupt(): Promise<void>;
}

export interface OpenRunHandle {
  /** Its completion is on its way: a stopping process leaves it to that, not interrupt it. */
  finishing(): void;
  /** Completed: forget it. */
  close(): void;
}

const openRuns = new Map<OpenRun, { finishing: boolean }>();

/** Records a run as open until `close()`; `finishing()` once its completion is being sent. */
export function opened(run: OpenRun): OpenRunHandle {
  const state = { finishing: false };
  openRuns.set(run, state);
  return {
    finishing: () => void (state.finishing = true),
    close: () => void openRuns.delete(run),
  };
}

/**
 * For a stopping process (SIGTERM): lets the background work finish for up to `graceMs`,
 * then interrupts every run still open whose completion is not already under way, so none
 * is left "in progress" on GitHub forever (what cannot be completed now is in the journal,
 * for the next start). Returns the labels of the runs it interrupted.
 */
export async function drain(graceMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([idle(), deadline]);
  clearTimeout(timer);
  const left = [...openRuns].filter(([, state]) => !state.finishing).map(([run]) => run);
  for (const run of left) openRuns.delete(run);
  await Promise.allSettled(left.map((run) => run.interrupt()));
  return left.map((run) => run.label);
}

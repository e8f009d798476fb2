// In-process bookkeeping that keeps the app well-behaved under real webhook traffic:
// deliveries seen before, work serialised per pull request, stale evaluations detected,
// the background work the webhook handlers started (tests await it through idle()), and the
// check runs still open, to close them when the process is told to stop.
// Memory only: several replicas each keep their own, which is why every write the app
// makes is idempotent anyway (comments found by marker, release sections by markers).

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

  /** The cached value, else `load()`'s (cached when it resolves; a failure is not cached). */
  async get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.#items.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = await load();
    this.#items.delete(key);
    this.#items.set(key, { value, until: this.now() + this.ttlMs });
    if (this.#items.size > this.limit) {
      const oldest = this.#items.keys().next().value;
      if (oldest !== undefined) this.#items.delete(oldest);
    }
    return value;
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

/** A check run created and not yet completed, with how to close it when the process stops. */
export interface OpenRun {
  label: string;
  interrupt(): Promise<void>;
}

const openRuns = new Set<OpenRun>();

/** Records a run as open; call the returned function once it is being completed. */
export function opened(run: OpenRun): () => void {
  openRuns.add(run);
  return () => {
    openRuns.delete(run);
  };
}

/**
 * For a stopping process (SIGTERM): lets the background work finish for up to `graceMs`,
 * then interrupts every run still open, so none is left "in progress" on GitHub forever.
 * Returns the labels of the runs it interrupted.
 */
export async function drain(graceMs: number): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  await Promise.race([idle(), deadline]);
  clearTimeout(timer);
  const left = [...openRuns];
  openRuns.clear();
  await Promise.allSettled(left.map((run) => run.interrupt()));
  return left.map((run) => run.label);
}

// A small key-value store behind an async interface: what the app remembers to save API
// requests (assessments by content, the trees of commits, the PR comment's id). In memory
// here, bounded and expiring; the interface is the one a store shared by replicas (Redis)
// can implement later, which is why it is async and its values are plain JSON data.

export interface SharedStore<T> {
  get(key: string): Promise<T | undefined>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Least recently used entries go first beyond `limit`; each entry expires `ttlMs` after it was set. */
export class MemoryStore<T> implements SharedStore<T> {
  readonly #items = new Map<string, { value: T; until: number }>();

  constructor(
    readonly limit: number,
    readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#items.size;
  }

  async get(key: string): Promise<T | undefined> {
    const hit = this.#items.get(key);
    if (!hit) return undefined;
    if (hit.until <= this.now()) {
      this.#items.delete(key);
      return undefined;
    }
    // Map order is insertion order: moving the entry to the end marks it recently used.
    this.#items.delete(key);
    this.#items.set(key, hit);
    return hit.value;
  }

  async set(key: string, value: T): Promise<void> {
    this.#items.delete(key);
    this.#items.set(key, { value, until: this.now() + this.ttlMs });
    while (this.#items.size > this.limit) {
      const oldest = this.#items.keys().next().value;
      if (oldest === undefined) break;
      this.#items.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.#items.delete(key);
  }
}

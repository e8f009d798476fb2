// The seams between "a webhook was accepted" and "its work runs", with two implementations:
// in memory (one process, the embedded default: the classes of runtime.ts) and on Redis
// with BullMQ (redis-work.ts, chosen when REDIS_URL is set). The webhook side plans the work
// from the payload and stores it as plain data (a WorkItem); a worker rebuilds a context
// from that data and runs the same handler. A closure or a Probot Context cannot be queued.
import { AsyncLocalStorage } from 'node:async_hooks';
import { BoundedSet } from './runtime.js';

/** What a worker needs to redo a webhook's work: plain JSON, nothing bound to a process. */
export interface WorkItem {
  delivery: string;
  /** The webhook's event name (`pull_request`); the action is in the payload. */
  event: string;
  installationId: number;
  /** The payload, trimmed to what the handlers read (trimPayload). */
  payload: Record<string, unknown>;
  /** Work with the same key never runs at once (a pull request, a commit, a release). */
  key: string;
  /**
   * Coalesce with other work on the key: while one runs, at most one more waits, and later
   * ones are dropped (a pull request: the waiting job reads the PR's head when it starts).
   */
  coalesce: boolean;
  /**
   * When the webhook arrived (ms since the epoch): the quick-verdict budget counts from here,
   * time waiting in the queue included, as in one process.
   */
  receivedAt?: number;
  /** The check run an earlier attempt of this job created, to complete instead of a new one. */
  run?: { id: number; url: string | null; sha: string };
}

/** Delivery ids already taken, for GitHub's 3-day redelivery window (or a bounded number in memory). */
export interface DeliveryMarks {
  /** True when this caller takes the delivery; false when it was taken before. */
  claim(delivery: string): Promise<boolean>;
  /** Gives a delivery back (its work could not be stored), so a redelivery is accepted. */
  release(delivery: string): Promise<void>;
}

/** A read-through cache: the stored value for `key`, else `load()`'s (stored when it succeeds). */
export interface Cache<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

export class MemoryDeliveryMarks implements DeliveryMarks {
  constructor(readonly seen: BoundedSet = new BoundedSet(5000)) {}
  async claim(delivery: string): Promise<boolean> {
    return this.seen.add(delivery);
  }
  async release(): Promise<void> {
    // A BoundedSet cannot forget one member; in memory nothing is ever "not stored" anyway.
  }
}

export type Role = 'all' | 'web' | 'worker';

/** TRULY_OPEN_ROLE: `all` (default) takes webhooks and runs work, `web` only takes, `worker` only runs. */
export function roleFromEnv(env: NodeJS.ProcessEnv): Role {
  const role = env.TRULY_OPEN_ROLE?.trim().toLowerCase();
  if (role === 'web' || role === 'worker') return role;
  if (role && role !== 'all')
    throw new Error(`TRULY_OPEN_ROLE must be all, web or worker, not ${JSON.stringify(env.TRULY_OPEN_ROLE)}`);
  return 'all';
}

/**
 * Set around each webhook request by the guard (webhook-guard.ts): a handler that could not
 * store its work says so here, and the request is answered 503 instead of 200, so GitHub
 * shows the delivery as failed and it can be redelivered.
 */
export const deliveryScope = new AsyncLocalStorage<{ notStored: boolean }>();

/** The work of a webhook could not be stored (Redis down or too slow). */
export class NotStoredError extends Error {
  override name = 'NotStoredError';
}

type Obj = Record<string, unknown>;
const pick = (value: unknown, keys: string[]): Obj | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const source = value as Obj;
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
};

/**
 * The payload without what no handler reads (commit lists, long texts, URL fields), so a
 * queued job stays a few hundred bytes to a few KB whatever GitHub sent.
 */
export function trimPayload(payload: Obj): Obj {
  const repository = payload.repository as Obj | undefined;
  const trimmed: Obj = {
    ...payload,
    ...(repository
      ? {
          repository: {
            ...pick(repository, ['id', 'name', 'full_name', 'private', 'default_branch']),
            owner: pick(repository.owner, ['login', 'id', 'type']),
          },
        }
      : {}),
  };
  delete trimmed.commits;
  delete trimmed.head_commit;
  delete trimmed.organization;
  delete trimmed.enterprise;
  if (payload.pull_request) {
    const pr = payload.pull_request as Obj;
    trimmed.pull_request = {
      ...pick(pr, ['number', 'state']),
      head: pick(pr.head, ['sha', 'ref']),
      base: pick(pr.base, ['sha', 'ref']),
    };
  }
  if (payload.issue) trimmed.issue = pick(payload.issue, ['number', 'pull_request']);
  if (payload.sender) trimmed.sender = pick(payload.sender, ['login', 'type', 'id']);
  return trimmed;
}

// The work this process has accepted and not finished, kept in a small JSON file so that
// a restart does not lose it. A deploy stops the process (SIGTERM) while evaluations wait
// in the queue or in Probot's write throttle (writes are spaced 1 s apart), and a crash
// stops it anywhere: the check runs of those commits would stay "in progress", or never
// appear. On start, the app re-evaluates what the file lists (sweep.ts), completing the
// run a previous process left open instead of creating another.
//
// An entry is added when a webhook's work is accepted (before it waits in the queue), gets
// the run id once the run exists, and is removed when the work is over and its run is
// completed. Writes are coalesced (at most one per WRITE_DELAY_MS) and atomic (a temporary
// file renamed over the old one); SIGTERM writes synchronously before exiting. Bounded:
// at most `maxEntries`, none older than `maxAgeMs`.
//
// Where: TRULY_OPEN_STATE_DIR (docs/deploy.md). One process per folder: each replica
// needs its own (a volume per replica).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunKind } from './publish.js';

export const JOURNAL_FILE = 'pending-evaluations.json';
const WRITE_DELAY_MS = 200;

export interface JournalEntry {
  key: string;
  installationId: number;
  repository: { owner: string; name: string; private: boolean; defaultBranch: string };
  kind: RunKind;
  /** The commit; null when it is looked up again (a PR's current head, a release's tag). */
  sha: string | null;
  /** The commit's branch when known (a push: the default branch). */
  headBranch: string | null;
  /** The check run created for it, once there is one. */
  run?: { id: number; url: string | null };
  /** When the work was accepted (ms since the epoch). */
  at: number;
}

export type JournalSeed = Omit<JournalEntry, 'key' | 'at' | 'run'>;

export interface JournalOptions {
  maxEntries: number;
  maxAgeMs: number;
  now?: () => number;
  /** Told about files it could not read or write; never throws. */
  warn?: (message: string) => void;
}

export function journalKey(seed: JournalSeed): string {
  const kind =
    seed.kind.kind === 'push' ? 'push' : seed.kind.kind === 'pr' ? `pr:${seed.kind.number}` : `release:${seed.kind.id}`;
  return `${seed.installationId}:${seed.repository.owner}/${seed.repository.name}:${kind}:${seed.sha ?? 'current'}`;
}

export class Journal {
  readonly #entries = new Map<string, JournalEntry>();
  /** Keys whose run still waits for its completion (retried in the background). */
  readonly #held = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  readonly #now: () => number;

  /** `dir` null: memory only (nothing survives a restart). */
  constructor(
    readonly dir: string | null,
    private readonly options: JournalOptions,
  ) {
    this.#now = options.now ?? Date.now;
  }

  get file(): string | null {
    return this.dir === null ? null : join(this.dir, JOURNAL_FILE);
  }

  get size(): number {
    return this.#entries.size;
  }

  entries(): JournalEntry[] {
    return [...this.#entries.values()];
  }

  /**
   * What a previous process left, within the bounds, oldest first. The entries stay in
   * the journal (this process now owns them) until their work is done again.
   */
  load(): JournalEntry[] {
    const file = this.file;
    if (file === null) return [];
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT')
        this.options.warn?.(`journal ${file} not read: ${(error as Error).message}`);
      return [];
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      this.options.warn?.(`journal ${file} is not JSON; starting empty`);
      return [];
    }
    const now = this.#now();
    const list = (Array.isArray(parsed) ? parsed : [])
      .filter(isEntry)
      .filter((e) => now - e.at <= this.options.maxAgeMs);
    list.sort((a, b) => a.at - b.at);
    for (const entry of list.slice(-this.options.maxEntries)) this.#entries.set(entry.key, entry);
    this.schedule();
    return this.entries();
  }

  /** Records accepted work; returns its key. Over the bound, the oldest entry is dropped. */
  add(seed: JournalSeed): string {
    const key = journalKey(seed);
    const known = this.#entries.get(key);
    this.#entries.set(key, { ...seed, key, at: this.#now(), ...(known?.run ? { run: known.run } : {}) });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
      this.options.warn?.(`journal full (${this.options.maxEntries}); dropped ${oldest}`);
    }
    this.schedule();
    return key;
  }

  get(key: string): JournalEntry | undefined {
    return this.#entries.get(key);
  }

  attachRun(key: string, run: { id: number; url: string | null }): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.run?.id === run.id) return;
    entry.run = run;
    this.schedule();
  }

  /** The run's completion is still being retried: `done` must not drop the entry yet. */
  hold(key: string): void {
    this.#held.add(key);
  }

  /** The work is over. A held entry stays until `release`. */
  done(key: string): void {
    if (this.#held.has(key)) return;
    if (this.#entries.delete(key)) this.schedule();
  }

  /** The held run was completed after all. */
  release(key: string): void {
    this.#held.delete(key);
    this.done(key);
  }

  /** Writes now, synchronously (a stopping process). */
  flushSync(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const file = this.file;
    if (file === null || this.dir === null) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(`${file}.tmp`, this.serialise());
      renameSync(`${file}.tmp`, file);
    } catch (error) {
      this.options.warn?.(`journal ${file} not written: ${(error as Error).message}`);
    }
  }

  /** Resolves when the writes scheduled so far are on disk (tests, shutdown). */
  async flushed(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
      this.#writing = this.#writing.then(() => this.write());
    }
    await this.#writing;
  }

  private schedule(): void {
    if (this.dir === null || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#writing = this.#writing.then(() => this.write());
    }, WRITE_DELAY_MS);
    this.#timer.unref?.();
  }

  private async write(): Promise<void> {
    const file = this.file;
    if (file === null || this.dir === null) return;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(`${file}.tmp`, this.serialise());
      await rename(`${file}.tmp`, file);
    } catch (error) {
      this.options.warn?.(`journal ${file} not written: ${(error as Error).message}`);
    }
  }

  private serialise(): string {
    return `${JSON.stringify(this.entries())}\n`;
  }
}

function isEntry(value: unknown): value is JournalEntry {
  const e = value as Partial<JournalEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.key === 'string' &&
    typeof e.installationId === 'number' &&
    typeof e.at === 'number' &&
    typeof e.repository?.owner === 'string' &&
    typeof e.repository?.name === 'string' &&
    typeof e.repository?.defaultBranch === 'string' &&
    (e.sha === null || typeof e.sha === 'string') &&
    typeof e.kind === 'object' &&
    e.kind !== null &&
    ['push', 'pr', 'release'].includes((e.kind as { kind?: string }).kind ?? '')
  );
}

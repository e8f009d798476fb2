// Applies the config's `ignore` globs to a snapshot that was read without them. The app
// reads the repository before it knows the configuration (the configuration is one of the
// files it reads), so the filter runs afterwards, on plain data.
import { compileGlobs } from './glob.js';
import type { RepoSnapshot } from './snapshot.js';

export function applyIgnore(snapshot: RepoSnapshot, patterns: readonly string[]): RepoSnapshot {
  if (patterns.length === 0) return snapshot;
  const ignored = compileGlobs(patterns);
  const entries = snapshot.entries.filter((e) => !ignored(e.path));
  const dropped = snapshot.entries.filter((e) => ignored(e.path));
  const texts = Object.fromEntries(Object.entries(snapshot.texts).filter(([path]) => !ignored(path)));
  return {
    ...snapshot,
    entries,
    texts,
    skipped: [...snapshot.skipped, ...dropped.map((e) => ({ path: e.path, reason: 'ignored' as const }))],
  };
}

// Assessments cached by content. An assessment depends only on the commit's tree (and the
// files read from it), the configuration and the online facts, so it is keyed by tree SHA,
// a hash of the config and a facts version: a re-run of an unchanged head, and a PR whose
// base is the default-branch commit just evaluated on push, need no read at all.
//
// Three small stores (store.ts): commit -> tree SHA (learnt from the tree request), tree ->
// what the evaluation must know before judging (model signal, its config file), and the
// reports. Keys name the repository as well as the tree: with a store shared by replicas
// (and installations), one installation's cache never serves another's, and the report's
// subject stays right. Online facts change over time (a dataset gets published): entries
// expire after `ttlMs`, and a report whose lookups failed is not cached at all.
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { Report } from '../core/report.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import type { TrustedConfig } from './config.js';
import type { RepoRef } from './publish.js';
import { MemoryStore, type SharedStore } from './store.js';

/** What must be known about a tree before judging it: whether to judge it at all, and its config file. */
export interface TreeFacts {
  signal: boolean;
  config: TrustedConfig;
}

export interface AssessmentCache {
  trees: SharedStore<string>;
  facts: SharedStore<TreeFacts>;
  reports: SharedStore<Report>;
}

export function memoryAssessmentCache({
  entries = 500,
  ttlMs = 10 * 60_000,
}: { entries?: number; ttlMs?: number } = {}): AssessmentCache {
  return {
    // Commit -> tree never changes; only memory bounds it.
    trees: new MemoryStore<string>(entries * 10, 24 * 3600_000),
    facts: new MemoryStore<TreeFacts>(entries * 4, 24 * 3600_000),
    reports: new MemoryStore<Report>(entries, ttlMs),
  };
}

const repoKey = (repo: RepoRef) => `${repo.owner}/${repo.repo}`.toLowerCase();

export const commitKey = (repo: RepoRef, sha: string): string => `${repoKey(repo)}@${sha}`;
export const treeKey = (repo: RepoRef, tree: string): string => `${repoKey(repo)}^${tree}`;

export function reportKey(repo: RepoRef, tree: string, config: Config, factsVersion: string): string {
  return `${treeKey(repo, tree)}|${configHash(config)}|${factsVersion}`;
}

/** The config as the engine reads it, hashed: any setting that could change the report changes the key. */
export function configHash(config: Config): string {
  return createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 16);
}

/**
 * What the online facts depend on besides the files and the config: the engine's version,
 * whether lookups run and where, with a token or not, and whether the repository is
 * private (nothing leaves for the Hub then).
 */
export function factsVersion(
  engine: string,
  online: { enabled: boolean; hub: { hfEndpoint?: string; hfToken?: string } },
  privateRepo: boolean,
): string {
  const where = online.enabled
    ? `online:${online.hub.hfEndpoint ?? 'hub'}${online.hub.hfToken ? '+token' : ''}`
    : 'offline';
  return `${engine}|${where}|${privateRepo ? 'private' : 'public'}`;
}

/** A report may be reused only when no lookup behind it failed (it would stay degraded until it expired). */
export function cacheable(snapshot: RepoSnapshot): boolean {
  const remote = snapshot.remote;
  if (!remote) return true;
  const facts = [...Object.values(remote.datasets), ...Object.values(remote.models), ...Object.values(remote.github)];
  return facts.every((f) => f.state !== 'unavailable');
}

/** A cached report, about the commit now being evaluated (another commit may share the tree). */
export function forCommit(report: Report, sha: string): Report {
  return report.subject.revision === sha ? report : { ...report, subject: { ...report.subject, revision: sha } };
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// What an evaluation knows about each commit it judges (the head, a PR's base): known from
// the assessment cache when its tree was read before, else read from GitHub with a tree
// request and ONE GraphQL request. That request also carries what the evaluation would
// otherwise ask separately: the organisation's config when the default branch has none
// (and it is not cached), and what the plan asks along with the head (a PR's comments).
import type { RepoSnapshot, SnapshotEntry } from '../core/snapshot.js';
import { readGithubSnapshotWith, type ExtraQuery, type GithubClient } from '../sources/github-snapshot.js';
import { commitKey, treeKey, type TreeFacts } from './assessments.js';
import { CONFIG_PATHS, needsOrgConfig, ORG_CONFIG_QUERY, trustedConfigOf } from './config.js';
import type { RepoRef } from './publish.js';
import type { Services } from './services.js';

export interface Side {
  sha: string;
  /** The commit's tree SHA, when known: the key of its cached assessments. */
  tree: string | null;
  /** Null when the commit could not be read (404, empty repository): nothing is cached then. */
  facts: TreeFacts | null;
  /** Null when the side is known from the cache and was not read. */
  snapshot: RepoSnapshot | null;
  /** The answer to the extra fields asked with the files. */
  extra: Record<string, unknown> | null;
}

/** The part of the client the reader needs: requests, and the tree SHA each commit's listing named. */
export type ReadingClient = GithubClient & { treeOf(sha: string): string | null };

export class CommitReader {
  constructor(
    private readonly svc: Services,
    private readonly repo: RepoRef,
    private readonly client: ReadingClient,
    private readonly signalOf: (snapshot: RepoSnapshot) => boolean,
  ) {}

  /** The side as the cache knows it (no request), or null. */
  async known(sha: string): Promise<Side | null> {
    const tree = await this.svc.assessments.trees.get(commitKey(this.repo, sha));
    if (tree === undefined) return null;
    const facts = await this.svc.assessments.facts.get(treeKey(this.repo, tree));
    return facts === undefined ? null : { sha, tree, facts, snapshot: null, extra: null };
  }

  /** Reads the commit (tree + one GraphQL request with `extra`), and remembers its tree and facts. */
  async read(
    sha: string,
    extra?: (entries: readonly SnapshotEntry[]) => ExtraQuery | null,
  ): Promise<Side & { snapshot: RepoSnapshot }> {
    const { snapshot, extra: answer } = await readGithubSnapshotWith(
      this.client,
      { ...this.repo, sha },
      extra ? { extra } : {},
    );
    const unreadable = snapshot.skipped.some((s) => s.path === '' && s.reason === 'unreadable');
    if (unreadable) return { sha, tree: null, facts: null, snapshot, extra: answer };
    const facts: TreeFacts = { signal: this.signalOf(snapshot), config: trustedConfigOf(snapshot) };
    const tree = this.client.treeOf(sha);
    if (tree !== null) {
      await this.svc.assessments.trees.set(commitKey(this.repo, sha), tree);
      await this.svc.assessments.facts.set(treeKey(this.repo, tree), facts);
    }
    return { sha, tree, facts, snapshot, extra: answer };
  }
}

/**
 * Head and base: each from the cache or read, both at once. The organisation's config
 * rides on the request of the default branch's side when that side is read, else on the
 * head's; `headQuery` on the head's.
 */
export async function readSides(
  reader: CommitReader,
  svc: Services,
  repo: RepoRef,
  plan: { sha: string; baseSha?: string; defaultBranchAt: 'head' | 'base' | null; headQuery?: ExtraQuery },
): Promise<[Side, Side | null]> {
  const [headKnown, baseKnown] = await Promise.all([
    reader.known(plan.sha),
    plan.baseSha ? reader.known(plan.baseSha) : Promise.resolve(null),
  ]);
  const orgNeeded = (entries: readonly SnapshotEntry[]) => {
    const path = CONFIG_PATHS.find((p) => entries.some((e) => e.path === p)) ?? null;
    return needsOrgConfig({ path, text: null }, repo.owner, svc.orgConfigs);
  };
  // The default branch's tree is known from the cache but the organisation's config is
  // not: ask for it along with the head.
  const orgOnHead =
    plan.defaultBranchAt === 'base' &&
    baseKnown?.facts != null &&
    needsOrgConfig(baseKnown.facts.config, repo.owner, svc.orgConfigs);
  const headExtra = (entries: readonly SnapshotEntry[]) =>
    merge(
      (plan.defaultBranchAt === 'head' && orgNeeded(entries)) || orgOnHead ? ORG_CONFIG_QUERY : null,
      plan.headQuery ?? null,
    );
  const baseExtra = (entries: readonly SnapshotEntry[]) =>
    plan.defaultBranchAt === 'base' && orgNeeded(entries) ? ORG_CONFIG_QUERY : null;
  return Promise.all([
    headKnown ?? reader.read(plan.sha, headExtra),
    plan.baseSha ? (baseKnown ?? reader.read(plan.baseSha, baseExtra)) : Promise.resolve(null),
  ]);
}

function merge(a: ExtraQuery | null, b: ExtraQuery | null): ExtraQuery | null {
  if (!a || !b) return a ?? b;
  return { fields: `${a.fields} ${b.fields}`, variables: { ...a.variables, ...b.variables } };
}

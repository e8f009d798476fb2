// One gate and one step for online lookups, shared by the CLI, the Action and the App:
// whether anything may be sent to the Hub / GitHub API for this subject, and the
// snapshot -> query -> lookups -> snapshot-with-facts step itself.
//
// For the App: call `enrichSnapshot(snapshot, config, { privateRepo: payload.repository.private,
// githubRequest: context.octokit.request, ...hubOptionsFromEnv(process.env) })` after the
// config is loaded and before `assess`. A private repository sends nothing to the Hub unless
// the config says `hub: { private_repos: true }`.
import type { Config } from '../../config/schema.js';
import { remoteQuery } from '../../core/remote-query.js';
import type { RemoteFacts, RemoteQuery } from '../../core/remote.js';
import type { RepoSnapshot } from '../../core/snapshot.js';
import { notFound } from './github-client.js';
import { emptyRemoteFacts, resolveRemote, type ResolveOptions } from './resolve.js';

export interface LookupGate {
  /** `--offline` (CLI) or the Action's `offline` input. */
  offline?: boolean;
  config: Pick<Config, 'hub'>;
  /** The subject is a private GitHub repository (webhook `repository.private`). */
  privateRepo?: boolean;
}

export type LookupDecision = { allowed: true } | { allowed: false; reason: string };

export function lookupsAllowed({ offline, config, privateRepo }: LookupGate): LookupDecision {
  if (offline) return { allowed: false, reason: 'offline mode (--offline)' };
  if (config.hub === false) return { allowed: false, reason: 'the configuration turns them off (`hub: false`)' };
  if (privateRepo && !config.hub?.private_repos) {
    // Card contents of a private repository (dataset and model ids) would leave for a third party.
    return { allowed: false, reason: 'the repository is private; set `hub: { private_repos: true }` to allow lookups' };
  }
  return { allowed: true };
}

export interface EnrichOptions extends ResolveOptions {
  offline?: boolean;
  privateRepo?: boolean;
  onProgress?: (message: string) => void;
  /** The lookup step; tests and the App may pass their own. */
  resolve?: (query: RemoteQuery, options: ResolveOptions) => Promise<RemoteFacts>;
}

/**
 * The snapshot with `remote` filled from the Hub and GitHub. `--offline` and `hub: false`
 * return it unchanged (the engine's offline behaviour). For a private repository without
 * `hub: { private_repos: true }`, `remote` carries no facts, the reason in `notOnline` and a
 * note, so the report says nothing was verified online and why. Never throws for lookup failures:
 * those become facts with a state.
 */
export async function enrichSnapshot(
  snapshot: RepoSnapshot,
  config: Config,
  options: EnrichOptions = {},
): Promise<RepoSnapshot> {
  const { offline, privateRepo, onProgress, resolve = resolveRemote, ...resolveOptions } = options;
  const decision = lookupsAllowed({ offline: offline === true, config, privateRepo: privateRepo === true });
  if (!decision.allowed) {
    // Offline and `hub: false` are the engine's offline behaviour, asked for by the user.
    if (offline || config.hub === false) return snapshot;
    const remote = snapshot.remote ?? emptyRemoteFacts();
    return {
      ...snapshot,
      remote: {
        ...remote,
        notes: [...remote.notes, `online lookups not made: ${decision.reason}`],
        notOnline: decision.reason,
      },
    };
  }
  const query = remoteQuery(snapshot, config);
  const count =
    query.datasets.length +
    query.evalDatasets.length +
    query.models.length +
    query.baseModels.length +
    query.githubRepos.length;
  if (count === 0) return snapshot.remote ? snapshot : { ...snapshot, remote: emptyRemoteFacts() };
  onProgress?.(`checking ${count} Hub and GitHub reference${count === 1 ? '' : 's'}…`);
  const found = publicFactsOnly(await resolve(query, resolveOptions));
  return { ...snapshot, remote: mergeRemote(snapshot.remote, found) };
}

/**
 * GitHub facts about a repository that is not public become the not-found fact, whatever
 * produced them (github-client already answers so; a custom `resolve` might not): the
 * criteria then see a private repository exactly as a missing one.
 */
export function publicFactsOnly(facts: RemoteFacts): RemoteFacts {
  const hidden = Object.values(facts.github).filter((g) => g.private);
  if (hidden.length === 0) return facts;
  const github = { ...facts.github };
  for (const [key, fact] of Object.entries(facts.github))
    if (fact.private) github[key] = { ...notFound(fact.repo), component: fact.component };
  return { ...facts, github };
}

/** Facts already in the snapshot (an `hf:` subject's own model) joined with new ones; new ones win. */
export function mergeRemote(a: RemoteFacts | undefined, b: RemoteFacts): RemoteFacts {
  if (!a) return b;
  return {
    datasets: { ...a.datasets, ...b.datasets },
    models: { ...a.models, ...b.models },
    github: { ...a.github, ...b.github },
    lineage: [...a.lineage, ...b.lineage],
    notes: [...a.notes, ...b.notes],
  };
}

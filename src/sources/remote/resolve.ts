// Turns a RemoteQuery (what the card and config name) into RemoteFacts (what the Hub and
// GitHub say about it). Every failure becomes a fact with a state and an error: the engine
// must be able to say "could not be checked" instead of losing the whole report.
import { licenseRefFor } from '../../core/evidence/license-table.js';
import { normaliseLicenseId, PLACEHOLDER_OTHER, PLACEHOLDER_UNKNOWN } from '../../core/evidence/licenses.js';
import type {
  CodeComponent,
  GithubRepoInfo,
  HubDatasetFact,
  HubModelFact,
  LookupState,
  RemoteFacts,
  RemoteQuery,
} from '../../core/remote.js';
import { GithubClient, unseen, type OctokitRequest } from './github-client.js';
import { HttpClient, type HttpOptions } from './http.js';
import { cardDescribesData, checkpointRevisions, HubClient, type HubRepoInfo } from './hub-client.js';

export interface ResolveOptions extends HttpOptions {
  /** The app's `octokit.request` for GitHub lookups (installation token); wins over `githubToken`. */
  githubRequest?: OctokitRequest;
  /** Lookups in flight at once. */
  concurrency?: number;
  /** Longest base_model chain followed. */
  maxDepth?: number;
}

export const MAX_LINEAGE_DEPTH = 5;
const DEFAULT_CONCURRENCY = 4;

/**
 * Hub settings from the environment, for the CLI and the app: `HF_ENDPOINT` (a mirror or a
 * local test server) and `HF_TOKEN` (`HUGGING_FACE_HUB_TOKEN` is the older name).
 */
export function hubOptionsFromEnv(
  env: Record<string, string | undefined>,
): Pick<ResolveOptions, 'hfEndpoint' | 'hfToken'> {
  const out: Pick<ResolveOptions, 'hfEndpoint' | 'hfToken'> = {};
  const endpoint = env.HF_ENDPOINT?.trim();
  const token = (env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN)?.trim();
  if (endpoint) out.hfEndpoint = endpoint;
  if (token) out.hfToken = token;
  return out;
}

export function emptyRemoteFacts(): RemoteFacts {
  return { datasets: {}, models: {}, github: {}, lineage: [], notes: [] };
}

export async function resolveRemote(query: RemoteQuery, options: ResolveOptions = {}): Promise<RemoteFacts> {
  const facts = emptyRemoteFacts();
  let http: HttpClient;
  try {
    http = new HttpClient(options);
  } catch (err) {
    return allUnavailable(query, err instanceof Error ? err.message : String(err));
  }
  const hub = new HubClient(http);
  const github = new GithubClient(options.githubRequest ? { request: options.githubRequest } : { http });
  const limit = pool(options.concurrency ?? DEFAULT_CONCURRENCY);
  const maxDepth = Math.min(options.maxDepth ?? MAX_LINEAGE_DEPTH, MAX_LINEAGE_DEPTH);

  try {
    const datasetIds = new Set([...query.datasets, ...query.evalDatasets].map((id) => id.trim()).filter(Boolean));
    const modelIds = unique(query.models.map((id) => id.trim()).filter(Boolean));
    // A repository named for two components is looked up once, for the first.
    const componentOf = new Map<string, CodeComponent>();
    for (const r of query.githubRepos)
      if (r.repo.trim() && !componentOf.has(r.repo.trim())) componentOf.set(r.repo.trim(), r.component);

    const modelsDone = Promise.all(
      modelIds.map((id) =>
        limit(async () => {
          facts.models[id] = await lookupModel(hub, id, true);
        }),
      ),
    );
    const githubDone = Promise.all(
      [...componentOf].map(([repo, component]) =>
        limit(async () => {
          facts.github[repo] = { ...(await lookupGithub(github, repo)), component };
        }),
      ),
    );
    await modelsDone;

    // Lineage starts at the card's base_model ids and at the base models of the release
    // repo a GitHub repository's config points at (`huggingface:`); other linked models'
    // bases are theirs, not this model's.
    // The roots (the model itself) are seen; other linked models may still be someone's base.
    const seen = new Set<string>([query.subject, query.release].filter((id): id is string => !!id));
    // Who named each model as its base: walking it up tells a cycle (a -> b -> a) from a
    // diamond (two parents sharing a base), which is simply already resolved.
    const namedBy = new Map<string, string>();
    let level: { id: string; via: string }[] = [];
    const queue = (id: string, via: string) => {
      if (!id) return;
      if (seen.has(id)) {
        for (let x: string | undefined = via; x !== undefined; x = namedBy.get(x)) {
          if (x === id) {
            facts.notes.push(
              `lineage cycle: ${via} names ${id} as its base model, which leads back to ${via}; not followed`,
            );
            break;
          }
        }
        return;
      }
      seen.add(id);
      namedBy.set(id, via);
      level.push({ id, via });
    };
    for (const id of query.baseModels) queue(id.trim(), query.subject ?? 'card');
    if (query.release) for (const base of facts.models[query.release]?.baseModels ?? []) queue(base, query.release);

    for (let depth = 1; level.length > 0; depth++) {
      if (depth > maxDepth) {
        facts.notes.push(`lineage stops at depth ${maxDepth}; not followed: ${level.map((l) => l.id).join(', ')}`);
        break;
      }
      const current = level;
      level = [];
      await Promise.all(
        current.map(({ id, via }) =>
          limit(async () => {
            facts.models[id] ??= await lookupModel(hub, id, false);
            facts.lineage.push({ model: id, depth, via });
          }),
        ),
      );
      for (const { id } of current) {
        const fact = facts.models[id];
        for (const dataset of fact?.datasets ?? []) datasetIds.add(dataset);
        for (const base of fact?.baseModels ?? []) queue(base, id);
      }
    }
    facts.lineage.sort((a, b) => a.depth - b.depth || a.model.localeCompare(b.model));

    await Promise.all(
      [...datasetIds].map((id) =>
        limit(async () => {
          facts.datasets[id] = await lookupDataset(hub, id);
        }),
      ),
    );
    await githubDone;
  } catch (err) {
    // A bug must not cost the report: whatever was resolved stays, the rest is marked.
    facts.notes.push(`online lookups stopped early: ${err instanceof Error ? err.message : String(err)}`);
    fillMissing(facts, query, 'lookup stopped early');
  }

  // Lookups finish in any order; the facts are kept in the order the query named them, so
  // that "the first linked Hub model" is the same on every run.
  facts.models = inOrder(facts.models, [...query.models, ...query.baseModels, ...facts.lineage.map((l) => l.model)]);
  facts.datasets = inOrder(facts.datasets, [...query.datasets, ...query.evalDatasets]);
  facts.github = inOrder(
    facts.github,
    query.githubRepos.map((r) => r.repo),
  );

  const budgetHits = countErrors(facts, 'time budget');
  if (budgetHits > 0) facts.notes.push(`${budgetHits} lookup(s) not made: the time budget for online lookups ran out`);
  return facts;
}

/** Model facts as the engine reads them; `withRefs` also lists checkpoint branches. */
export async function lookupModel(hub: HubClient, id: string, withRefs: boolean): Promise<HubModelFact> {
  try {
    const info = await hub.modelInfo(id);
    if (info.state !== 'found') return { ...emptyModel(id, info.state, info.url), error: info.error };
    const m = info.value;
    const fact: HubModelFact = {
      id,
      state: 'found',
      url: info.url,
      license: hubLicense(m),
      gated: m.gated !== false,
      private: m.private,
      files: m.files.map((f) => ({ path: f.path, size: f.size, lfs: f.lfs !== null })),
      checkpointRevisions: [],
      baseModels: m.baseModels,
      datasets: m.datasets,
      ...extras(m),
    };
    if (m.sha) fact.revision = m.sha;
    if (withRefs) {
      const refs = await hub.modelRefs(id);
      if (refs.state === 'found') fact.checkpointRevisions = checkpointRevisions(refs.value);
      else fact.error = `branches not listed: ${refs.error}`;
    }
    return fact;
  } catch (err) {
    return { ...emptyModel(id, 'unavailable', hub.modelUrl(id)), error: errorText(err) };
  }
}

export async function lookupDataset(hub: HubClient, id: string): Promise<HubDatasetFact> {
  try {
    const info = await hub.datasetInfo(id);
    if (info.state !== 'found') return { ...emptyDataset(id, info.state, info.url), error: info.error };
    const d = info.value;
    const fact: HubDatasetFact = {
      id,
      state: 'found',
      url: info.url,
      license: hubLicense(d),
      gated: d.gated !== false,
      private: d.private,
      cardDescribesData: false,
      ...extras(d),
    };
    // No README listed means no card; an empty file list means the API did not say.
    const hasCard = d.files.length === 0 || d.files.some((f) => f.path.toLowerCase() === 'readme.md');
    if (hasCard) {
      const card = await hub.datasetCard(id, d.sha ?? 'main');
      if (card.state === 'found') fact.cardDescribesData = cardDescribesData(card.value);
      else fact.error = `dataset card not read: ${card.error}`;
    }
    return fact;
  } catch (err) {
    return { ...emptyDataset(id, 'unavailable', hub.datasetUrl(id)), error: errorText(err) };
  }
}

async function lookupGithub(github: GithubClient, repo: string): Promise<GithubRepoInfo> {
  try {
    return await github.repoInfo(repo);
  } catch (err) {
    return unseen(repo, 'unavailable', errorText(err));
  }
}

/**
 * The Hub's license id normalised to SPDX (or LicenseRef-), null only when the repo declares
 * none. `other` is custom terms, not the absence of a license: with a `license_name` it becomes
 * that name's id, without one `LicenseRef-other`. An id the table does not know stays visible.
 */
export function hubLicense(info: Pick<HubRepoInfo, 'license' | 'licenseName'>): string | null {
  if (!info.license) return null;
  const normalised = normaliseLicenseId(info.license);
  if (normalised) return normalised;
  if (info.license === 'other')
    return info.licenseName
      ? (normaliseLicenseId(info.licenseName) ?? licenseRefFor(info.licenseName))
      : PLACEHOLDER_OTHER;
  if (info.license === 'unknown') return PLACEHOLDER_UNKNOWN;
  if (info.license === 'none') return null;
  return licenseRefFor(info.license);
}

function extras(info: HubRepoInfo): { gatedMode?: 'auto' | 'manual'; licenseName?: string; disabled?: boolean } {
  const out: { gatedMode?: 'auto' | 'manual'; licenseName?: string; disabled?: boolean } = {};
  if (info.gated !== false) out.gatedMode = info.gated;
  if (info.licenseName) out.licenseName = info.licenseName;
  if (info.disabled) out.disabled = true;
  return out;
}

function emptyModel(id: string, state: LookupState, url: string): HubModelFact {
  return {
    id,
    state,
    url,
    license: null,
    gated: false,
    private: false,
    files: [],
    checkpointRevisions: [],
    baseModels: [],
    datasets: [],
  };
}

function emptyDataset(id: string, state: LookupState, url: string): HubDatasetFact {
  return { id, state, url, license: null, gated: false, private: false, cardDescribesData: false };
}

function allUnavailable(query: RemoteQuery, reason: string): RemoteFacts {
  const facts = emptyRemoteFacts();
  facts.notes.push(`online lookups not made: ${reason}`);
  fillMissing(facts, query, reason);
  return facts;
}

function fillMissing(facts: RemoteFacts, query: RemoteQuery, reason: string): void {
  const url = 'https://huggingface.co';
  for (const id of [...query.datasets, ...query.evalDatasets]) {
    facts.datasets[id] ??= { ...emptyDataset(id, 'unavailable', `${url}/datasets/${id}`), error: reason };
  }
  for (const id of [...query.models, ...query.baseModels]) {
    facts.models[id] ??= { ...emptyModel(id, 'unavailable', `${url}/${id}`), error: reason };
  }
  for (const { repo, component } of query.githubRepos) {
    facts.github[repo] ??= { ...unseen(repo, 'unavailable', reason), component };
  }
}

function countErrors(facts: RemoteFacts, needle: string): number {
  const all = [...Object.values(facts.datasets), ...Object.values(facts.models), ...Object.values(facts.github)];
  return all.filter((f) => f.error?.includes(needle)).length;
}

/** The same record with `order`'s keys first (in that order), then the rest sorted. */
function inOrder<T>(record: Record<string, T>, order: string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of order.map((k) => k.trim())) if (key in record && !(key in out)) out[key] = record[key]!;
  for (const key of Object.keys(record).sort()) if (!(key in out)) out[key] = record[key]!;
  return out;
}

/** Runs at most `n` tasks at once. */
function pool(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds n.
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

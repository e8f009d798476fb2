// Hugging Face Hub calls and the shapes we read from them. Response shapes follow the Hub
// API (`/api/models/{id}?blobs=true`: `siblings[]` with `rfilename`, `size`, `lfs.{sha256,size}`;
// `cardData`; `gated: false | 'auto' | 'manual'`; `private`; `disabled`; `tags` with `license:`).
import { stripBetween } from '../../core/evidence/strip.js';
import { CHECKPOINT_WORDS_SOURCE, type LookupState } from '../../core/remote.js';
import type { HttpClient, HttpResult } from './http.js';
import { rx } from '../../core/rx.js';

export type Lookup<T> =
  { state: 'found'; url: string; value: T } | { state: Exclude<LookupState, 'found'>; url: string; error: string };

export interface HubFile {
  path: string;
  /** Real size: the LFS object's size for LFS files. */
  size: number;
  lfs: { sha256: string; size: number } | null;
}

export interface HubRepoInfo {
  id: string;
  sha: string | null;
  private: boolean;
  gated: false | 'auto' | 'manual';
  disabled: boolean;
  tags: string[];
  cardData: Record<string, unknown> | null;
  /** Raw Hub license id (lower-cased), from `cardData.license` or a `license:` tag. */
  license: string | null;
  /** `license_name` for `license: other`, as the card writes it. */
  licenseName: string | null;
  files: HubFile[];
}

export interface HubModelInfo extends HubRepoInfo {
  baseModels: string[];
  datasets: string[];
}

/** Size cap for dataset cards: enough for any real card, never a data file. */
export const DATASET_CARD_CAP = 512 * 1024;

// Hub repo ids: `name` (legacy) or `owner/name`; anything else never reaches a URL.
const REPO_ID_RE = /^[A-Za-z0-9][\w.-]{0,95}(\/[A-Za-z0-9][\w.-]{0,95})?$/;

export function isHubRepoId(id: string): boolean {
  return REPO_ID_RE.test(id) && !id.includes('..');
}

export class HubClient {
  constructor(private readonly http: HttpClient) {}

  get endpoint(): string {
    return this.http.hubEndpoint;
  }

  modelUrl(id: string): string {
    return `${this.endpoint}/${id}`;
  }

  datasetUrl(id: string): string {
    return `${this.endpoint}/datasets/${id}`;
  }

  async modelInfo(id: string): Promise<Lookup<HubModelInfo>> {
    const url = this.modelUrl(id);
    if (!isHubRepoId(id)) return { state: 'not-found', url, error: `not a Hub repository id: ${JSON.stringify(id)}` };
    const res = await this.http.getJson(`${this.endpoint}/api/models/${id}?blobs=true`);
    if (!res.ok) return failed(url, res, 'model');
    const info = readRepoInfo(id, res.data);
    const card = info.cardData ?? {};
    return {
      state: 'found',
      url,
      value: {
        ...info,
        baseModels: unique([
          ...stringList(card.base_model),
          ...tagValues(info.tags, 'base_model:').map(stripRelation),
        ]).filter(isHubRepoId),
        datasets: unique([...stringList(card.datasets), ...tagValues(info.tags, 'dataset:')]).filter(isHubRepoId),
      },
    };
  }

  /** Branch names of a model repository (tags too: some releases tag checkpoints). */
  async modelRefs(id: string): Promise<Lookup<string[]>> {
    const url = this.modelUrl(id);
    if (!isHubRepoId(id)) return { state: 'not-found', url, error: `not a Hub repository id: ${JSON.stringify(id)}` };
    const res = await this.http.getJson<{ branches?: { name?: unknown }[]; tags?: { name?: unknown }[] }>(
      `${this.endpoint}/api/models/${id}/refs`,
    );
    if (!res.ok) return failed(url, res, 'model');
    const names = [...(res.data?.branches ?? []), ...(res.data?.tags ?? [])]
      .map((ref) => ref?.name)
      .filter((name): name is string => typeof name === 'string');
    return { state: 'found', url, value: unique(names) };
  }

  async datasetInfo(id: string): Promise<Lookup<HubRepoInfo>> {
    const url = this.datasetUrl(id);
    if (!isHubRepoId(id)) return { state: 'not-found', url, error: `not a Hub dataset id: ${JSON.stringify(id)}` };
    const res = await this.http.getJson(`${this.endpoint}/api/datasets/${id}`);
    if (!res.ok) return failed(url, res, 'dataset');
    return { state: 'found', url, value: readRepoInfo(id, res.data) };
  }

  /** The dataset card's text (README.md at `revision`), capped; never a data file. */
  async datasetCard(id: string, revision = 'main'): Promise<Lookup<string>> {
    const url = `${this.datasetUrl(id)}/resolve/${encodeURIComponent(revision)}/README.md`;
    if (!isHubRepoId(id)) return { state: 'not-found', url, error: `not a Hub dataset id: ${JSON.stringify(id)}` };
    const res = await this.http.get(url, { maxBytes: DATASET_CARD_CAP, accept: 'text/plain, text/markdown, */*' });
    if (!res.ok) return failed(url, res, 'file');
    return { state: 'found', url, value: res.body };
  }

  /** A small file of a model repository at a revision, capped at `maxBytes`. */
  async modelFileText(id: string, revision: string, path: string, maxBytes: number): Promise<Lookup<string>> {
    const encodedPath = path.split('/').map(encodeURIComponent).join('/');
    const url = `${this.modelUrl(id)}/resolve/${encodeURIComponent(revision)}/${encodedPath}`;
    if (!isHubRepoId(id)) return { state: 'not-found', url, error: `not a Hub repository id: ${JSON.stringify(id)}` };
    const res = await this.http.get(url, { maxBytes, accept: 'text/plain, */*' });
    if (!res.ok) return failed(url, res, 'file');
    return { state: 'found', url, value: res.body };
  }
}

function failed(
  url: string,
  res: Extract<HttpResult, { ok: false }>,
  what: 'model' | 'dataset' | 'file',
): Lookup<never> {
  if (res.kind === 'not-found')
    return { state: 'not-found', url, error: `${what} not found on the Hub (HTTP ${res.status})` };
  if (res.kind === 'unauthorized') {
    // Without a token the Hub answers 401 both for private and for missing repositories.
    const code = res.headers['x-error-code'];
    const detail =
      code === 'RepoNotFound'
        ? 'repository not found or private'
        : code === 'GatedRepo'
          ? 'gated repository'
          : 'private, missing or not accessible';
    return { state: 'unauthorized', url, error: `${what}: ${detail} (HTTP ${res.status})` };
  }
  if (res.kind === 'too-large') return { state: 'unavailable', url, error: `${what}: ${res.error}` };
  return { state: 'unavailable', url, error: `${what} could not be checked: ${res.error}` };
}

function readRepoInfo(id: string, data: unknown): HubRepoInfo {
  const obj = isRecord(data) ? data : {};
  const cardData = isRecord(obj.cardData) ? obj.cardData : null;
  const tags = Array.isArray(obj.tags) ? obj.tags.filter((t): t is string => typeof t === 'string') : [];
  const gated = obj.gated === 'auto' || obj.gated === 'manual' ? obj.gated : obj.gated === true ? 'auto' : false;
  const cardLicense = stringList(cardData?.license)[0];
  const license = (cardLicense ?? tagValues(tags, 'license:')[0] ?? null)?.toLowerCase() ?? null;
  const licenseName = typeof cardData?.license_name === 'string' ? cardData.license_name : null;
  const siblings = Array.isArray(obj.siblings) ? obj.siblings : [];
  const files: HubFile[] = [];
  for (const sibling of siblings) {
    if (!isRecord(sibling) || typeof sibling.rfilename !== 'string') continue;
    const lfs =
      isRecord(sibling.lfs) && typeof sibling.lfs.size === 'number'
        ? { sha256: typeof sibling.lfs.sha256 === 'string' ? sibling.lfs.sha256 : '', size: sibling.lfs.size }
        : null;
    const size = lfs?.size ?? (typeof sibling.size === 'number' ? sibling.size : 0);
    files.push({ path: sibling.rfilename, size, lfs });
  }
  return {
    id: typeof obj.id === 'string' ? obj.id : id,
    sha: typeof obj.sha === 'string' ? obj.sha : null,
    private: obj.private === true,
    gated,
    disabled: obj.disabled === true,
    tags,
    cardData,
    license,
    licenseName,
    files,
  };
}

// Branch and tag names that intermediate checkpoints use (see CHECKPOINT_WORDS_SOURCE) with
// a number, or that count tokens seen: `step1000-tokens4B`, `tokens-300B`.
const CHECKPOINT_REF_RE = new RegExp(
  `(?:^|[^a-z])${CHECKPOINT_WORDS_SOURCE}[-_]?\\d|\\d[kmbt]?[-_]?tokens\\b|tokens[-_]?\\d`,
  'i',
);

export function checkpointRevisions(refs: string[]): string[] {
  return refs.filter((name) => name !== 'main' && CHECKPOINT_REF_RE.test(name));
}

const SOURCE_RE = /\b(sources?|provenance|origins?|where .* from)\b/i;
const PROCESS_RE = rx('i')`
    \b(collect\w*|process\w*|preprocess\w*|curat\w*|filter\w*|clean\w*|dedup\w*|prepar\w*|construct\w*|gather\w*|
    scrap\w*|crawl\w*|normali[sz]\w*)\b`;
const PLACEHOLDER_RE = /\[more information needed\]/gi;

/**
 * Whether a dataset card documents where its data comes from and how it was collected or
 * processed: a section on sources and one on collection/processing, each with real text
 * (the template placeholder does not count). A heading is read with its parent headings,
 * so "Source Data > Data Collection and Processing" answers both at once.
 */
export function cardDescribesData(markdown: string): boolean {
  const body = markdown.replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---\s*(\r?\n|$)/, '');
  const lines = body.split(/\r?\n/);
  const stack: { level: number; heading: string }[] = [];
  const sections: { path: string; text: string[] }[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const match = inFence ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (match) {
      const level = match[1]!.length;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, heading: match[2]! });
      sections.push({ path: stack.map((s) => s.heading).join(' > '), text: [] });
    } else if (sections.length) {
      sections[sections.length - 1]!.text.push(line);
    }
  }
  let sources = false;
  let processing = false;
  for (const section of sections) {
    const words =
      stripBetween(section.text.join(' '), '<!--', '-->', ' ')
        .replace(PLACEHOLDER_RE, ' ')
        .match(/[A-Za-z]{2,}/g) ?? [];
    if (words.length < 8) continue;
    if (SOURCE_RE.test(section.path)) sources = true;
    if (PROCESS_RE.test(section.path)) processing = true;
  }
  return sources && processing;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

function tagValues(tags: string[], prefix: string): string[] {
  return tags.filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
}

// Hub tags write the relation before the id: `base_model:finetune:org/name`.
function stripRelation(value: string): string {
  return value.replace(/^(finetune|adapter|quantized|merge):/, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

// Reads a repository at one commit from GitHub into a RepoSnapshot, spending as few API
// requests as possible: a typical repository costs one recursive tree request plus one
// GraphQL request that returns every small file the engine wants, so that a push
// evaluation (with the check run's create and update) stays within four requests.
import {
  LFS_POINTER_MAX,
  LFS_VERSION_LINE,
  TEXT_SIZE_CAP,
  mayBeLfsPointer,
  parseLfsPointer,
  wantsText,
  type RepoSnapshot,
  type SkippedEntry,
  type SnapshotEntry,
} from '../core/snapshot.js';
import { isLfsTracked, parseLfsRules, type LfsRule } from './gitattributes.js';

/**
 * The part of Probot's Octokit this module uses. Declared with method syntax so that
 * Octokit's overloaded `request` and `graphql` are accepted as they are.
 */
export interface GithubClient {
  // Octokit's overloads are typed per route; only `any` accepts them all as they are.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  request(route: string, params?: object): Promise<{ data: any }>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  graphql(query: string, vars?: object): Promise<any>;
}

export interface GithubTarget {
  owner: string;
  repo: string;
  sha: string;
}

export interface GithubSnapshotOptions {
  /** Paths (files, and folders while walking a truncated tree) to leave out. */
  ignore?: (path: string) => boolean;
  /** How many wanted text files to read at most; default 150. */
  maxTextFiles?: number;
  /** Tree requests allowed when GitHub truncates the recursive listing; default 40. */
  maxTreeRequests?: number;
  /**
   * Entries listed at most (the walk of a truncated tree stops there); default 200,000.
   * Bounds the memory of one snapshot: the walk could otherwise gather 40 listings of
   * 100,000 entries each.
   */
  maxEntries?: number;
  /**
   * More to ask in the same GraphQL request as the files (the app: the organisation's
   * config, the PR's comments), decided once the tree is known. Its answer is in
   * `readGithubSnapshotWith(...).extra`.
   */
  extra?: (entries: readonly SnapshotEntry[]) => ExtraQuery | null;
}

/**
 * Root-level GraphQL fields to add to the files' request. Aliases and variable names must
 * start with `x` (the reader's own are `repository`, `owner`, `name` and `eN`).
 */
export interface ExtraQuery {
  /** e.g. `xorg: repository(owner: $owner, name: ".github") { ... }` */
  fields: string;
  /** Declared variables: name (without `$`) -> GraphQL type and value. */
  variables?: Record<string, { type: string; value: unknown }>;
}

/** Pointer texts read per evaluation to learn LFS objects' real sizes. */
export const LFS_POINTER_READS = 20;
/** Symlink targets read per evaluation. */
export const SYMLINK_READS = 20;
const ATTRIBUTE_FILES = 5;
/** Smallest possible pointer: version line, sha256 oid and size take about 125 bytes. */
const LFS_POINTER_MIN = 100;
const DEFAULT_MAX_TEXT_FILES = 150;
const DEFAULT_MAX_TREE_REQUESTS = 40;
const DEFAULT_MAX_ENTRIES = 200_000;
/**
 * Sub-trees fetched at once while walking a truncated tree. Each answer may be 7 MB of
 * JSON (GitHub's cap) and is parsed whole by Octokit: two at a time keeps one snapshot's
 * transient memory near 100 MB at worst.
 */
const TREE_CONCURRENCY = 2;
// One GraphQL response carries every text it asked for; bound each by aliases and by the
// bytes it should return, and the number of such requests.
const GRAPHQL_MAX_ALIASES = 200;
const GRAPHQL_MAX_BYTES = 8 * 1024 * 1024;
const GRAPHQL_MAX_REQUESTS = 4;

/** Whether a blob's size fits a Git LFS pointer (about 125 bytes up to 1 KiB). */
function pointerSized(size: number): boolean {
  return size >= LFS_POINTER_MIN && size < LFS_POINTER_MAX;
}

interface RawEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
  size?: number;
}

interface Fetch {
  path: string;
  size: number;
  purpose: 'text' | 'attributes' | 'pointer' | 'symlink';
}

interface BlobResult {
  text: string | null;
  isBinary: boolean;
  byteSize: number;
  isTruncated: boolean;
}

export async function readGithubSnapshot(
  octokit: GithubClient,
  target: GithubTarget,
  options: GithubSnapshotOptions = {},
): Promise<RepoSnapshot> {
  return (await readGithubSnapshotWith(octokit, target, options)).snapshot;
}

/**
 * The snapshot, and the answer to `options.extra` (null when none was asked, or the
 * request did not return it).
 */
export async function readGithubSnapshotWith(
  octokit: GithubClient,
  target: GithubTarget,
  options: GithubSnapshotOptions = {},
): Promise<{ snapshot: RepoSnapshot; extra: Record<string, unknown> | null }> {
  const snapshot: RepoSnapshot = {
    source: 'github',
    location: `${target.owner}/${target.repo}`,
    revision: target.sha,
    entries: [],
    texts: {},
    skipped: [],
  };
  const ignore = options.ignore ?? (() => false);
  const isIgnoredFolder = folderIgnorer(ignore, snapshot.skipped);

  let raw: RawEntry[];
  try {
    raw = await listTree(
      octokit,
      target,
      options.maxTreeRequests ?? DEFAULT_MAX_TREE_REQUESTS,
      options.maxEntries ?? DEFAULT_MAX_ENTRIES,
      isIgnoredFolder,
      snapshot.skipped,
    );
  } catch (error) {
    const status = (error as { status?: number }).status;
    // 409 is GitHub's answer for a repository without commits; 404 for a commit that is
    // gone (force-push) or not visible. Both evaluate as "nothing here", not as a fault.
    if (status === 409 || status === 404) {
      snapshot.skipped.push({
        path: '',
        reason: 'unreadable',
        detail: status === 409 ? 'the repository is empty' : `commit ${target.sha} not found`,
      });
      return { snapshot, extra: null };
    }
    throw error;
  }

  const byPath = new Map<string, SnapshotEntry>();
  for (const e of raw) {
    if (e.type === 'tree') continue;
    const dir = e.path.includes('/') ? e.path.slice(0, e.path.lastIndexOf('/')) : '';
    if (dir && isIgnoredFolder(dir)) continue;
    if (ignore(e.path)) {
      snapshot.skipped.push({ path: e.path, reason: 'ignored' });
      continue;
    }
    const entry: SnapshotEntry =
      e.type === 'commit'
        ? { path: e.path, size: 0, kind: 'submodule' }
        : { path: e.path, size: e.size ?? 0, kind: e.mode === '120000' ? 'symlink' : 'file' };
    byPath.set(e.path, entry);
  }
  snapshot.entries = [...byPath.values()].sort((a, b) => compare(a.path, b.path));

  const fetches = planFetches(snapshot, options.maxTextFiles ?? DEFAULT_MAX_TEXT_FILES);
  const extraQuery = options.extra?.(snapshot.entries) ?? null;
  const { results, extra } = await fetchBlobs(octokit, target, fetches, snapshot.skipped, extraQuery);

  const lfsRules: LfsRule[] = [];
  const read = new Set<string>();
  for (const [fetch, blob] of results) {
    read.add(fetch.path);
    const entry = byPath.get(fetch.path)!;
    if (!blob) {
      snapshot.skipped.push({ path: fetch.path, reason: 'unreadable', detail: 'GitHub returned no blob' });
      continue;
    }
    if (fetch.purpose === 'attributes') {
      if (blob.text !== null) {
        const dir = fetch.path.includes('/') ? fetch.path.slice(0, fetch.path.lastIndexOf('/')) : '';
        lfsRules.push(...parseLfsRules(blob.text, dir));
      }
      continue;
    }
    if (fetch.purpose === 'symlink') {
      if (blob.text !== null) entry.target = blob.text;
      continue;
    }
    if (blob.isBinary || blob.text === null) {
      if (fetch.purpose === 'text') snapshot.skipped.push({ path: fetch.path, reason: 'binary' });
      continue;
    }
    if (blob.isTruncated) {
      snapshot.skipped.push({ path: fetch.path, reason: 'too-large', detail: 'GitHub truncated the text' });
      continue;
    }
    const pointer = parseLfsPointer(blob.text);
    if (pointer) {
      entry.kind = 'lfs';
      entry.lfs = pointer;
      entry.size = pointer.size;
      if (fetch.purpose === 'text') {
        snapshot.skipped.push({
          path: fetch.path,
          reason: pointer.size > TEXT_SIZE_CAP ? 'too-large' : 'unreadable',
          detail: 'stored in Git LFS: the pointer was read, not the object',
        });
      }
    } else if (blob.text.startsWith(LFS_VERSION_LINE)) {
      snapshot.skipped.push({ path: fetch.path, reason: 'invalid-lfs' });
    } else if (fetch.purpose === 'text') {
      snapshot.texts[fetch.path] = blob.text;
    }
  }

  // Small blobs that .gitattributes routes through LFS but whose pointer was not read are
  // LFS entries without `lfs` facts: the engine knows the file is LFS-stored, and `size`
  // stays the pointer's size because the object's real size is unknown.
  if (lfsRules.length > 0) {
    lfsRules.sort((a, b) => (a.dir === '' ? 0 : depth(a.dir) + 1) - (b.dir === '' ? 0 : depth(b.dir) + 1));
    for (const entry of snapshot.entries) {
      if (entry.kind !== 'file' || !pointerSized(entry.size)) continue;
      if (read.has(entry.path)) continue;
      if (!isLfsTracked(lfsRules, entry.path)) continue;
      entry.kind = 'lfs';
      snapshot.skipped.push({
        path: entry.path,
        reason: 'limit',
        detail: `Git LFS pointer not read (at most ${LFS_POINTER_READS} per evaluation): real size unknown`,
      });
    }
  }

  linkSymlinkedTexts(snapshot, byPath);
  snapshot.skipped.sort((a, b) => compare(a.path, b.path) || compare(a.reason, b.reason));
  return { snapshot, extra };
}

/** Memoised "is this folder or one of its parents ignored", noting each ignored folder once. */
function folderIgnorer(ignore: (path: string) => boolean, skipped: SkippedEntry[]): (dir: string) => boolean {
  const memo = new Map<string, boolean>();
  const check = (dir: string): boolean => {
    const known = memo.get(dir);
    if (known !== undefined) return known;
    const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    let result = parent !== '' && check(parent);
    if (!result && ignore(dir)) {
      result = true;
      skipped.push({ path: dir, reason: 'ignored' });
    }
    memo.set(dir, result);
    return result;
  };
  return check;
}

async function getTree(
  octokit: GithubClient,
  target: GithubTarget,
  treeSha: string,
  recursive: boolean,
): Promise<{ tree: RawEntry[]; truncated: boolean }> {
  const { data } = await octokit.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
    owner: target.owner,
    repo: target.repo,
    tree_sha: treeSha,
    ...(recursive ? { recursive: '1' } : {}),
  });
  return { tree: (data.tree ?? []) as RawEntry[], truncated: Boolean(data.truncated) };
}

/**
 * All entries of the commit's tree (paths from the root, folders included). When GitHub
 * truncates the recursive listing, lists the root alone and fetches each sub-tree
 * recursively, going one level further down wherever a sub-tree is itself truncated,
 * within `maxRequests` tree requests and `maxEntries` entries in total. Every folder whose
 * listing is left incomplete is noted as such (`incomplete`), for the engine.
 */
async function listTree(
  octokit: GithubClient,
  target: GithubTarget,
  maxRequests: number,
  maxEntries: number,
  isIgnoredFolder: (dir: string) => boolean,
  skipped: SkippedEntry[],
): Promise<RawEntry[]> {
  const first = await getTree(octokit, target, target.sha, true);
  if (!first.truncated) return first.tree.length <= maxEntries ? first.tree : capped(first.tree, maxEntries, skipped);

  const out: RawEntry[] = [];
  let budget = maxRequests - 1;
  const queue: { sha: string; path: string; recursive: boolean }[] = [{ sha: target.sha, path: '', recursive: false }];
  const notListed = (detail: string) => {
    for (const job of queue.splice(0)) skipped.push({ path: job.path, reason: 'limit', detail, incomplete: true });
  };
  while (queue.length > 0) {
    if (budget <= 0) {
      notListed(`folder not listed: ${maxRequests} tree requests spent`);
      break;
    }
    if (out.length >= maxEntries) {
      notListed(`folder not listed: ${maxEntries} entries listed already`);
      break;
    }
    const allowed = queue.splice(0, Math.min(TREE_CONCURRENCY, budget));
    budget -= allowed.length;
    const listings = await Promise.all(allowed.map((job) => getTree(octokit, target, job.sha, job.recursive)));
    allowed.forEach((job, i) => {
      const listing = listings[i]!;
      if (job.recursive && listing.truncated) {
        queue.push({ ...job, recursive: false });
        return;
      }
      if (!job.recursive && listing.truncated) {
        // A single folder with more entries than GitHub lists: keep what came back, and
        // say that more may be there.
        skipped.push({
          path: job.path,
          reason: 'limit',
          detail: 'GitHub truncated the folder listing',
          incomplete: true,
        });
      }
      for (const e of listing.tree) {
        if (out.length >= maxEntries) {
          skipped.push({
            path: job.path,
            reason: 'limit',
            detail: `listing cut at ${maxEntries} entries`,
            incomplete: true,
          });
          break;
        }
        const path = job.path ? `${job.path}/${e.path}` : e.path;
        if (!job.recursive && e.type === 'tree') {
          if (!isIgnoredFolder(path)) queue.push({ sha: e.sha, path, recursive: true });
          continue;
        }
        out.push({ ...e, path });
      }
    });
  }
  return out;
}

/** The first `max` entries of a listing, the cut noted as incomplete at the root. */
function capped(tree: RawEntry[], max: number, skipped: SkippedEntry[]): RawEntry[] {
  skipped.push({ path: '', reason: 'limit', detail: `listing cut at ${max} entries`, incomplete: true });
  return tree.slice(0, max);
}

const CARD_RE = /^(readme|model[_-]?card|data_?card)\.md$/;
const LICENSE_RE = /^(licen[cs]e|copying|notice)([._-].*)?$/;

/** Order of importance when the text budget is short: cards and licenses, then configs. */
function textRank(path: string): number {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (CARD_RE.test(base) || LICENSE_RE.test(base) || lower.startsWith('.github/truly-open.')) return 0;
  if (/\.ya?ml$/.test(base)) return 2;
  return 1;
}

function planFetches(snapshot: RepoSnapshot, maxTextFiles: number): Fetch[] {
  const files = snapshot.entries.filter((e) => e.kind === 'file');
  const byDepth = (a: { path: string }, b: { path: string }) =>
    depth(a.path) - depth(b.path) || compare(a.path, b.path);

  const attributes = files
    .filter((e) => e.path.split('/').pop() === '.gitattributes' && e.size <= TEXT_SIZE_CAP)
    .sort(byDepth)
    .slice(0, ATTRIBUTE_FILES)
    .map((e): Fetch => ({ path: e.path, size: e.size, purpose: 'attributes' }));

  const wanted = files.filter((e) => wantsText(e.path, e.size));
  const texts: Fetch[] = [];
  const candidates = wanted
    .filter((e) => {
      if (e.size <= TEXT_SIZE_CAP) return true;
      snapshot.skipped.push({ path: e.path, reason: 'too-large', detail: `${e.size} bytes, cap ${TEXT_SIZE_CAP}` });
      return false;
    })
    .sort((a, b) => textRank(a.path) - textRank(b.path) || byDepth(a, b));
  candidates.forEach((e, i) => {
    if (i < maxTextFiles) texts.push({ path: e.path, size: e.size, purpose: 'text' });
    else
      snapshot.skipped.push({ path: e.path, reason: 'limit', detail: `more than ${maxTextFiles} text files wanted` });
  });

  const planned = new Set([...attributes, ...texts].map((f) => f.path));
  const pointers = files
    .filter((e) => !planned.has(e.path) && pointerSized(e.size) && mayBeLfsPointer(e.path))
    .sort(byDepth)
    .slice(0, LFS_POINTER_READS)
    .map((e): Fetch => ({ path: e.path, size: e.size, purpose: 'pointer' }));

  const symlinks = snapshot.entries
    .filter((e) => e.kind === 'symlink')
    .sort(byDepth)
    .slice(0, SYMLINK_READS)
    .map((e): Fetch => ({ path: e.path, size: e.size, purpose: 'symlink' }));

  return [...attributes, ...texts, ...pointers, ...symlinks];
}

/**
 * Reads the planned blobs through GraphQL, normally in one request. Each path becomes an
 * aliased `object(expression: "<sha>:<path>")`; expressions travel as variables, so paths
 * need no escaping inside the query.
 */
async function fetchBlobs(
  octokit: GithubClient,
  target: GithubTarget,
  fetches: Fetch[],
  skipped: SkippedEntry[],
  extraQuery: ExtraQuery | null,
): Promise<{ results: [Fetch, BlobResult | null][]; extra: Record<string, unknown> | null }> {
  const chunks: Fetch[][] = [];
  let current: Fetch[] = [];
  let bytes = 0;
  for (const fetch of fetches) {
    const full =
      current.length >= GRAPHQL_MAX_ALIASES || (current.length > 0 && bytes + fetch.size > GRAPHQL_MAX_BYTES);
    if (full) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    if (chunks.length >= GRAPHQL_MAX_REQUESTS) {
      if (fetch.purpose === 'text') {
        skipped.push({ path: fetch.path, reason: 'limit', detail: 'over the bytes read per evaluation' });
      }
      continue;
    }
    current.push(fetch);
    bytes += fetch.size;
  }
  if (current.length > 0 && chunks.length < GRAPHQL_MAX_REQUESTS) chunks.push(current);

  // The extra fields ride on the first request (or make one of their own when no file is wanted).
  if (chunks.length === 0 && extraQuery) chunks.push([]);
  const results: [Fetch, BlobResult | null][] = [];
  let extra: Record<string, unknown> | null = null;
  for (const [n, chunk] of chunks.entries()) {
    const withExtra = n === 0 ? extraQuery : null;
    const data = await queryBlobs(octokit, target, chunk, withExtra);
    chunk.forEach((fetch, i) => results.push([fetch, (data?.repository?.[`f${i}`] as BlobResult | null) ?? null]));
    if (withExtra && data && typeof data === 'object') extra = data as Record<string, unknown>;
  }
  return { results, extra };
}

/** Builds the aliased query for `count` blobs (and extra root fields); exported so tests can read its shape. */
export function blobQuery(count: number, extra: ExtraQuery | null = null): string {
  const vars = ['$owner: String!', '$name: String!'];
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    vars.push(`$e${i}: String!`);
    fields.push(`f${i}: object(expression: $e${i}) { ...blob }`);
  }
  for (const [name, { type }] of Object.entries(extra?.variables ?? {})) vars.push(`$${name}: ${type}`);
  // Without files, `$owner` and `$name` may be unused, and GitHub refuses unused variables.
  const repository = count > 0 ? `repository(owner: $owner, name: $name) { ${fields.join(' ')} } ` : '';
  const declared = vars.filter(
    (v) => count > 0 || !/^\$(owner|name):/.test(v) || extra?.fields.includes(v.slice(0, v.indexOf(':'))),
  );
  return (
    `query(${declared.join(', ')}) { ${repository}${extra ? `${extra.fields} ` : ''}}` +
    (count > 0 ? '\nfragment blob on Blob { text isBinary byteSize isTruncated }' : '')
  );
}

async function queryBlobs(
  octokit: GithubClient,
  target: GithubTarget,
  chunk: Fetch[],
  extra: ExtraQuery | null,
): Promise<Awaited<ReturnType<GithubClient['graphql']>>> {
  const vars: Record<string, unknown> = { owner: target.owner, name: target.repo };
  chunk.forEach((fetch, i) => (vars[`e${i}`] = `${target.sha}:${fetch.path}`));
  for (const [name, { value }] of Object.entries(extra?.variables ?? {})) vars[name] = value;
  if (chunk.length === 0) {
    if (!extra?.fields.includes('$owner')) delete vars.owner;
    if (!extra?.fields.includes('$name')) delete vars.name;
  }
  try {
    return await octokit.graphql(blobQuery(chunk.length, extra), vars);
  } catch (error) {
    // A field-level error (one unreadable blob; an organisation without a `.github`
    // repository) still returns the rest: keep it.
    const failed = error as { name?: string; data?: { repository?: unknown } | null };
    const partial = failed.data;
    if (failed.name === 'GraphqlResponseError' && partial && (chunk.length === 0 || partial.repository)) return partial;
    throw error;
  }
}

/**
 * Notes links that leave the repository, and lets a symlinked card or license
 * (README.md -> docs/README.md) read as its target's text.
 */
function linkSymlinkedTexts(snapshot: RepoSnapshot, byPath: Map<string, SnapshotEntry>): void {
  for (const entry of snapshot.entries) {
    if (entry.kind !== 'symlink' || entry.target === undefined) continue;
    const dir = entry.path.includes('/') ? entry.path.slice(0, entry.path.lastIndexOf('/')) : '';
    const resolved = resolvePosix(dir, entry.target);
    if (resolved === null) {
      snapshot.skipped.push({ path: entry.path, reason: 'symlink-outside', detail: entry.target });
      continue;
    }
    if (!wantsText(entry.path, 0)) continue;
    const text = snapshot.texts[resolved];
    if (text !== undefined && byPath.get(resolved)?.kind === 'file') snapshot.texts[entry.path] = text;
  }
}

/** Resolves a link target against its folder; null when it leaves the repository. */
function resolvePosix(dir: string, target: string): string | null {
  if (target.startsWith('/')) return null;
  const parts = dir ? dir.split('/') : [];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Folders above a path: 0 for a root file. */
function depth(path: string): number {
  return path.split('/').length - 1;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// A Hugging Face Hub model repository as a RepoSnapshot (`truly-open check hf:org/model`):
// the file list with LFS sizes comes from the model info, the small text files the engine
// wants are fetched at the pinned commit. Weights and data files are never downloaded.
import type { LookupState } from '../core/remote.js';
import {
  TEXT_SIZE_CAP,
  wantsText,
  type RepoSnapshot,
  type SkippedEntry,
  type SnapshotEntry,
} from '../core/snapshot.js';
import { HttpClient } from './remote/http.js';
import { HubClient, isHubRepoId } from './remote/hub-client.js';
import { emptyRemoteFacts, lookupModel, type ResolveOptions } from './remote/resolve.js';

/** Most text files fetched for one snapshot; a repo with more wanted files is unusual. */
export const HUB_TEXT_LIMIT = 200;

/** The subject could not be read: there is nothing to assess. */
export class HubSnapshotError extends Error {
  constructor(
    readonly subject: string,
    readonly state: Exclude<LookupState, 'found'> | 'invalid',
    detail: string,
  ) {
    super(`${subject}: ${detail}`);
    this.name = 'HubSnapshotError';
  }
}

/** Accepts `org/model` or `hf:org/model`. */
export async function readHubSnapshot(id: string, options: ResolveOptions = {}): Promise<RepoSnapshot> {
  const repoId = id.replace(/^hf:/, '').replace(/^\/+|\/+$/g, '');
  const location = `hf:${repoId}`;
  if (!isHubRepoId(repoId))
    throw new HubSnapshotError(location, 'invalid', 'not a Hub model id (expected hf:org/model)');
  let http: HttpClient;
  try {
    http = new HttpClient(options);
  } catch (err) {
    throw new HubSnapshotError(location, 'invalid', err instanceof Error ? err.message : String(err));
  }
  const hub = new HubClient(http);

  const info = await hub.modelInfo(repoId);
  if (info.state !== 'found') throw new HubSnapshotError(location, info.state, info.error);
  const model = info.value;
  const revision = model.sha;

  const entries: SnapshotEntry[] = model.files
    .map((f): SnapshotEntry =>
      f.lfs
        ? { path: f.path, size: f.lfs.size, kind: 'lfs', lfs: { oid: f.lfs.sha256, size: f.lfs.size } }
        : { path: f.path, size: f.size, kind: 'file' },
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  const skipped: SkippedEntry[] = [];
  const wanted: SnapshotEntry[] = [];
  for (const entry of entries) {
    if (!wantsText(entry.path, entry.size)) continue;
    if (entry.kind === 'lfs') {
      // LFS content is served from a CDN outside the allow-list, and is never small text anyway.
      skipped.push({ path: entry.path, reason: 'unreadable', detail: 'stored in Git LFS; not downloaded' });
    } else if (entry.size > TEXT_SIZE_CAP) {
      skipped.push({ path: entry.path, reason: 'too-large', detail: `${entry.size} bytes` });
    } else if (wanted.length >= HUB_TEXT_LIMIT) {
      skipped.push({ path: entry.path, reason: 'limit' });
    } else {
      wanted.push(entry);
    }
  }

  const texts: Record<string, string> = {};
  const pinned = revision ?? 'main';
  const concurrency = Math.max(1, options.concurrency ?? 4);
  for (let i = 0; i < wanted.length; i += concurrency) {
    await Promise.all(
      wanted.slice(i, i + concurrency).map(async (entry) => {
        const res = await hub.modelFileText(repoId, pinned, entry.path, TEXT_SIZE_CAP).catch((err: unknown) => ({
          state: 'unavailable' as const,
          url: '',
          error: err instanceof Error ? err.message : String(err),
        }));
        if (res.state !== 'found') {
          const tooLarge = /larger than/.test(res.error);
          skipped.push({ path: entry.path, reason: tooLarge ? 'too-large' : 'unreadable', detail: res.error });
        } else if (res.value.includes('\u0000') || res.value.includes('\uFFFD')) {
          skipped.push({ path: entry.path, reason: 'binary' });
        } else {
          texts[entry.path] = res.value;
        }
      }),
    );
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // The model's own Hub facts (license tag, gating, branches) travel with the snapshot.
  const remote = emptyRemoteFacts();
  remote.models[repoId] = await lookupModel(hub, repoId, true);

  return { source: 'huggingface', location, revision, entries, texts, skipped, remote };
}

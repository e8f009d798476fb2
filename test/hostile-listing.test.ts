// Issue 10, item 6: a repository too large for GitHub's listings. A folder whose listing
// GitHub cut (its per-folder cap) used to hide the weights in it and turn the verdict
// "Closed"; now the snapshot says which listing is incomplete and the components that
// found nothing are `unknown`, with the reason. And a snapshot never holds more than its
// entry budget, however many sub-trees a truncated tree has.
import nock from 'nock';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import { readGithubSnapshot } from '../src/sources/github-snapshot.js';
import {
  defineRepo,
  entriesUnder,
  GITHUB_API,
  lfsFile,
  mockBlobs,
  mockTree,
  testOctokit,
  treeSha,
  type RepoFile,
} from './helpers/github-mocks.js';

const SHA = 'a'.repeat(40);
const target = { owner: 'acme', repo: 'llm', sha: SHA };
afterEach(() => nock.cleanAll());

const FILES: Record<string, RepoFile> = {
  '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
  'README.md': '---\nlicense: apache-2.0\nlibrary_name: transformers\n---\n# Acme LLM\n',
  'config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n',
  'weights/notes.txt': { bytes: 10 },
  'weights/model.safetensors': lfsFile(5_000_000_000, 'w'),
};

/** The tree is truncated; `weights` is a folder GitHub lists only partly (without the weights). */
async function truncatedSnapshot() {
  const repo = defineRepo(FILES);
  const scope = nock(GITHUB_API);
  mockTree(scope, 'acme', 'llm', SHA, repo.entries.slice(0, 2), { truncated: true });
  mockTree(scope, 'acme', 'llm', SHA, entriesUnder(repo.entries, '', false), { recursive: false });
  mockTree(scope, 'acme', 'llm', treeSha('weights'), [], { truncated: true });
  mockTree(
    scope,
    'acme',
    'llm',
    treeSha('weights'),
    entriesUnder(repo.entries, 'weights', false).filter((e) => e.path === 'notes.txt'),
    { recursive: false, truncated: true },
  );
  mockBlobs(scope, 'acme', 'llm', repo.blobs);
  const snapshot = await readGithubSnapshot(testOctokit(), target);
  scope.done();
  return snapshot;
}

describe('a truncated folder listing', () => {
  it('is a fact of the snapshot: which folder, and that its listing is incomplete', async () => {
    const snapshot = await truncatedSnapshot();
    expect(snapshot.entries.some((e) => e.path === 'weights/model.safetensors')).toBe(false);
    expect(snapshot.skipped).toContainEqual({
      path: 'weights',
      reason: 'limit',
      detail: 'GitHub truncated the folder listing',
      incomplete: true,
    });
  });

  it('makes what was not found unknown with the reason, not missing (no false "Closed")', async () => {
    const snapshot = await truncatedSnapshot();
    const report = assess(snapshot, DEFAULT_CONFIG);
    const weights = report.models[0]!.components.weights;
    expect(weights).toMatchObject({ status: 'unknown', messageId: 'listingIncomplete', data: { path: 'weights' } });
    expect(weights.message).toBe(
      'not found, but the listing of weights is incomplete (GitHub truncated the folder listing), so it may be there',
    );
    // What was found stays as found.
    expect(report.models[0]!.components['model-architecture'].status).toBe('open');
    // The same snapshot without the fact: the weights would be "missing" and the model closed.
    const blind = assess(
      { ...snapshot, skipped: snapshot.skipped.map(({ incomplete: _, ...s }) => s) },
      DEFAULT_CONFIG,
    );
    expect(blind.models[0]!.components.weights.status).toBe('missing');
    expect(blind.models[0]!.ladder.level).toBe('closed');
  });

  it('a listing cut elsewhere does not touch a model in another folder', () => {
    const snapshot = {
      source: 'github' as const,
      location: 'acme/llm',
      revision: SHA,
      entries: [
        { path: 'models/a/README.md', size: 50, kind: 'file' as const },
        { path: 'models/a/config.json', size: 50, kind: 'file' as const },
        { path: 'models/a/model.safetensors', size: 5e9, kind: 'file' as const },
        { path: 'models/b/README.md', size: 50, kind: 'file' as const },
      ],
      texts: {
        'models/a/README.md': '---\nlicense: apache-2.0\n---\n# A\n',
        'models/a/config.json': '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}',
        'models/b/README.md': '---\nlicense: apache-2.0\n---\n# B\n',
      },
      skipped: [
        {
          path: 'models/b/data',
          reason: 'limit' as const,
          detail: 'GitHub truncated the folder listing',
          incomplete: true,
        },
      ],
    };
    const report = assess(snapshot, { ...DEFAULT_CONFIG, models: ['models/a', 'models/b'] });
    const [a, b] = report.models;
    expect(a!.components['training-code'].status).toBe('missing');
    expect(b!.components['training-code']).toMatchObject({ status: 'unknown', messageId: 'listingIncomplete' });
  });
});

describe('the entry budget of one snapshot', () => {
  it('a listing longer than the budget is cut and noted at the root', async () => {
    const files = Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`data/f${String(i).padStart(2, '0')}.bin`, { bytes: 100 }]),
    ) as Record<string, RepoFile>;
    const repo = defineRepo({ 'README.md': '# M\n', ...files });
    const scope = nock(GITHUB_API);
    mockTree(scope, 'acme', 'llm', SHA, repo.entries);
    mockBlobs(scope, 'acme', 'llm', repo.blobs);
    const snapshot = await readGithubSnapshot(testOctokit(), target, { maxEntries: 10 });
    expect(snapshot.entries.length).toBeLessThanOrEqual(10);
    expect(snapshot.skipped).toContainEqual(expect.objectContaining({ path: '', reason: 'limit', incomplete: true }));
  });

  it('the walk of a truncated tree stops at the budget, the folders it did not reach noted', async () => {
    const files: Record<string, RepoFile> = { 'README.md': '# M\n' };
    for (const dir of ['a', 'b', 'c', 'd', 'e', 'f'])
      for (let i = 0; i < 5; i++) files[`${dir}/x${i}.bin`] = { bytes: 10 };
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    mockTree(scope, 'acme', 'llm', SHA, [], { truncated: true });
    mockTree(scope, 'acme', 'llm', SHA, entriesUnder(repo.entries, '', false), { recursive: false });
    // One round of 4 sub-trees (20 entries) fills the budget of 12: e and f are not listed.
    for (const dir of ['a', 'b', 'c', 'd'])
      mockTree(scope, 'acme', 'llm', treeSha(dir), entriesUnder(repo.entries, dir, true));
    mockBlobs(scope, 'acme', 'llm', repo.blobs);
    const snapshot = await readGithubSnapshot(testOctokit(), target, { maxEntries: 12 });
    scope.done();
    expect(snapshot.entries.length).toBeLessThanOrEqual(12);
    const notListed = snapshot.skipped.filter((s) => s.incomplete).map((s) => s.path);
    expect(notListed).toEqual(expect.arrayContaining(['e', 'f']));
  });
});

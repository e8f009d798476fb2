import nock from 'nock';
import { readGithubSnapshot, type GithubTarget } from '../src/sources/github-snapshot.js';
import { TEXT_SIZE_CAP, type RepoSnapshot } from '../src/core/snapshot.js';
import {
  GITHUB_API,
  countRequests,
  defineRepo,
  entriesUnder,
  lfsFile,
  mockBlobs,
  mockTree,
  mockTreeError,
  testOctokit,
  treeSha,
  type RepoFile,
} from './helpers/github-mocks.js';

const SHA = 'a'.repeat(40);
const OWNER = 'acme';
const REPO = 'llm';
const target: GithubTarget = { owner: OWNER, repo: REPO, sha: SHA };

const CARD = '---\nlicense: apache-2.0\ndatasets:\n- acme/corpus\n---\n# Acme LLM\n';
const GITATTRIBUTES =
  '*.safetensors filter=lfs diff=lfs merge=lfs -text\ntokenizer.json filter=lfs diff=lfs merge=lfs -text\n';

function kinds(snapshot: RepoSnapshot): Record<string, string> {
  return Object.fromEntries(snapshot.entries.map((e) => [e.path, e.kind]));
}

function entry(snapshot: RepoSnapshot, path: string) {
  return snapshot.entries.find((e) => e.path === path);
}

function skipped(snapshot: RepoSnapshot, path: string) {
  return snapshot.skipped.filter((s) => s.path === path).map((s) => s.reason);
}

afterEach(() => nock.cleanAll());

describe('readGithubSnapshot: a typical model repository', () => {
  const files: Record<string, RepoFile> = {
    '.gitattributes': GITATTRIBUTES,
    'README.md': CARD,
    LICENSE: 'Apache License\nVersion 2.0, January 2004\n',
    'config.json': '{"architectures":["LlamaForCausalLM"]}',
    'generation_config.json': '{"do_sample":true}',
    'model-00001-of-00002.safetensors': lfsFile(4_976_698_672, 'shard1'),
    'model-00002-of-00002.safetensors': lfsFile(1_459_729_952, 'shard2'),
    'model.safetensors.index.json': '{"metadata":{"total_size":6436428624},"weight_map":{}}',
    'tokenizer.json': lfsFile(9_085_657, 'tok'),
    'scripts/train.py': 'print("train")\n',
  };

  it('costs exactly two requests: the recursive tree and one GraphQL batch', async () => {
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    const requests = countRequests(scope);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(requests.count).toBe(2);
    expect(requests.routes).toEqual([`GET /repos/${OWNER}/${REPO}/git/trees/${SHA}?recursive=1`, 'POST /graphql']);
    expect(blobs.shas.every((s) => s === SHA)).toBe(true);
    // .gitattributes, the wanted texts (the training script holds recipe settings), then the
    // pointer candidates.
    expect(blobs.requests).toEqual([
      [
        '.gitattributes',
        'LICENSE',
        'README.md',
        'config.json',
        'generation_config.json',
        'model.safetensors.index.json',
        'scripts/train.py',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors',
        'tokenizer.json',
      ],
    ]);
    expect(snapshot).toMatchObject({ source: 'github', location: 'acme/llm', revision: SHA });
  });

  it('maps entries with sizes, LFS facts and the wanted texts', async () => {
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot.entries.map((e) => e.path)).toEqual([
      '.gitattributes',
      'LICENSE',
      'README.md',
      'config.json',
      'generation_config.json',
      'model-00001-of-00002.safetensors',
      'model-00002-of-00002.safetensors',
      'model.safetensors.index.json',
      'scripts/train.py',
      'tokenizer.json',
    ]);
    expect(entry(snapshot, 'model-00001-of-00002.safetensors')).toEqual({
      path: 'model-00001-of-00002.safetensors',
      kind: 'lfs',
      size: 4_976_698_672,
      lfs: { oid: expect.stringMatching(/^[0-9a-f]{64}$/), size: 4_976_698_672 },
    });
    expect(entry(snapshot, 'model-00002-of-00002.safetensors')?.size).toBe(1_459_729_952);
    // A source-like extension, but LFS-tracked in most model repositories: read as a pointer.
    expect(entry(snapshot, 'tokenizer.json')).toMatchObject({ kind: 'lfs', size: 9_085_657 });
    expect(entry(snapshot, 'scripts/train.py')).toEqual({ path: 'scripts/train.py', kind: 'file', size: 15 });

    expect(Object.keys(snapshot.texts).sort()).toEqual([
      'LICENSE',
      'README.md',
      'config.json',
      'generation_config.json',
      'model.safetensors.index.json',
      'scripts/train.py',
    ]);
    expect(snapshot.texts['README.md']).toBe(CARD);
    expect(snapshot.skipped).toEqual([]);
  });

  it('marks LFS-tracked files whose pointers were not read as LFS of unknown size', async () => {
    const attributes = '*.safetensors filter=lfs\nvocab.txt filter=lfs\n';
    const repo = defineRepo({ ...files, '.gitattributes': attributes, 'vocab.txt': lfsFile(800_000, 'vocab') });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(blobs.requests[0]).not.toContain('vocab.txt'); // a .txt is never a pointer candidate
    const vocab = entry(snapshot, 'vocab.txt')!;
    expect(vocab.kind).toBe('lfs');
    expect(vocab.lfs).toBeUndefined();
    expect(vocab.size).toBe(Buffer.byteLength(lfsFile(800_000, 'vocab')));
    expect(skipped(snapshot, 'vocab.txt')).toEqual(['limit']);
  });
});

describe('readGithubSnapshot: truncated trees', () => {
  const files: Record<string, RepoFile> = {
    'README.md': CARD,
    'models/a/config.json': '{"a":1}',
    'models/a/weights.bin': { bytes: 9_000_000 },
    'data/shard-0/part-000.parquet': { bytes: 50_000 },
    'data/shard-1/part-000.parquet': { bytes: 60_000 },
    'data/notes.txt': { bytes: 10 },
    'runs/ignored.bin': { bytes: 10 },
  };

  it('walks sub-trees, one level further where a sub-tree is itself truncated', async () => {
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    const requests = countRequests(scope);
    // The cut-short recursive listing carries only some entries; they must not be used alone.
    mockTree(scope, OWNER, REPO, SHA, repo.entries.slice(0, 3), { truncated: true });
    mockTree(scope, OWNER, REPO, SHA, entriesUnder(repo.entries, '', false), { recursive: false });
    mockTree(scope, OWNER, REPO, treeSha('models'), entriesUnder(repo.entries, 'models', true));
    mockTree(scope, OWNER, REPO, treeSha('data'), entriesUnder(repo.entries, 'data', true).slice(0, 1), {
      truncated: true,
    });
    mockTree(scope, OWNER, REPO, treeSha('data'), entriesUnder(repo.entries, 'data', false), { recursive: false });
    mockTree(scope, OWNER, REPO, treeSha('data/shard-0'), entriesUnder(repo.entries, 'data/shard-0', true));
    mockTree(scope, OWNER, REPO, treeSha('data/shard-1'), entriesUnder(repo.entries, 'data/shard-1', true));
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target, { ignore: (p) => p === 'runs' });

    scope.done(); // `runs` was never listed: ignored folders cost no request
    expect(requests.count).toBe(8);
    expect(kinds(snapshot)).toEqual({
      'README.md': 'file',
      'data/notes.txt': 'file',
      'data/shard-0/part-000.parquet': 'file',
      'data/shard-1/part-000.parquet': 'file',
      'models/a/config.json': 'file',
      'models/a/weights.bin': 'file',
    });
    expect(entry(snapshot, 'data/shard-1/part-000.parquet')?.size).toBe(60_000);
    expect(blobs.requests).toEqual([['README.md', 'models/a/config.json']]);
    expect(snapshot.texts['models/a/config.json']).toBe('{"a":1}');
    expect(snapshot.skipped).toEqual([{ path: 'runs', reason: 'ignored' }]);
  });

  it('stops at the tree request budget and says which folders were not listed', async () => {
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, [], { truncated: true });
    mockTree(scope, OWNER, REPO, SHA, entriesUnder(repo.entries, '', false), { recursive: false });
    // Budget 3: the truncated root, the root alone, then one sub-tree.
    mockTree(scope, OWNER, REPO, treeSha('data'), entriesUnder(repo.entries, 'data', true));
    mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target, { maxTreeRequests: 3 });

    scope.done();
    expect(snapshot.entries.map((e) => e.path)).toEqual([
      'README.md',
      'data/notes.txt',
      'data/shard-0/part-000.parquet',
      'data/shard-1/part-000.parquet',
    ]);
    expect(snapshot.skipped).toEqual([
      { path: 'models', reason: 'limit', detail: expect.stringContaining('3 tree requests'), incomplete: true },
      { path: 'runs', reason: 'limit', detail: expect.stringContaining('3 tree requests'), incomplete: true },
    ]);
  });
});

describe('readGithubSnapshot: texts', () => {
  it('reports a wanted file GitHub calls binary, and keeps the other texts', async () => {
    const repo = defineRepo({
      'README.md': CARD,
      'config.json': { bytes: 2048, binary: true },
      'training_args.json': '{"lr":0.0001}',
    });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(blobs.requests).toEqual([['README.md', 'config.json', 'training_args.json']]);
    expect(snapshot.texts).toEqual({ 'README.md': CARD, 'training_args.json': '{"lr":0.0001}' });
    expect(snapshot.skipped).toEqual([{ path: 'config.json', reason: 'binary' }]);
    expect(entry(snapshot, 'config.json')).toMatchObject({ kind: 'file', size: 2048 });
  });

  it('does not fetch a README above the text size cap', async () => {
    const repo = defineRepo({ 'README.md': { bytes: TEXT_SIZE_CAP + 1 }, LICENSE: 'MIT License\n' });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(blobs.requests).toEqual([['LICENSE']]);
    expect(snapshot.texts).toEqual({ LICENSE: 'MIT License\n' });
    expect(snapshot.skipped).toEqual([{ path: 'README.md', reason: 'too-large', detail: expect.any(String) }]);
    expect(entry(snapshot, 'README.md')?.size).toBe(TEXT_SIZE_CAP + 1);
  });

  it('spends no GraphQL request when no file is wanted', async () => {
    const repo = defineRepo({ 'src/modeling.py': 'pass\n', 'README.md': { bytes: TEXT_SIZE_CAP * 2 } });
    const scope = nock(GITHUB_API);
    const requests = countRequests(scope);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(requests.count).toBe(1);
    expect(snapshot.texts).toEqual({});
  });

  it('reads cards and licenses first when more texts are wanted than allowed', async () => {
    const repo = defineRepo({
      'a.yaml': 'a: 1\n',
      'b.yml': 'b: 1\n',
      'config.json': '{}',
      'docs/README.md': '# docs\n',
      'README.md': CARD,
      'LICENSE.txt': 'MIT\n',
    });
    const scope = nock(GITHUB_API);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);

    const snapshot = await readGithubSnapshot(testOctokit(), target, { maxTextFiles: 4 });

    scope.done();
    expect(blobs.requests).toEqual([['LICENSE.txt', 'README.md', 'docs/README.md', 'config.json']]);
    expect(snapshot.skipped).toEqual([
      { path: 'a.yaml', reason: 'limit', detail: expect.any(String) },
      { path: 'b.yml', reason: 'limit', detail: expect.any(String) },
    ]);
  });

  it('splits a batch whose texts would make one response too large', async () => {
    const files: Record<string, RepoFile> = {};
    // Ten wanted files of ~1 MB each: more than one GraphQL response should carry.
    for (let i = 0; i < 10; i++) files[`eval_results_${i}.json`] = { bytes: 1_000_000 };
    const repo = defineRepo(files);
    const texts = Object.fromEntries(Object.keys(files).map((p) => [p, `{"file":"${p}"}`]));
    const scope = nock(GITHUB_API);
    const requests = countRequests(scope);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, texts, { times: 2 });

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(requests.count).toBe(3);
    expect(blobs.requests.map((r) => r.length)).toEqual([8, 2]);
    expect(Object.keys(snapshot.texts)).toHaveLength(10);
  });

  it('keeps the blobs GraphQL returned when another one errs', async () => {
    const repo = defineRepo({ 'README.md': CARD, LICENSE: 'MIT\n' });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    scope.post('/graphql').reply(200, {
      data: { repository: { f0: { text: 'MIT\n', isBinary: false, byteSize: 4, isTruncated: false }, f1: null } },
      errors: [{ message: 'Something went wrong while executing your query.', path: ['repository', 'f1'] }],
    });

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot.texts).toEqual({ LICENSE: 'MIT\n' });
    expect(snapshot.skipped).toEqual([{ path: 'README.md', reason: 'unreadable', detail: expect.any(String) }]);
  });

  it('notes a text GitHub truncated instead of keeping half of it', async () => {
    const repo = defineRepo({ 'README.md': { bytes: 900_000 } });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    mockBlobs(scope, OWNER, REPO, { 'README.md': { text: '# cut', truncated: true } });

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot.texts).toEqual({});
    expect(skipped(snapshot, 'README.md')).toEqual(['too-large']);
  });
});

describe('readGithubSnapshot: Git LFS', () => {
  it('reads at most 20 pointers and marks the rest LFS from .gitattributes', async () => {
    const files: Record<string, RepoFile> = { '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n' };
    for (let i = 10; i < 35; i++) files[`ckpt/step-${i}.bin`] = lfsFile(1_000_000 + i, `step${i}`);
    const repo = defineRepo(files);
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(blobs.requests[0]).toHaveLength(21);
    const bins = snapshot.entries.filter((e) => e.path.endsWith('.bin'));
    expect(bins.every((e) => e.kind === 'lfs')).toBe(true);
    expect(bins.filter((e) => e.lfs).map((e) => e.size)).toEqual(Array.from({ length: 20 }, (_, i) => 1_000_010 + i));
    const unread = bins.filter((e) => !e.lfs).map((e) => e.path);
    expect(unread).toEqual([
      'ckpt/step-30.bin',
      'ckpt/step-31.bin',
      'ckpt/step-32.bin',
      'ckpt/step-33.bin',
      'ckpt/step-34.bin',
    ]);
    expect(snapshot.skipped.map((s) => s.path)).toEqual(unread);
  });

  it('recognises pointers without .gitattributes, and leaves small real binaries as files', async () => {
    const repo = defineRepo({
      'weights/model.gguf': lfsFile(3_000_000_000, 'gguf'),
      'weights/tiny.bin': { bytes: 300, binary: true },
      'weights/broken.pt': 'version https://git-lfs.github.com/spec/v1\noid sha256:nothex\nsize 12\n' + ' '.repeat(40),
    });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(kinds(snapshot)).toEqual({
      'weights/broken.pt': 'file',
      'weights/model.gguf': 'lfs',
      'weights/tiny.bin': 'file',
    });
    expect(entry(snapshot, 'weights/model.gguf')?.size).toBe(3_000_000_000);
    expect(snapshot.skipped).toEqual([{ path: 'weights/broken.pt', reason: 'invalid-lfs' }]);
  });

  it('treats a wanted text that is an LFS pointer as LFS, not as text', async () => {
    const repo = defineRepo({ 'trainer_state.json': lfsFile(40_000_000, 'state') });
    const scope = nock(GITHUB_API);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot.texts).toEqual({});
    expect(entry(snapshot, 'trainer_state.json')).toMatchObject({ kind: 'lfs', size: 40_000_000 });
    expect(skipped(snapshot, 'trainer_state.json')).toEqual(['too-large']);
  });
});

describe('readGithubSnapshot: submodules and symlinks', () => {
  it('maps submodules and symlinks, reading link targets in the same batch', async () => {
    const repo = defineRepo({
      'docs/README.md': CARD,
      'README.md': { symlink: 'docs/README.md' },
      weights: { symlink: '../shared/weights' },
      'third_party/transformers': { submodule: true },
    });
    const scope = nock(GITHUB_API);
    const requests = countRequests(scope);
    mockTree(scope, OWNER, REPO, SHA, repo.entries);
    const blobs = mockBlobs(scope, OWNER, REPO, repo.blobs);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(requests.count).toBe(2);
    expect(blobs.requests).toEqual([['docs/README.md', 'README.md', 'weights']]);
    expect(snapshot.entries).toEqual([
      { path: 'README.md', kind: 'symlink', size: 14, target: 'docs/README.md' },
      { path: 'docs/README.md', kind: 'file', size: Buffer.byteLength(CARD) },
      { path: 'third_party/transformers', kind: 'submodule', size: 0 },
      { path: 'weights', kind: 'symlink', size: 17, target: '../shared/weights' },
    ]);
    expect(snapshot.texts).toEqual({ 'docs/README.md': CARD, 'README.md': CARD });
    expect(snapshot.skipped).toEqual([{ path: 'weights', reason: 'symlink-outside', detail: '../shared/weights' }]);
  });
});

describe('readGithubSnapshot: repositories that cannot be listed', () => {
  it('returns an empty snapshot with a note for an empty repository (409)', async () => {
    const scope = nock(GITHUB_API);
    mockTreeError(scope, OWNER, REPO, SHA, 409);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot).toEqual({
      source: 'github',
      location: 'acme/llm',
      revision: SHA,
      entries: [],
      texts: {},
      skipped: [{ path: '', reason: 'unreadable', detail: 'the repository is empty' }],
    });
  });

  it('returns an empty snapshot for a commit that is gone (404)', async () => {
    const scope = nock(GITHUB_API);
    mockTreeError(scope, OWNER, REPO, SHA, 404);

    const snapshot = await readGithubSnapshot(testOctokit(), target);

    scope.done();
    expect(snapshot.entries).toEqual([]);
    expect(snapshot.skipped[0]?.detail).toContain(SHA);
  });

  it('lets other HTTP errors reach the caller', async () => {
    const scope = nock(GITHUB_API);
    mockTreeError(scope, OWNER, REPO, SHA, 500);

    await expect(readGithubSnapshot(testOctokit(), target)).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LFS_VERSION_LINE, TEXT_SIZE_CAP, type RepoSnapshot } from '../src/core/snapshot.js';
import {
  LFS_DEFERRED_READ_MAX,
  SnapshotError,
  readHeadRevision,
  readLocalSnapshot,
  type LocalSnapshotOptions,
} from '../src/sources/local-snapshot.js';

const tempDirs: string[] = [];

/** A fresh directory under the OS temp dir, removed after the test file. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-local-'));
  tempDirs.push(dir);
  return dir;
}

/** Writes a tree: string or Buffer values are files, folders are made as needed. */
function build(files: Record<string, string | Buffer>, root = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

function link(root: string, rel: string, target: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.symlinkSync(target, path.join(root, rel));
}

const entry = (s: RepoSnapshot, p: string) => s.entries.find((e) => e.path === p);
const skipsOf = (s: RepoSnapshot, p: string) => s.skipped.filter((k) => k.path === p).map((k) => k.reason);

const OID = 'a'.repeat(64);
const pointer = (size: number, oid = OID) => `${LFS_VERSION_LINE}\noid sha256:${oid}\nsize ${size}\n`;

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Every test runs with both listings: find's (when GNU find is there) and Node's own.
describe.each(['auto', 'node'] as const)('listing: %s', (lister) => {
  const read = (root: string, options: LocalSnapshotOptions = {}) => readLocalSnapshot(root, { lister, ...options });

  describe('readLocalSnapshot: the root', () => {
    test('an empty directory gives an empty snapshot that names the path as given', async () => {
      const root = tempDir();
      const snapshot = await read(root);
      expect(snapshot).toEqual({
        source: 'directory',
        location: root,
        revision: null,
        entries: [],
        texts: {},
        skipped: [],
      });
    });

    test('a missing root or a file throws a one-line SnapshotError', async () => {
      const root = tempDir();
      const missing = path.join(root, 'nope');
      await expect(read(missing)).rejects.toMatchObject({ name: 'SnapshotError', code: 'not-found' });
      fs.writeFileSync(path.join(root, 'file.txt'), 'x');
      const error = await read(path.join(root, 'file.txt')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotError);
      expect((error as SnapshotError).code).toBe('not-a-directory');
      expect((error as SnapshotError).message).not.toContain('\n');
      expect((error as SnapshotError).message).toContain('file.txt');
    });

    test('a relative root is kept as given in location', async () => {
      const root = build({ 'README.md': '# hi\n' });
      const relative = path.relative(process.cwd(), root);
      const snapshot = await read(relative);
      expect(snapshot.location).toBe(relative);
      expect(snapshot.texts['README.md']).toBe('# hi\n');
    });
  });

  describe('readLocalSnapshot: entries', () => {
    test('lists files with POSIX paths and sizes, sorted, and skips .git', async () => {
      const root = build({
        'b.txt': 'bb',
        'a/z.py': 'print(1)\n',
        'a/b/c.bin': Buffer.alloc(2048, 1),
        '.git/HEAD': 'ref: refs/heads/main\n',
        '.git/objects/ab/cdef': 'x',
        '.github/workflows/ci.yml': 'on: push\n',
      });
      const snapshot = await read(root);
      expect(snapshot.entries).toEqual([
        { path: '.github/workflows/ci.yml', size: 9, kind: 'file' },
        { path: 'a/b/c.bin', size: 2048, kind: 'file' },
        { path: 'a/z.py', size: 9, kind: 'file' },
        { path: 'b.txt', size: 2, kind: 'file' },
      ]);
    });

    test('20,000 files are all walked, each once', async () => {
      const root = tempDir();
      let expectedBytes = 0;
      for (let d = 0; d < 40; d++) {
        const dir = path.join(root, 'data', `part-${String(d).padStart(2, '0')}`);
        fs.mkdirSync(dir, { recursive: true });
        for (let i = 0; i < 500; i++) {
          const size = (d * 500 + i) % 97;
          fs.writeFileSync(path.join(dir, `shard-${i}.parquet`), Buffer.alloc(size, 7));
          expectedBytes += size;
        }
      }
      const progress: number[] = [];
      const snapshot = await read(root, { onProgress: (n) => progress.push(n) });
      expect(snapshot.entries).toHaveLength(20_000);
      expect(new Set(snapshot.entries.map((e) => e.path)).size).toBe(20_000);
      expect(snapshot.entries.reduce((sum, e) => sum + e.size, 0)).toBe(expectedBytes);
      const paths = snapshot.entries.map((e) => e.path);
      expect(paths).toEqual([...paths].sort());
      expect(progress.at(-1)).toBe(20_000);
      expect(progress.length).toBeGreaterThan(10);
    });

    test('maxEntries stops the listing deterministically and says so', async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 30; i++)
        files[`d${i % 3}/f${String(i).padStart(2, '0')}.bin`] = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';
      const first = await read(build(files), { maxEntries: 12 });
      const second = await read(build(files), { maxEntries: 12 });
      expect(first.entries).toHaveLength(12);
      expect(first.entries).toEqual(second.entries);
      expect(first.skipped.filter((s) => s.reason === 'limit')).toEqual([
        { path: '', reason: 'limit', detail: expect.stringContaining('at d1/f07.bin'), incomplete: true },
      ]);
      // Name order: all of d0, then the start of d1.
      expect(first.entries.filter((e) => e.path.startsWith('d0/'))).toHaveLength(10);
    });
  });

  describe('readLocalSnapshot: texts', () => {
    test('reads cards, configs and recipe scripts at any shallow depth, not deep READMEs or other code', async () => {
      const root = build({
        'README.md': '---\nlicense: mit\n---\n# Model\n',
        'models/small/README.md': '# Small\n',
        'models/small/config.json': '{"model_type":"llama"}',
        LICENSE: 'MIT License\n',
        'a/b/c/d/e/README.md': '# too deep\n',
        'modeling.py': 'print("hi")\n',
        'train.py': 'LR = 3e-4\n',
      });
      const snapshot = await read(root);
      expect(Object.keys(snapshot.texts).sort()).toEqual([
        'LICENSE',
        'README.md',
        'models/small/README.md',
        'models/small/config.json',
        'train.py',
      ]);
      expect(snapshot.texts['models/small/README.md']).toBe('# Small\n');
      expect(snapshot.skipped).toEqual([]);
    });

    test('a README with NUL bytes or invalid UTF-8 is binary, and a BOM is dropped', async () => {
      const root = build({
        'README.md': Buffer.from([0x23, 0x20, 0x68, 0x00, 0x69]),
        'docs/README.md': Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42, 0x00].slice(0, 3)),
        LICENSE: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Apache License\n')]),
      });
      const snapshot = await read(root);
      expect(snapshot.skipped).toEqual([
        { path: 'README.md', reason: 'binary', detail: 'contains NUL bytes' },
        { path: 'docs/README.md', reason: 'binary', detail: 'not valid UTF-8' },
      ]);
      expect(snapshot.texts).toEqual({ LICENSE: 'Apache License\n' });
      expect(entry(snapshot, 'README.md')).toEqual({ path: 'README.md', size: 5, kind: 'file' });
    });

    test('a 50 MB README (sparse) is too large and never read; the cap is inclusive', async () => {
      const root = build({ LICENSE: 'x'.repeat(TEXT_SIZE_CAP), NOTICE: 'y'.repeat(TEXT_SIZE_CAP + 1) });
      const big = path.join(root, 'README.md');
      fs.writeFileSync(big, '');
      fs.truncateSync(big, 50 * 1024 * 1024);
      const snapshot = await read(root);
      expect(entry(snapshot, 'README.md')).toEqual({ path: 'README.md', size: 50 * 1024 * 1024, kind: 'file' });
      expect(skipsOf(snapshot, 'README.md')).toEqual(['too-large']);
      expect(skipsOf(snapshot, 'NOTICE')).toEqual(['too-large']);
      expect(snapshot.texts['LICENSE']).toHaveLength(TEXT_SIZE_CAP);
      expect(Object.keys(snapshot.texts)).toEqual(['LICENSE']);
    });
  });

  describe('readLocalSnapshot: LFS pointers', () => {
    test('a valid pointer becomes an lfs entry with the real size', async () => {
      const root = build({
        'model.safetensors': pointer(13_500_000_000),
        'data/train-00000.parquet': pointer(123_456, 'b'.repeat(64)),
        'tokenizer.json': pointer(9_000_000),
      });
      const snapshot = await read(root);
      expect(entry(snapshot, 'model.safetensors')).toEqual({
        path: 'model.safetensors',
        size: 13_500_000_000,
        kind: 'lfs',
        lfs: { oid: OID, size: 13_500_000_000 },
      });
      expect(entry(snapshot, 'data/train-00000.parquet')?.kind).toBe('lfs');
      expect(entry(snapshot, 'tokenizer.json')?.size).toBe(9_000_000);
      expect(snapshot.skipped).toEqual([]);
    });

    test('a pointer with a garbage body is a file with an invalid-lfs skip that says what is wrong', async () => {
      const garbage = `${LFS_VERSION_LINE}\noid sha256:nothex\nsize 12\n`;
      const root = build({ 'weights.bin': garbage });
      const snapshot = await read(root);
      expect(entry(snapshot, 'weights.bin')).toEqual({
        path: 'weights.bin',
        size: Buffer.byteLength(garbage),
        kind: 'file',
      });
      expect(snapshot.skipped).toHaveLength(1);
      expect(snapshot.skipped[0]).toMatchObject({ path: 'weights.bin', reason: 'invalid-lfs' });
      expect(snapshot.skipped[0]!.detail).toContain('oid');
      expect(snapshot.skipped[0]!.detail).not.toContain('size');
    });

    test('small source files are not opened; wanted texts are checked for free', async () => {
      const root = build({ 'script.py': pointer(10), 'config.json': pointer(77), 'big.bin': 'v'.repeat(2000) });
      const snapshot = await read(root);
      expect(entry(snapshot, 'script.py')?.kind).toBe('file'); // by the documented extension rule
      expect(entry(snapshot, 'config.json')).toMatchObject({ kind: 'lfs', size: 77 });
      expect(snapshot.texts['config.json']).toBeUndefined();
      expect(entry(snapshot, 'big.bin')).toEqual({ path: 'big.bin', size: 2000, kind: 'file' });
    });
  });

  describe('readLocalSnapshot: LFS paths named by .gitattributes', () => {
    const ATTRIBUTES =
      '*.parquet filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.csv filter=lfs\n';

    test('with few tracked files every pointer is still opened: real sizes, real kinds', async () => {
      const root = build({
        '.gitattributes': ATTRIBUTES,
        'model.safetensors': pointer(5_000_000_000),
        'data/a.parquet': pointer(300_000_000),
        'data/pulled.csv': 'id,text\n1,already fetched by git lfs pull\n', // tracked, but the real object
        'data/bad.parquet': `${LFS_VERSION_LINE}\nsize 1\n`,
        'data/local/.gitattributes': '*.csv -filter\n',
        'data/local/notes.csv': pointer(42), // not tracked here: judged by its content as before
      });
      const snapshot = await read(root);
      expect(entry(snapshot, 'model.safetensors')).toMatchObject({ kind: 'lfs', size: 5_000_000_000 });
      expect(entry(snapshot, 'data/a.parquet')).toMatchObject({
        kind: 'lfs',
        size: 300_000_000,
        lfs: { oid: OID, size: 300_000_000 },
      });
      expect(entry(snapshot, 'data/pulled.csv')).toMatchObject({
        kind: 'file',
        size: 'id,text\n1,already fetched by git lfs pull\n'.length,
      });
      expect(entry(snapshot, 'data/bad.parquet')?.kind).toBe('file');
      expect(entry(snapshot, 'data/local/notes.csv')).toMatchObject({ kind: 'lfs', size: 42 });
      expect(snapshot.skipped.map((s) => [s.path, s.reason])).toEqual([['data/bad.parquet', 'invalid-lfs']]);
    });

    test("a pattern with a slash in a folder's .gitattributes is relative to that folder", async () => {
      const root = build({
        'data/.gitattributes': 'sub/*.json filter=lfs diff=lfs merge=lfs -text\n',
        'data/sub/big.json': pointer(123_456_789), // a source extension: only the rule makes it a pointer
        'a/b/.gitattributes': '/top.py filter=lfs diff=lfs merge=lfs -text\n',
        'a/b/top.py': pointer(7_000_000),
        'a/b/c/top.py': pointer(8_000_000), // anchored at a/b: not this one
      });
      const snapshot = await read(root);
      expect(entry(snapshot, 'data/sub/big.json')).toMatchObject({ kind: 'lfs', size: 123_456_789 });
      expect(entry(snapshot, 'a/b/top.py')).toMatchObject({ kind: 'lfs', size: 7_000_000 });
      expect(entry(snapshot, 'a/b/c/top.py')?.kind).toBe('file');
    });

    test(`above ${LFS_DEFERRED_READ_MAX} tracked data files their pointers stay closed; weights and texts are still read`, async () => {
      const files: Record<string, string> = {
        '.gitattributes': ATTRIBUTES + '*.json filter=lfs\n',
        'model-00001-of-00002.safetensors': pointer(4_900_000_000),
        'sub/model.safetensors': pointer(1_000_000_000),
        'config.json': '{"model_type": "llama"}\n', // wanted text that .gitattributes names: read as before
        'eval/results.json': pointer(2_000), // wanted too: the pointer is recognised when read
      };
      const shards = LFS_DEFERRED_READ_MAX + 1;
      for (let i = 0; i < shards; i++)
        files[`data/train/shard-${String(i).padStart(5, '0')}.parquet`] = pointer(250_000_000 + i);
      const snapshot = await read(build(files));
      expect(entry(snapshot, 'model-00001-of-00002.safetensors')).toMatchObject({
        kind: 'lfs',
        size: 4_900_000_000,
        lfs: { size: 4_900_000_000 },
      });
      expect(entry(snapshot, 'sub/model.safetensors')).toMatchObject({ kind: 'lfs', size: 1_000_000_000 });
      expect(snapshot.texts['config.json']).toBe('{"model_type": "llama"}\n');
      expect(entry(snapshot, 'eval/results.json')).toMatchObject({ kind: 'lfs', size: 2_000 });
      const data = snapshot.entries.filter((e) => e.path.startsWith('data/train/'));
      expect(data).toHaveLength(shards);
      // LFS, real size unknown: `size` is the pointer's own and there are no `lfs` facts.
      expect(
        data.every(
          (e) => e.kind === 'lfs' && e.lfs === undefined && e.size === Buffer.byteLength(pointer(250_000_000)),
        ),
      ).toBe(true);
      expect(snapshot.skipped).toHaveLength(1);
      expect(snapshot.skipped[0]).toMatchObject({ path: '', reason: 'limit' });
      expect(snapshot.skipped[0]!.detail).toContain(`${shards} small files`);
    });

    test('a .gitattributes that is a symlink is not followed for rules', async () => {
      const root = build({
        'real/attributes': '*.parquet filter=lfs\n',
        'data/a.parquet': 'not a pointer at all, a small real file\n',
      });
      link(root, '.gitattributes', 'real/attributes');
      const snapshot = await read(root);
      expect(entry(snapshot, 'data/a.parquet')?.kind).toBe('file');
    });
  });

  describe('readLocalSnapshot: symlinks', () => {
    test('a link inside the root is listed with its target; a file behind it may be read', async () => {
      const root = build({ 'docs/card.md': '# Card\n' });
      link(root, 'README.md', 'docs/card.md');
      link(root, 'docs-link', 'docs');
      const snapshot = await read(root);
      expect(entry(snapshot, 'README.md')).toEqual({
        path: 'README.md',
        size: 12,
        kind: 'symlink',
        target: 'docs/card.md',
      });
      expect(snapshot.texts['README.md']).toBe('# Card\n');
      // Folders behind links are not walked.
      expect(entry(snapshot, 'docs-link')?.kind).toBe('symlink');
      expect(snapshot.entries.some((e) => e.path.startsWith('docs-link/'))).toBe(false);
      expect(snapshot.skipped).toEqual([]);
    });

    test('a link out of the root is listed, skipped and never read', async () => {
      const outside = build({ 'secret.md': 'TOP SECRET\n' });
      const root = build({ 'a.txt': 'a' });
      link(root, 'README.md', path.join(outside, 'secret.md'));
      link(root, 'up', '..');
      link(root, 'etc', path.join(outside));
      const snapshot = await read(root);
      expect(entry(snapshot, 'README.md')).toMatchObject({ kind: 'symlink', target: path.join(outside, 'secret.md') });
      expect(skipsOf(snapshot, 'README.md')).toEqual(['symlink-outside']);
      expect(skipsOf(snapshot, 'up')).toEqual(['symlink-outside']);
      expect(skipsOf(snapshot, 'etc')).toEqual(['symlink-outside']);
      expect(JSON.stringify(snapshot)).not.toContain('TOP SECRET');
      expect(snapshot.entries.map((e) => e.path)).toEqual(['README.md', 'a.txt', 'etc', 'up']);
    });

    test('symlink loops do not hang: cycles and links to a folder above are loops', async () => {
      const root = build({ 'sub/file.txt': 'x' });
      link(root, 'a', 'b');
      link(root, 'b', 'a');
      link(root, 'self', 'self');
      link(root, 'sub/root', '..');
      link(root, 'sub/here', '.');
      const snapshot = await read(root);
      for (const p of ['a', 'b', 'self', 'sub/root', 'sub/here']) {
        expect(entry(snapshot, p)?.kind).toBe('symlink');
        expect(skipsOf(snapshot, p)).toEqual(['symlink-loop']);
      }
      expect(snapshot.entries).toHaveLength(6);
    });

    test('a dangling link is listed without a skip', async () => {
      const root = tempDir();
      link(root, 'gone.md', 'nowhere.md');
      const snapshot = await read(root);
      expect(snapshot.entries).toEqual([{ path: 'gone.md', size: 10, kind: 'symlink', target: 'nowhere.md' }]);
      expect(snapshot.skipped).toEqual([]);
    });
  });

  describe('readLocalSnapshot: submodules, ignore, unreadable', () => {
    test('a folder with a .git file, a nested repository and a .gitmodules path are submodules, not walked', async () => {
      const root = build({
        '.gitmodules':
          '[submodule "lib"]\n\tpath = vendor/lib\n\turl = https://example.com/lib.git\n[submodule "empty"]\n\tpath = third_party/empty\n',
        'vendor/lib/.git': 'gitdir: ../../.git/modules/lib\n',
        'vendor/lib/README.md': '# not ours\n',
        'nested/.git/HEAD': 'ref: refs/heads/main\n',
        'nested/src/x.py': 'x',
        'README.md': '# ours\n',
      });
      fs.mkdirSync(path.join(root, 'third_party/empty'), { recursive: true });
      const snapshot = await read(root);
      expect(snapshot.entries.map((e) => [e.path, e.kind])).toEqual([
        ['.gitmodules', 'file'],
        ['README.md', 'file'],
        ['nested', 'submodule'],
        ['third_party/empty', 'submodule'],
        ['vendor/lib', 'submodule'],
      ]);
      expect(Object.keys(snapshot.texts)).toEqual(['README.md']);
    });

    test('ignore globs drop entries and prune folders, counted per pattern', async () => {
      const root = build({
        'README.md': '# r\n',
        'data/a.parquet': 'a',
        'data/sub/b.parquet': 'b',
        'x/run.tmp': 't',
        'y.tmp': 't',
        'keep.txt': 'k',
      });
      const snapshot = await read(root, { ignore: ['data/', '*.tmp', 'nothing-matches'] });
      expect(snapshot.entries.map((e) => e.path)).toEqual(['README.md', 'keep.txt']);
      expect(snapshot.skipped).toEqual([
        { path: '*.tmp', reason: 'ignored', detail: '2 files' },
        { path: 'data/', reason: 'ignored', detail: '1 folder (not walked)' },
      ]);
    });

    test('special files become unreadable skips, never a throw', async () => {
      const root = build({ 'a.txt': 'a' });
      execFileSync('mkfifo', [path.join(root, 'pipe')]);
      const snapshot = await read(root);
      expect(snapshot.entries.map((e) => e.path)).toEqual(['a.txt']);
      expect(skipsOf(snapshot, 'pipe')).toEqual(['unreadable']);
    });

    const asRoot = process.getuid?.() === 0;
    (asRoot ? test.skip : test)('a folder without permissions is an unreadable skip', async () => {
      const root = build({ 'locked/x.txt': 'x', 'open.txt': 'o' });
      fs.chmodSync(path.join(root, 'locked'), 0o000);
      try {
        const snapshot = await read(root);
        expect(skipsOf(snapshot, 'locked')).toEqual(['unreadable']);
        expect(snapshot.entries.map((e) => e.path)).toEqual(['open.txt']);
      } finally {
        fs.chmodSync(path.join(root, 'locked'), 0o755);
      }
    });
  });
});

describe('revision from .git files', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  const sha2 = 'fedcba9876543210fedcba9876543210fedcba98';

  test('HEAD -> loose ref', async () => {
    const root = build({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${sha}\n`, 'a.txt': 'a' });
    const snapshot = await readLocalSnapshot(root);
    expect(snapshot.revision).toBe(sha);
    expect(snapshot.entries.map((e) => e.path)).toEqual(['a.txt']);
  });

  test('HEAD -> packed-refs, detached HEAD, unborn branch', () => {
    const packed = build({
      '.git/HEAD': 'ref: refs/heads/dev\n',
      '.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${sha2} refs/heads/main\n${sha} refs/heads/dev\n^${sha2}\n`,
    });
    expect(readHeadRevision(packed)).toBe(sha);
    expect(readHeadRevision(build({ '.git/HEAD': `${sha.toUpperCase()}\n` }))).toBe(sha);
    expect(readHeadRevision(build({ '.git/HEAD': 'ref: refs/heads/main\n' }))).toBeNull();
    expect(readHeadRevision(build({ '.git/HEAD': 'ref: refs/../../etc/passwd\n' }))).toBeNull();
    expect(readHeadRevision(tempDir())).toBeNull();
  });

  test('a .git file (worktree) follows gitdir and commondir', () => {
    const main = build({
      '.git/packed-refs': `${sha2} refs/heads/feature\n`,
      '.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
    });
    fs.writeFileSync(path.join(main, '.git/worktrees/wt/commondir'), '../..\n');
    const worktree = build({ '.git': `gitdir: ${path.join(main, '.git/worktrees/wt')}\n` });
    expect(readHeadRevision(worktree)).toBe(sha2);
  });
});

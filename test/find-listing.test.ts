// The find-based listing: what it reads from GNU find, when it gives up (so the Node walk
// takes over), and that a snapshot made from it equals the one made with readdir + lstat.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LFS_VERSION_LINE } from '../src/core/snapshot.js';
import { listWithFind, type FoundEntry } from '../src/sources/find-listing.js';
import { readLocalSnapshot } from '../src/sources/local-snapshot.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-find-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function build(files: Record<string, string | Buffer>, root = tempDir()): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/** Lists with find; the folders in the order they were handed over, as sorted "type name size" lines. */
async function list(
  root: string,
  findBinary?: string,
): Promise<{ complete: boolean; order: string[]; folders: Record<string, string[]> }> {
  const order: string[] = [];
  const folders: Record<string, string[]> = {};
  const type = (e: FoundEntry) =>
    e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : e.isFIFO() ? 'p' : '?';
  const complete = await listWithFind(
    root,
    (dir, entries) => {
      order.push(dir);
      folders[dir] = entries.map((e) => `${type(e)} ${e.name} ${e.isDirectory() ? '-' : e.size}`).sort();
    },
    findBinary,
  );
  return { complete, order, folders };
}

const hasGnuFind = (() => {
  try {
    return execFileSync('find', ['--version'], { encoding: 'utf8' }).includes('GNU findutils');
  } catch {
    return false;
  }
})();
const gnu = hasGnuFind ? test : test.skip;

describe('listWithFind', () => {
  gnu('lists every entry by folder with its type and lstat size; odd names survive', async () => {
    const root = build({
      'README.md': '# card\n',
      'a b/tab\there.txt': '12345',
      'a b/new\nline.bin': Buffer.alloc(300, 1),
      'données/é.json': '{}',
      'sub/.git': 'gitdir: ../.git/modules/sub\n',
      'sub/inner.py': 'x = 1\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    fs.mkdirSync(path.join(root, 'empty'));
    fs.symlinkSync('README.md', path.join(root, 'link'));
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    const { complete, order, folders } = await list(root);
    expect(complete).toBe(true);
    expect(folders).toEqual({
      '': ['d .git -', 'd a b -', 'd données -', 'd empty -', 'd sub -', 'f README.md 7', 'l link 9', 'p pipe 0'],
      'a b': ['f new\nline.bin 300', 'f tab\there.txt 5'],
      données: ['f é.json 2'],
      // .git is listed (the walker decides what it means) but never descended into.
      sub: ['f .git 28', 'f inner.py 6'],
    });
    // Each folder once, after everything below it; the root last; the empty folder never.
    expect([...order].sort()).toEqual(['', 'a b', 'données', 'sub']);
    expect(order.at(-1)).toBe('');
  });

  gnu('a deep tree comes children first', async () => {
    const root = build({ 'a/b/c/d.txt': 'd', 'a/b/e.txt': 'e', 'a/f.txt': 'f', 'g/h.txt': 'h', 'i.txt': 'i' });
    const { order } = await list(root);
    expect(order.indexOf('a/b/c')).toBeLessThan(order.indexOf('a/b'));
    expect(order.indexOf('a/b')).toBeLessThan(order.indexOf('a'));
    expect(order.at(-1)).toBe('');
    expect([...order].sort()).toEqual(['', 'a', 'a/b', 'a/b/c', 'g']);
  });

  test('a find that is missing, fails or prints something else gives false, never a throw', async () => {
    const root = build({ 'a.txt': 'a' });
    expect((await list(root, path.join(root, 'no-such-find'))).complete).toBe(false);
    expect((await list(root, 'false')).complete).toBe(false);
    // A find without -printf (BSD, BusyBox) writes an error and exits non-zero.
    const bsdLike = path.join(root, 'bsd-find');
    fs.writeFileSync(bsdLike, '#!/bin/sh\necho "find: -printf: unknown primary or operator" >&2\nexit 1\n', {
      mode: 0o755,
    });
    expect((await list(root, bsdLike)).complete).toBe(false);
    // Exit 0 but records that are not "<type>\t<size>\t<path>\0".
    const garbage = path.join(root, 'garbage-find');
    fs.writeFileSync(garbage, '#!/bin/sh\nprintf "f\\tlots\\ta.txt\\0"\n', { mode: 0o755 });
    expect((await list(root, garbage)).complete).toBe(false);
    const unterminated = path.join(root, 'unterminated-find');
    fs.writeFileSync(unterminated, '#!/bin/sh\nprintf "f\\t1\\ta.txt"\n', { mode: 0o755 });
    expect((await list(root, unterminated)).complete).toBe(false);
    // A listener that throws: the listing is not complete either.
    await expect(
      listWithFind(root, () => {
        throw new Error('bug');
      }),
    ).resolves.toBe(false);
  });
});

describe('listings find gives up on, so that the Node walk makes the snapshot', () => {
  gnu('names that are not UTF-8 (two could decode to the same path)', async () => {
    const root = build({ 'good.txt': 'ok' });
    const raw = (name: string) => Buffer.concat([Buffer.from(root + '/'), Buffer.from(name, 'latin1')]);
    fs.writeFileSync(raw('x\xff'), 'a');
    fs.writeFileSync(raw('x\xfe'), 'b');
    expect((await list(root)).complete).toBe(false);
    expect(await readLocalSnapshot(root, { lister: 'auto' })).toEqual(
      await readLocalSnapshot(root, { lister: 'node' }),
    );
  });

  gnu('paths longer than a system call takes (Node cannot open them)', async () => {
    // Not under tempDir(): fs.rmSync cannot remove what is too long to name; GNU rm can.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'truly-open-long-'));
    try {
      // 19 folders of 204 characters, then a file name of 200: made from inside, one level
      // at a time, as no system call takes the whole path.
      execFileSync(
        'sh',
        [
          '-c',
          'for i in $(seq 19); do d=$(printf "%03d%0201d" $i 0); mkdir "$d" && cd "$d" || exit 1; done; echo x > "$(printf "%0200d" 0)"',
        ],
        { cwd: root },
      );
      fs.writeFileSync(path.join(root, 'top.txt'), 't');
      expect((await list(root)).complete).toBe(false);
      const viaNode = await readLocalSnapshot(root, { lister: 'node' });
      expect(viaNode.skipped.map((k) => [k.reason, k.detail])).toEqual([['unreadable', 'ENAMETOOLONG']]);
      expect(await readLocalSnapshot(root, { lister: 'auto' })).toEqual(viaNode);
    } finally {
      execFileSync('rm', ['-rf', root]);
    }
  });
});

describe('a snapshot from the find listing equals the Node walk', () => {
  gnu('cards, configs, LFS pointers (by content and by .gitattributes), links, submodules, odd names', async () => {
    const pointer = (n: number) => `${LFS_VERSION_LINE}\noid sha256:${String(n % 10).repeat(64)}\nsize ${1000 + n}\n`;
    const files: Record<string, string | Buffer> = {
      '.gitattributes': '*.parquet filter=lfs diff=lfs merge=lfs -text\n',
      'README.md': '---\nlicense: apache-2.0\n---\n# Model\n',
      LICENSE: 'MIT License\n',
      'config.json': '{"model_type": "llama"}',
      'model.safetensors': pointer(1),
      'weights/extra.bin': Buffer.alloc(4096, 2),
      'src/train.py': 'print("train")\n',
      'vendor/lib/.git': 'gitdir: x\n',
      'vendor/lib/code.py': 'x',
      'naïve dir/ü.md': '# ü\n',
      'bad.parquet': `${LFS_VERSION_LINE}\ngarbage\n`,
    };
    for (let i = 0; i < 50; i++) files[`data/part-${i % 3}/shard-${i}.parquet`] = pointer(i);
    const root = build(files);
    fs.symlinkSync('../README.md', path.join(root, 'src', 'card-link.md'));
    fs.symlinkSync('/etc/hostname', path.join(root, 'outside'));
    expect((await list(root)).complete).toBe(true); // so 'auto' below really lists with find
    const viaFind = await readLocalSnapshot(root, { lister: 'auto' });
    const viaNode = await readLocalSnapshot(root, { lister: 'node' });
    expect(viaFind).toEqual(viaNode);
    expect(viaFind.entries.length).toBeGreaterThan(55);
    expect(viaFind.entries.find((e) => e.path === 'data/part-0/shard-0.parquet')).toMatchObject({
      kind: 'lfs',
      size: 1000,
    });
  });
});

// The local directory source: walks a checkout and hands the engine a RepoSnapshot.
//
// Rules the walk follows (each one keeps it safe or fast on trees of 200,000 files):
// - `.git` at the root is never listed; a folder holding its own `.git` (file or folder),
//   or listed as a `path` in the root `.gitmodules`, is one 'submodule' entry, not walked.
// - Symlinks are listed, never walked into. A link that resolves outside the root also gets
//   a 'symlink-outside' skip, a link that cannot resolve because it loops (or points at a
//   folder above itself) a 'symlink-loop' skip. Only a link inside the root that ends at a
//   regular file may have its target read as text, under the link's own path.
// - Text is read only for paths `wantsText` asks for, at most TEXT_SIZE_CAP bytes; NUL
//   bytes or invalid UTF-8 make it 'binary'; a UTF-8 BOM is dropped.
// - LFS pointers: a file under LFS_POINTER_MAX bytes is opened to look for the pointer line
//   only when its extension is not a plain source/text type (`mayBeLfsPointer`, shared with
//   the GitHub source in core/snapshot.ts), or when it is read as text anyway. Data shards
//   (.parquet, .bin, .jsonl, no extension …) are looked at; a 300-byte `train.py` is not.
//   When `.gitattributes` files (root or nested) route a small file through LFS, it is a
//   pointer without looking: weights are still opened for their real size, the rest is
//   opened after the walk only when there are at most LFS_DEFERRED_READ_MAX of them.
// - `ignore` globs prune folders before they are read; what they left out is counted per
//   pattern in one 'ignored' skip each (path = the pattern), never listed file by file.
// - Unreadable files and folders become 'unreadable' skips. Only a root that is missing,
//   not a folder, or unreadable throws (SnapshotError).
//
// Why synchronous syscalls inside an async function: measured on 100,000 files (2 cores,
// Node 20), readdirSync+lstatSync took 0.32 s and 57 MB RSS, fs.promises with 64 in flight
// 3.9 s and 265 MB, callback fs with 8-64 in flight 0.8-1.3 s and 100 MB. Metadata calls are
// served from the kernel's cache in microseconds, so the thread-pool hop costs more than the
// call. The walk yields to the event loop every few thousand entries so progress callbacks
// and timers still run. Faster still: GNU find lists the whole tree with sizes from C
// (find-listing.ts) and the walk takes each folder from that listing, with lstat calls
// only for the `.git` and `.gitattributes` of folders not listed yet, instead of one per
// file; readdir + lstat when find is not there or not usable.
import fs from 'node:fs';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { weightFormat } from '../core/evidence/artifacts.js';
import { compileGlobDecider, type GlobDecider } from '../core/glob.js';
import {
  LFS_POINTER_MAX,
  LFS_VERSION_LINE,
  TEXT_SIZE_CAP,
  mayBeLfsPointer,
  parseLfsPointer,
  primeEntryShape,
  wantsText,
  type RepoSnapshot,
  type SkippedEntry,
  type SnapshotEntry,
} from '../core/snapshot.js';
import { errorCode, exists, isRegularFile, readCapped, READ_FLAGS } from './file-reads.js';
import { FoundEntry, listWithFind } from './find-listing.js';
import { readGitmodulePaths, readHeadRevision } from './git-metadata.js';
import { parseLfsRules, type LfsRule } from './gitattributes.js';
import { compileLfsMatcher, type LfsMatcher } from './lfs-matcher.js';

export type SnapshotErrorCode = 'not-found' | 'not-a-directory' | 'unreadable';

/** The root cannot be walked at all. The message is one line, fit for a CLI error. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    message: string,
    readonly code: SnapshotErrorCode,
  ) {
    super(message);
  }
}

export interface LocalSnapshotOptions {
  /** Glob patterns (see core/glob.ts) of paths to leave out. */
  ignore?: string[];
  /** Stop listing after this many entries (a 'limit' skip says where it stopped). */
  maxEntries?: number;
  /** Called with the number of entries listed so far, every PROGRESS_EVERY entries and at the end. */
  onProgress?: (entries: number) => void;
  /**
   * 'auto' (the default): list the tree with GNU find when it is there and neither `ignore`
   * nor `maxEntries` is set (both prune the walk, which find would not), else with Node.
   * 'node': always with Node. Both give the same snapshot (test/local-snapshot.test.ts), but
   * for files that vanish during the walk: find's listing keeps them, readdir's drops them.
   */
  lister?: 'auto' | 'node';
}

/** What a folder listing holds: Node's Dirent, or find's entry that also knows the size. */
type Listed = fs.Dirent | FoundEntry;

const LFS_VERSION_BYTES = Buffer.from(LFS_VERSION_LINE, 'latin1');
const PROGRESS_EVERY = 1000;
const YIELD_EVERY = 4096;
/**
 * Up to this many LFS-tracked files whose pointer was set aside are still opened after the
 * walk, so that small and medium trees get every real size. Above it, they stay LFS entries
 * with the real size unknown (see docs/local-directory.md).
 */
export const LFS_DEFERRED_READ_MAX = 2000;

/** A folder still to be listed, with the `.gitattributes` LFS rules that govern it. */
interface PendingDir {
  dir: string;
  rules: LfsRule[];
  /** Null when no rule applies: every file is then judged by its content alone. */
  matcher: LfsMatcher | null;
}

/** What governs a folder find listed, from the folder and its ancestors on disk. */
interface FolderContext extends PendingDir {
  /** A submodule (its own `.git`, or a `.gitmodules` path) or inside one: nothing in it is listed. */
  skip: boolean;
}

export async function readLocalSnapshot(root: string, options: LocalSnapshotOptions = {}): Promise<RepoSnapshot> {
  const rootAbs = path.resolve(root);
  let rootStat: fs.Stats;
  try {
    rootStat = fs.statSync(rootAbs);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SnapshotError(`no such directory: ${root}`, 'not-found');
    throw new SnapshotError(`cannot read directory ${root}: ${code}`, 'unreadable');
  }
  if (!rootStat.isDirectory()) throw new SnapshotError(`not a directory: ${root}`, 'not-a-directory');
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(rootAbs);
    fs.accessSync(rootReal, fs.constants.R_OK | fs.constants.X_OK);
  } catch (error) {
    throw new SnapshotError(`cannot read directory ${root}: ${errorCode(error)}`, 'unreadable');
  }

  primeEntryShape();
  const useFind =
    (options.lister ?? 'auto') === 'auto' &&
    !options.ignore?.some((p) => p.trim() !== '') &&
    options.maxEntries === undefined;
  let walker = new Walker(rootReal, options);
  if (!useFind || !(await listWithFind(rootReal, (dir, entries) => walker.visitListedFolder(dir, entries)))) {
    // find was not used, or gave up part-way: what it handed over is dropped, Node lists all.
    walker = new Walker(rootReal, options);
    await walker.walk();
  }
  walker.finish();
  return {
    source: 'directory',
    location: root,
    revision: readHeadRevision(rootReal),
    ...walker.result(),
  };
}

class Walker {
  private readonly entries: SnapshotEntry[] = [];
  private readonly texts = new Map<string, string>();
  private readonly skipped: SkippedEntry[] = [];
  private readonly patterns: string[];
  private readonly decide: GlobDecider | null;
  private readonly ignoredFiles: number[];
  private readonly ignoredDirs: number[];
  private readonly submodulePaths: Set<string>;
  private readonly maxEntries: number;
  /** Shared read buffer for small files; its content is copied out (into strings) before the next read. */
  private readonly probe = Buffer.allocUnsafe(LFS_POINTER_MAX);
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** LFS-tracked files listed without opening their pointer (yet). */
  private readonly deferred: SnapshotEntry[] = [];
  private sinceYield = 0;
  private stopped = false;
  private count = 0;
  private readonly contexts = new Map<string, FolderContext>();
  /**
   * Listed by find: each folder's entries and subfolders (by path) in sorted order, joined
   * into `entries` by finish(). Folders arrive children first, so entries cannot simply be
   * appended; joined this way they come out sorted with no sort over all of them.
   */
  private readonly folderItems = new Map<string, (SnapshotEntry | string)[]>();
  /** Where addEntry puts entries: the folder being visited (find), else `entries`. */
  private items: (SnapshotEntry | string)[] | null = null;

  constructor(
    private readonly rootReal: string,
    private readonly options: LocalSnapshotOptions,
  ) {
    this.patterns = (options.ignore ?? []).filter((p) => p.trim() !== '');
    this.decide = this.patterns.length > 0 ? compileGlobDecider(this.patterns) : null;
    this.ignoredFiles = this.patterns.map(() => 0);
    this.ignoredDirs = this.patterns.map(() => 0);
    this.submodulePaths = readGitmodulePaths(rootReal);
    this.maxEntries = options.maxEntries ?? Infinity;
  }

  async walk(): Promise<void> {
    // Depth-first with an explicit stack: no recursion limit on deep trees, and only the
    // pending folder names are held, not their listings.
    const stack: PendingDir[] = [{ dir: '', rules: [], matcher: null }];
    // With a budget, which entries make it in must not depend on the file system's
    // listing order, so folders are then read in name order.
    const ordered = Number.isFinite(this.maxEntries);
    while (stack.length > 0 && !this.stopped) {
      const pending = stack.pop()!;
      const dir = pending.dir;
      const dirAbs = dir === '' ? this.rootReal : `${this.rootReal}${path.sep}${dir}`;
      let dirents: fs.Dirent[];
      try {
        dirents = fs.readdirSync(dirAbs, { withFileTypes: true });
      } catch (error) {
        this.skip(dir, 'unreadable', errorCode(error));
        continue;
      }
      if (dir !== '' && dirents.some((d) => d.name === '.git')) {
        this.addEntry({ path: dir, size: 0, kind: 'submodule' });
        continue;
      }
      if (ordered) dirents.sort((a, b) => compare(a.name, b.name));
      const { rules, matcher } = this.folderRules(
        pending,
        dir,
        dirents.some((d) => d.name === '.gitattributes' && d.isFile()),
      );
      const subdirs: string[] = [];
      for (const dirent of dirents) {
        if (this.stopped) break;
        const name = dirent.name;
        if (dir === '' && name === '.git') continue;
        const rel = dir === '' ? name : `${dir}/${name}`;
        this.visit(rel, dirent, subdirs, matcher);
        if (++this.sinceYield >= YIELD_EVERY) {
          this.sinceYield = 0;
          await nextTurn();
        }
      }
      // Subfolders go on the stack after the files, so a folder's files are listed first.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!, rules, matcher });
    }
  }

  /**
   * One folder as find listed it, handed over once find is past it: its subfolders come
   * before it, so whether an ancestor is a submodule and which of their `.gitattributes`
   * govern it are read from disk (folderContext), as their listings are not complete yet.
   * Its subfolders are not visited from here: each comes on its own.
   */
  visitListedFolder(dir: string, dirents: FoundEntry[]): void {
    const context = this.folderContext(dir, dirents);
    if (context.skip) return;
    // libuv sorts readdir's names, find does not. Sorted, entries are made in the order
    // they end up in, which keeps the engine's passes over them cache-friendly (made in
    // find's order, assess() on 100,000 entries took ~225 ms instead of ~175).
    dirents.sort((a, b) => (a.key < b.key ? -1 : 1)); // keys differ within a folder
    const items: (SnapshotEntry | string)[] = [];
    this.items = items;
    for (const dirent of dirents) {
      const rel = dirent.path;
      if (rel === '.git') continue;
      if (dirent.isDirectory()) {
        // A submodule is one entry; any other folder's entries go here when it is joined.
        if (this.folderContext(rel).skip) this.addEntry({ path: rel, size: 0, kind: 'submodule' });
        else items.push(rel);
        continue;
      }
      // Files, nearly every entry, straight to visitFile: find has their type and size.
      if (dirent.isFile()) {
        this.visitFile(rel, context.matcher, dirent.size);
        continue;
      }
      // Links, special files and (rarely) an entry of unknown type that lstat finds a folder.
      const found: string[] = [];
      this.visit(rel, dirent, found, context.matcher);
      for (const sub of found) {
        if (this.folderContext(sub).skip) this.addEntry({ path: sub, size: 0, kind: 'submodule' });
        else items.push(sub);
      }
    }
    this.items = null;
    this.folderItems.set(dir, items);
  }

  /**
   * `listed`: the folder's own complete listing, when the caller has it. Its `.git` and
   * `.gitattributes` are then read from it; a folder whose listing is not complete yet (an
   * ancestor of the one being visited) costs two lstat calls instead. On a tree of 30,000
   * one-file folders, lstat for every folder made the find listing slower than Node's.
   */
  private folderContext(dir: string, listed?: FoundEntry[]): FolderContext {
    const known = this.contexts.get(dir);
    if (known) return known;
    const abs = dir === '' ? this.rootReal : `${this.rootReal}${path.sep}${dir}`;
    const has = (name: string, regularFile: boolean): boolean =>
      listed
        ? listed.some((d) => d.path.endsWith(name) && d.name === name && (!regularFile || d.isFile()))
        : regularFile
          ? isRegularFile(`${abs}${path.sep}${name}`)
          : exists(`${abs}${path.sep}${name}`);
    let context: FolderContext;
    if (dir === '') {
      context = {
        ...this.folderRules({ dir, rules: [], matcher: null }, dir, has('.gitattributes', true)),
        dir,
        skip: false,
      };
    } else {
      const slash = dir.lastIndexOf('/');
      const parent = this.folderContext(slash < 0 ? '' : dir.slice(0, slash));
      if (parent.skip || this.submodulePaths.has(dir) || has('.git', false)) {
        context = { ...parent, dir, skip: true };
      } else {
        context = { ...this.folderRules(parent, dir, has('.gitattributes', true)), dir, skip: false };
      }
    }
    this.contexts.set(dir, context);
    return context;
  }

  /** After the listing: joins find's folders, opens the pointers set aside, reports the count. */
  finish(): void {
    if (this.folderItems.size > 0) this.joinFolders();
    this.resolveDeferred();
    this.options.onProgress?.(this.count);
  }

  /** Depth-first through the folders find listed, each in its sorted order. */
  private joinFolders(): void {
    const root = this.folderItems.get('');
    const stack = root ? [{ items: root, next: 0 }] : [];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next >= top.items.length) {
        stack.pop();
        continue;
      }
      const item = top.items[top.next++]!;
      if (typeof item !== 'string') this.entries.push(item);
      else {
        const sub = this.folderItems.get(item);
        if (sub) stack.push({ items: sub, next: 0 });
      }
    }
    this.folderItems.clear();
  }

  /**
   * The LFS rules for a folder's files: its parents' plus those of its own `.gitattributes`
   * (a regular file only: git does not follow a symlinked one either).
   */
  private folderRules(pending: PendingDir, dir: string, hasOwn: boolean): Pick<PendingDir, 'rules' | 'matcher'> {
    if (!hasOwn) return pending;
    const dirAbs = dir === '' ? this.rootReal : `${this.rootReal}${path.sep}${dir}`;
    let text: string;
    try {
      const bytes = readCapped(`${dirAbs}${path.sep}.gitattributes`, TEXT_SIZE_CAP);
      if (bytes.length > TEXT_SIZE_CAP) return pending;
      text = bytes.toString('utf8');
    } catch {
      return pending; // listed like any file; its rules are simply not used
    }
    const added = parseLfsRules(text, dir);
    if (added.length === 0) return pending;
    const rules = [...pending.rules, ...added];
    return { rules, matcher: compileLfsMatcher(rules) };
  }

  /** The absolute path of an entry: made only for the files that are opened or lstat'ed. */
  private abs(rel: string): string {
    return path.sep === '/' ? `${this.rootReal}/${rel}` : path.join(this.rootReal, ...rel.split('/'));
  }

  private visit(rel: string, dirent: Listed, subdirs: string[], matcher: LfsMatcher | null): void {
    let isDir = dirent.isDirectory();
    let isFile = dirent.isFile();
    let isLink = dirent.isSymbolicLink();
    if (!isDir && !isFile && !isLink && !isSpecial(dirent)) {
      // Some file systems do not report the type in the listing.
      try {
        const st = fs.lstatSync(this.abs(rel));
        isDir = st.isDirectory();
        isFile = st.isFile();
        isLink = st.isSymbolicLink();
      } catch (error) {
        this.skip(rel, 'unreadable', errorCode(error));
        return;
      }
    }
    if (this.isIgnored(rel, isDir)) return;
    if (isDir) {
      if (this.submodulePaths.has(rel)) this.addEntry({ path: rel, size: 0, kind: 'submodule' });
      else if (!this.stopped) subdirs.push(rel);
      return;
    }
    if (isFile) return this.visitFile(rel, matcher, dirent instanceof FoundEntry ? dirent.size : -1);
    if (isLink) return this.visitSymlink(rel);
    this.skip(rel, 'unreadable', 'not a regular file, folder or symlink');
  }

  private isIgnored(rel: string, isDir: boolean): boolean {
    if (!this.decide) return false;
    const index = this.decide(rel, isDir);
    if (index === -1) return false;
    if (isDir) this.ignoredDirs[index]!++;
    else this.ignoredFiles[index]!++;
    return true;
  }

  /** `listedSize`: the lstat size find reported, or -1 to lstat now. */
  private visitFile(rel: string, matcher: LfsMatcher | null, listedSize: number): void {
    let size = listedSize;
    if (size < 0) {
      try {
        const st = fs.lstatSync(this.abs(rel), { throwIfNoEntry: false });
        if (!st) return; // removed while we walked
        size = st.size;
      } catch (error) {
        this.skip(rel, 'unreadable', errorCode(error));
        return;
      }
    }
    const wanted = wantsText(rel, size);
    const entry: SnapshotEntry = { path: rel, size, kind: 'file' };
    if (size < LFS_POINTER_MAX && size >= LFS_VERSION_LINE.length) {
      if (
        !wanted &&
        matcher !== null &&
        matcher(rel.slice(rel.lastIndexOf('/') + 1), rel) &&
        weightFormat(rel) === null
      ) {
        // `.gitattributes` says this is a pointer; only weights need their real size now
        // (the weights verdict reports bytes). The rest is opened after the walk, if few.
        entry.kind = 'lfs';
        if (this.addEntry(entry)) this.deferred.push(entry);
        return;
      }
      if (wanted || mayBeLfsPointer(rel)) {
        if (this.addEntry(entry)) this.probeInto(entry, wanted);
        return;
      }
    }
    if (!this.addEntry(entry)) return;
    if (wanted) this.readText(rel, this.abs(rel), size);
  }

  /**
   * Opens a small file (an entry already listed as a plain file of its lstat size) to see
   * whether it is an LFS pointer, and turns the entry into what it holds. A wanted file
   * that is not a pointer is kept as text.
   */
  private probeInto(entry: SnapshotEntry, wanted: boolean): void {
    const rel = entry.path;
    const abs = this.abs(rel);
    let length: number;
    try {
      length = this.readProbe(abs, entry.size);
    } catch (error) {
      entry.kind = 'file';
      this.skip(rel, 'unreadable', errorCode(error));
      return;
    }
    // A file that grew past the probe while we looked is not a pointer; read it normally.
    if (length >= this.probe.length) {
      entry.kind = 'file';
      if (wanted) this.readText(rel, abs, entry.size);
      return;
    }
    const probe = this.probe.subarray(0, length);
    if (length >= LFS_VERSION_BYTES.length && LFS_VERSION_BYTES.equals(probe.subarray(0, LFS_VERSION_BYTES.length))) {
      const text = probe.toString('utf8');
      const pointer = parseLfsPointer(text);
      if (pointer) {
        entry.kind = 'lfs';
        entry.size = pointer.size;
        entry.lfs = pointer;
      } else {
        entry.kind = 'file';
        entry.size = length;
        this.skip(rel, 'invalid-lfs', describeBadPointer(text));
      }
      return;
    }
    entry.kind = 'file';
    entry.size = length;
    if (wanted) this.keepText(rel, probe);
  }

  /**
   * Opens the pointers set aside during the walk when there are few of them. Many of them
   * (a data repository with thousands of LFS shards) stay unopened: opening 60,000 pointers
   * took longer than listing 100,000 files, and the engine needs the real size of a data
   * file only to tell a handful of sample files from the data (see docs/local-directory.md).
   */
  private resolveDeferred(): void {
    const deferred = this.deferred;
    if (deferred.length === 0) return;
    if (deferred.length <= LFS_DEFERRED_READ_MAX) {
      for (const entry of deferred) this.probeInto(entry, false);
      return;
    }
    this.skip(
      '',
      'limit',
      `${deferred.length} small files that .gitattributes stores in Git LFS were listed as LFS pointers without being opened ` +
        `(more than ${LFS_DEFERRED_READ_MAX}): their real sizes are unknown`,
    );
  }

  private visitSymlink(rel: string): void {
    const abs = this.abs(rel);
    let target: string;
    try {
      target = fs.readlinkSync(abs);
    } catch (error) {
      this.skip(rel, 'unreadable', errorCode(error));
      return;
    }
    this.addEntry({ path: rel, size: Buffer.byteLength(target), kind: 'symlink', target });
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ELOOP') this.skip(rel, 'symlink-loop', `-> ${target}`);
      else if (code !== 'ENOENT' && code !== 'ENOTDIR') this.skip(rel, 'unreadable', code);
      return; // a dangling link is listed and nothing more
    }
    if (!isWithin(real, this.rootReal)) {
      this.skip(rel, 'symlink-outside', `-> ${target}`);
      return;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(real);
    } catch (error) {
      this.skip(rel, 'unreadable', errorCode(error));
      return;
    }
    if (st.isDirectory()) {
      const parentReal = path.dirname(abs); // the walk never enters links, so this is real
      if (isWithin(parentReal, real)) this.skip(rel, 'symlink-loop', `-> ${target} (a folder above the link)`);
      return; // folders behind links are not walked
    }
    const relReal = path.relative(this.rootReal, real).split(path.sep);
    if (st.isFile() && relReal[0] !== '.git' && wantsText(rel, st.size)) this.readText(rel, real, st.size);
  }

  private readText(rel: string, abs: string, size: number): void {
    if (size > TEXT_SIZE_CAP) {
      this.skip(rel, 'too-large', `${size} bytes, cap ${TEXT_SIZE_CAP}`);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = readCapped(abs, TEXT_SIZE_CAP);
    } catch (error) {
      this.skip(rel, 'unreadable', errorCode(error));
      return;
    }
    if (bytes.length > TEXT_SIZE_CAP) {
      this.skip(rel, 'too-large', `grew past ${TEXT_SIZE_CAP} bytes while read`);
      return;
    }
    this.keepText(rel, bytes);
  }

  private keepText(rel: string, bytes: Uint8Array): void {
    if (bytes.includes(0)) {
      this.skip(rel, 'binary', 'contains NUL bytes');
      return;
    }
    try {
      // fatal: invalid UTF-8 throws instead of turning into U+FFFD; the BOM is dropped by default.
      this.texts.set(rel, this.decoder.decode(bytes));
    } catch {
      this.skip(rel, 'binary', 'not valid UTF-8');
    }
  }

  /**
   * Reads a small file into the shared probe buffer and returns its length. Asking for one
   * byte more than `lstat` reported lets a single read() both fetch the file and confirm
   * the end (a short read of a regular file means end of file): three syscalls per pointer
   * instead of four, which is most of the cost on a tree full of pointers.
   */
  private readProbe(abs: string, size: number): number {
    const fd = fs.openSync(abs, READ_FLAGS);
    try {
      let length = fs.readSync(fd, this.probe, 0, Math.min(size + 1, this.probe.length), 0);
      if (length === size + 1) {
        // Grew since lstat: read on to the end of the probe.
        while (length < this.probe.length) {
          const n = fs.readSync(fd, this.probe, length, this.probe.length - length, length);
          if (n === 0) break;
          length += n;
        }
      }
      return length;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Lists an entry; false when the entry budget is spent and it was left out. */
  private addEntry(entry: SnapshotEntry): boolean {
    if (this.count >= this.maxEntries) {
      if (!this.stopped) {
        this.stopped = true;
        // Path '' marks a skip about the whole tree (how the engine reads it).
        this.skip(
          '',
          'limit',
          `stopped listing at ${this.maxEntries} entries, at ${entry.path}; the rest of the tree is not in the snapshot`,
        );
        this.skipped[this.skipped.length - 1]!.incomplete = true;
      }
      return false;
    }
    (this.items ?? this.entries).push(entry);
    if (++this.count % PROGRESS_EVERY === 0) this.options.onProgress?.(this.count);
    return true;
  }

  private skip(rel: string, reason: SkippedEntry['reason'], detail?: string): void {
    this.skipped.push(detail === undefined ? { path: rel, reason } : { path: rel, reason, detail });
  }

  result(): Pick<RepoSnapshot, 'entries' | 'texts' | 'skipped'> {
    this.patterns.forEach((pattern, i) => {
      const files = this.ignoredFiles[i]!;
      const dirs = this.ignoredDirs[i]!;
      if (files + dirs === 0) return;
      const parts = [];
      if (files > 0) parts.push(`${files} file${files === 1 ? '' : 's'}`);
      if (dirs > 0) parts.push(`${dirs} folder${dirs === 1 ? '' : 's'} (not walked)`);
      this.skipped.push({ path: pattern, reason: 'ignored', detail: parts.join(' and ') });
    });
    // Joined from find's folders the entries are sorted already (unless a submodule's name
    // is a prefix of a sibling's); from readdir, nearly (libuv sorts names, not paths).
    if (!isSortedByPath(this.entries)) this.entries.sort((a, b) => compare(a.path, b.path));
    this.skipped.sort((a, b) => compare(a.path, b.path) || compare(a.reason, b.reason));
    const texts: Record<string, string> = {};
    for (const key of [...this.texts.keys()].sort(compare)) texts[key] = this.texts.get(key)!;
    return { entries: this.entries, texts, skipped: this.skipped };
  }
}

function describeBadPointer(text: string): string {
  const problems: string[] = [];
  if (!/^oid sha256:[0-9a-f]{64}$/m.test(text)) problems.push('no valid `oid sha256:<64 hex>` line');
  if (!/^size \d+$/m.test(text)) problems.push('no valid `size <bytes>` line');
  return `LFS pointer with ${problems.join(' and ') || 'an unexpected layout'}`;
}

function isSpecial(dirent: Listed): boolean {
  return dirent.isFIFO() || dirent.isSocket() || dirent.isBlockDevice() || dirent.isCharacterDevice();
}

function isWithin(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function isSortedByPath(entries: SnapshotEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (entries[i - 1]!.path > entries[i]!.path) return false;
  return true;
}

/** Code-unit order: the same on every machine and locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { readHeadRevision } from './git-metadata.js';

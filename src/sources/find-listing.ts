// A fast listing of a directory tree by GNU find: every entry's type and size in one pass,
// read by the local walker instead of one readdir per folder and one lstat per file.
//
// Why a child process: on 100,000 files (2 cores, Node 20) readdirSync + lstatSync cost
// ~0.40 s, of which ~0.28 s are the lstat calls themselves: Node pays a path conversion and
// a Stats object per call. find makes the same fstatat calls from C in ~0.2 s, on the other
// core, and Node parses its output while it runs (~0.30 s in all). VS Code lists files for
// its quick-open the same way, with ripgrep and a Node fallback.
//
// When find is missing, is not GNU find (no -printf: BSD/macOS, BusyBox), reports any error
// (an unreadable folder), or its output is odd, this returns null and the caller walks the
// tree with Node: that walk names every problem precisely, so nothing is lost by falling back.
import { spawn } from 'node:child_process';

/** One entry of a listed folder: the subset of fs.Dirent the walker uses, plus the lstat size. */
export class FoundEntry {
  constructor(
    readonly name: string,
    /** find's %y: f file, d directory, l symlink, p FIFO, s socket, b/c devices, D door. */
    private readonly type: string,
    /** lstat size in bytes (a symlink's: the length of its target). */
    readonly size: number,
    private readonly bytes: Buffer,
    private readonly pathStart: number,
    private readonly pathEnd: number,
  ) {}
  /** Path from the root, '/' between names: decoded when asked, next to the entry that keeps it. */
  path(): string {
    return this.bytes.toString('utf8', this.pathStart, this.pathEnd);
  }
  isFile(): boolean {
    return this.type === 'f';
  }
  isDirectory(): boolean {
    return this.type === 'd';
  }
  isSymbolicLink(): boolean {
    return this.type === 'l';
  }
  isFIFO(): boolean {
    return this.type === 'p';
  }
  isSocket(): boolean {
    return this.type === 's';
  }
  isBlockDevice(): boolean {
    return this.type === 'b';
  }
  isCharacterDevice(): boolean {
    return this.type === 'c';
  }
}

/** Folder path relative to the root ('' for the root, '/' between names) -> its entries. */
export type FoundListing = Map<string, FoundEntry[]>;

const NUL = 0;
const TAB = 9;
const SLASH = 47;

/**
 * Lists `rootReal` (an absolute, symlink-free folder) with `find`, or resolves to null when
 * find cannot give a complete and trustworthy listing. Never rejects.
 *
 * Only `.git` entries are pruned (listed, not descended into): the walker decides what a
 * `.git` means (the repository's own at the root, a submodule below it). Symlinks are not
 * followed (-P). Records are `%y TAB %s TAB %P NUL`: the path goes last and NUL-terminated,
 * so names with tabs or newlines survive.
 */
export function listWithFind(rootReal: string, findBinary = 'find'): Promise<FoundListing | null> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(
        findBinary,
        ['-P', '.', '-mindepth', '1', '(', '-name', '.git', '-printf', '%y\\t%s\\t%P\\0', '-prune', ')', '-o', '-printf', '%y\\t%s\\t%P\\0'],
        // cwd: the root never appears in an argument, so a root named like an option or a
        // pattern cannot change the command. C locale: byte-exact names, plain messages.
        { cwd: rootReal, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
      );
    } catch {
      resolve(null);
      return;
    }
    const listing: FoundListing = new Map([['', []]]);
    let pending: Buffer | null = null;
    let bad = false;
    let stderr = false;
    // Entries come folder by folder (find is depth-first): remember the last folder's array.
    let lastDir = '';
    let lastEntries = listing.get('')!;

    // Parses the records of `data` up to `end` (a NUL), each path decoded on its own.
    const parse = (data: Buffer, end: number): void => {
      let start = 0;
      while (start < end) {
        const stop = data.indexOf(NUL, start);
        const sizeEnd = data.indexOf(TAB, start + 2);
        if (data[start + 1] !== TAB || sizeEnd < 0 || sizeEnd >= stop - 1) {
          bad = true;
          return;
        }
        let size = 0;
        for (let i = start + 2; i < sizeEnd; i++) {
          const digit = data[i]! - 48;
          if (digit < 0 || digit > 9) bad = true;
          size = size * 10 + digit;
        }
        if (bad) return;
        const pathStart = sizeEnd + 1;
        const slash = data.lastIndexOf(SLASH, stop - 1);
        const nameStart = slash >= pathStart ? slash + 1 : pathStart;
        const dir = nameStart === pathStart ? '' : data.toString('utf8', pathStart, slash);
        if (dir !== lastDir) {
          let entries = listing.get(dir);
          if (!entries) listing.set(dir, (entries = []));
          lastDir = dir;
          lastEntries = entries;
        }
        lastEntries.push(new FoundEntry(data.toString('utf8', nameStart, stop), String.fromCharCode(data[start]!), size, data, pathStart, stop));
        start = stop + 1;
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (bad) return;
      const data: Buffer = pending ? Buffer.concat([pending, chunk]) : chunk;
      const last = data.lastIndexOf(NUL);
      pending = last + 1 < data.length ? data.subarray(last + 1) : null;
      if (last >= 0) parse(data, last);
    });
    child.stderr.on('data', () => {
      stderr = true; // an unreadable folder, a vanished file, an unknown option: let Node walk
    });
    child.on('error', () => resolve(null)); // not installed, not executable
    child.on('close', (code) => {
      resolve(code === 0 && !stderr && !bad && pending === null ? listing : null);
    });
  });
}

// What a checkout's git directory says, read from the files git keeps (no git binary):
// the commit HEAD points at, and the folders `.gitmodules` names as submodules.
import fs from 'node:fs';
import path from 'node:path';
import { TEXT_SIZE_CAP } from '../core/snapshot.js';
import { readSmallFile } from './file-reads.js';

/** `path = …` lines of the root `.gitmodules`: folders that are submodules even when empty. */
export function readGitmodulePaths(rootReal: string): Set<string> {
  const text = readSmallFile(path.join(rootReal, '.gitmodules'), TEXT_SIZE_CAP);
  const paths = new Set<string>();
  if (!text) return paths;
  for (const match of text.matchAll(/^\s*path\s*=\s*(.+?)\s*$/gm)) {
    const value = match[1]!.replace(/^"(.*)"$/, '$1').replace(/^\.\/|\/+$/g, '');
    if (value) paths.add(value);
  }
  return paths;
}

const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * The commit HEAD points at, read from the files git keeps (no git binary): HEAD, then the
 * loose ref or packed-refs, following `gitdir:` files (worktrees, submodules) and
 * `commondir`. Null when anything is missing or odd: an unborn branch has no commit.
 */
export function readHeadRevision(root: string): string | null {
  let gitDir = path.join(root, '.git');
  let st: fs.Stats;
  try {
    st = fs.statSync(gitDir);
  } catch {
    return null;
  }
  if (st.isFile()) {
    const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readSmallFile(gitDir) ?? '')?.[1];
    if (!pointer) return null;
    gitDir = path.resolve(root, pointer);
  } else if (!st.isDirectory()) {
    return null;
  }
  const common = readSmallFile(path.join(gitDir, 'commondir'))?.trim();
  const commonDir = common ? path.resolve(gitDir, common) : gitDir;

  let value = readSmallFile(path.join(gitDir, 'HEAD'))?.trim();
  for (let hops = 0; hops < 5 && value; hops++) {
    if (SHA_RE.test(value)) return value.toLowerCase();
    const ref = /^ref:\s*(\S+)$/.exec(value)?.[1];
    if (!ref || !ref.startsWith('refs/') || ref.split('/').some((part) => part === '..' || part === '')) return null;
    value = (
      readSmallFile(path.join(gitDir, ...ref.split('/'))) ??
      readSmallFile(path.join(commonDir, ...ref.split('/'))) ??
      packedRef(commonDir, ref) ??
      undefined
    )?.trim();
  }
  return null;
}

function packedRef(gitDir: string, ref: string): string | null {
  const text = readSmallFile(path.join(gitDir, 'packed-refs'), 64 * 1024 * 1024);
  if (!text) return null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1).trim() === ref) return line.slice(0, space);
  }
  return null;
}

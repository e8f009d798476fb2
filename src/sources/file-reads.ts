// Reading files of a local checkout safely: capped, never following a symlink swapped in
// after listing, never blocking on a FIFO. Shared by the walker and the git metadata reader.
import fs from 'node:fs';

/** Flags that keep a swapped-in symlink or FIFO from redirecting or blocking a read. */
export const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** Reads at most `cap + 1` bytes, so the caller can tell a file that grew past the cap. */
export function readCapped(abs: string, cap: number): Buffer {
  const fd = fs.openSync(abs, READ_FLAGS);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, cap + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > cap) break;
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(fd);
  }
}

export function isRegularFile(abs: string): boolean {
  try {
    return fs.lstatSync(abs, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

export function exists(abs: string): boolean {
  try {
    return fs.lstatSync(abs, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** A small file's text, or null when it is missing, unreadable or over `cap` bytes. */
export function readSmallFile(file: string, cap = 64 * 1024): string | null {
  try {
    const bytes = readCapped(file, cap);
    return bytes.length > cap ? null : bytes.toString('utf8');
  } catch {
    return null;
  }
}

/** The errno code of a failed call (`ENOENT`), or the error as text. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
}

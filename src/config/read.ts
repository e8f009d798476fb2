// Finds and reads the configuration file for the CLI. The GitHub App does not use this:
// it reads the file through Probot's `context.config()` and hands the text to parseConfig.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Problem } from '../core/evidence/types.js';
import { defaultConfig } from './defaults.js';
import type { Config } from './schema.js';

/**
 * The parser (and zod behind it) is loaded only when there is a file to parse: most runs
 * have none, and loading it is a tenth of `truly-open check` on a large directory.
 */
const parser = () => import('./parse.js');

/** Looked for in this order, relative to the directory being checked. */
export const CONFIG_FILE_NAMES = ['.github/truly-open.yml', '.github/truly-open.yaml'] as const;

/**
 * A configuration file that was asked for but cannot be read. Expected, not a bug: the
 * CLI prints `message` (one line) and exits with code 2.
 */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  constructor(
    message: string,
    /** The path as the user gave it (or as it was found). */
    readonly path: string,
    /** The Node error code behind it (`ENOENT`, `EISDIR`, `EACCES`...), when there is one. */
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface ReadConfigResult {
  config: Config;
  problems: Problem[];
  /** Absolute path of the file that was read; null when none was found and the defaults apply. */
  path: string | null;
}

/**
 * Reads `explicitPath` when given (resolved against the current directory, as a CLI
 * argument is), otherwise the first of CONFIG_FILE_NAMES that exists in `dir`.
 * No default file means the defaults, without a problem. A missing or unreadable explicit
 * file, or a default file that exists but cannot be read, throws ConfigFileError.
 * Problems name the file as the user knows it: the repository path or the argument.
 */
export async function readConfigFile(dir: string, explicitPath?: string): Promise<ReadConfigResult> {
  if (explicitPath !== undefined) {
    const absolute = resolve(explicitPath);
    const text = await readCapped(absolute, explicitPath, true);
    if (text === null) throw new ConfigFileError(`config file not found: ${explicitPath}`, explicitPath, 'ENOENT');
    return { ...(await parser()).parseConfig(text, explicitPath), path: absolute };
  }
  for (const name of CONFIG_FILE_NAMES) {
    const absolute = resolve(join(dir, name));
    const text = await readCapped(absolute, name, false);
    if (text === null) continue;
    return { ...(await parser()).parseConfig(text, displayPath(dir, absolute, name)), path: absolute };
  }
  // What parseConfig('') gives, without loading it.
  return { config: defaultConfig(), problems: [], path: null };
}

function displayPath(dir: string, absolute: string, fallback: string): string {
  const rel = relative(resolve(dir), absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : fallback;
}

/**
 * Reads at most one byte more than the cap, so a huge file is refused by parseConfig
 * without being loaded into memory. Null when the file does not exist.
 */
async function readCapped(absolute: string, shown: string, explicit: boolean): Promise<string | null> {
  let handle;
  try {
    // Non-blocking and, for the file found in the repository, not through a symlink: a FIFO
    // must not hang the CLI and a link must not read a file outside the repository.
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK | (explicit ? 0 : constants.O_NOFOLLOW));
    if (!(await handle.stat()).isFile()) {
      await handle.close();
      throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    }
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || (!explicit && code === 'ENOTDIR')) return null;
    throw new ConfigFileError(`cannot read config file ${shown}: ${describeCode(code, error)}`, shown, code);
  }
  try {
    const buffer = Buffer.alloc((await parser()).CONFIG_SIZE_CAP + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled).toString('utf8');
  } catch (error) {
    const code = errorCode(error);
    throw new ConfigFileError(`cannot read config file ${shown}: ${describeCode(code, error)}`, shown, code);
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function describeCode(code: string | undefined, error: unknown): string {
  switch (code) {
    case 'EISDIR':
      return 'it is a directory';
    case 'ELOOP':
      return 'it is a symbolic link, which is not followed inside a repository';
    case 'EINVAL':
      return 'it is not a regular file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error);
  }
}

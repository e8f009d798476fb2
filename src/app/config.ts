// Where the app's configuration comes from, at the lowest request cost:
//  1. When the evaluated snapshot IS the default branch (a push to it, a PR's base on it)
//     and holds `.github/truly-open.yml` without `_extends`, the text is already in hand:
//     parse it, no request (this is what keeps a typical push at 4 requests).
//  2. When that snapshot shows no config file, only the organisation fallback is left:
//     read the owner's `.github` repository (1 request, then cached per owner for a few
//     minutes; `_extends` followed by Probot).
//  3. Otherwise (PR from another base, release tags, `_extends` chains) ask Probot's
//     `context.config()`: default branch, org fallback, `_extends`.
// Configuration never comes from a PR head: a PR must not loosen its own gate.
import { parseConfig, CONFIG_RULE_ID, type ParsedConfig } from '../config/parse.js';
import { validateDocument as validateConfigObject } from '../config/parse.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import type { Cache } from './work.js';
import type { AnyContext } from './services.js';

export const CONFIG_FILE = 'truly-open.yml';
export const CONFIG_PATHS = ['.github/truly-open.yml', '.github/truly-open.yaml'] as const;

export interface LoadedConfig extends ParsedConfig {
  /** Where it came from, for logs and the invalid-config report. */
  source: 'snapshot' | 'org' | 'probot' | 'defaults';
  /** Repository path of the file whose lines problems refer to, when it is in this repo. */
  path?: string;
}

export async function loadConfig(
  context: AnyContext,
  repo: { owner: string; repo: string },
  defaultBranchSnapshot: RepoSnapshot | null,
  orgCache?: Cache<unknown>,
): Promise<LoadedConfig> {
  if (defaultBranchSnapshot) {
    const path = CONFIG_PATHS.find((p) => defaultBranchSnapshot.entries.some((e) => e.path === p));
    const text = path === undefined ? undefined : defaultBranchSnapshot.texts[path];
    if (path !== undefined && text !== undefined && !/^_extends\s*:/m.test(text)) {
      return { ...parseConfig(text, path), source: 'snapshot', path };
    }
    if (path === undefined) {
      const read = () => orgConfig(context, repo.owner);
      return fromProbot(orgCache ? () => orgCache.get(repo.owner.toLowerCase(), read) : read, 'org');
    }
  }
  return fromProbot(() => context.config(CONFIG_FILE), 'probot');
}

async function orgConfig(context: AnyContext, owner: string): Promise<unknown> {
  const { config, files } = await context.octokit.config.get({ owner, repo: '.github', path: `.github/${CONFIG_FILE}` });
  return files.some((f) => f.config !== null) ? config : null;
}

async function fromProbot(read: () => Promise<unknown>, source: 'org' | 'probot'): Promise<LoadedConfig> {
  let value: unknown;
  try {
    value = await read();
  } catch (error) {
    // A failed request is a fault to report as such, not a mistake in the file.
    if (typeof (error as { status?: unknown } | null)?.status === 'number') throw error;
    // Probot's loader throws on YAML it cannot parse, directories, bad `_extends` values.
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '') : String(error);
    const { config } = validateConfigObject(null);
    return { config, problems: [{ severity: 'error', message, ruleId: CONFIG_RULE_ID, path: `.github/${CONFIG_FILE}` }], source };
  }
  if (value === null || value === undefined) return { ...validateConfigObject(null), source: 'defaults' };
  if (typeof value === 'object' && !Array.isArray(value)) {
    // `_extends` was consumed by the loader; the schema allows it but it means nothing now.
    const { _extends: _, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  return { ...validateConfigObject(value, `.github/${CONFIG_FILE}`), source };
}

// Where the app's configuration comes from, at the lowest request cost:
//  1. When the evaluated snapshot IS the default branch (a push to it, a PR's base on it)
//     and holds `.github/truly-open.yml` without `_extends`, the text is already in hand:
//     parse it, no request.
//  2. When that snapshot shows no config file, only the organisation fallback is left: the
//     owner's `.github` repository, read in the same GraphQL request as the files
//     (ORG_CONFIG_QUERY; no request of its own) unless it is cached, per owner, for a few
//     minutes ("none" included). A file there that uses `_extends`, or an evaluation that
//     read no files, asks Probot (1 request).
//  3. Otherwise (PR from another base, release tags, `_extends` chains) ask Probot's
//     `context.config()`: default branch, org fallback, `_extends`.
// Configuration never comes from a PR head: a PR must not loosen its own gate.
import { parseConfig, CONFIG_RULE_ID, type ParsedConfig } from '../config/parse.js';
import { validateDocument as validateConfigObject } from '../config/parse.js';
import { load as loadYaml } from 'js-yaml';
import type { RepoSnapshot } from '../core/snapshot.js';
import type { ExtraQuery } from '../sources/github-snapshot.js';
import type { TtlCache } from './runtime.js';
import type { AnyContext } from './context.js';

export const CONFIG_FILE = 'truly-open.yml';
export const CONFIG_PATHS = ['.github/truly-open.yml', '.github/truly-open.yaml'] as const;

export interface LoadedConfig extends ParsedConfig {
  /** Where it came from, for logs and the invalid-config report. */
  source: 'snapshot' | 'org' | 'probot' | 'defaults';
  /** Repository path of the file whose lines problems refer to, when it is in this repo. */
  path?: string;
}

/** What a default-branch tree says about its config file: where (null: none) and its text (null: not read). */
export interface TrustedConfig {
  path: string | null;
  text: string | null;
}

export function trustedConfigOf(snapshot: RepoSnapshot): TrustedConfig {
  const path = CONFIG_PATHS.find((p) => snapshot.entries.some((e) => e.path === p)) ?? null;
  return { path, text: path === null ? null : (snapshot.texts[path] ?? null) };
}

/** Whether the organisation's config must be read for this default branch (none of its own, none cached). */
export function needsOrgConfig(trusted: TrustedConfig, owner: string, orgCache: TtlCache<unknown>): boolean {
  return trusted.path === null && orgCache.peek(owner.toLowerCase()) === undefined;
}

/**
 * The organisation's config file, asked in the files' GraphQL request. `HEAD` is the
 * `.github` repository's default branch, where Probot reads it too. An owner without that
 * repository (or without access to it) answers null with a field error, which the reader
 * keeps as a partial answer.
 */
export const ORG_CONFIG_QUERY: ExtraQuery = {
  fields: `xorg: repository(owner: $owner, name: ".github") { object(expression: "HEAD:.github/${CONFIG_FILE}") { ... on Blob { text isTruncated } } }`,
};

/** The organisation file from a GraphQL answer: its text, null for none, undefined when not asked. */
export function orgConfigAnswer(extra: Record<string, unknown> | null): { text: string | null } | undefined {
  if (!extra || !('xorg' in extra)) return undefined;
  const object = (extra.xorg as { object?: { text?: unknown; isTruncated?: unknown } | null } | null)?.object;
  // A truncated text (over 512 kB) is not a config anyone wrote: Probot reads it whole, let it.
  if (object?.isTruncated === true) return undefined;
  return { text: typeof object?.text === 'string' ? object.text : null };
}

export async function loadConfig(
  context: AnyContext,
  repo: { owner: string; repo: string },
  trusted: TrustedConfig | null,
  orgCache?: TtlCache<unknown>,
  orgRead?: { text: string | null },
): Promise<LoadedConfig> {
  if (trusted) {
    const { path, text } = trusted;
    if (path !== null && text !== null && !/^_extends\s*:/m.test(text)) {
      return { ...parseConfig(text, path), source: 'snapshot', path };
    }
    if (path === null) {
      const owner = repo.owner.toLowerCase();
      if (orgRead && !(orgRead.text !== null && /^_extends\s*:/m.test(orgRead.text))) {
        return fromProbot(async () => {
          const value = orgValue(orgRead.text, repo.owner);
          orgCache?.set(owner, value);
          return value;
        }, 'org');
      }
      const read = () => orgConfig(context, repo.owner);
      return fromProbot(orgCache ? () => orgCache.get(owner, read) : read, 'org');
    }
  }
  return fromProbot(() => context.config(CONFIG_FILE), 'probot');
}

/** The organisation file's text as Probot's loader would return it: null for none, `{}` for an empty file. */
function orgValue(text: string | null, owner: string): unknown {
  if (text === null) return null;
  let value: unknown;
  try {
    value = loadYaml(text);
  } catch {
    throw new Error(`Configuration could not be parsed from ${owner}/.github/.github/${CONFIG_FILE} (invalid YAML)`);
  }
  if (typeof value === 'string')
    throw new Error(
      `Configuration could not be parsed from ${owner}/.github/.github/${CONFIG_FILE} (YAML is not an object)`,
    );
  return value ?? {};
}

async function orgConfig(context: AnyContext, owner: string): Promise<unknown> {
  const { config, files } = await context.octokit.config.get({
    owner,
    repo: '.github',
    path: `.github/${CONFIG_FILE}`,
  });
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
    const message =
      error instanceof Error ? error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, '') : String(error);
    const { config } = validateConfigObject(null);
    return {
      config,
      problems: [{ severity: 'error', message, ruleId: CONFIG_RULE_ID, path: `.github/${CONFIG_FILE}` }],
      source,
    };
  }
  if (value === null || value === undefined) return { ...validateConfigObject(null), source: 'defaults' };
  if (typeof value === 'object' && !Array.isArray(value)) {
    // `_extends` was consumed by the loader; the schema allows it but it means nothing now.
    const { _extends: _, ...rest } = value as Record<string, unknown>;
    value = rest;
  }
  return { ...validateConfigObject(value, `.github/${CONFIG_FILE}`), source };
}

// Turns the text of `.github/truly-open.yml` into a Config, or into problems that say
// what to fix. Pure: no fs, no clock. Never throws, whatever the text holds, because the
// file comes from whoever controls the repository and a crash would hide the report.
//
// On any error the whole config falls back to the defaults. Keeping the valid parts
// sounds kinder but is not safe: a mistyped `require` silently dropped would turn a
// failing gate into a passing one. Every problem is reported, so one run shows them all.
import { load, YAMLException } from 'js-yaml';
import type { Problem } from '../core/evidence/types.js';
import { describeIssue, describeValue, flattenIssues, formatPath } from './issue-wording.js';
import { configSchema, type Config } from './schema.js';
import { findKeyLine } from './yaml-locator.js';

/** Larger files are refused before parsing: a config is a few hundred bytes. */
export const CONFIG_SIZE_CAP = 64 * 1024;
/** Most values a loaded document may hold. Aliases let a small text expand to billions. */
export const CONFIG_NODE_BUDGET = 10_000;

export const CONFIG_RULE_ID = 'config-invalid';

export interface ParsedConfig {
  config: Config;
  problems: Problem[];
}

type PathKey = PropertyKey;

export function parseConfig(text: string, path?: string): ParsedConfig {
  try {
    return parseConfigText(text, path);
  } catch (error) {
    // Nothing above should throw; if something still does, it is the file's problem to
    // report, never a crash of the run that read it.
    return unexpected(error, path);
  }
}

/** Where a parse collects its problems, how it reports one, and the result that falls back to the defaults. */
function collector(path?: string) {
  const problems: Problem[] = [];
  const report = (message: string, line?: number): void => {
    const problem: Problem = { severity: 'error', message, ruleId: CONFIG_RULE_ID };
    if (path !== undefined) problem.path = path;
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const fail = (): ParsedConfig => ({ config: defaults(), problems });
  return { problems, report, fail };
}

function parseConfigText(text: string, path?: string): ParsedConfig {
  const { report, fail } = collector(path);

  const bytes = new TextEncoder().encode(text).length;
  if (bytes > CONFIG_SIZE_CAP) {
    report(`the configuration file is over 64 KiB (${CONFIG_SIZE_CAP} bytes); a configuration is a few hundred bytes`);
    return fail();
  }

  let doc: unknown;
  try {
    doc = load(text, { filename: path ?? 'truly-open.yml' });
  } catch (error) {
    if (error instanceof YAMLException) {
      // At the end of the stream js-yaml points past the last line; show the last real one.
      const last = text.trimEnd().split(/\r?\n/).length;
      const line = error.mark ? Math.min(error.mark.line + 1, last) : undefined;
      report(`not valid YAML: ${error.reason || error.message}`, line);
    } else {
      // js-yaml recurses per nesting level; absurd nesting ends in a RangeError.
      report(`not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    return fail();
  }

  return validateDocument(doc, path, text.split(/\r?\n/));
}

/**
 * Validates an already loaded document: the budget, the mapping check and the schema.
 * `lines` (the source text) lets problems carry the line of the key; without it they
 * carry none, as for a value Probot loaded and merged from several files.
 */
export function validateDocument(doc: unknown, path?: string, lines?: readonly string[]): ParsedConfig {
  try {
    return validate(doc, path, lines);
  } catch (error) {
    return unexpected(error, path);
  }
}

/** A problem for an error the validation did not expect (kept to one line, no stack). */
function unexpected(error: unknown, path?: string): ParsedConfig {
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);
  const problem: Problem = {
    severity: 'error',
    message: `the configuration could not be validated: ${reason}`,
    ruleId: CONFIG_RULE_ID,
  };
  if (path !== undefined) problem.path = path;
  return { config: defaults(), problems: [problem] };
}

function validate(doc: unknown, path?: string, lines?: readonly string[]): ParsedConfig {
  const { problems, report, fail } = collector(path);

  // An empty file, or one holding only comments, means "use the defaults".
  if (doc === undefined || doc === null) return { config: defaults(), problems };

  if (!withinBudget(doc, CONFIG_NODE_BUDGET)) {
    report(
      `the document expands to more than ${CONFIG_NODE_BUDGET} values (nested YAML aliases?); a configuration is much smaller`,
    );
    return fail();
  }

  if (!isPlainMapping(doc)) {
    report(
      `the top level must be a mapping of settings (key: value), got ${describeValue(doc)}`,
      lines ? 1 : undefined,
    );
    return fail();
  }

  // Keys that name parts of JavaScript objects are no setting and no component id; zod
  // itself trips over some of them (`constructor: null` made it throw).
  const reserved = reservedKeys(doc);
  if (reserved.length > 0) {
    for (const keyPath of reserved) {
      report(
        `${formatPath(keyPath)}: \`${String(keyPath[keyPath.length - 1])}\` is not a setting or a component id`,
        lines ? findKeyLine(lines, keyPath) : undefined,
      );
    }
    return fail();
  }

  const result = configSchema.safeParse(doc);
  if (result.success) return { config: result.data, problems };

  for (const item of flattenIssues(result.error.issues, [])) {
    report(describeIssue(item.issue, item.path, doc), lines ? findKeyLine(lines, item.path) : undefined);
  }
  return fail();
}

function defaults(): Config {
  // A fresh object each time: callers may mutate what they get.
  return configSchema.parse({});
}

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Paths of mapping keys in RESERVED_KEYS (the document is within the node budget). */
function reservedKeys(root: unknown): PathKey[][] {
  const found: PathKey[][] = [];
  const stack: { value: unknown; path: PathKey[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((child, i) => stack.push({ value: child, path: [...path, i] }));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const key of Object.keys(value)) {
        if (RESERVED_KEYS.has(key)) found.push([...path, key]);
        else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
      }
    }
  }
  return found.slice(0, 20);
}

/** Counts values depth-first with an explicit stack; stops as soon as the budget is spent. */
function withinBudget(root: unknown, budget: number): boolean {
  const stack: unknown[] = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++count > budget) return false;
    if (Array.isArray(value)) {
      for (const child of value) stack.push(child);
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const child of Object.values(value)) stack.push(child);
    }
  }
  return true;
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

// Turns the text of `.github/truly-open.yml` into a Config, or into problems that say
// what to fix. Pure: no fs, no clock. Never throws, whatever the text holds, because the
// file comes from whoever controls the repository and a crash would hide the report.
//
// On any error the whole config falls back to the defaults. Keeping the valid parts
// sounds kinder but is not safe: a mistyped `require` silently dropped would turn a
// failing gate into a passing one. Every problem is reported, so one run shows them all.
import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { COMPONENT_IDS } from '../core/catalog.js';
import type { Problem } from '../core/evidence/types.js';
import { configSchema, REQUIREMENTS, type Config, type Requirement } from './schema.js';

/** Larger files are refused before parsing: a config is a few hundred bytes. */
export const CONFIG_SIZE_CAP = 64 * 1024;
/** Most values a loaded document may hold. Aliases let a small text expand to billions. */
export const CONFIG_NODE_BUDGET = 10_000;

export const CONFIG_RULE_ID = 'config-invalid';

export interface ParsedConfig {
  config: Config;
  problems: Problem[];
}

type Issue = z.core.$ZodIssue;
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

function parseConfigText(text: string, path?: string): ParsedConfig {
  const problems: Problem[] = [];
  const report = (message: string, line?: number): void => {
    const problem: Problem = { severity: 'error', message, ruleId: CONFIG_RULE_ID };
    if (path !== undefined) problem.path = path;
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const fail = (): ParsedConfig => ({ config: defaults(), problems });

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
  const problem: Problem = { severity: 'error', message: `the configuration could not be validated: ${reason}`, ruleId: CONFIG_RULE_ID };
  if (path !== undefined) problem.path = path;
  return { config: defaults(), problems: [problem] };
}

function validate(doc: unknown, path?: string, lines?: readonly string[]): ParsedConfig {
  const problems: Problem[] = [];
  const report = (message: string, line?: number): void => {
    const problem: Problem = { severity: 'error', message, ruleId: CONFIG_RULE_ID };
    if (path !== undefined) problem.path = path;
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const fail = (): ParsedConfig => ({ config: defaults(), problems });

  // An empty file, or one holding only comments, means "use the defaults".
  if (doc === undefined || doc === null) return { config: defaults(), problems };

  if (!withinBudget(doc, CONFIG_NODE_BUDGET)) {
    report(
      `the document expands to more than ${CONFIG_NODE_BUDGET} values (nested YAML aliases?); a configuration is much smaller`,
    );
    return fail();
  }

  if (!isPlainMapping(doc)) {
    report(`the top level must be a mapping of settings (key: value), got ${describeValue(doc)}`, lines ? 1 : undefined);
    return fail();
  }

  // Keys that name parts of JavaScript objects are no setting and no component id; zod
  // itself trips over some of them (`constructor: null` made it throw).
  const reserved = reservedKeys(doc);
  if (reserved.length > 0) {
    for (const keyPath of reserved) {
      report(`${formatPath(keyPath)}: \`${String(keyPath[keyPath.length - 1])}\` is not a setting or a component id`, lines ? findKeyLine(lines, keyPath) : undefined);
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

export interface LocatedIssue {
  issue: Issue;
  path: PathKey[];
}

/**
 * Unions report one issue holding every branch's failures. When a branch got the type
 * right and failed deeper (`hub: { private_repos: "yes" }`), that branch's issues are
 * the useful ones; otherwise the union issue stays and is described as "expected A or B".
 */
export function flattenIssues(issues: readonly Issue[], prefix: PathKey[]): LocatedIssue[] {
  const out: LocatedIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ issue, path: [...path, key] });
      continue;
    }
    if (issue.code === 'invalid_union') {
      const deeper = issue.errors.filter((branch) => branch.some((inner) => !isRootTypeMismatch(inner)));
      if (deeper.length === 1 && deeper[0]) {
        out.push(...flattenIssues(deeper[0], path));
        continue;
      }
    }
    out.push({ issue, path });
  }
  return out;
}

function isRootTypeMismatch(issue: Issue): boolean {
  return issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');
}

const TOP_LEVEL_KEYS = Object.keys(configSchema.shape);

/**
 * One sentence naming the field and what was expected, e.g.
 * "declarations.training-data.location: expected a string, got a number".
 * `doc` is the loaded document, used to say what was found instead.
 */
export function describeIssue(issue: Issue, path: readonly PathKey[], doc: unknown): string {
  const where = formatPath(path);
  const found = valueAt(doc, path);
  const got = found.present ? `, got ${describeValue(found.value)}` : '';

  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = String(path[path.length - 1]);
      const known = knownKeysAt(path.slice(0, -1));
      return `${where}: unknown setting${known ? ` (expected one of: ${known.join(', ')})${suggest(key, known)}` : ''}`;
    }
    case 'invalid_key': {
      const key = String(path[path.length - 1]);
      return `${where}: unknown component id (expected one of: ${COMPONENT_IDS.join(', ')})${suggest(key, COMPONENT_IDS)}`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const hint =
        path.length === 1 && path[0] === 'require' && typeof found.value === 'string'
          ? requirementHint(found.value)
          : found.present && typeof found.value === 'string'
            ? suggest(found.value, values)
            : '';
      return `${where}: expected one of: ${values.join(', ')}${got}${hint}`;
    }
    case 'invalid_type': {
      if (!found.present) return `${where}: required, expected ${expectedPhrase(issue.expected)}`;
      return `${where}: expected ${expectedPhrase(issue.expected)}${got}`;
    }
    case 'invalid_union': {
      const options = issue.errors.map((branch) => branch.find(isRootTypeMismatch)).filter((i) => i !== undefined);
      const phrases = [...new Set(options.map((i) => expectedOf(i)))];
      return `${where}: expected ${phrases.length > 0 ? phrases.join(' or ') : 'a different value'}${got}`;
    }
    case 'too_small': {
      // The schema's own wording ("a reason is required") is better than a generic one.
      const custom = issue.message && !/^too small/i.test(issue.message) ? `${issue.message}, ` : '';
      if (issue.origin === 'string') return `${where}: ${custom}expected a non-empty string`;
      return `${where}: ${custom}expected at least ${String(issue.minimum)} item(s)`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') {
        const length = found.present && typeof found.value === 'string' ? ` (got ${found.value.length})` : '';
        return `${where}: expected at most ${max} characters${length}`;
      }
      if (issue.origin === 'array') return `${where}: expected at most ${max} items`;
      return `${where}: ${issue.message}`;
    }
    case 'custom':
      return `${where}: ${issue.message}${got}`;
    case 'invalid_format': {
      const custom = issue.message && !/^invalid/i.test(issue.message) ? issue.message : `expected a ${issue.format}`;
      return `${where}: ${custom}${got}`;
    }
    default:
      return `${where}: ${issue.message}`;
  }
}

function expectedOf(issue: Issue): string {
  if (issue.code === 'invalid_value') return issue.values.map((v) => (typeof v === 'string' ? v : String(v))).join(' or ');
  if (issue.code === 'invalid_type') return expectedPhrase(issue.expected);
  return 'a valid value';
}

function expectedPhrase(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'number':
    case 'int':
      return 'a number';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a mapping';
    default:
      return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date (quote it to make it a string)';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

export function formatPath(path: readonly PathKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(doc: unknown, path: readonly PathKey[]): { present: boolean; value?: unknown } {
  let value: unknown = doc;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return { present: false };
    if (!Object.prototype.hasOwnProperty.call(value, key)) return { present: false };
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value };
}

/** Keys the schema accepts at a path, for "expected one of" on unknown keys. */
function knownKeysAt(path: readonly PathKey[]): string[] | null {
  const [first, second] = path;
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (first === 'declarations' && path.length === 2) return ['location', 'license', 'note'];
  if (first === 'hub' && path.length === 1) return ['private_repos'];
  if (first === 'release' && path.length === 1) return ['notes'];
  if (first === 'models' && typeof second === 'number' && path.length === 2) return ['path', 'name'];
  return null;
}

function suggest(input: string, candidates: readonly string[]): string {
  // Candidates are short names: a long input is close to none, and would cost its length
  // times theirs to compare.
  if (input.length > 64) return '';
  const near = closest(input, candidates);
  return near ? `; did you mean ${near}?` : '';
}

function requirementHint(input: string): string {
  const canonical = requirementFromString(input);
  if (canonical && canonical !== input) return `; did you mean ${canonical}?`;
  return suggest(input, REQUIREMENTS);
}

/** The candidate within a small edit distance, for typo hints; null when none is close. */
function closest(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(input.length / 4)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

const ROMAN: Record<string, '1' | '2' | '3'> = { '1': '1', i: '1', '2': '2', ii: '2', '3': '3', iii: '3' };
const MOF_NAMES: Record<string, Requirement> = {
  'open-science': 'mof-class-1',
  'open-tooling': 'mof-class-2',
  'open-model': 'mof-class-3',
};

/**
 * Reads a requirement as people write it: the canonical names, any case, plus MOF class
 * spellings (`class-1`, `mof-1`, `class-III`, `MOF Class II`) and MOF class names
 * (`open-science`). `osi` and `osaid-1.0` mean the OSI definition. Null when unknown.
 */
export function requirementFromString(s: string): Requirement | null {
  const normal = s.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if ((REQUIREMENTS as readonly string[]).includes(normal)) return normal as Requirement;
  if (normal === 'osi' || normal === 'osaid-1.0' || normal === 'osaid-1') return 'osaid';
  const mofName = MOF_NAMES[normal];
  if (mofName) return mofName;
  const match = /^(?:mof-?)?(?:class-?)?(1|2|3|i|ii|iii)$/.exec(normal);
  // A bare "1" or "ii" is too vague to mean a MOF class.
  if (match?.[1] && normal !== match[1]) return `mof-class-${ROMAN[match[1]] ?? '1'}` as Requirement;
  return null;
}

interface YamlLine {
  index: number;
  /** Column of the first non-space character. */
  indent: number;
  /** Column of the list dash, when the line starts a list item. */
  dash: number | null;
  key: string | null;
  keyCol: number;
}

const DOUBLE_QUOTED_KEY_RE = /^"((?:[^"\\]|\\.)*)"\s*:(?:\s|$)/;
const SINGLE_QUOTED_KEY_RE = /^'((?:[^']|'')*)'\s*:(?:\s|$)/;
const NOT_KEY_START = /[\s#'"\-?:,[\]{}]/;

/**
 * The key a line (from its first key character) starts with, or null. A plain key runs to
 * the first `:` that is followed by a space or the end of the line, without a `#` before
 * it, and loses its trailing spaces. Read with one scan: the regular expression that did
 * this backtracked quadratically on a long line of spaces (3.4 s for a 60 KB line).
 */
function readKey(text: string): string | null {
  const double = DOUBLE_QUOTED_KEY_RE.exec(text);
  if (double) return double[1] ?? null;
  const single = SINGLE_QUOTED_KEY_RE.exec(text);
  if (single) return single[1]?.replace(/''/g, "'") ?? null;
  const first = text[0];
  let from: number;
  if (first === undefined) return null;
  if (first === '-') {
    const second = text[1];
    if (second === undefined || /[\s#]/.test(second)) return null;
    from = 2;
  } else {
    if (NOT_KEY_START.test(first)) return null;
    from = 1;
  }
  for (let i = 1; i < from; i++) if (text[i] === '#') return null;
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '#') return null;
    if (c === ':' && (i + 1 === text.length || /\s/.test(text[i + 1]!))) return text.slice(0, i).trimEnd();
  }
  return null;
}

function scanLines(lines: readonly string[]): YamlLine[] {
  const out: YamlLine[] = [];
  lines.forEach((raw, index) => {
    const indent = raw.search(/\S/);
    if (indent < 0 || raw[indent] === '#') return;
    if (raw.startsWith('---') || raw.startsWith('...')) return;
    let col = indent;
    let dash: number | null = null;
    // "- - key: v" nests lists; the innermost dash is the one that owns the key.
    while (raw[col] === '-' && (raw[col + 1] === ' ' || col + 1 === raw.length)) {
      dash = col;
      col += 1;
      while (raw[col] === ' ') col += 1;
    }
    const key = readKey(raw.slice(col));
    out.push({ index, indent, dash, key, keyCol: col });
  });
  return out;
}

/**
 * The 1-based line of the deepest part of `path` found in block-style YAML. Flow style
 * (`{a: 1}`) is not followed; the line of the nearest enclosing key is returned then.
 */
const scans = new WeakMap<readonly string[], YamlLine[]>();

export function findKeyLine(lines: readonly string[], path: readonly PathKey[]): number | undefined {
  // One scan per document, however many problems look their lines up in it.
  let scanned = scans.get(lines);
  if (!scanned) scans.set(lines, (scanned = scanLines(lines)));
  let start = 0;
  let end = scanned.length;
  let parentCol = -1;
  let parentIsKey = true;
  let found: number | undefined;

  for (const segment of path) {
    if (typeof segment === 'number') {
      // Under a key the dashes may sit at the key's own column; under a list item they are indented.
      const items = scanned
        .slice(start, end)
        .filter((l) => l.dash !== null && (parentIsKey ? l.dash >= parentCol : l.dash > parentCol));
      const itemCol = items[0]?.dash;
      const item = items.filter((l) => l.dash === itemCol)[segment];
      if (!item || item.dash === null) return found;
      found = item.index + 1;
      const at = scanned.indexOf(item);
      start = at;
      end = blockEnd(scanned, at, item.dash, end);
      parentCol = item.dash;
      parentIsKey = false;
      continue;
    }
    const children = scanned.slice(start, end).filter((l) => l.key !== null && l.keyCol > parentCol);
    const childCol = children[0]?.keyCol;
    const hit = children.find((l) => l.keyCol === childCol && l.key === String(segment));
    if (!hit) return found;
    found = hit.index + 1;
    const at = scanned.indexOf(hit);
    start = at + 1;
    end = blockEnd(scanned, at, hit.keyCol, end);
    parentCol = hit.keyCol;
    parentIsKey = true;
  }
  return found;
}

/** The block of a line at `col` runs until a later line starts at or left of `col`. */
function blockEnd(scanned: readonly YamlLine[], at: number, col: number, limit: number): number {
  for (let i = at + 1; i < limit; i++) {
    const line = scanned[i];
    if (!line || line.indent > col) continue;
    // A list may sit at the same column as its parent key ("models:\n- a"): those dashes belong to it.
    if (line.dash !== null && line.indent === col && scanned[at]?.dash === null) continue;
    return i;
  }
  return limit;
}

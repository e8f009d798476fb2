// Config problems in words: what was expected, what was found, and the nearest valid name
// ("did you mean training-data?"), for zod's issues on the parsed document.
import type { z } from 'zod';
import { COMPONENT_IDS } from '../core/catalog.js';
import { requirementFromString } from '../core/frameworks/requirements.js';
import { configSchema, REQUIREMENTS } from './schema.js';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

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
  if (issue.code === 'invalid_value')
    return issue.values.map((v) => (typeof v === 'string' ? v : String(v))).join(' or ');
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

export function describeValue(value: unknown): string {
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

// The glob matcher as it was before issue 10: each pattern translated to a backtracking
// regular expression. Kept for tests only, as an oracle on short inputs (where backtracking
// is harmless) that the linear matcher in src/core/glob.ts must agree with.
// Glob matching for the config's `ignore` patterns, with gitignore's reading of slashes so
// that patterns users already write in .gitignore mean the same thing here:
//   `*` `?` `[abc]` `[!abc]` stay inside one path segment; `**` spans segments when it is a
//   whole segment (`**/x`, `a/**/b`, `a/**`); `{a,b}` is an alternation (may nest);
//   a leading `/`, or any slash before the end, anchors the pattern at the root; a pattern
//   with no slash matches a name at any depth; a trailing `/` matches folders only;
//   a leading `!` re-includes what an earlier pattern left out (the last match wins), but,
//   as in git, nothing inside a left-out folder comes back; `\` escapes the next character.
// Paths are POSIX and relative to the root; a path ending in `/` names a folder.

interface CompiledGlob {
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
}

/**
 * Which pattern decides a single path, ignoring its parent folders: the index of the last
 * matching positive pattern, or -1 when no pattern matches or a `!` pattern matched last.
 * Walkers that prune left-out folders use this directly: they never reach a path whose
 * parent was left out, so checking the parents again would be wasted work.
 */
export type GlobDecider = (path: string, isDir: boolean) => number;

export function compileGlobDecider(patterns: readonly string[]): GlobDecider {
  const compiled: (CompiledGlob | null)[] = patterns.map(compileOne);
  return (path, isDir) => {
    let decided = -1;
    for (let i = 0; i < compiled.length; i++) {
      const glob = compiled[i];
      if (!glob || (glob.dirOnly && !isDir)) continue;
      if (glob.regex.test(path)) decided = glob.negated ? -1 : i;
    }
    return decided;
  };
}

/**
 * A predicate that says whether `path` is left out by `patterns`: either it matches
 * itself, or one of its parent folders does (gitignore semantics).
 */
export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const decide = compileGlobDecider(patterns);
  return (raw) => {
    const isDir = raw.endsWith('/');
    const path = raw.replace(/^(\.\/)+|^\/+|\/+$/g, '');
    if (path === '') return false;
    for (let cut = path.indexOf('/'); cut !== -1; cut = path.indexOf('/', cut + 1)) {
      if (decide(path.slice(0, cut), true) !== -1) return true;
    }
    return decide(path, isDir) !== -1;
  };
}

function compileOne(raw: string): CompiledGlob | null {
  let pattern = raw.trim();
  let negated = false;
  if (pattern.startsWith('!')) {
    negated = true;
    pattern = pattern.slice(1);
  }
  const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  pattern = pattern.replace(/\/+$/, '');
  const leadingSlash = pattern.startsWith('/');
  pattern = pattern.replace(/^\/+/, '');
  if (pattern === '') return null;
  // Without a slash the pattern names a file or folder at any depth.
  const anchored = leadingSlash || pattern.includes('/');
  const body = translate(pattern);
  const prefix = anchored ? '' : '(?:.*/)?';
  return { regex: new RegExp(`^${prefix}${body}$`, 's'), negated, dirOnly };
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

/** Translates one pattern (no leading/trailing slash) into a regular-expression body. */
function translate(pattern: string): string {
  let out = '';
  // One flag per open brace: true when it opened a group, false when it is a literal `{`.
  const braces: boolean[] = [];
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < n) {
      out += escapeChar(pattern[i + 1]!);
      i += 2;
      continue;
    }
    if (c === '*') {
      let stars = 1;
      while (pattern[i + stars] === '*') stars++;
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      const atSegmentEnd = i + stars === n || pattern[i + stars] === '/';
      if (stars >= 2 && atSegmentStart && atSegmentEnd) {
        if (i + stars === n) {
          // `a/**` is everything below a; a bare `**` is everything.
          out += '.*';
          i += stars;
        } else {
          // `**/` is zero or more whole folders.
          out += '(?:[^/]*/)*';
          i += stars + 1;
        }
        continue;
      }
      // Any other run of stars stays within one segment, as in git.
      out += '[^/]*';
      i += stars;
      continue;
    }
    if (c === '?') {
      out += '[^/]';
      i++;
      continue;
    }
    if (c === '[') {
      const cls = readClass(pattern, i);
      if (cls) {
        out += cls.regex;
        i = cls.end;
        continue;
      }
      out += '\\[';
      i++;
      continue;
    }
    if (c === '{') {
      const group = closingBrace(pattern, i);
      if (group !== 'none') {
        braces.push(group === 'group');
        out += group === 'group' ? '(?:' : '\\{';
        i++;
        continue;
      }
    }
    if (c === ',' && braces[braces.length - 1] === true) {
      out += '|';
      i++;
      continue;
    }
    if (c === '}' && braces.length > 0) {
      out += braces.pop() ? ')' : '\\}';
      i++;
      continue;
    }
    out += escapeChar(c);
    i++;
  }
  return out;
}

function escapeChar(c: string): string {
  return REGEX_SPECIAL.test(c) ? `\\${c}` : c;
}

/** `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`; null when the bracket is not closed (then literal). */
function readClass(pattern: string, start: number): { regex: string; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === ']' && !first) {
      if (body === '') return null;
      // A class never matches the separator, whatever it lists.
      return { regex: negate ? `[^/${body}]` : `(?!/)[${body}]`, end: i + 1 };
    }
    if (c === '\\' && i + 1 < pattern.length) {
      body += `\\${pattern[i + 1]}`;
      i += 2;
    } else {
      body += c === '-' ? '-' : /[\\\]^[]/.test(c) ? `\\${c}` : c;
      i++;
    }
    first = false;
  }
  return null;
}

/** An opening brace is a group when a matching closing brace follows with a comma inside. */
function closingBrace(pattern: string, start: number): 'group' | 'literal' | 'none' {
  let depth = 0;
  let comma = false;
  for (let i = start; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return comma ? 'group' : 'literal';
    } else if (c === ',' && depth === 1) comma = true;
  }
  return 'none';
}

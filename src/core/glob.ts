// Glob matching for the config's `ignore` patterns (and `.gitattributes`), with gitignore's
// reading of slashes so that patterns users already write in .gitignore mean the same here:
//   `*` `?` `[abc]` `[!abc]` stay inside one path segment; `**` spans segments when it is a
//   whole segment (`**/x`, `a/**/b`, `a/**`); `{a,b}` is an alternation (may nest);
//   a leading `/`, or any slash before the end, anchors the pattern at the root; a pattern
//   with no slash matches a name at any depth; a trailing `/` matches folders only;
//   a leading `!` re-includes what an earlier pattern left out (the last match wins), but,
//   as in git, nothing inside a left-out folder comes back; `\` escapes the next character.
// Paths are POSIX and relative to the root; a path ending in `/` names a folder.
//
// Patterns come from whoever can write a repository's config (or its organisation's
// `.github`), so matching must not be at their mercy. Patterns used to become backtracking
// regular expressions: `*a*a*a*a*a*a*a*a*a*a*b` against a 44-character name held the event
// loop for 55 s. Here a pattern compiles to a Thompson NFA (one node per pattern element,
// alternatives sharing their continuation), simulated one path character at a time with
// the set of live states, never backtracking: the work is at most (path length + 1) x
// (number of nodes). Each state set met is cached as a DFA state with its transitions
// (built lazily, bounded), so common patterns cost one table lookup per character.

/** Longest pattern accepted; the config schema reports longer ones as errors. */
export const GLOB_MAX_LENGTH = 1024;
/** Most `ignore` patterns accepted; the config schema reports more as an error. */
export const GLOB_MAX_PATTERNS = 256;
/** DFA states kept per pattern; past it, new state sets are computed without being kept. */
const DFA_CACHE_MAX = 2048;

/**
 * Which pattern decides a single path, ignoring its parent folders: the index of the last
 * matching positive pattern, or -1 when no pattern matches or a `!` pattern matched last.
 * Walkers that prune left-out folders use this directly: they never reach a path whose
 * parent was left out, so checking the parents again would be wasted work.
 */
export type GlobDecider = (path: string, isDir: boolean) => number;

interface CompiledGlob {
  program: GlobProgram;
  negated: boolean;
  dirOnly: boolean;
}

/** Why a pattern cannot be used, or null. Never throws. */
export function globProblem(pattern: string): string | null {
  if (typeof pattern !== 'string') return 'expected a string';
  if (pattern.length > GLOB_MAX_LENGTH)
    return `the pattern is ${pattern.length} characters long; at most ${GLOB_MAX_LENGTH} are allowed`;
  return null;
}

export function compileGlobDecider(patterns: readonly string[]): GlobDecider {
  const compiled: (CompiledGlob | null)[] = patterns.slice(0, GLOB_MAX_PATTERNS).map(compileOne);
  return (path, isDir) => {
    // The last match wins: look from the end and stop at the first pattern that matches.
    for (let i = compiled.length - 1; i >= 0; i--) {
      const glob = compiled[i];
      if (!glob || (glob.dirOnly && !isDir)) continue;
      if (glob.program.matches(path)) return glob.negated ? -1 : i;
    }
    return -1;
  };
}

/**
 * A predicate that says whether `path` is left out by `patterns`: either it matches
 * itself, or one of its parent folders does (gitignore semantics). Each pattern reads the
 * path once: whether it matched each parent folder is noted at the slash after it, so a
 * deep path costs no more than its length per pattern.
 */
export function compileGlobs(patterns: readonly string[]): (path: string) => boolean {
  const compiled = patterns.slice(0, GLOB_MAX_PATTERNS).map(compileOne);
  const live = compiled.filter((g): g is CompiledGlob => g !== null);
  return (raw) => {
    const isDir = raw.endsWith('/');
    const path = trimPath(raw);
    if (path === '' || live.length === 0) return false;
    const runs = live.map((g) => g.program.run(path));
    // Parent folders first, shallowest first: the last pattern matching a folder decides it.
    const slashes = runs[0]!.atSlash.length;
    for (let k = 0; k < slashes; k++) {
      for (let i = live.length - 1; i >= 0; i--) {
        if (runs[i]!.atSlash[k] === 1) {
          if (!live[i]!.negated) return true;
          break;
        }
      }
    }
    for (let i = live.length - 1; i >= 0; i--) {
      const g = live[i]!;
      if (g.dirOnly && !isDir) continue;
      if (runs[i]!.full) return !g.negated;
    }
    return false;
  };
}

/** Leading `./` (repeated) or leading slashes, and trailing slashes, removed; in linear time. */
function trimPath(raw: string): string {
  let start = 0;
  if (raw.startsWith('./')) while (raw.startsWith('./', start)) start += 2;
  else while (raw.charCodeAt(start) === SLASH) start++;
  let end = raw.length;
  while (end > start && raw.charCodeAt(end - 1) === SLASH) end--;
  return raw.slice(start, end);
}

function compileOne(raw: string): CompiledGlob | null {
  if (globProblem(raw) !== null) return null;
  try {
    let pattern = raw.trim();
    let negated = false;
    if (pattern.startsWith('!')) {
      negated = true;
      pattern = pattern.slice(1);
    }
    const dirOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
    let end = pattern.length;
    while (end > 0 && pattern.charCodeAt(end - 1) === SLASH) end--;
    let start = 0;
    while (start < end && pattern.charCodeAt(start) === SLASH) start++;
    const leadingSlash = start > 0;
    pattern = pattern.slice(start, end);
    if (pattern === '') return null;
    // Without a slash the pattern names a file or folder at any depth.
    const anchored = leadingSlash || pattern.includes('/');
    return { program: compileGlobProgram(pattern, { anchored }), negated, dirOnly };
  } catch {
    // Nothing above throws by design; a pattern that still did is one that matches nothing.
    return null;
  }
}

// Parsing: pattern text -> items --------------------------------------------------------

type Item =
  | { t: 'char'; code: number }
  | { t: 'any' } // `?`: one character, not `/`
  | { t: 'star' } // `*`: any run inside one segment
  | { t: 'folders' } // `**/`: zero or more whole folders
  | { t: 'rest' } // trailing `**`: anything, slashes included
  | { t: 'class'; index: number }
  | { t: 'alt'; alts: Item[][] };

interface CharClass {
  negate: boolean;
  /** Inclusive code-unit ranges [lo, hi, lo, hi, ...]. */
  ranges: number[];
}

const SLASH = 0x2f;

/** Frames of open braces: a group collects alternatives, a literal brace just marks its `}`. */
interface Frame {
  group: boolean;
  alts: Item[][];
}

function parse(pattern: string, classes: CharClass[], braces: boolean): Item[] {
  const root: Item[] = [];
  const stack: Frame[] = [{ group: false, alts: [root] }];
  const current = (): Item[] => {
    const frame = stack[stack.length - 1]!;
    return frame.alts[frame.alts.length - 1]!;
  };
  const closers = braces ? braceKinds(pattern) : new Map<number, 'group' | 'literal'>();
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < n) {
      current().push({ t: 'char', code: pattern.charCodeAt(i + 1) });
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
          current().push({ t: 'rest' });
          i += stars;
        } else {
          // `**/` is zero or more whole folders.
          current().push({ t: 'folders' });
          i += stars + 1;
        }
        continue;
      }
      // Any other run of stars stays within one segment, as in git.
      current().push({ t: 'star' });
      i += stars;
      continue;
    }
    if (c === '?') {
      current().push({ t: 'any' });
      i++;
      continue;
    }
    if (c === '[') {
      const cls = readClass(pattern, i);
      if (cls) {
        classes.push(cls.cls);
        current().push({ t: 'class', index: classes.length - 1 });
        i = cls.end;
        continue;
      }
      current().push({ t: 'char', code: 0x5b });
      i++;
      continue;
    }
    if (c === '{') {
      const kind = closers.get(i);
      if (kind === 'group') {
        stack.push({ group: true, alts: [[]] });
        i++;
        continue;
      }
      if (kind === 'literal') {
        current().push({ t: 'char', code: 0x7b });
        // Items up to its `}` go on in the enclosing sequence.
        stack.push({ group: false, alts: [current()] });
        i++;
        continue;
      }
    }
    if (c === ',' && stack.length > 1 && stack[stack.length - 1]!.group) {
      stack[stack.length - 1]!.alts.push([]);
      i++;
      continue;
    }
    if (c === '}' && stack.length > 1) {
      closeFrame(stack);
      i++;
      continue;
    }
    current().push({ t: 'char', code: pattern.charCodeAt(i) });
    i++;
  }
  // A group whose `}` a character class swallowed (`{a,[}]`) ends with the pattern.
  while (stack.length > 1) closeFrame(stack, true);
  return root;
}

function closeFrame(stack: Frame[], atEnd = false): void {
  const frame = stack.pop()!;
  const parent = stack[stack.length - 1]!;
  const into = parent.alts[parent.alts.length - 1]!;
  if (frame.group) into.push({ t: 'alt', alts: frame.alts });
  else if (!atEnd) into.push({ t: 'char', code: 0x7d });
}

/**
 * For each `{`, whether it opens a group (a matching `}` follows with a comma at its own
 * depth), is a literal brace with a matching `}`, or has no match at all (then it is a
 * plain character). One pass with a stack instead of a scan per brace: linear.
 */
function braceKinds(pattern: string): Map<number, 'group' | 'literal'> {
  const out = new Map<number, 'group' | 'literal'>();
  const open: { at: number; comma: boolean }[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '{') open.push({ at: i, comma: false });
    else if (c === '}') {
      const o = open.pop();
      if (o) out.set(o.at, o.comma ? 'group' : 'literal');
    } else if (c === ',' && open.length > 0) open[open.length - 1]!.comma = true;
  }
  return out;
}

/**
 * `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`; null when the bracket is not closed (then `[` is a
 * plain character). A `]` right after the opening (and `!`) is a member; `\` escapes the
 * next character; `-` between two members makes a range (a reversed range matches
 * nothing). A class never matches `/`.
 */
function readClass(pattern: string, start: number): { cls: CharClass; end: number } | null {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  const atoms: { code: number; dash: boolean }[] = [];
  let first = true;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === ']' && !first) {
      return { cls: { negate, ranges: toRanges(atoms) }, end: i + 1 };
    }
    if (c === '\\' && i + 1 < pattern.length) {
      atoms.push({ code: pattern.charCodeAt(i + 1), dash: false });
      i += 2;
    } else {
      atoms.push({ code: pattern.charCodeAt(i), dash: c === '-' });
      i++;
    }
    first = false;
  }
  return null;
}

function toRanges(atoms: { code: number; dash: boolean }[]): number[] {
  const ranges: number[] = [];
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k]!;
    const dash = atoms[k + 1];
    const b = atoms[k + 2];
    if (dash?.dash && b && !a.dash) {
      ranges.push(a.code, b.code);
      k += 2;
    } else {
      ranges.push(a.code, a.code);
    }
  }
  return ranges;
}

// The automaton ----------------------------------------------------------------------

const Op = { Match: 0, Char: 1, AnyButSlash: 2, Any: 3, Class: 4, Split: 5 } as const;
type Op = (typeof Op)[keyof typeof Op];

interface DState {
  /** Live NFA nodes (no Split nodes), ascending. */
  ids: Int32Array;
  accept: boolean;
  /** Transitions on ASCII characters, filled as they are met. */
  ascii: (DState | undefined)[];
  other: Map<number, DState> | null;
  /** Held by the cache (and so safe to link from other states). */
  kept: boolean;
}

export interface GlobProgramOptions {
  /** Matches the whole path; otherwise the pattern may match the path's last segments. */
  anchored: boolean;
  /** `{a,b}` alternation (ignore globs); false reads braces as plain characters (gitattributes). */
  braces?: boolean;
}

/**
 * One compiled pattern. `steps` counts the NFA node visits made so far (cached
 * transitions count one each), which tests use to check that the work stays linear.
 */
export class GlobProgram {
  steps = 0;
  private readonly op: number[] = [];
  private readonly arg: number[] = [];
  private readonly out1: number[] = [];
  private readonly out2: number[] = [];
  private readonly classes: CharClass[] = [];
  private readonly cache = new Map<string, DState>();
  private readonly start: DState;
  private marks: Int32Array = new Int32Array(0);
  private stamp = 0;

  constructor(pattern: string, options: GlobProgramOptions) {
    const items = parse(pattern, this.classes, options.braces !== false);
    this.node(Op.Match, 0, -1, -1); // node 0
    let entry = this.seq(items, 0);
    // `(?:.*/)?`: an unanchored pattern may start after any folder.
    if (!options.anchored) entry = this.folders(entry);
    this.marks = new Int32Array(this.op.length);
    this.start = this.state(this.closure([entry]));
  }

  /** Number of NFA nodes: the per-character work bound. */
  get size(): number {
    return this.op.length;
  }

  /**
   * One pass over `path`: whether the whole path matches, and for each `/` in it whether
   * the part before that slash matches (1) or not (0).
   */
  run(path: string): { full: boolean; atSlash: Uint8Array } {
    let slashes = 0;
    for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) slashes++;
    const atSlash = new Uint8Array(slashes);
    let s = this.start;
    let k = 0;
    for (let i = 0; i < path.length; i++) {
      if (s.ids.length === 0) return { full: false, atSlash };
      const code = path.charCodeAt(i);
      if (code === SLASH) atSlash[k++] = s.accept ? 1 : 0;
      s = this.step(s, code);
    }
    return { full: s.accept, atSlash };
  }

  matches(path: string): boolean {
    let s = this.start;
    for (let i = 0; i < path.length; i++) {
      if (s.ids.length === 0) return false;
      s = this.step(s, path.charCodeAt(i));
    }
    return s.accept;
  }

  private node(op: Op, arg: number, out1: number, out2: number): number {
    this.op.push(op);
    this.arg.push(arg);
    this.out1.push(out1);
    this.out2.push(out2);
    return this.op.length - 1;
  }

  private seq(items: readonly Item[], next: number): number {
    for (let k = items.length - 1; k >= 0; k--) next = this.item(items[k]!, next);
    return next;
  }

  private item(item: Item, next: number): number {
    switch (item.t) {
      case 'char':
        return this.node(Op.Char, item.code, next, -1);
      case 'any':
        return this.node(Op.AnyButSlash, 0, next, -1);
      case 'class':
        return this.node(Op.Class, item.index, next, -1);
      case 'star': {
        const loop = this.node(Op.Split, 0, -1, next);
        this.out1[loop] = this.node(Op.AnyButSlash, 0, loop, -1);
        return loop;
      }
      case 'rest': {
        const loop = this.node(Op.Split, 0, -1, next);
        this.out1[loop] = this.node(Op.Any, 0, loop, -1);
        return loop;
      }
      case 'folders':
        return this.folders(next);
      case 'alt': {
        // Every alternative continues into the same `next`: no copies, linear size.
        let entry = this.seq(item.alts[item.alts.length - 1]!, next);
        for (let k = item.alts.length - 2; k >= 0; k--)
          entry = this.node(Op.Split, 0, this.seq(item.alts[k]!, next), entry);
        return entry;
      }
    }
  }

  // Zero or more whole folders (the regex `(?:[^/]*/)*`), then `next`.
  private folders(next: number): number {
    const top = this.node(Op.Split, 0, -1, next);
    const inner = this.node(Op.Split, 0, -1, -1);
    this.out1[top] = inner;
    this.out1[inner] = this.node(Op.AnyButSlash, 0, inner, -1);
    this.out2[inner] = this.node(Op.Char, SLASH, top, -1);
    return top;
  }

  /** The live nodes reachable from `seeds` through Split nodes, ascending. */
  private closure(seeds: number[]): Int32Array {
    const stamp = ++this.stamp;
    const out: number[] = [];
    const stack = seeds.slice();
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id < 0 || this.marks[id] === stamp) continue;
      this.marks[id] = stamp;
      this.steps++;
      if (this.op[id] === Op.Split) {
        stack.push(this.out2[id]!, this.out1[id]!);
      } else out.push(id);
    }
    out.sort((a, b) => a - b);
    return Int32Array.from(out);
  }

  private state(ids: Int32Array): DState {
    const key = ids.join(',');
    const known = this.cache.get(key);
    if (known) return known;
    const kept = this.cache.size < DFA_CACHE_MAX;
    const s: DState = { ids, accept: ids.length > 0 && ids[0] === 0, ascii: [], other: null, kept };
    if (kept) this.cache.set(key, s);
    return s;
  }

  private step(s: DState, code: number): DState {
    const cached = code < 128 ? s.ascii[code] : s.other?.get(code);
    if (cached) {
      this.steps++;
      return cached;
    }
    const seeds: number[] = [];
    for (const id of s.ids) {
      this.steps++;
      if (this.accepts(id, code)) seeds.push(this.out1[id]!);
    }
    const next = this.state(this.closure(seeds));
    // Only states the cache holds are linked, so memory stays bounded.
    if (next.kept) {
      if (code < 128) s.ascii[code] = next;
      else (s.other ??= new Map()).set(code, next);
    }
    return next;
  }

  private accepts(id: number, code: number): boolean {
    switch (this.op[id]) {
      case Op.Char:
        return this.arg[id] === code;
      case Op.AnyButSlash:
        return code !== SLASH;
      case Op.Any:
        return true;
      case Op.Class: {
        if (code === SLASH) return false;
        const cls = this.classes[this.arg[id]!]!;
        let inside = false;
        for (let k = 0; k < cls.ranges.length; k += 2) {
          if (code >= cls.ranges[k]! && code <= cls.ranges[k + 1]!) {
            inside = true;
            break;
          }
        }
        return inside !== cls.negate;
      }
      default:
        return false;
    }
  }
}

/** Compiles one pattern body (no `!`, no leading or trailing slash handling). */
export function compileGlobProgram(pattern: string, options: GlobProgramOptions): GlobProgram {
  return new GlobProgram(pattern, options);
}

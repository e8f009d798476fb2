// Deciding "is this file LFS-tracked" for every file of a large tree. `isLfsTracked` in
// gitattributes.ts tests each rule's regex against the whole path; with the ~35 rules of a
// Hugging Face `.gitattributes` that took 280 ms for 60,000 paths, more than listing them.
// Here the rules of one folder are compiled once, and a rule without a slash (nearly all
// of them: `*.safetensors`, `tokenizer.json`) is matched against the file name alone, by
// string comparison when it is a plain suffix or name.
import type { LfsRule, PathTest } from './gitattributes.js';

interface CompiledRule {
  /** Prefix of paths the rule's `.gitattributes` file governs ('' at the root, else 'dir/'). */
  prefix: string;
  lfs: boolean;
  /** Matches `*<suffix>`, `*<part>*` or the exact name. */
  suffix?: string;
  contains?: string;
  name?: string;
  /** Otherwise: tested against the name (no slash in the pattern) or the path below `prefix`. */
  re?: PathTest;
  onName: boolean;
}

/** Decides for one file; `name` is its last path segment, `path` the full relative path. */
export type LfsMatcher = (name: string, path: string) => boolean;

const GLOB_CHARS = /[*?[\\]/;

function compile(rule: LfsRule): CompiledRule {
  const prefix = rule.dir === '' ? '' : `${rule.dir}/`;
  // The same test gitattributes.ts uses: a slash before the end anchors the pattern.
  const onName = !rule.pattern.slice(0, -1).includes('/');
  const out: CompiledRule = { prefix, lfs: rule.lfs, onName };
  const p = rule.pattern;
  if (onName && p.startsWith('*') && !GLOB_CHARS.test(p.slice(1))) out.suffix = p.slice(1);
  else if (onName && p.length > 2 && p.startsWith('*') && p.endsWith('*') && !GLOB_CHARS.test(p.slice(1, -1)))
    out.contains = p.slice(1, -1);
  else if (onName && !GLOB_CHARS.test(p)) out.name = p;
  else out.re = rule.re; // an unanchored pattern on a name without slashes matches as on the name alone
  return out;
}

/**
 * A matcher equivalent to `isLfsTracked(rules, path)` for files inside the folders every
 * rule's `dir` governs (the walk passes only the rules of a folder and its parents). Rules
 * must be ordered shallow to deep and in file order: the last match wins, as in git.
 */
export function compileLfsMatcher(rules: readonly LfsRule[]): LfsMatcher {
  const compiled = rules.map(compile);
  // `*.ext` rules, most of a Hugging Face .gitattributes, are looked up by the name's
  // extension (the last such rule for it); the others are tested, latest first, only while
  // they could still be the last match.
  const byExt = new Map<string, number>();
  const others: number[] = [];
  compiled.forEach((r, i) => {
    if (r.suffix !== undefined && r.suffix.length > 1 && r.suffix.lastIndexOf('.') === 0)
      byExt.set(r.suffix.slice(1), i);
    else others.push(i);
  });
  return (name, path) => {
    const dot = name.lastIndexOf('.');
    let last = dot < 0 ? -1 : (byExt.get(name.slice(dot + 1)) ?? -1);
    for (let k = others.length - 1; k >= 0 && others[k]! > last; k--) {
      if (matches(compiled[others[k]!]!, name, path)) {
        last = others[k]!;
        break;
      }
    }
    return last >= 0 && compiled[last]!.lfs;
  };
}

function matches(r: CompiledRule, name: string, path: string): boolean {
  if (r.suffix !== undefined) return name.endsWith(r.suffix);
  if (r.contains !== undefined) return name.includes(r.contains);
  if (r.name !== undefined) return name === r.name;
  return r.re!.test(r.onName ? name : path.slice(r.prefix.length));
}

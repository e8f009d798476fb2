// Deciding "is this file LFS-tracked" for every file of a large tree. `isLfsTracked` in
// gitattributes.ts tests each rule's regex against the whole path; with the ~35 rules of a
// Hugging Face `.gitattributes` that took 280 ms for 60,000 paths, more than listing them.
// Here the rules of one folder are compiled once, and a rule without a slash (nearly all
// of them: `*.safetensors`, `tokenizer.json`) is matched against the file name alone, by
// string comparison when it is a plain suffix or name.
import type { LfsRule } from './gitattributes.js';

interface CompiledRule {
  /** Prefix of paths the rule's `.gitattributes` file governs ('' at the root, else 'dir/'). */
  prefix: string;
  lfs: boolean;
  /** Matches `*<suffix>` or the exact name. */
  suffix?: string;
  name?: string;
  /** Otherwise: tested against the name (no slash in the pattern) or the path below `prefix`. */
  re?: RegExp;
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
  if (onName && rule.pattern.startsWith('*') && !GLOB_CHARS.test(rule.pattern.slice(1))) out.suffix = rule.pattern.slice(1);
  else if (onName && !GLOB_CHARS.test(rule.pattern)) out.name = rule.pattern;
  else out.re = rule.re; // `(?:^|/)…$` on a name without slashes matches as on the name alone
  return out;
}

/**
 * A matcher equivalent to `isLfsTracked(rules, path)` for files inside the folders every
 * rule's `dir` governs (the walk passes only the rules of a folder and its parents). Rules
 * must be ordered shallow to deep and in file order: the last match wins, as in git.
 */
export function compileLfsMatcher(rules: readonly LfsRule[]): LfsMatcher {
  const compiled = rules.map(compile);
  return (name, path) => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      const r = compiled[i]!;
      let hit: boolean;
      if (r.suffix !== undefined) hit = name.endsWith(r.suffix);
      else if (r.name !== undefined) hit = name === r.name;
      else hit = r.re!.test(r.onName ? name : path.slice(r.prefix.length));
      if (hit) return r.lfs;
    }
    return false;
  };
}

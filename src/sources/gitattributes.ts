// Which paths a repository stores in Git LFS, read from its `.gitattributes` files.
// Sources use this to recognise LFS-stored files without reading every pointer, which
// matters on GitHub where each pointer text costs part of a request budget.
// The patterns are repository content, written by anyone: they are matched by the linear
// glob matcher of core/glob.ts, never as backtracking regular expressions.
import { GLOB_MAX_LENGTH, compileGlobProgram } from '../core/glob.js';

/** Tests a path (relative to the rule's folder) against one pattern. */
export interface PathTest {
  test(path: string): boolean;
}

export interface LfsRule {
  /** Folder holding the `.gitattributes` file ('' for the root); patterns are relative to it. */
  dir: string;
  pattern: string;
  re: PathTest;
  /** true for `filter=lfs`, false when the line unsets or changes the filter. */
  lfs: boolean;
}

/** Rules about the `filter` attribute in one `.gitattributes` file, in file order. */
export function parseLfsRules(text: string, dir = ''): LfsRule[] {
  const rules: LfsRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    // Quoted patterns and macro definitions are rare in model repositories; skipping them
    // only means a file falls back to being recognised from its pointer text.
    if (!line || line.startsWith('#') || line.startsWith('[attr]') || line.startsWith('"')) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    // Negative patterns are forbidden in gitattributes; a trailing slash names a folder,
    // and folder patterns do not apply to the files inside it.
    if (!pattern || pattern.startsWith('!') || pattern.endsWith('/')) continue;
    let lfs: boolean | undefined;
    for (const attr of attrs) {
      if (attr === 'filter=lfs') lfs = true;
      else if (attr === '-filter' || attr === '!filter' || attr.startsWith('filter=')) lfs = false;
    }
    if (lfs === undefined || pattern.length > GLOB_MAX_LENGTH) continue;
    rules.push({ dir, pattern, re: globToMatcher(pattern), lfs });
  }
  return rules;
}

/**
 * Whether `path` is LFS-tracked under `rules`. Rules must be ordered from shallow to deep
 * files and in file order, so that the last match wins as in git.
 */
export function isLfsTracked(rules: readonly LfsRule[], path: string): boolean {
  let tracked = false;
  for (const rule of rules) {
    const rel = rule.dir === '' ? path : path.startsWith(rule.dir + '/') ? path.slice(rule.dir.length + 1) : null;
    if (rel !== null && rule.re.test(rel)) tracked = rule.lfs;
  }
  return tracked;
}

/**
 * Git's reading of a gitattributes pattern: a slash before the end anchors it to the
 * file's folder, otherwise it matches a name at any depth; `**` as a whole segment spans
 * folders; braces are plain characters.
 */
function globToMatcher(pattern: string): PathTest {
  const anchored = pattern.slice(0, -1).includes('/');
  const glob = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  const program = compileGlobProgram(glob, { anchored, braces: false });
  return { test: (path) => program.matches(path) };
}

// Which paths a repository stores in Git LFS, read from its `.gitattributes` files.
// Sources use this to recognise LFS-stored files without reading every pointer, which
// matters on GitHub where each pointer text costs part of a request budget.

export interface LfsRule {
  /** Folder holding the `.gitattributes` file ('' for the root); patterns are relative to it. */
  dir: string;
  pattern: string;
  re: RegExp;
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
    if (lfs === undefined) continue;
    rules.push({ dir, pattern, re: globToRegExp(pattern), lfs });
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

function globToRegExp(pattern: string): RegExp {
  const anchored = pattern.slice(0, -1).includes('/');
  const glob = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) out += '.*';
        else out += '(?:.*/)?';
        i += 2; // also consumes the following slash
        continue;
      }
      out += '[^/]*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRe(glob[++i]!);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else out += escapeRe(c);
  }
  return new RegExp((anchored ? '^' : '(?:^|/)') + out + '$');
}

function escapeRe(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? '\\' + c : c;
}

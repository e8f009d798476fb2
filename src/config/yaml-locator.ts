// Finding the line of a key in a YAML text, so that a config problem can name its line
// (`.github/truly-open.yml:7: declarations.trainng-data: unknown component id`). A scan of
// the lines, not a YAML parser: it only has to find keys, and it must never throw.
type PathKey = PropertyKey;

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

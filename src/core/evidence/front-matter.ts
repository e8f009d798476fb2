// YAML front matter of a model card, parsed defensively: untrusted text from any repository.
// js-yaml's default schema never runs code (unlike gray-matter's `---js`); what it can do is
// hand back a graph with shared aliases (a "billion laughs" document), so the result is copied
// into plain data under a node budget before anyone walks it.
import yaml from 'js-yaml';

/** Front matter larger than this is not parsed (real cards are a few KB). */
export const FRONT_MATTER_MAX_BYTES = 256 * 1024;
/** Maximum number of YAML nodes kept after alias expansion. */
export const FRONT_MATTER_NODE_BUDGET = 50_000;

export interface FrontMatterBlock {
  /** The YAML text between the fences. */
  yaml: string;
  /** 1-based line of the first YAML line. */
  startLine: number;
  /** 1-based line where the body starts (after the closing fence). */
  bodyLine: number;
  /** Offset in the text where the body starts. */
  bodyOffset: number;
}

export type FrontMatterResult =
  | { ok: true; data: Record<string, unknown> | null; fieldLines: Record<string, number> }
  | { ok: false; error: string; line?: number };

/** Finds a `---` fenced block at the very start of the text (after an optional BOM). */
export function findFrontMatter(text: string): FrontMatterBlock | null {
  const start = text.startsWith('\uFEFF') ? 1 : 0;
  const open = /^---[ \t]*\r?\n/.exec(text.slice(start, start + 16));
  if (!open) return null;
  const yamlStart = start + open[0].length;
  const close = /^(---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(yamlStart);
  const m = close.exec(rest);
  if (!m) return null;
  const yamlText = rest.slice(0, m.index);
  const afterClose = yamlStart + m.index + m[0].length;
  const bodyOffset =
    text[afterClose] === '\r' ? afterClose + 2 : text[afterClose] === '\n' ? afterClose + 1 : afterClose;
  const linesBefore = countLines(text.slice(0, yamlStart));
  return {
    yaml: yamlText,
    startLine: linesBefore + 1,
    bodyLine: countLines(text.slice(0, bodyOffset)) + 1,
    bodyOffset,
  };
}

export function parseFrontMatter(block: FrontMatterBlock): FrontMatterResult {
  if (block.yaml.length > FRONT_MATTER_MAX_BYTES) {
    return {
      ok: false,
      error: `front matter is larger than ${FRONT_MATTER_MAX_BYTES / 1024} KiB; not parsed`,
      line: block.startLine,
    };
  }
  let raw: unknown;
  try {
    raw = yaml.load(block.yaml, { json: true });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line?: number }; message?: string };
    const line = e.mark?.line !== undefined ? block.startLine + e.mark.line : block.startLine;
    return { ok: false, error: `front matter is not valid YAML: ${e.reason ?? e.message ?? String(err)}`, line };
  }
  if (raw === null || raw === undefined) return { ok: true, data: null, fieldLines: {} };
  // A timestamp or any other scalar YAML reads as an object (a Date) is not a mapping either.
  if (typeof raw !== 'object' || Array.isArray(raw) || Object.getPrototypeOf(raw) !== Object.prototype) {
    const found = Array.isArray(raw) ? 'a list' : raw instanceof Date ? 'a date' : typeof raw;
    return { ok: false, error: `front matter must be a mapping of fields, found ${found}`, line: block.startLine };
  }
  const budget = { left: FRONT_MATTER_NODE_BUDGET };
  const data = toPlain(raw, budget, 0);
  if (budget.left < 0) {
    return {
      ok: false,
      error: `front matter expands to more than ${FRONT_MATTER_NODE_BUDGET} values (YAML aliases?); not used`,
      line: block.startLine,
    };
  }
  return { ok: true, data: data as Record<string, unknown>, fieldLines: topLevelFieldLines(block) };
}

/** Copies YAML output into plain JSON-like data, stopping once the node budget is spent. */
function toPlain(value: unknown, budget: { left: number }, depth: number): unknown {
  if (--budget.left < 0 || depth > 64) return null;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (budget.left < 0) break;
      out.push(toPlain(item, budget, depth + 1));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (budget.left < 0) break;
    out[k] = toPlain(v, budget, depth + 1);
  }
  return out;
}

function topLevelFieldLines(block: FrontMatterBlock): Record<string, number> {
  const lines: Record<string, number> = {};
  block.yaml.split('\n').forEach((line, i) => {
    const m = /^(["']?)([^\s:#"'][^:#"']*)\1\s*:(\s|$)/.exec(line);
    if (m?.[2] && lines[m[2]] === undefined) lines[m[2]] = block.startLine + i;
  });
  return lines;
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

// Model cards: front matter, sections by normalised heading, links. Facts only.
import type { CardSection, ModelCard, Problem } from './types.js';
import { findFrontMatter, parseFrontMatter } from './front-matter.js';
import { extractLinks } from './links.js';
import { stripComments } from './strip.js';

/** File names that are model cards wherever they sit. */
export const CARD_FILE_RE = /(^|\/)(readme|model[_-]?card)\.md$/i;
/** Names that only ever hold a model card (a sub-folder README.md may be any documentation). */
export const DEDICATED_CARD_RE = /(^|\/)model[_-]?card\.md$/i;

const PLACEHOLDER_RE = /\[more information needed\]/gi;
/** Front-matter keys that mark a README as a model card rather than general documentation. */
export const MODEL_CARD_KEYS = [
  'license',
  'license_name',
  'license_link',
  'datasets',
  'base_model',
  'pipeline_tag',
  'library_name',
  'model-index',
  'model_name',
  'tags',
  'language',
  'metrics',
  'co2_eq_emissions',
  'widget',
  'inference',
];

/** Lower-case, `[optional]` and markup stripped, punctuation to spaces, spaces collapsed. */
export function normaliseHeading(raw: string): string {
  return raw
    .replace(/\[optional\]/gi, ' ')
    .replace(/!?\[([^[\]]*)\]\([^()]*\)/g, '$1') // links and images keep their text
    .replace(/<[^>]+>/g, ' ')
    .replace(/[`*_~]/g, '')
    .replace(/&[a-z]+;/gi, ' ')
    .replace(/[^\p{L}\p{N}\s+-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether a section body documents anything beyond the template placeholder. */
/** A template field left empty: `- **Developed by:** [More Information Needed]`. */
/** A template field left empty: `- **Developed by:** [More Information Needed]` (one line). */
const PLACEHOLDER_FIELD_RE =
  /^[ \t]*[-*]?[ \t]*(\*\*|__)?[^:]{1,80}?:?(\*\*|__)?:?[ \t]*\[more information needed\][ \t]*$/i;

/**
 * Drops empty template fields. Only lines holding the placeholder are tested, one at a time:
 * a multi-line regex over the whole text backtracks on every line (seconds on a 19 KB README).
 */
function stripPlaceholderFields(text: string): string {
  if (!/\[more information needed\]/i.test(text)) return text;
  return text
    .split('\n')
    .filter((line) => !(line.length < 300 && PLACEHOLDER_FIELD_RE.test(line)))
    .join('\n');
}

export function isDocumented(body: string): boolean {
  const stripped = stripComments(stripPlaceholderFields(body))
    .replace(PLACEHOLDER_RE, '')
    .split('\n')
    .filter((l) => !/^\s{0,3}#{1,6}\s/.test(l))
    .join('\n')
    .replace(/[\s\-*_:|>]+/g, '');
  return stripped.length > 0;
}

export interface ParsedCard {
  card: ModelCard;
  problems: Problem[];
}

export function parseModelCard(path: string, text: string): ParsedCard {
  const problems: Problem[] = [];
  let frontMatter: Record<string, unknown> | null = null;
  let fieldLines: Record<string, number> = {};
  let bodyLine = 1;
  let body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const block = findFrontMatter(text);
  if (block) {
    bodyLine = block.bodyLine;
    body = text.slice(block.bodyOffset);
    const parsed = parseFrontMatter(block);
    if (parsed.ok) {
      frontMatter = parsed.data;
      fieldLines = parsed.fieldLines;
    } else {
      problems.push({
        severity: 'warning',
        path,
        ...(parsed.line !== undefined ? { line: parsed.line } : {}),
        message: parsed.error,
        ruleId: 'front-matter-invalid',
      });
    }
  }
  const sections = parseSections(body, bodyLine, path);
  // Links are extracted in line order, so a cursor finds each line's section in linear time.
  let cursor = -1;
  const sectionAt = (line: number): string => {
    while (cursor + 1 < sections.length && sections[cursor + 1]!.line <= line) cursor++;
    return cursor >= 0 ? sections[cursor]!.heading : '';
  };
  const links = extractLinks(body, path, bodyLine, sectionAt);
  return {
    card: { path, frontMatter, fieldLines, bodyLine, body, sections, links, parts: [{ path, bodyLine, body }] },
    problems,
  };
}

/** ATX headings outside code fences; a section's body runs to the next heading of the same or a higher level. */
export function parseSections(body: string, firstLine: number, path = 'README.md'): CardSection[] {
  const lines = body.split('\n');
  const heads: { heading: string; level: number; index: number }[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f?.[1]) {
      if (fence === null) fence = f[1][0] ?? null;
      else if (f[1][0] === fence) fence = null;
      continue;
    }
    // A heading is a short line: the lazy title before optional closing hashes would be
    // retried at every character of a hostile line of many thousand spaces and hashes.
    if (fence || line.length > 1000 || line.charCodeAt(line.search(/\S/)) !== 35) continue;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h?.[1] && h[2] !== undefined) heads.push({ heading: normaliseHeading(h[2]), level: h[1].length, index: i });
  }
  const sections = heads.map((h, k) => {
    let end = lines.length;
    for (let j = k + 1; j < heads.length; j++) {
      const next = heads[j];
      if (next && next.level <= h.level) {
        end = next.index;
        break;
      }
    }
    const sectionBody = lines.slice(h.index + 1, end).join('\n');
    const ownEnd = heads[k + 1] && heads[k + 1]!.index < end ? heads[k + 1]!.index : end;
    const ownBody = lines.slice(h.index + 1, ownEnd).join('\n');
    return {
      path,
      heading: h.heading,
      level: h.level,
      line: firstLine + h.index,
      body: sectionBody,
      ownBody,
      documented: isDocumented(ownBody),
    };
  });
  // A section documents something when its own text or any sub-section does: computed from
  // the end so each body is scanned once (scanning every parent's whole body is quadratic).
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    const child = sections[i + 1];
    if (!s.documented && child && child.level > s.level) {
      for (let j = i + 1; j < sections.length && sections[j]!.level > s.level; j++) {
        if (sections[j]!.documented) {
          s.documented = true;
          break;
        }
      }
    }
  }
  return templateAware(sections, body);
}

/** Prose left in a text once comments, placeholders, headings and markup are removed. */
export function prose(text: string): string {
  return stripComments(stripPlaceholderFields(text))
    .replace(PLACEHOLDER_RE, '')
    .replace(/^\s{0,3}#{1,6}\s.*$/gm, '')
    .replace(/[\s\-*_:|>`#]+/g, ' ')
    .trim();
}

/**
 * A card that is mostly the Hub's template (placeholders in most sections) keeps a few stock
 * sentences ("Use the code below to get started"); there, a section documents something only
 * when it holds a real paragraph of its own or a sub-section does.
 */
function templateAware(sections: CardSection[], body: string): CardSection[] {
  const placeholders = body.match(PLACEHOLDER_RE)?.length ?? 0;
  const leafs = sections.filter((s) => s.body.length === s.ownBody.length);
  const emptyLeafs = leafs.filter((s) => !isDocumented(s.ownBody)).length;
  if (placeholders < 5 || emptyLeafs * 2 < leafs.length) return sections;
  const own = sections.map((s) => prose(s.ownBody).length >= 200 || /```|\|.*\|/.test(s.ownBody));
  return sections.map((s, i) => {
    let documented = own[i]!;
    for (let j = i + 1; !documented && j < sections.length && sections[j]!.level > s.level; j++) documented = own[j]!;
    return { ...s, documented };
  });
}

/** Whether a README is a model card: dedicated name, or front matter with model-card keys. */
export function looksLikeModelCard(card: ModelCard): boolean {
  if (DEDICATED_CARD_RE.test(card.path)) return true;
  const fm = card.frontMatter;
  if (!fm || NOT_MODEL_CARD_KEYS.some((k) => k in fm)) return false;
  return MODEL_CARD_KEYS.some((k) => k in fm);
}

/** Front-matter keys of Space cards (`sdk`, `app_file`) and dataset cards (`dataset_info`, `task_categories`...). */
const NOT_MODEL_CARD_KEYS = [
  'sdk',
  'app_file',
  'sdk_version',
  'dataset_info',
  'task_categories',
  'configs',
  'size_categories',
  'pretty_name',
];

// ---- front-matter field readers (the Hub accepts a string or a list for most of them) ----

export function fieldStrings(card: ModelCard | null, field: string): string[] {
  const v = card?.frontMatter?.[field];
  if (typeof v === 'string') return v.trim() ? [v.trim()] : [];
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v))
    return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  return [];
}

/** Dataset ids named in `model-index` results (evaluation data). */
export function modelIndexDatasets(card: ModelCard | null): string[] {
  const index = card?.frontMatter?.['model-index'];
  const ids = new Set<string>();
  if (!Array.isArray(index)) return [];
  for (const model of index) {
    const results = (model as { results?: unknown })?.results;
    if (!Array.isArray(results)) continue;
    for (const r of results) {
      const ds = (r as { dataset?: { type?: unknown; name?: unknown } })?.dataset;
      const id = typeof ds?.type === 'string' ? ds.type : typeof ds?.name === 'string' ? ds.name : null;
      if (id) ids.add(id);
    }
  }
  return [...ids];
}

/** Whether `model-index` holds at least one metric value. */
export function modelIndexHasMetrics(card: ModelCard | null): boolean {
  const index = card?.frontMatter?.['model-index'];
  if (!Array.isArray(index)) return false;
  return index.some((m) =>
    ((m as { results?: unknown })?.results as unknown[] | undefined)?.some?.((r) =>
      ((r as { metrics?: unknown })?.metrics as unknown[] | undefined)?.some?.(
        (x) => (x as { value?: unknown })?.value !== undefined && (x as { value?: unknown }).value !== null,
      ),
    ),
  );
}

/**
 * One card from several documents of the same release (README.md beside MODEL_CARD.md, the
 * cards under model_cards/): sections, links and text of all of them, the front matter of
 * the first. Each section, link and part keeps its own path and line for the evidence.
 */
export function mergeCards(cards: ModelCard[]): ModelCard | null {
  const [first, ...rest] = cards;
  if (!first) return null;
  if (rest.length === 0) return first;
  const all = [first, ...rest];
  return {
    ...first,
    body: all.map((c) => c.body).join('\n\n'),
    sections: all.flatMap((c) => c.sections),
    links: all.flatMap((c) => c.links),
    parts: all.flatMap((c) => c.parts),
  };
}

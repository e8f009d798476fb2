// Small string helpers shared by the renderers: cutting text to a width, naming where
// evidence sits, and making arbitrary text safe inside Markdown.
import { COMPONENT_IDS, COMPONENTS, isComponentId, type ComponentId } from '../catalog.js';
import type { Evidence } from '../evidence/types.js';
import type { ModelReport } from '../report.js';

/** Cut to at most `max` code points, ending in an ellipsis when cut. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const keep = Math.max(0, max - Array.from(ellipsis).length);
  return chars.slice(0, keep).join('').trimEnd() + ellipsis;
}

/** Collapse newlines and runs of spaces: messages go into single table cells. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function visibleLength(text: string): number {
  return Array.from(text).length;
}

export function padEnd(text: string, width: number): string {
  const gap = width - visibleLength(text);
  return gap > 0 ? text + ' '.repeat(gap) : text;
}

/** `path:line`, `path`, or the URL: the most precise pointer the evidence offers. */
export function evidenceLocation(evidence: Evidence): string | null {
  if (evidence.path) return evidence.line ? `${evidence.path}:${evidence.line}` : evidence.path;
  return evidence.url ?? null;
}

/** The first evidence that points into the repository, for annotations and SARIF locations. */
export function firstPathEvidence(evidence: readonly Evidence[]): (Evidence & { path: string }) | undefined {
  return evidence.find((e): e is Evidence & { path: string } => typeof e.path === 'string' && e.path !== '');
}

/** The model card's path as the model-card component saw it, if it saw one. */
export function modelCardPath(model: ModelReport): string | undefined {
  return firstPathEvidence(model.components['model-card']?.evidence ?? [])?.path;
}

export function componentTitle(id: string): string | undefined {
  return isComponentId(id) ? COMPONENTS[id].title : undefined;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function percent(value: number): string {
  return `${Math.round(value)} %`;
}

// Markdown ---------------------------------------------------------------------------

/**
 * Text that renders literally and inertly inside a Markdown table cell or paragraph: no
 * formatting, no HTML, and no GitHub mention or cross-reference. A card may name a model
 * `@org/team`; GitHub resolves mentions after rendering, so a backslash escape would not
 * stop it: a zero-width space after `@` (and after `#` before a number) does.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/\\/g, '\\\\')
    .replace(/([`*_[\]<>#~|!])/g, '\\$1')
    .replace(/@(?=[A-Za-z0-9_])/g, '@\u200b')
    .replace(/#(?=\d)/g, '#\u200b');
}

/**
 * An inline code span that holds `text` literally, whatever backticks it contains: the
 * fence is one backtick longer than the longest run inside (a path with two backticks in a
 * row used to close a two-backtick fence and let the rest render as a link or image).
 * `|` is escaped because table cells end at it even inside code.
 */
export function mdCode(text: string): string {
  const clean = oneLine(text).replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of clean.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

export function mdLink(text: string, url: string): string {
  return `[${mdText(text)}](${url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Components whose status was verified online, in table order. */
export function verifiedOnlineIds(model: ModelReport): ComponentId[] {
  return COMPONENT_IDS.filter((id) => model.components[id].verifiedOnline === true);
}

/** "2 statuses verified online: the data card and the training data", or '' when none. */
export function verifiedOnlineSentence(model: ModelReport): string {
  const ids = verifiedOnlineIds(model);
  if (ids.length === 0) return '';
  const what = ids.length === 1 ? 'status' : 'statuses';
  return `${ids.length} ${what} verified online: ${listWords(ids.map((id) => COMPONENTS[id].phrase))}`;
}

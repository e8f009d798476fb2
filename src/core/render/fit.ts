// GitHub caps check-run summaries, texts and comment bodies at 65,535 characters. We
// measure UTF-8 bytes, which is never less than the character count, so whatever GitHub
// counts, the text fits.
import { utf8Length } from './format.js';

export const GITHUB_TEXT_LIMIT = 65_535;

export function fits(text: string, limit = GITHUB_TEXT_LIMIT): boolean {
  return utf8Length(text) < limit;
}

/**
 * Join `head`, then as many `items` as fit, then `tail`; when items are left out, a note
 * built by `omitted(n)` says how many. `head` and `tail` are kept whole.
 */
export function fitItems(
  head: string,
  items: readonly string[],
  tail: string,
  omitted: (count: number) => string,
  options: { separator?: string; limit?: number } = {},
): { text: string; shown: number } {
  const separator = options.separator ?? '\n';
  const limit = options.limit ?? GITHUB_TEXT_LIMIT;
  const join = (parts: string[]) => parts.filter((p) => p !== '').join(separator);
  const full = join([head, ...items, tail]);
  if (fits(full, limit)) return { text: full, shown: items.length };
  // Reserve room for the note with the largest count it could show.
  const reserve = utf8Length(omitted(items.length)) + utf8Length(tail) + 3 * utf8Length(separator) + 1;
  let used = utf8Length(head);
  let shown = 0;
  for (const item of items) {
    const size = utf8Length(item) + utf8Length(separator);
    if (used + size + reserve >= limit) break;
    used += size;
    shown += 1;
  }
  return { text: join([head, ...items.slice(0, shown), omitted(items.length - shown), tail]), shown };
}

/** Last resort: cut a text that must fit, on a line boundary, with a note. */
export function hardCut(text: string, note: string, limit = GITHUB_TEXT_LIMIT): string {
  if (fits(text, limit)) return text;
  const lines = text.split('\n');
  return fitItems('', lines, '', () => note, { limit }).text;
}

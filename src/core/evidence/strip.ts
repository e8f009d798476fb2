// Removing delimited spans (HTML comments, fenced code, <pre> blocks) in one pass. A lazy
// regex such as /<!--[\s\S]*?-->/g retries from every opening it finds: on a card of many
// unclosed `<!--` that is quadratic (a 400 KB card took 40 s). These scan forward once.

/** Replaces every `open … close` span with `replacement`; an unclosed span runs to the end. */
export function stripBetween(
  text: string,
  open: string,
  close: string,
  replacement = '',
  caseInsensitive = false,
): string {
  const hay = caseInsensitive ? text.toLowerCase() : text;
  const o = caseInsensitive ? open.toLowerCase() : open;
  const c = caseInsensitive ? close.toLowerCase() : close;
  let start = hay.indexOf(o);
  if (start === -1) return text;
  let out = '';
  let from = 0;
  while (start !== -1) {
    out += text.slice(from, start) + replacement;
    const end = hay.indexOf(c, start + o.length);
    if (end === -1) return out;
    from = end + c.length;
    start = hay.indexOf(o, from);
  }
  return out + text.slice(from);
}

/** Drops HTML comments (`<!-- … -->`), template notes in most cards. */
export function stripComments(text: string): string {
  return stripBetween(text, '<!--', '-->');
}

/**
 * Drops fenced code blocks, line by line: a fence of three or more backticks or tildes
 * opens a block that a fence of the same character and at least the same length closes
 * (an unclosed block runs to the end, as Markdown renders it).
 */
export function stripFencedCode(text: string, replacement = ''): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      if (m?.[1]) {
        fence = m[1];
        if (replacement) out.push(replacement);
      } else out.push(line);
    } else if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
  }
  return out.join('\n');
}

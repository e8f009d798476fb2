// Just enough of CommonMark's inline rules to tell what a renderer's Markdown would show
// outside code spans: a backtick run opens a code span that ends at the next run of the
// same length; a run with no partner is literal text. Backslash-escaped backticks are text.

export interface Spans {
  /** The text outside code spans, with each code span replaced by a space. */
  outside: string;
  /** The contents of the code spans, in order. */
  code: string[];
}

export function codeSpans(markdown: string): Spans {
  let outside = '';
  const code: string[] = [];
  let i = 0;
  while (i < markdown.length) {
    const c = markdown[i]!;
    if (c === '\\' && i + 1 < markdown.length) {
      outside += markdown.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      outside += c;
      i++;
      continue;
    }
    let n = 0;
    while (markdown[i + n] === '`') n++;
    const close = findRun(markdown, i + n, n);
    if (close === -1) {
      outside += '`'.repeat(n);
      i += n;
      continue;
    }
    code.push(markdown.slice(i + n, close));
    outside += ' ';
    i = close + n;
  }
  return { outside, code };
}

/** Start of the next run of exactly `n` backticks at or after `from`, or -1. */
function findRun(text: string, from: number, n: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let m = 0;
    while (text[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}

/** A GitHub mention or cross-reference GitHub would act on (`@user`, `@org/team`, `#12`). */
export const LIVE_MENTION = /(^|[^\w`])@[A-Za-z0-9]|(^|[^\w&])#\d/;

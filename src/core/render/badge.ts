// Badges: the shields.io endpoint JSON (https://shields.io/badges/endpoint-badge) for
// READMEs that use shields, and a static flat SVG for those that want no third party.
import type { LadderLevel, LadderVerdict } from '../report.js';
import { LADDER_STYLES } from './symbols.js';

export interface BadgeJson {
  schemaVersion: 1;
  label: 'truly open';
  message: string;
  color: string;
}

/** A level, or a ladder verdict: a level that is only claimed (not verified) shows grey, "unverified". */
export type BadgeInput = LadderLevel | Pick<LadderVerdict, 'level' | 'claimed'>;

const UNVERIFIED = { color: 'lightgrey', hex: '#9f9f9f' };

function badgeOf(input: BadgeInput): { message: string; color: string; hex: string } {
  const ladder = typeof input === 'string' ? { level: input } : input;
  if (ladder.claimed)
    return {
      message: `${LADDER_STYLES[ladder.claimed.level].words}, unverified`,
      color: UNVERIFIED.color,
      hex: UNVERIFIED.hex,
    };
  const style = LADDER_STYLES[ladder.level];
  return { message: style.words, color: style.badgeColor, hex: style.badgeHex };
}

export function renderBadge(input: BadgeInput): BadgeJson {
  const { message, color } = badgeOf(input);
  return { schemaVersion: 1, label: 'truly open', message, color };
}

// Approximate advance widths of 11px Verdana, the font flat badges use: close enough that
// the text sits centred without measuring fonts at run time.
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if ("ijl.,:;!|'".includes(ch)) width += 3.5;
    else if ('frt() '.includes(ch)) width += 4.5;
    else if ('mwMW'.includes(ch)) width += 10;
    else if (ch >= 'A' && ch <= 'Z') width += 7.5;
    else width += 6.5;
  }
  return Math.ceil(width);
}

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

export function renderBadgeSvg(input: BadgeInput): string {
  const { label, message } = renderBadge(input);
  const color = badgeOf(input).hex;
  const padding = 10;
  const left = textWidth(label) + padding;
  const right = textWidth(message) + padding;
  const width = left + right;
  const title = escapeXml(`${label}: ${message}`);
  const text = (x: number, value: string) =>
    `<text x="${x}" y="15" fill="#010101" fill-opacity=".3">${escapeXml(value)}</text>` +
    `<text x="${x}" y="14">${escapeXml(value)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    '<g clip-path="url(#r)">',
    `<rect width="${left}" height="20" fill="#555"/>`,
    `<rect x="${left}" width="${right}" height="20" fill="${color}"/>`,
    `<rect width="${width}" height="20" fill="url(#s)"/>`,
    '</g>',
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    text(left / 2, label),
    text(left + right / 2, message),
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

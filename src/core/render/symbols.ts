// One place for how statuses and ladder levels look, so the terminal, Markdown, SARIF and
// badges never disagree. Every symbol has an ASCII fallback for terminals and logs that
// mangle Unicode; the fallbacks are distinct single characters so columns stay aligned.
import type { Status } from '../catalog.js';
import { MOF_CLASS_NAMES } from '../frameworks/requirements.js';
import type { LadderLevel } from '../report.js';

export type Tone = 'good' | 'partial' | 'bad' | 'neutral' | 'info';

export interface StatusStyle {
  symbol: string;
  ascii: string;
  /** Plain words, used in tables and sentences ("not applicable"). */
  label: string;
  tone: Tone;
}

export const STATUS_STYLES: Record<Status, StatusStyle> = {
  open: { symbol: '✔', ascii: '+', label: 'open', tone: 'good' },
  restricted: { symbol: '◐', ascii: '~', label: 'restricted', tone: 'partial' },
  // Published without terms: '!' because it is usually an oversight with an easy fix.
  unlicensed: { symbol: '◌', ascii: '!', label: 'unlicensed', tone: 'partial' },
  mentioned: { symbol: '?', ascii: '?', label: 'mentioned', tone: 'info' },
  missing: { symbol: '✘', ascii: 'x', label: 'missing', tone: 'bad' },
  'not-applicable': { symbol: '–', ascii: '-', label: 'not applicable', tone: 'neutral' },
  unknown: { symbol: '…', ascii: '.', label: 'unknown', tone: 'neutral' },
};

/** Marks a status that rests on a Hub or GitHub API lookup, not only on the repository. */
export const ONLINE_MARK = { symbol: '⊕', ascii: '(+)' } as const;

export interface SymbolOptions {
  ascii?: boolean;
}

export function statusSymbol(status: Status, options: SymbolOptions = {}): string {
  const style = STATUS_STYLES[status];
  return options.ascii ? style.ascii : style.symbol;
}

export function statusLabel(status: Status): string {
  return STATUS_STYLES[status].label;
}

export interface LadderStyle {
  /** Capitalised, for headings ("Open weights"). */
  title: string;
  /** Lower case, for badges and sentences ("open weights"). */
  words: string;
  tone: Tone;
  /** shields.io named colour. */
  badgeColor: string;
  /** The same colour as hex, for the SVG we draw ourselves. */
  badgeHex: string;
}

export const LADDER_STYLES: Record<LadderLevel, LadderStyle> = {
  'open-source': {
    title: 'Open source',
    words: 'open source',
    tone: 'good',
    badgeColor: 'brightgreen',
    badgeHex: '#44cc11',
  },
  'open-weights': {
    title: 'Open weights',
    words: 'open weights',
    tone: 'partial',
    badgeColor: 'yellow',
    badgeHex: '#dfb317',
  },
  'restricted-weights': {
    title: 'Restricted weights',
    words: 'restricted weights',
    tone: 'partial',
    badgeColor: 'orange',
    badgeHex: '#fe7d37',
  },
  closed: { title: 'Closed', words: 'closed', tone: 'bad', badgeColor: 'red', badgeHex: '#e05d44' },
};

const ROMAN: Record<1 | 2 | 3, string> = { 1: 'I', 2: 'II', 3: 'III' };

/** "Class II (Open Tooling)", or "unclassified" when no class is complete. */
export function mofClassLabel(mofClass: 1 | 2 | 3 | null): string {
  return mofClass === null ? 'unclassified' : `Class ${ROMAN[mofClass]} (${MOF_CLASS_NAMES[mofClass]})`;
}

export function mofClassShort(mofClass: 1 | 2 | 3 | null): string {
  return mofClass === null ? '—' : `Class ${ROMAN[mofClass]}`;
}

/** The class a release works towards next: III first, then II, then I; null at Class I. */
export function nextMofClass(mofClass: 1 | 2 | 3 | null): 1 | 2 | 3 | null {
  if (mofClass === null) return 3;
  if (mofClass === 1) return null;
  return (mofClass - 1) as 1 | 2;
}

/** The ladder level above this one, null at the top. */
export function nextLadderLevel(level: LadderLevel): LadderLevel | null {
  switch (level) {
    case 'closed':
      return 'restricted-weights';
    case 'restricted-weights':
      return 'open-weights';
    case 'open-weights':
      return 'open-source';
    case 'open-source':
      return null;
  }
}

/** `data-information` is an OSAID element, not a component; everything else is a component id. */
export function osaidElementLabel(element: string, title: (id: string) => string | undefined): string {
  if (element === 'data-information') return 'data information';
  return title(element)?.toLowerCase() ?? element;
}

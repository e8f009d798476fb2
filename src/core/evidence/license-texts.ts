// Identifying a LICENSE file from its text: recognisers for the AI model licenses (which
// have no SPDX text) by their distinctive phrases, and word-bigram Dice similarity against
// the SPDX texts of the licenses people actually use.
import { createRequire } from 'node:module';
import { LICENSE_RECORDS } from './license-records.js';

export interface IdentifiedLicense {
  id: string;
  /** 0..1: Dice similarity for SPDX texts, fixed levels for phrase recognisers. */
  confidence: number;
}

/**
 * The licenses compared by text. Not all ~700 SPDX licenses: the common ones on model and
 * code repositories, so one comparison stays a few milliseconds. `-only` stands for both
 * GPL variants (same text; the file does not say which was meant).
 */
export const TEXT_CANDIDATES = [
  'Apache-2.0',
  'MIT',
  'MIT-0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSD-3-Clause-Clear',
  '0BSD',
  'ISC',
  'Zlib',
  'BSL-1.0',
  'Unlicense',
  'WTFPL',
  'CC0-1.0',
  'MPL-2.0',
  'MPL-1.1',
  'EPL-1.0',
  'EPL-2.0',
  'EUPL-1.1',
  'EUPL-1.2',
  'GPL-2.0-only',
  'GPL-3.0-only',
  'LGPL-2.1-only',
  'LGPL-3.0-only',
  'AGPL-3.0-only',
  'AFL-3.0',
  'Artistic-2.0',
  'ECL-2.0',
  'MS-PL',
  'MS-RL',
  'OSL-3.0',
  'PostgreSQL',
  'NCSA',
  'OFL-1.1',
  'LPPL-1.3c',
  'UPL-1.0',
  'Python-2.0',
  'PSF-2.0',
  'BlueOak-1.0.0',
  'MulanPSL-2.0',
  'CECILL-2.1',
  'Apache-1.1',
  'X11',
  'CC-BY-2.0',
  'CC-BY-2.5',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC-BY-SA-3.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-2.0',
  'CC-BY-NC-3.0',
  'CC-BY-NC-4.0',
  'CC-BY-ND-3.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-SA-2.0',
  'CC-BY-NC-SA-3.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-NC-ND-3.0',
  'CC-BY-NC-ND-4.0',
  'CDLA-Permissive-1.0',
  'CDLA-Permissive-2.0',
  'CDLA-Sharing-1.0',
  'ODC-By-1.0',
  'ODbL-1.0',
  'PDDL-1.0',
  'C-UDA-1.0',
  'O-UDA-1.0',
  'etalab-2.0',
  'OpenMDW-1.0',
  'GFDL-1.3-only',
  'LGPLLR',
  'CC-PDDC',
  'OGL-UK-3.0',
] as const;

/** Only this much of a file is read: licenses are at most ~6,000 words, and huge files must not stall. */
const MAX_CHARS = 256 * 1024;
const MAX_WORDS = 12_000;
const PHRASE_WINDOW = 64 * 1024;

/** Dice at or above this is an identification. Reformatted or lightly edited texts sit at 0.85+. */
const DICE_ACCEPT = 0.75;
/** A text this close to an SPDX text wins over any phrase it happens to contain. */
const DICE_DECISIVE = 0.85;
/** A file that contains (almost) all of a license plus other text (notices, a second license). */
const COVERAGE_ACCEPT = 0.95;
/** Below this many bigrams a license is too short for containment to mean anything. */
const COVERAGE_MIN_BIGRAMS = 60;

const requireFromHere = createRequire(import.meta.url);

interface Reference {
  id: string;
  bigrams: Set<number>;
  /** Which sensitive terms the reference text contains (see SENSITIVE). */
  sensitive: number;
}

/** The reference texts, indexed on first use. */
const references: Reference[] = [];

/**
 * Terms that separate licenses whose texts are otherwise nearly the same (CC-BY vs
 * CC-BY-NC vs CC-BY-SA...). A candidate whose text disagrees with the file on one of these
 * is never chosen, however high its Dice: calling an NC file "CC-BY" would claim open falsely.
 */
const SENSITIVE: RegExp[] = [/\bnon ?commercial\b/, /\bno ?derivatives?\b|\bnoderivs\b/, /\bshare ?alike\b/];

function sensitiveMask(flat: string): number {
  let mask = 0;
  SENSITIVE.forEach((re, i) => {
    if (re.test(flat)) mask |= 1 << i;
  });
  return mask;
}

function words(text: string): string[] {
  const out = text
    .slice(0, MAX_CHARS)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  return out.length > MAX_WORDS ? out.slice(0, MAX_WORDS) : out;
}

/** FNV-1a over the UTF-16 code units: a word as a 32-bit number. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * Word pairs as 30-bit numbers, not "a b" strings: building the 72 reference sets was most
 * of the first identification's cost, in string concatenation and string hashing. Two
 * different pairs share a number about once in a billion; similarity does not notice.
 */
function bigrams(ws: string[]): Set<number> {
  const set = new Set<number>();
  let prev = ws.length > 0 ? wordHash(ws[0]!) : 0;
  for (let i = 1; i < ws.length; i++) {
    const h = wordHash(ws[i]!);
    set.add((Math.imul(prev, 0x9e3779b1) ^ h) & 0x3fffffff);
    prev = h;
  }
  return set;
}

function loadReferences(): Reference[] {
  if (references.length === 0) {
    // One small JSON per license, so only the candidates are loaded, never the 5 MB bundle;
    // by path, so the package is resolved once, not 72 times.
    const dir = requireFromHere.resolve('spdx-license-list/package.json').replace(/package\.json$/, 'licenses/');
    for (const id of TEXT_CANDIDATES) {
      const entry = requireFromHere(`${dir}${id}.json`) as { licenseText: string };
      const ws = words(entry.licenseText);
      references.push({ id, bigrams: bigrams(ws), sensitive: sensitiveMask(ws.join(' ')) });
    }
  }
  return references;
}

/** Loads and indexes the reference texts now (otherwise the first identification does). */
export function warmUpLicenseTexts(): void {
  loadReferences();
}

interface PhraseRule {
  re: RegExp;
  id: string;
  /** Phrases only the full license text has; with one of them the match is the license itself. */
  confirm?: RegExp;
  /** A family-level rule, used only when no specific rule matched. */
  generic?: boolean;
}

// Matched against a flattened text: lower case, straight quotes, single spaces. From the
// license records, in their order (more specific titles first).
const PHRASES: PhraseRule[] = LICENSE_RECORDS.flatMap((r) => (r.phrase ? [{ id: r.id, ...r.phrase }] : []));

function flatten(text: string): string {
  return text
    .slice(0, PHRASE_WINDOW)
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d]/g, "'")
    .replace(/\s+/g, ' ');
}

function matchPhrases(flat: string): IdentifiedLicense | null {
  let best: { index: number; rule: PhraseRule } | null = null;
  for (const generic of [false, true]) {
    for (const rule of PHRASES) {
      if (Boolean(rule.generic) !== generic) continue;
      const m = rule.re.exec(flat);
      // The earliest title in the file is the file's own license; later ones are references.
      if (m && (!best || m.index < best.index)) best = { index: m.index, rule };
    }
    if (best) break;
  }
  if (!best) return null;
  const confirmed = best.rule.confirm?.test(flat) ?? false;
  return { id: best.rule.id, confidence: confirmed ? 0.95 : 0.75 };
}

// A short LICENSE that only names its license ("Licensed under the Apache License, Version
// 2.0"). Matched on the word sequence; two different names make it ambiguous.
const NOTICE_MAX_WORDS = 150;
const NOTICES: Array<[RegExp, string]> = LICENSE_RECORDS.flatMap((r) =>
  r.notice ? [[r.notice, r.id] as [RegExp, string]] : [],
);

function matchNotice(ws: string[]): IdentifiedLicense | null {
  if (ws.length > NOTICE_MAX_WORDS) return null;
  const joined = ws.join(' ');
  const found = new Set<string>();
  for (const [re, id] of NOTICES) if (re.test(joined)) found.add(id);
  if (found.size !== 1) return null;
  const [id] = [...found];
  return id ? { id, confidence: 0.6 } : null;
}

interface Scored {
  ref: Reference;
  dice: number;
  coverage: number;
}

function compare(input: Set<number>, mask: number): Scored[] {
  const out: Scored[] = [];
  const a = input.size;
  for (const ref of loadReferences()) {
    if (ref.sensitive !== mask) continue;
    const b = ref.bigrams.size;
    // Upper bounds first: most references are ruled out by size alone.
    const diceBound = (2 * Math.min(a, b)) / (a + b);
    const coveragePossible = b >= COVERAGE_MIN_BIGRAMS && a >= COVERAGE_ACCEPT * b;
    if (diceBound < DICE_ACCEPT && !coveragePossible) continue;
    let inter = 0;
    const [small, large] = a <= b ? [input, ref.bigrams] : [ref.bigrams, input];
    for (const g of small) if (large.has(g)) inter++;
    out.push({ ref, dice: (2 * inter) / (a + b), coverage: inter / b });
  }
  return out;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Identifies the license a LICENSE / COPYING file carries, or null when nothing matches well
 * enough (random prose, a custom license). Order: an SPDX text that matches decisively; the
 * AI-license phrase recognisers; an SPDX text above the acceptance threshold; a file that
 * contains a whole SPDX text plus other material; a short notice naming one license.
 */
export function identifyLicenseText(text: string): IdentifiedLicense | null {
  const ws = words(text);
  if (ws.length < 3) return null;
  const flat = flatten(text);
  const input = bigrams(ws);
  const scored = compare(input, sensitiveMask(ws.join(' ')));

  let bestDice: Scored | null = null;
  for (const s of scored) if (!bestDice || s.dice > bestDice.dice) bestDice = s;
  if (bestDice && bestDice.dice >= DICE_DECISIVE) return { id: bestDice.ref.id, confidence: round(bestDice.dice) };

  const phrase = matchPhrases(flat);
  if (phrase) return phrase;

  if (bestDice && bestDice.dice >= DICE_ACCEPT) return { id: bestDice.ref.id, confidence: round(bestDice.dice) };

  // Containment: of the references the file contains, the largest is the most specific
  // (BSD-3-Clause contains nearly all of BSD-2-Clause; MIT contains MIT-0).
  let contained: Scored | null = null;
  for (const s of scored) {
    if (s.ref.bigrams.size < COVERAGE_MIN_BIGRAMS || s.coverage < COVERAGE_ACCEPT) continue;
    if (!contained || s.ref.bigrams.size > contained.ref.bigrams.size) contained = s;
  }
  if (contained) return { id: contained.ref.id, confidence: round(0.9 * contained.coverage) };

  return matchNotice(ws);
}

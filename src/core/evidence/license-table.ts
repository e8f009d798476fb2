// License ids and families: the lookup tables behind normaliseLicenseId and licenseFamily,
// derived from the records of license-records.ts.
// Hub ids are mapped by table, never by fuzzy correction: fuzzy tools turn
// `cdla-permissive-2.0` into a different license, and a wrong id here becomes a wrong verdict.
import { createRequire } from 'node:module';
import type { ComponentKind } from '../catalog.js';
import { LICENSE_RECORDS } from './license-records.js';
import type { LicenseFamily } from './types.js';

interface SpdxMeta {
  name: string;
  url: string;
  osiApproved: boolean;
}

// The SPDX metadata (ids + OSI flag, ~120 KB) is a module load, done on first use so that
// importing the engine stays cheap for callers that never look at licenses.
const requireFromHere = createRequire(import.meta.url);
let spdxMeta: Record<string, SpdxMeta> | null = null;
let spdxByLower: Map<string, string> | null = null;

export function spdxList(): Record<string, SpdxMeta> {
  spdxMeta ??= requireFromHere('spdx-license-list') as Record<string, SpdxMeta>;
  return spdxMeta;
}

function spdxIdsByLower(): Map<string, string> {
  if (!spdxByLower) {
    spdxByLower = new Map();
    for (const id of Object.keys(spdxList())) spdxByLower.set(id.toLowerCase(), id);
  }
  return spdxByLower;
}

/** Canonical spelling of an SPDX id matched case-insensitively, or null. */
export function canonicalSpdxId(raw: string): string | null {
  return spdxIdsByLower().get(raw.trim().toLowerCase()) ?? null;
}

/** Declared ids that carry no information: the caller must look elsewhere (name, link, file). */
export const PLACEHOLDER_IDS = new Set(['other', 'unknown', 'none', 'noassertion', '']);

/**
 * Hub ids that name a family without a version. They stay visible as a LicenseRef (so the
 * report can say "pick a version") but classify as `unknown`: GPL-2.0 and GPL-3.0, or
 * CC-BY and CC-BY-NC, fall on different sides of the line.
 */
export const VERSIONLESS: Record<string, string> = {
  bsd: 'LicenseRef-BSD-unversioned',
  gpl: 'LicenseRef-GPL-unversioned',
  lgpl: 'LicenseRef-LGPL-unversioned',
  agpl: 'LicenseRef-AGPL-unversioned',
  cc: 'LicenseRef-CC-unversioned',
  gfdl: 'LicenseRef-GFDL-unversioned',
  'creative-commons': 'LicenseRef-CC-unversioned',
};

/**
 * Hub ids (docs/hub/repositories-licenses.md) and common spellings that are not SPDX ids
 * themselves, from the license records. Keys are lower-case; ids that already are SPDX ids
 * (`mit`, `isc`, `zlib`, `cc-by-4.0`...) need no entry: the SPDX list matches them
 * case-insensitively. GPL-family ids without `-only`/`-or-later` are deprecated in SPDX; the
 * Hub does not say which was meant, so they map to `-only`, the reading that claims the least.
 */
export const HUB_IDS: Record<string, string> = Object.fromEntries(
  LICENSE_RECORDS.flatMap((r) => [...(r.hubIds ?? []), ...(r.names ?? [])].map((key) => [key, r.id] as const)),
);

/** LicenseRef ids this module produces, so that any spelling of them comes back canonical. */
const KNOWN_REFS = new Map(
  [...LICENSE_RECORDS.map((r) => r.id), ...Object.values(VERSIONLESS)]
    .filter((id) => id.startsWith('LicenseRef-'))
    .map((id) => [id.toLowerCase(), id] as const),
);

// Deprecated SPDX ids whose text is the same as a current id; mapped so that families and
// reports use one spelling.
const DEPRECATED: Record<string, string> = {
  'GPL-2.0': 'GPL-2.0-only',
  'GPL-3.0': 'GPL-3.0-only',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-3.0': 'LGPL-3.0-only',
  'LGPL-2.0': 'LGPL-2.0-only',
  'AGPL-3.0': 'AGPL-3.0-only',
  'GPL-2.0+': 'GPL-2.0-or-later',
  'GPL-3.0+': 'GPL-3.0-or-later',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3.0+': 'LGPL-3.0-or-later',
  'GFDL-1.3': 'GFDL-1.3-only',
  'GFDL-1.2': 'GFDL-1.2-only',
  'GFDL-1.1': 'GFDL-1.1-only',
};

const LICENSE_REF_RE = /^licenseref-[a-z0-9.+-]+$/i;

/**
 * Normalises a declared license (Hub id, SPDX id, a few common spellings) to an SPDX id or a
 * `LicenseRef-`. Case-insensitive, exact matches only. Returns null for placeholders
 * (`other`, `unknown`) and for anything not in the tables: the caller decides what an
 * unrecognised declaration means. Versionless families (`bsd`, `gpl`, `cc`) give a
 * `LicenseRef-<X>-unversioned` id whose family is `unknown`.
 */
export function normaliseLicenseId(raw: string): string | null {
  const key = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  if (PLACEHOLDER_IDS.has(key)) return null;
  const hub = HUB_IDS[key] ?? VERSIONLESS[key];
  if (hub) return hub;
  const spdx = canonicalSpdxId(key);
  if (spdx) return DEPRECATED[spdx] ?? spdx;
  if (LICENSE_REF_RE.test(key)) return KNOWN_REFS.get(key) ?? raw.trim();
  return null;
}

/** Makes a `LicenseRef-` id out of a free-text license name (`license_name`, a file name). */
export function licenseRefFor(name: string): string {
  const idstring = name
    .trim()
    .replace(/^licenseref-/i, '')
    .replace(/[^A-Za-z0-9.+-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return `LicenseRef-${idstring || 'custom'}`;
}

/** Families stated by the records (data licenses, restricted terms); others follow the rules below. */
const RECORD_FAMILY = new Map(
  LICENSE_RECORDS.filter((r) => r.family !== undefined).map((r) => [r.id, r.family!] as const),
);

/** Data licenses written for models including their code (OpenMDW) count as open for code too. */
const OPEN_FOR_CODE_TOO = new Set(LICENSE_RECORDS.filter((r) => r.openForCode).map((r) => r.id));

/** CC licenses with NonCommercial or NoDerivatives terms, any version or port. */
const CC_NC_ND_RE = /^CC-BY-(NC|ND)(-|$)/i;
/** Use-based restrictions: RAIL / OpenRAIL and AI2 ImpACT. */
const RESTRICTED_USE_RE = /^LicenseRef-.*(rail|impact)/i;
/** Vendor model terms, including custom licenses named after the vendor or model. */
const RESTRICTED_VENDOR_RE = /^LicenseRef-.*(llama|gemma|grok|qwen|qianwen|deepseek|falcon|nvidia|tii-)/i;
const NC_WORDS_RE = /^LicenseRef-.*(non-?commercial|research|\bnc\b)/i;

/**
 * The family a normalised license id belongs to (catalog section 3). OSI approval comes
 * from the SPDX list's flag; data and restricted families from explicit lists. Anything
 * else — non-OSI software licenses, custom LicenseRefs we cannot place — is `unknown`.
 */
export function licenseFamily(id: string): LicenseFamily {
  const canonical = normaliseLicenseId(id) ?? id;
  const recorded = RECORD_FAMILY.get(canonical);
  if (recorded) return recorded;
  if (CC_NC_ND_RE.test(canonical)) return 'restricted-nc';
  if (canonical.startsWith('LicenseRef-')) {
    if (RESTRICTED_USE_RE.test(canonical)) return 'restricted-use';
    // A research-only vendor license is both: non-commercial is the sharper statement.
    if (NC_WORDS_RE.test(canonical)) return 'restricted-nc';
    if (RESTRICTED_VENDOR_RE.test(canonical)) return 'restricted-vendor';
    return 'unknown';
  }
  const meta = spdxList()[canonical];
  if (meta?.osiApproved) return 'osi';
  return 'unknown';
}

/**
 * Whether a license family is open for a component kind: true, false, or null when the
 * family is unknown (the report says "could not tell", never "open"). `id` is only needed
 * for the one exception the families cannot express: OpenMDW is a data-family license that
 * is also written for code.
 */
export function isOpenFor(family: LicenseFamily, kind: ComponentKind, id?: string): boolean | null {
  switch (family) {
    case 'osi':
      return true;
    case 'open-data':
      if (kind !== 'code') return true;
      return id !== undefined && OPEN_FOR_CODE_TOO.has(normaliseLicenseId(id) ?? id);
    case 'restricted-use':
    case 'restricted-vendor':
    case 'restricted-nc':
      return false;
    case 'unknown':
      return null;
  }
}

/**
 * Known license URLs (cards' `license_link`), matched on host + path without scheme,
 * `www.` or a trailing slash, from the license records. Only pages that name one license; a
 * repository's own LICENSE link is resolved against the snapshot instead.
 */
export const KNOWN_LICENSE_URLS: Array<[RegExp, string]> = LICENSE_RECORDS.flatMap((r) =>
  (r.urls ?? []).map((re): [RegExp, string] => [re, r.id]),
);

/** Id for a known license URL, or null. */
export function licenseIdForUrl(url: string): string | null {
  const key = url
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/^www\./i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  for (const [re, id] of KNOWN_LICENSE_URLS) if (re.test(key)) return id;
  return null;
}

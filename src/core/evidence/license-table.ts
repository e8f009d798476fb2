// License ids and families: the explicit tables behind normaliseLicenseId and licenseFamily.
// Hub ids are mapped by table, never by fuzzy correction: fuzzy tools turn
// `cdla-permissive-2.0` into a different license, and a wrong id here becomes a wrong verdict.
import { createRequire } from 'node:module';
import type { ComponentKind } from '../catalog.js';
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
 * themselves. Keys are lower-case; ids that already are SPDX ids (`mit`, `isc`, `zlib`,
 * `cc-by-4.0`...) need no entry: the SPDX list matches them case-insensitively.
 * GPL-family ids without `-only`/`-or-later` are deprecated in SPDX; the Hub does not say
 * which was meant, so they map to `-only`, the reading that claims the least.
 */
export const HUB_IDS: Record<string, string> = {
  'gpl-2.0': 'GPL-2.0-only',
  'gpl-3.0': 'GPL-3.0-only',
  'lgpl-2.1': 'LGPL-2.1-only',
  'lgpl-3.0': 'LGPL-3.0-only',
  'agpl-3.0': 'AGPL-3.0-only',
  'gpl-2.0+': 'GPL-2.0-or-later',
  'gpl-3.0+': 'GPL-3.0-or-later',
  'lgpl-2.1+': 'LGPL-2.1-or-later',
  'lgpl-3.0+': 'LGPL-3.0-or-later',
  'gfdl-1.3': 'GFDL-1.3-only',
  'gfdl-1.2': 'GFDL-1.2-only',
  'lgpl-lr': 'LGPLLR',
  'odc-by': 'ODC-By-1.0',
  odbl: 'ODbL-1.0',
  pddl: 'PDDL-1.0',
  'c-uda': 'C-UDA-1.0',
  'o-uda': 'O-UDA-1.0',
  'openmdw-1.1': 'LicenseRef-OpenMDW-1.1',
  openrail: 'LicenseRef-OpenRAIL',
  'openrail-m': 'LicenseRef-OpenRAIL',
  'bigscience-openrail-m': 'LicenseRef-BigScience-OpenRAIL-M',
  'creativeml-openrail-m': 'LicenseRef-CreativeML-OpenRAIL-M',
  'bigcode-openrail-m': 'LicenseRef-BigCode-OpenRAIL-M',
  'openrail++': 'LicenseRef-OpenRAIL++',
  'openrail++-m': 'LicenseRef-OpenRAIL++',
  'bigscience-bloom-rail-1.0': 'LicenseRef-BigScience-BLOOM-RAIL-1.0',
  'ai2-impact-lr': 'LicenseRef-AI2-ImpACT-LR',
  'ai2-impact-mr': 'LicenseRef-AI2-ImpACT-MR',
  'ai2-impact-hr': 'LicenseRef-AI2-ImpACT-HR',
  llama2: 'LicenseRef-Llama-2',
  llama3: 'LicenseRef-Llama-3',
  'llama3.1': 'LicenseRef-Llama-3.1',
  'llama3.2': 'LicenseRef-Llama-3.2',
  'llama3.3': 'LicenseRef-Llama-3.3',
  llama4: 'LicenseRef-Llama-4',
  gemma: 'LicenseRef-Gemma',
  'grok2-community': 'LicenseRef-Grok-2-Community',
  'deepfloyd-if-license': 'LicenseRef-DeepFloyd-IF',
  'fair-noncommercial-research-license': 'LicenseRef-FAIR-Noncommercial-Research',
  'apple-amlr': 'LicenseRef-Apple-AMLR',
  'apple-ascl': 'LicenseRef-Apple-ASCL',
  'h-research': 'LicenseRef-H-Research',
  'intel-research': 'LicenseRef-Intel-Research',
  // Common `license_name` values for vendor terms published as `license: other`.
  qwen: 'LicenseRef-Qwen',
  'tongyi-qianwen': 'LicenseRef-Qwen',
  'qwen-research': 'LicenseRef-Qwen-Research',
  'tongyi-qianwen-research': 'LicenseRef-Qwen-Research',
  deepseek: 'LicenseRef-DeepSeek',
  'deepseek-license': 'LicenseRef-DeepSeek',
  'falcon-llm-license': 'LicenseRef-Falcon-LLM',
  'tii-falcon-llm-license': 'LicenseRef-Falcon-LLM',
  'falcon-180b-tii-license': 'LicenseRef-Falcon-180B-TII',
  'nvidia-open-model-license': 'LicenseRef-NVIDIA-Open-Model',
  'nvidia-oneway-noncommercial-license': 'LicenseRef-NVIDIA-OneWay-Noncommercial',
  // Spellings seen in cards and LICENSE headers, matched whole (spaces collapsed).
  'apache 2.0': 'Apache-2.0',
  'apache-2': 'Apache-2.0',
  apache2: 'Apache-2.0',
  'apache license 2.0': 'Apache-2.0',
  'apache license, version 2.0': 'Apache-2.0',
  'mit license': 'MIT',
  'the mit license': 'MIT',
  'bsd-3': 'BSD-3-Clause',
  'bsd-2': 'BSD-2-Clause',
  gplv2: 'GPL-2.0-only',
  gplv3: 'GPL-3.0-only',
  'cc by 4.0': 'CC-BY-4.0',
  'cc by-sa 4.0': 'CC-BY-SA-4.0',
  'cc by-nc 4.0': 'CC-BY-NC-4.0',
  'cc by-nc-sa 4.0': 'CC-BY-NC-SA-4.0',
  'llama 2 community license agreement': 'LicenseRef-Llama-2',
  'meta llama 3 community license agreement': 'LicenseRef-Llama-3',
  'llama 3.1 community license agreement': 'LicenseRef-Llama-3.1',
  'llama 3.2 community license agreement': 'LicenseRef-Llama-3.2',
  'llama 3.3 community license agreement': 'LicenseRef-Llama-3.3',
  'llama 4 community license agreement': 'LicenseRef-Llama-4',
  'gemma terms of use': 'LicenseRef-Gemma',
};

/** LicenseRef ids this module produces, so that any spelling of them comes back canonical. */
const KNOWN_REFS = new Map(
  [...Object.values(HUB_IDS), ...Object.values(VERSIONLESS)]
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

// Data and content licenses: open for data, weights and documents. Not software licenses,
// so not open for code (OSAID asks for OSI-approved terms on code) — OpenMDW excepted.
const OPEN_DATA = new Set([
  'CC0-1.0',
  'CC-BY-1.0',
  'CC-BY-2.0',
  'CC-BY-2.5',
  'CC-BY-3.0',
  'CC-BY-4.0',
  'CC-BY-SA-1.0',
  'CC-BY-SA-2.0',
  'CC-BY-SA-2.5',
  'CC-BY-SA-3.0',
  'CC-BY-SA-4.0',
  'CC-PDDC',
  'CC-PDM-1.0',
  'CDLA-Permissive-1.0',
  'CDLA-Permissive-2.0',
  'CDLA-Sharing-1.0',
  'ODC-By-1.0',
  'ODbL-1.0',
  'PDDL-1.0',
  'O-UDA-1.0',
  'OpenMDW-1.0',
  'LicenseRef-OpenMDW-1.1',
  'etalab-2.0',
  'LGPLLR',
  'OGL-UK-3.0',
  'OGL-Canada-2.0',
  'DL-DE-BY-2.0',
  'DL-DE-ZERO-2.0',
  'NLOD-2.0',
  'GFDL-1.3-only',
  'GFDL-1.3-or-later',
  'GFDL-1.2-only',
  'GFDL-1.2-or-later',
  // Permissive but not OSI-approved: fine for data, not enough for code under OSAID.
  'WTFPL',
]);

/** OpenMDW is written for models including their code, so it counts as open for code too. */
const OPEN_FOR_CODE_TOO = new Set(['OpenMDW-1.0', 'LicenseRef-OpenMDW-1.1']);

const RESTRICTED_NC = new Set([
  'C-UDA-1.0',
  'LicenseRef-DeepFloyd-IF',
  'LicenseRef-FAIR-Noncommercial-Research',
  'LicenseRef-Apple-AMLR',
  'LicenseRef-H-Research',
  'LicenseRef-Intel-Research',
  'LicenseRef-Qwen-Research',
  'LicenseRef-NVIDIA-OneWay-Noncommercial',
]);

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
  if (RESTRICTED_NC.has(canonical) || CC_NC_ND_RE.test(canonical)) return 'restricted-nc';
  if (OPEN_DATA.has(canonical)) return 'open-data';
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
 * `www.` or a trailing slash. Only pages that name one license; a repository's own
 * LICENSE link is resolved against the snapshot instead.
 */
export const KNOWN_LICENSE_URLS: Array<[RegExp, string]> = [
  [/^apache\.org\/licenses\/license-2\.0(\.txt|\.html)?$/i, 'Apache-2.0'],
  [/^opensource\.org\/licenses?\/mit$/i, 'MIT'],
  [/^opensource\.org\/licenses?\/apache-2\.0$/i, 'Apache-2.0'],
  [/^opensource\.org\/licenses?\/bsd-3-clause$/i, 'BSD-3-Clause'],
  [/^opensource\.org\/licenses?\/bsd-2-clause$/i, 'BSD-2-Clause'],
  [/^gnu\.org\/licenses\/gpl-3\.0(\.html|\.txt|\.en\.html)?$/i, 'GPL-3.0-only'],
  [/^gnu\.org\/licenses\/agpl-3\.0(\.html|\.txt|\.en\.html)?$/i, 'AGPL-3.0-only'],
  [/^creativecommons\.org\/licenses\/by\/4\.0(\/legalcode)?(\.en)?$/i, 'CC-BY-4.0'],
  [/^creativecommons\.org\/licenses\/by-sa\/4\.0(\/legalcode)?(\.en)?$/i, 'CC-BY-SA-4.0'],
  [/^creativecommons\.org\/licenses\/by-nc\/4\.0(\/legalcode)?(\.en)?$/i, 'CC-BY-NC-4.0'],
  [/^creativecommons\.org\/licenses\/by-nc-sa\/4\.0(\/legalcode)?(\.en)?$/i, 'CC-BY-NC-SA-4.0'],
  [/^creativecommons\.org\/licenses\/by-nc-nd\/4\.0(\/legalcode)?(\.en)?$/i, 'CC-BY-NC-ND-4.0'],
  [/^creativecommons\.org\/publicdomain\/zero\/1\.0(\/legalcode)?$/i, 'CC0-1.0'],
  [/^ai\.meta\.com\/llama\/license$/i, 'LicenseRef-Llama-2'],
  [/^(llama\.meta\.com|llama\.com)\/llama3\/license$/i, 'LicenseRef-Llama-3'],
  [/^(llama\.meta\.com|llama\.com)\/llama3_1\/license$/i, 'LicenseRef-Llama-3.1'],
  [/^(llama\.meta\.com|llama\.com)\/llama3_2\/license$/i, 'LicenseRef-Llama-3.2'],
  [/^(llama\.meta\.com|llama\.com)\/llama3_3\/license$/i, 'LicenseRef-Llama-3.3'],
  [/^(llama\.meta\.com|llama\.com)\/llama4\/license$/i, 'LicenseRef-Llama-4'],
  [/^ai\.google\.dev\/gemma\/terms$/i, 'LicenseRef-Gemma'],
  [/^developer\.download\.nvidia\.com\/licenses\/nvidia-open-model-license-agreement.*$/i, 'LicenseRef-NVIDIA-Open-Model'],
  [/^nvidia\.com\/en-us\/agreements\/enterprise-software\/nvidia-open-model-license$/i, 'LicenseRef-NVIDIA-Open-Model'],
];

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

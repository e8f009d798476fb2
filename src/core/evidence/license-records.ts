// One record per license truly-open knows beyond the SPDX list's own data: how it is named
// on the Hub and in cards, where its text lives, the phrases that identify its text, and
// its family. The lookup tables of license-table.ts and the text recognisers of
// license-texts.ts are derived from these records; adding a license is adding a record
// (and a test), in this file only.
//
// Licenses in the SPDX list that need nothing more (MIT by its id, ISC, Zlib…) have no
// record: their id matches case-insensitively and their OSI flag gives the family.
import type { LicenseFamily } from './types.js';

export interface LicenseRecord {
  /** SPDX id, or `LicenseRef-<name>` for licenses without one. */
  id: string;
  /** Omitted: OSI-approved SPDX licenses take `osi` from the SPDX list's flag. */
  family?: LicenseFamily;
  /** Hub `license:` ids and `license_name` values, lower case. */
  hubIds?: string[];
  /** Names as cards and LICENSE headers write them, lower case with single spaces. */
  names?: string[];
  /** `license_link` pages: host and path, without scheme, `www.` or a trailing slash. */
  urls?: RegExp[];
  /**
   * The title a LICENSE text starts with (flattened: lower case, single spaces), and phrases only
   * the full text has.
   */
  phrase?: { re: RegExp; confirm?: RegExp; generic?: boolean };
  /**
   * A short file that only names the license ("Licensed under the Apache License, Version 2.0"), on
   * its words joined by spaces.
   */
  notice?: RegExp;
  /** A data license written for models including their code (OpenMDW): open for code too. */
  openForCode?: boolean;
}

const RAIL_CONFIRM = /use restrictions|attachment a|responsible ai license/;
const LLAMA_CONFIRM = /llama materials/;
const llamaUrl = (path: string): RegExp => new RegExp(`^(llama\\.meta\\.com|llama\\.com)\\/${path}\\/license$`, 'i');
const ccUrl = (kind: string, version: string): RegExp =>
  new RegExp(
    `^creativecommons\\.org\\/licenses\\/${kind}\\/${version.replace('.', '\\.')}(\\/legalcode)?(\\.en)?$`,
    'i',
  );

/**
 * The records, in the order phrases are tried: more specific titles first (Llama 3.1 before
 * Llama 3, OpenRAIL++ before OpenRAIL), family-wide ones marked `generic`.
 */
export const LICENSE_RECORDS: readonly LicenseRecord[] = [
  // ---- vendor model terms ----
  {
    id: 'LicenseRef-Llama-3.1',
    family: 'restricted-vendor',
    hubIds: ['llama3.1'],
    names: ['llama 3.1 community license agreement'],
    urls: [llamaUrl('llama3_1')],
    phrase: { re: /\b(?:meta )?llama 3\.1 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Llama-3.2',
    family: 'restricted-vendor',
    hubIds: ['llama3.2'],
    names: ['llama 3.2 community license agreement'],
    urls: [llamaUrl('llama3_2')],
    phrase: { re: /\b(?:meta )?llama 3\.2 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Llama-3.3',
    family: 'restricted-vendor',
    hubIds: ['llama3.3'],
    names: ['llama 3.3 community license agreement'],
    urls: [llamaUrl('llama3_3')],
    phrase: { re: /\b(?:meta )?llama 3\.3 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Llama-3',
    family: 'restricted-vendor',
    hubIds: ['llama3'],
    names: ['meta llama 3 community license agreement'],
    urls: [llamaUrl('llama3')],
    phrase: { re: /\b(?:meta )?llama 3 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Llama-4',
    family: 'restricted-vendor',
    hubIds: ['llama4'],
    names: ['llama 4 community license agreement'],
    urls: [llamaUrl('llama4')],
    phrase: { re: /\b(?:meta )?llama 4 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Llama-2',
    family: 'restricted-vendor',
    hubIds: ['llama2'],
    names: ['llama 2 community license agreement'],
    urls: [/^ai\.meta\.com\/llama\/license$/i],
    phrase: { re: /\b(?:meta )?llama 2 community license/, confirm: LLAMA_CONFIRM },
  },
  {
    id: 'LicenseRef-Gemma',
    family: 'restricted-vendor',
    hubIds: ['gemma'],
    names: ['gemma terms of use'],
    urls: [/^ai\.google\.dev\/gemma\/terms$/i],
    phrase: { re: /\bgemma terms of use\b/, confirm: /gemma services|model derivatives|prohibited use policy/ },
  },
  {
    id: 'LicenseRef-Grok-2-Community',
    family: 'restricted-vendor',
    hubIds: ['grok2-community'],
    phrase: { re: /\bgrok 2 community license/ },
  },
  {
    id: 'LicenseRef-Qwen-Research',
    family: 'restricted-nc',
    hubIds: ['qwen-research', 'tongyi-qianwen-research'],
    phrase: { re: /\b(?:tongyi qianwen|qwen) research license/ },
  },
  {
    id: 'LicenseRef-Qwen',
    family: 'restricted-vendor',
    hubIds: ['qwen', 'tongyi-qianwen'],
    phrase: { re: /\b(?:tongyi qianwen|qwen) license agreement/ },
  },
  {
    id: 'LicenseRef-DeepSeek',
    family: 'restricted-vendor',
    hubIds: ['deepseek', 'deepseek-license'],
    phrase: { re: /\bdeepseek license agreement/ },
  },
  {
    id: 'LicenseRef-Falcon-180B-TII',
    family: 'restricted-vendor',
    hubIds: ['falcon-180b-tii-license'],
    phrase: { re: /\bfalcon[- ]180b tii license/ },
  },
  {
    id: 'LicenseRef-Falcon-LLM',
    family: 'restricted-vendor',
    hubIds: ['falcon-llm-license', 'tii-falcon-llm-license'],
    phrase: { re: /\b(?:tii falcon(?: llm)? license|falcon llm license)/ },
  },
  {
    id: 'LicenseRef-NVIDIA-Open-Model',
    family: 'restricted-vendor',
    hubIds: ['nvidia-open-model-license'],
    urls: [
      /^developer\.download\.nvidia\.com\/licenses\/nvidia-open-model-license-agreement.*$/i,
      /^nvidia\.com\/en-us\/agreements\/enterprise-software\/nvidia-open-model-license$/i,
    ],
    phrase: { re: /\bnvidia open model license/ },
  },
  {
    id: 'LicenseRef-NVIDIA-OneWay-Noncommercial',
    family: 'restricted-nc',
    hubIds: ['nvidia-oneway-noncommercial-license'],
    phrase: { re: /\bnvidia (?:one-way )?non-?commercial license/ },
  },

  // ---- use-based restrictions (RAIL, ImpACT) ----
  {
    id: 'LicenseRef-OpenRAIL++',
    family: 'restricted-use',
    hubIds: ['openrail++', 'openrail++-m'],
    phrase: { re: /\bopen ?rail\s?\+\+/, confirm: RAIL_CONFIRM },
  },
  {
    id: 'LicenseRef-BigScience-BLOOM-RAIL-1.0',
    family: 'restricted-use',
    hubIds: ['bigscience-bloom-rail-1.0'],
    phrase: { re: /\bbigscience (?:bloom )?rail license v?1\.0/, confirm: RAIL_CONFIRM },
  },
  {
    id: 'LicenseRef-BigCode-OpenRAIL-M',
    family: 'restricted-use',
    hubIds: ['bigcode-openrail-m'],
    phrase: { re: /\bbigcode open ?rail-?m/, confirm: RAIL_CONFIRM },
  },
  {
    id: 'LicenseRef-CreativeML-OpenRAIL-M',
    family: 'restricted-use',
    hubIds: ['creativeml-openrail-m'],
    phrase: { re: /\bcreativeml open ?rail-?m/, confirm: RAIL_CONFIRM },
  },
  {
    id: 'LicenseRef-BigScience-OpenRAIL-M',
    family: 'restricted-use',
    hubIds: ['bigscience-openrail-m'],
    phrase: { re: /\bbigscience open ?rail-?m/, confirm: RAIL_CONFIRM },
  },
  {
    id: 'LicenseRef-OpenRAIL',
    family: 'restricted-use',
    hubIds: ['openrail', 'openrail-m'],
    phrase: { re: /\bopen ?rail\b|\bresponsible ai license\b/, confirm: RAIL_CONFIRM, generic: true },
  },
  { id: 'LicenseRef-AI2-ImpACT', family: 'restricted-use', phrase: { re: /\bai2 impact license/ } },
  { id: 'LicenseRef-AI2-ImpACT-LR', family: 'restricted-use', hubIds: ['ai2-impact-lr'] },
  { id: 'LicenseRef-AI2-ImpACT-MR', family: 'restricted-use', hubIds: ['ai2-impact-mr'] },
  { id: 'LicenseRef-AI2-ImpACT-HR', family: 'restricted-use', hubIds: ['ai2-impact-hr'] },

  // ---- non-commercial, research-only ----
  { id: 'C-UDA-1.0', family: 'restricted-nc', hubIds: ['c-uda'] },
  { id: 'LicenseRef-DeepFloyd-IF', family: 'restricted-nc', hubIds: ['deepfloyd-if-license'] },
  {
    id: 'LicenseRef-FAIR-Noncommercial-Research',
    family: 'restricted-nc',
    hubIds: ['fair-noncommercial-research-license'],
  },
  { id: 'LicenseRef-Apple-AMLR', family: 'restricted-nc', hubIds: ['apple-amlr'] },
  { id: 'LicenseRef-H-Research', family: 'restricted-nc', hubIds: ['h-research'] },
  { id: 'LicenseRef-Intel-Research', family: 'restricted-nc', hubIds: ['intel-research'] },
  // Apple's sample-code license: not OSI-approved and not placed in a family here.
  { id: 'LicenseRef-Apple-ASCL', family: 'unknown', hubIds: ['apple-ascl'] },

  // ---- open data and content ----
  { id: 'OpenMDW-1.0', family: 'open-data', openForCode: true },
  { id: 'LicenseRef-OpenMDW-1.1', family: 'open-data', hubIds: ['openmdw-1.1'], openForCode: true },
  { id: 'ODC-By-1.0', family: 'open-data', hubIds: ['odc-by'] },
  { id: 'ODbL-1.0', family: 'open-data', hubIds: ['odbl'] },
  { id: 'PDDL-1.0', family: 'open-data', hubIds: ['pddl'] },
  { id: 'O-UDA-1.0', family: 'open-data', hubIds: ['o-uda'] },
  { id: 'LGPLLR', family: 'open-data', hubIds: ['lgpl-lr'] },
  {
    id: 'CC0-1.0',
    family: 'open-data',
    urls: [/^creativecommons\.org\/publicdomain\/zero\/1\.0(\/legalcode)?$/i],
    notice: /\bcc0 1 0\b|\bcreativecommons org publicdomain zero 1 0\b/,
  },
  {
    id: 'CC-BY-4.0',
    family: 'open-data',
    names: ['cc by 4.0'],
    urls: [ccUrl('by', '4.0')],
    notice: /\bcreative commons attribution 4 0\b|\bcreativecommons org licenses by 4 0\b|\bcc by 4 0\b/,
  },
  {
    id: 'CC-BY-SA-4.0',
    family: 'open-data',
    names: ['cc by-sa 4.0'],
    urls: [ccUrl('by-sa', '4.0')],
    notice:
      /\bcreative commons attribution sharealike 4 0\b|\bcreativecommons org licenses by sa 4 0\b|\bcc by sa 4 0\b/,
  },
  ...[
    'CC-BY-1.0',
    'CC-BY-2.0',
    'CC-BY-2.5',
    'CC-BY-3.0',
    'CC-BY-SA-1.0',
    'CC-BY-SA-2.0',
    'CC-BY-SA-2.5',
    'CC-BY-SA-3.0',
    'CC-PDDC',
    'CC-PDM-1.0',
  ].map((id): LicenseRecord => ({ id, family: 'open-data' })),
  ...[
    'CDLA-Permissive-1.0',
    'CDLA-Permissive-2.0',
    'CDLA-Sharing-1.0',
    'etalab-2.0',
    'OGL-UK-3.0',
    'OGL-Canada-2.0',
    'DL-DE-BY-2.0',
    'DL-DE-ZERO-2.0',
    'NLOD-2.0',
  ].map((id): LicenseRecord => ({ id, family: 'open-data' })),
  ...['GFDL-1.3-only', 'GFDL-1.3-or-later', 'GFDL-1.2-only', 'GFDL-1.2-or-later'].map((id): LicenseRecord => ({
    id,
    family: 'open-data',
    hubIds: id.endsWith('-only') ? [id.slice(0, -5).toLowerCase()] : [],
  })),
  // Permissive but not OSI-approved: fine for data, not enough for code under OSAID.
  { id: 'WTFPL', family: 'open-data' },

  // ---- non-commercial and no-derivatives Creative Commons (the family comes from the id) ----
  {
    id: 'CC-BY-NC-4.0',
    names: ['cc by-nc 4.0'],
    urls: [ccUrl('by-nc', '4.0')],
    notice:
      /\bcreative commons attribution noncommercial 4 0\b|\bcreativecommons org licenses by nc 4 0\b|\bcc by nc 4 0\b/,
  },
  { id: 'CC-BY-NC-SA-4.0', names: ['cc by-nc-sa 4.0'], urls: [ccUrl('by-nc-sa', '4.0')] },
  { id: 'CC-BY-NC-ND-4.0', urls: [ccUrl('by-nc-nd', '4.0')] },

  // ---- OSI-approved software licenses that need more than their SPDX id ----
  {
    id: 'Apache-2.0',
    hubIds: ['apache-2', 'apache2'],
    names: ['apache 2.0', 'apache license 2.0', 'apache license, version 2.0'],
    urls: [/^apache\.org\/licenses\/license-2\.0(\.txt|\.html)?$/i, /^opensource\.org\/licenses?\/apache-2\.0$/i],
    notice: /\bapache license version 2 0\b|\bapache org licenses license 2 0\b/,
  },
  {
    id: 'MIT',
    names: ['mit license', 'the mit license'],
    urls: [/^opensource\.org\/licenses?\/mit$/i],
    notice: /\bmit license\b|\bopensource org licenses mit\b/,
  },
  {
    id: 'BSD-3-Clause',
    hubIds: ['bsd-3'],
    urls: [/^opensource\.org\/licenses?\/bsd-3-clause$/i],
    notice: /\bbsd 3 clause\b/,
  },
  {
    id: 'BSD-2-Clause',
    hubIds: ['bsd-2'],
    urls: [/^opensource\.org\/licenses?\/bsd-2-clause$/i],
    notice: /\bbsd 2 clause\b/,
  },
  { id: 'GPL-2.0-only', hubIds: ['gpl-2.0', 'gplv2'], notice: /\bgnu general public license v(ersion )?2\b|\bgplv2\b/ },
  {
    id: 'GPL-3.0-only',
    hubIds: ['gpl-3.0', 'gplv3'],
    urls: [/^gnu\.org\/licenses\/gpl-3\.0(\.html|\.txt|\.en\.html)?$/i],
    notice: /\bgnu general public license v(ersion )?3\b|\bgplv3\b/,
  },
  { id: 'LGPL-2.1-only', hubIds: ['lgpl-2.1'] },
  { id: 'LGPL-3.0-only', hubIds: ['lgpl-3.0'] },
  { id: 'AGPL-3.0-only', hubIds: ['agpl-3.0'], urls: [/^gnu\.org\/licenses\/agpl-3\.0(\.html|\.txt|\.en\.html)?$/i] },
  { id: 'GPL-2.0-or-later', hubIds: ['gpl-2.0+'] },
  { id: 'GPL-3.0-or-later', hubIds: ['gpl-3.0+'] },
  { id: 'LGPL-2.1-or-later', hubIds: ['lgpl-2.1+'] },
  { id: 'LGPL-3.0-or-later', hubIds: ['lgpl-3.0+'] },
  { id: 'MPL-2.0', notice: /\bmozilla public license v(ersion )?2 0\b/ },
];

// License evidence: which licenses a release declares (card front matter) and carries
// (LICENSE / COPYING files), where each applies, and which one governs a given path.
import type { ComponentKind } from '../catalog.js';
import type { RepoSnapshot } from '../snapshot.js';
import type { Evidence, LicenseFact, ModelCard, Problem } from './types.js';
import {
  PLACEHOLDER_IDS,
  VERSIONLESS,
  licenseFamily,
  licenseIdForUrl,
  licenseRefFor,
  normaliseLicenseId,
} from './license-table.js';
import { identifyLicenseText } from './license-texts.js';

export { isOpenFor, licenseFamily, normaliseLicenseId } from './license-table.js';
export { identifyLicenseText } from './license-texts.js';

/**
 * Ids for declarations that name no license (`other`, `unknown`): kept visible, never governing
 * when anything else applies.
 */
export const PLACEHOLDER_OTHER = 'LicenseRef-other';
export const PLACEHOLDER_UNKNOWN = 'LicenseRef-unknown';
/** A LICENSE file whose text matched no known license. */
export const CUSTOM_LICENSE = 'LicenseRef-custom';
/** A LICENSE file that exists but was not read (too large, unreadable, LFS). */
export const UNREAD_LICENSE = 'LicenseRef-unread';

const LICENSE_FILE_RE = /^(licen[cs]e|copying)([._-].*)?$/i;
const NOT_A_LICENSE_RE = /\.(py|js|ts|json|ya?ml|ipynb|sh|html?|css|toml|cfg)$/i;

function normalisePath(p: string): string {
  const trimmed = p
    .trim()
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}

function within(path: string, scope: string): boolean {
  return scope === '.' || path === scope || path.startsWith(`${scope}/`);
}

function depth(scope: string): number {
  return scope === '.' ? 0 : scope.split('/').length;
}

function isLicenseFile(path: string): boolean {
  const start = path.lastIndexOf('/') + 1;
  // Asked of every entry: the first letter (l or c, either case) spares the rest for nearly all.
  const first = path.charCodeAt(start) | 0x20;
  if (first !== 0x6c && first !== 0x63) return false;
  const base = path.slice(start);
  return LICENSE_FILE_RE.test(base) && !NOT_A_LICENSE_RE.test(base);
}

/** What a LICENSE-CODE / LICENSE_MODEL style name says the file covers. */
function nameHint(path: string): string | null {
  return nameKinds(path)?.hint ?? null;
}

/**
 * LICENSE-CODE governs code, LICENSE-MODEL / LICENSE-DATA the weights and data: the catalog's
 * "license declared for its kind".
 */
function nameKinds(path: string): { hint: string; kinds: ComponentKind[] } | null {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/[._-](code|software|source)\b/.test(base)) return { hint: 'name suggests it covers code', kinds: ['code'] };
  if (/[._-](model|weights?|params?)\b/.test(base))
    return { hint: 'name suggests it covers the model weights', kinds: ['data'] };
  if (/[._-](data|dataset)\b/.test(base)) return { hint: 'name suggests it covers data', kinds: ['data'] };
  if (/[._-](docs?|documentation)\b/.test(base))
    return { hint: 'name suggests it covers documentation', kinds: ['document'] };
  return null;
}

function withKinds(f: LicenseFact, kinds: ComponentKind[] | undefined): LicenseFact {
  return kinds ? { ...f, kinds } : f;
}

function isPlaceholder(fact: LicenseFact): boolean {
  return fact.id === PLACEHOLDER_OTHER || fact.id === PLACEHOLDER_UNKNOWN;
}

function fact(id: string, scope: string, evidence: Evidence, confidence?: number): LicenseFact {
  const f: LicenseFact = { id, family: licenseFamily(id), scope, evidence: { ...evidence, license: id } };
  if (confidence !== undefined) f.confidence = confidence;
  return f;
}

/** Resolves `license_link` against the repository: a relative path or a Hub/GitHub URL to a file of this repo. */
function linkedRepoPath(link: string, snapshot: RepoSnapshot, cardDir: string): string | null {
  const candidates: string[] = [];
  if (!/^[a-z]+:\/\//i.test(link)) {
    const rel = normalisePath(link);
    candidates.push(rel, cardDir === '.' ? rel : `${cardDir}/${rel}`);
  } else {
    // huggingface.co/<org>/<name>/blob/<rev>/<path>, github.com/<o>/<r>/blob/<rev>/<path>
    const m = /\/(?:blob|resolve|raw)\/[^/]+\/(.+?)(?:[?#].*)?$/.exec(link);
    if (m?.[1]) candidates.push(decodeSafe(m[1]));
  }
  const known = new Set(snapshot.entries.map((e) => e.path));
  for (const c of candidates) if (known.has(c) || Object.hasOwn(snapshot.texts, c)) return c;
  return null;
}

function cardFacts(card: ModelCard, snapshot: RepoSnapshot, scope: string, problems: Problem[]): LicenseFact[] {
  const fm = card.frontMatter;
  if (!fm) return [];
  const out: LicenseFact[] = [];
  const at = (field: string): Evidence => {
    const e: Evidence = { kind: 'card-field', path: card.path, field };
    const line = card.fieldLines[field];
    if (line !== undefined) e.line = line;
    return e;
  };
  const problem = (severity: Problem['severity'], field: string, ruleId: string, message: string): void => {
    const p: Problem = { severity, path: card.path, message, ruleId };
    const line = card.fieldLines[field];
    if (line !== undefined) p.line = line;
    problems.push(p);
  };

  const raw = fm['license'];
  const declared = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map((v) =>
    typeof v === 'string' || typeof v === 'number' ? String(v) : null,
  );
  if (declared.some((v) => v === null)) {
    problem('warning', 'license', 'license-invalid', '`license` should be a license id or a list of ids');
  }
  let placeholder: string | null = raw === undefined || raw === null ? 'absent' : null;
  for (const value of declared) {
    if (value === null) continue;
    const key = value.trim().toLowerCase();
    if (PLACEHOLDER_IDS.has(key)) {
      placeholder = key;
      continue;
    }
    const id = normaliseLicenseId(value);
    if (id) {
      out.push(fact(id, scope, at('license')));
      if (Object.values(VERSIONLESS).includes(id)) {
        problem(
          'warning',
          'license',
          'license-versionless',
          `\`license: ${value}\` names a family, not a license: give the version`,
        );
      }
    } else {
      out.push(fact(licenseRefFor(value), scope, { ...at('license'), note: `unrecognised id "${value}"` }));
      problem('warning', 'license', 'license-unrecognised', `\`license: ${value}\` is not a Hub or SPDX license id`);
    }
  }
  if (placeholder === null) return out;

  // `license: other` (or no license field) defers to license_name / license_link.
  const found: LicenseFact[] = [];
  const name = fm['license_name'];
  if (typeof name === 'string' && name.trim() !== '') {
    const id = normaliseLicenseId(name) ?? licenseRefFor(name);
    found.push(fact(id, scope, { ...at('license_name'), note: name.trim() }));
  }
  const link = fm['license_link'];
  if (typeof link === 'string' && link.trim() !== '') {
    const url = link.trim();
    const repoPath = linkedRepoPath(url, snapshot, dirname(card.path));
    const text = repoPath ? snapshot.texts[repoPath] : undefined;
    const identified = text !== undefined ? identifyLicenseText(text) : null;
    const id = identified?.id ?? licenseIdForUrl(url);
    if (id && !found.some((f) => f.id === id)) {
      found.push(fact(id, scope, { ...at('license_link'), url }, identified?.confidence));
    } else if (!id && repoPath === null && found.length === 0) {
      problem(
        'warning',
        'license_link',
        'license-link-unresolved',
        `\`license_link\` ${url} is neither a file of this repository nor a known license page`,
      );
    }
  }
  out.push(...found);
  if (found.length === 0 && placeholder !== 'absent') {
    const id = placeholder === 'other' ? PLACEHOLDER_OTHER : PLACEHOLDER_UNKNOWN;
    out.push(fact(id, scope, { ...at('license'), note: `license: ${placeholder}` }));
  }
  return out;
}

function fileFacts(snapshot: RepoSnapshot, modelRoot: string, problems: Problem[]): LicenseFact[] {
  const out: LicenseFact[] = [];
  const skipped = new Map(snapshot.skipped.map((s) => [s.path, s.reason]));
  const paths = new Set<string>();
  for (const e of snapshot.entries) if (e.kind !== 'submodule' && isLicenseFile(e.path)) paths.add(e.path);
  for (const p of Object.keys(snapshot.texts)) if (isLicenseFile(p)) paths.add(p);

  for (const path of [...paths].sort()) {
    const scope = dirname(path);
    // Files above the model root govern it; files below it govern their folders; siblings
    // (another model's folder) are none of this model's business.
    if (!within(modelRoot, scope) && !within(scope, modelRoot)) continue;
    const hint = nameHint(path);
    const text = snapshot.texts[path];
    if (text === undefined) {
      const reason = skipped.get(path) ?? 'not read';
      out.push(fact(UNREAD_LICENSE, scope, { kind: 'file', path, note: `not read: ${reason}` }));
      problems.push({
        severity: 'warning',
        path,
        ruleId: 'license-file-unread',
        message: `license file could not be read (${reason})`,
      });
      continue;
    }
    const identified = identifyLicenseText(text);
    const kinds = nameKinds(path)?.kinds;
    if (identified) {
      const ev: Evidence = { kind: 'file', path };
      if (hint) ev.note = hint;
      out.push(withKinds(fact(identified.id, scope, ev, identified.confidence), kinds));
    } else {
      const note = ['text not identified as a known license', hint].filter(Boolean).join('; ');
      out.push(withKinds(fact(CUSTOM_LICENSE, scope, { kind: 'file', path, note }), kinds));
      problems.push({
        severity: 'note',
        path,
        ruleId: 'license-text-unidentified',
        message: 'license text does not match a known license; it is treated as custom terms',
      });
    }
  }
  return out;
}

/**
 * Collects the license facts of one model: the card's `license` (a string or a list), and
 * for `license: other` its `license_name` / `license_link`; every LICENSE*, LICENCE* and
 * COPYING* file at or above `modelRoot` (they govern it) and below it (each governs its
 * folder). Disagreements are not resolved here: both facts are returned, with a problem.
 */
export function extractLicenses(
  snapshot: RepoSnapshot,
  card: ModelCard | null,
  modelRoot: string,
): { facts: LicenseFact[]; problems: Problem[] } {
  const root = normalisePath(modelRoot);
  const problems: Problem[] = [];
  const fromCard = card ? cardFacts(card, snapshot, root, problems) : [];
  const fromFiles = fileFacts(snapshot, root, problems);
  const facts = [...fromCard, ...fromFiles];

  // Card and the LICENSE that governs the model root must say the same thing.
  const governingFiles = fromFiles.filter((f) => within(root, f.scope) && f.id !== UNREAD_LICENSE);
  for (const c of fromCard.filter((f) => !isPlaceholder(f))) {
    for (const f of governingFiles) {
      if (c.id === f.id) continue;
      const differentFamily = c.family !== f.family;
      problems.push({
        severity: differentFamily ? 'warning' : 'note',
        path: f.evidence.path,
        ruleId: 'license-conflict',
        message: `card declares ${c.id} but ${f.evidence.path} is ${f.id}${differentFamily ? ` (${c.family} vs ${f.family})` : ''}`,
      });
    }
  }
  if (fromCard.every(isPlaceholder) && fromFiles.length === 0) {
    const p: Problem = {
      severity: 'warning',
      ruleId: 'license-missing',
      message: 'no license is declared in the card and no LICENSE file was found',
    };
    if (card) p.path = card.path;
    problems.push(p);
  }
  return { facts, problems };
}

// Higher = more restrictive. Unknown sits above the open families: when a file cannot be
// identified, the tool must not fall back to the card's "open" claim.
const RESTRICTIVENESS: Record<LicenseFact['family'], number> = {
  osi: 0,
  'open-data': 1,
  unknown: 2,
  'restricted-use': 3,
  'restricted-vendor': 4,
  'restricted-nc': 5,
};

/**
 * The license fact that governs `path` (a file or folder, relative to the repository root).
 * 1. Only facts whose scope contains the path apply; `other`/`unknown` placeholders only
 *    when nothing else applies.
 * 2. The nearest scope wins: a sub-folder LICENSE governs its folder over the root.
 * 3. Within one scope (typically card vs root LICENSE) the most restrictive family wins, so a
 *    disagreement can never make the release look more open than its strictest statement.
 *    Ties go to a LICENSE file (the text is what binds) over the card, then to confidence.
 * Per-component and per-kind declarations from the config come before all this; the caller
 * applies them (catalog section 2).
 */
export function governingLicense(facts: LicenseFact[], path: string, kind?: ComponentKind): LicenseFact | null {
  const target = normalisePath(path);
  let inScope = facts.filter((f) => within(target, f.scope) && (!f.kinds || !kind || f.kinds.includes(kind)));
  // Only kind-specific licenses and none for this kind: documents fall back to the code
  // license (a repository's source license covers its text), anything else to all of them.
  if (inScope.length === 0 && kind) {
    const all = facts.filter((f) => within(target, f.scope));
    const code = kind === 'document' ? all.filter((f) => f.kinds?.includes('code')) : [];
    inScope = code.length > 0 ? code : all;
  }
  // A license named for this kind (LICENSE-CODE for code) wins over general ones.
  const forKind = kind ? inScope.filter((f) => f.kinds?.includes(kind)) : [];
  const applicable = forKind.length > 0 ? forKind : inScope;
  const real = applicable.filter((f) => !isPlaceholder(f));
  const pool = real.length > 0 ? real : applicable;
  if (pool.length === 0) return null;
  const nearest = Math.max(...pool.map((f) => depth(f.scope)));
  let best: LicenseFact | null = null;
  for (const f of pool) {
    if (depth(f.scope) !== nearest) continue;
    if (!best || better(f, best, kind)) best = f;
  }
  return best;
}

function better(a: LicenseFact, b: LicenseFact, kind?: ComponentKind): boolean {
  // A card saying CC-BY-4.0 beside an MIT LICENSE: the data license is meant for the model,
  // the software license for the code. Both are open, so preferring the fitting one for code
  // can never turn a restriction into an open verdict.
  if (kind === 'code') {
    const fitA = a.family === 'osi' && b.family === 'open-data';
    const fitB = b.family === 'osi' && a.family === 'open-data';
    if (fitA || fitB) return fitA;
  }
  const ra = RESTRICTIVENESS[a.family];
  const rb = RESTRICTIVENESS[b.family];
  if (ra !== rb) return ra > rb;
  const fa = a.evidence.kind === 'file' ? 1 : 0;
  const fb = b.evidence.kind === 'file' ? 1 : 0;
  if (fa !== fb) return fa > fb;
  return (a.confidence ?? 0) > (b.confidence ?? 0);
}

/** A malformed %-escape in a card's license_link is the card's problem, not a crash. */
function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

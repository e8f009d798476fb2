// Gathers the evidence for each model of a repository: which folders are models, their
// cards, artifacts, licenses and links. Still facts only; criteria judge them.
import type { ComponentId } from '../catalog.js';
import type { EngineConfig } from '../engine-config.js';
import type { HubModelFact, RemoteFacts } from '../remote.js';
import type { RepoSnapshot, SkippedEntry, SnapshotEntry } from '../snapshot.js';
import { collectArtifacts, weightFormat, type Artifacts } from './artifacts.js';
import { extractLicenses, licenseFamily, normaliseLicenseId } from './licenses.js';
import { CARD_FILE_RE, DEDICATED_CARD_RE, looksLikeModelCard, mergeCards, parseModelCard } from './model-card.js';
import { notReleaseFolder } from './paths.js';
import type { Declaration, LicenseFact, Link, ModelCard, Problem } from './types.js';
import { rx } from '../rx.js';

export interface ModelEvidence {
  /** Model root relative to the repository root ('.' for the root). */
  root: string;
  name: string;
  /**
   * The model's card: README.md merged with the release's other model-card documents
   * (MODEL_CARD.md, model_cards/*.md, a copy of the Hub card), parsed; null when none.
   */
  card: ModelCard | null;
  /**
   * The repository's own documents the card links to (docs/USAGE.md): where weights, papers and
   * checkpoints are often documented.
   */
  docs: ModelCard[];
  /** Data cards (DATA_CARD.md, datasheet*.md, data/README.md) of this model, parsed. */
  dataCards: ModelCard[];
  entries: SnapshotEntry[];
  artifacts: Artifacts;
  licenses: LicenseFact[];
  links: Link[];
  declarations: Partial<Record<ComponentId, Declaration>>;
  notApplicable: Partial<Record<ComponentId, string>>;
  /** Skipped entries that matter to this model (its card, license or config could not be read). */
  skipped: SkippedEntry[];
  remote: RemoteFacts | null;
  /** The Hub repository this release is (config `huggingface:`), when configured. */
  release: string | null;
  /** The GitHub repository the snapshot is of (`owner/repo`), when the source knows it. */
  repository: string | null;
  /** For an `hf:` subject: the Hub's facts about it (gating applies to every file). */
  subject: HubModelFact | null;
  /** All texts of the snapshot, for criteria that read a specific file. */
  texts: Record<string, string>;
}

export interface GatheredEvidence {
  models: ModelEvidence[];
  problems: Problem[];
}

const NON_MODEL_DIRS = rx('i')`
    (^|\/)(docs?|examples?|scripts?|tests?|assets?|figures?|figs|images?|\.github|src|tools?|notebooks?|data|
    datasets?)$`;
export function gatherEvidence(snapshot: RepoSnapshot, config: EngineConfig): GatheredEvidence {
  const problems: Problem[] = [];
  const cards = new Map<string, ModelCard>();
  const cardFor = (path: string): ModelCard | null => {
    const cached = cards.get(path);
    if (cached) return cached;
    const text = snapshot.texts[path];
    if (text === undefined) return null;
    const parsed = parseModelCard(path, text);
    problems.push(...parsed.problems);
    cards.set(path, parsed.card);
    return parsed.card;
  };

  let roots = modelRoots(snapshot, config, cardFor);
  const owner = ownerOf(roots);
  const byRoot = new Map<string, SnapshotEntry[]>(roots.map((r) => [r.path, []]));
  // One model at the root (the usual case) owns every entry: no lookup per entry.
  if (roots.length === 1 && roots[0]!.path === '.') byRoot.set('.', snapshot.entries.slice());
  else for (const e of snapshot.entries) byRoot.get(owner(e.path))?.push(e);
  // Models in folders and a root that is only the repository's README: the root is not a
  // model of its own, and what it holds (shared code, configs) is shared by every model.
  const shared = byRoot.get('.') ?? [];
  const rootIsModel = !config.models?.length && roots.length > 1 ? rootLooksLikeModel(shared, cardFor) : true;
  if (!rootIsModel) {
    roots = roots.filter((r) => r.path !== '.');
    for (const r of roots) byRoot.set(r.path, [...shared, ...(byRoot.get(r.path) ?? [])]);
  }

  const declarations = declarationsOf(config, problems);
  const models = roots.map(({ path: root, name }) => {
    const entries = sortByPath(byRoot.get(root) ?? []);
    const prefix = root === '.' ? '' : root + '/';
    const card = mergeCards(
      primaryFirst(
        cardDocuments(entries, prefix, snapshot.texts)
          .map(cardFor)
          .filter((c): c is ModelCard => c !== null),
      ),
    );
    const docs = linkedDocuments(card, snapshot.texts)
      .map(cardFor)
      .filter((c): c is ModelCard => c !== null);
    const artifacts = collectArtifacts(entries, snapshot.texts, root);
    const dataCards = artifacts.dataCards.map(cardFor).filter((c): c is ModelCard => c !== null);
    // A sub-model also sees the repository-level licenses (the root LICENSE governs it).
    const licenseSnapshot =
      root === '.'
        ? snapshot
        : { ...snapshot, entries: [...entries, ...(byRoot.get('.') ?? []).filter((e) => !e.path.includes('/'))] };
    const lic = extractLicenses(licenseSnapshot, card, root);
    problems.push(...lic.problems);
    const skipped = snapshot.skipped.filter((s) => s.path === '' || s.path.startsWith(prefix) || !s.path.includes('/'));
    return {
      root,
      name: name ?? modelName(card, root, snapshot.location),
      card,
      docs,
      dataCards,
      entries,
      artifacts,
      licenses: lic.facts,
      links: [...(card?.links ?? []), ...dataCards.flatMap((c) => c.links)],
      declarations,
      notApplicable: config['not-applicable'] ?? {},
      skipped,
      remote: snapshot.remote ?? null,
      release: config.huggingface ?? null,
      repository: snapshot.source === 'github' ? snapshot.location : null,
      subject:
        snapshot.source === 'huggingface'
          ? (snapshot.remote?.models[snapshot.location.replace(/^hf:/, '')] ?? null)
          : null,
      texts: snapshot.texts,
    } satisfies ModelEvidence;
  });
  return { models, problems };
}

/**
 * Sorts entries by path in place. Sources list them sorted already: checking costs one
 * comparison per entry, where sorting 100,000 entries calls a comparator 100,000 times.
 */
function sortByPath(entries: SnapshotEntry[]): SnapshotEntry[] {
  for (let i = 1; i < entries.length; i++) {
    if (entries[i - 1]!.path > entries[i]!.path)
      return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  return entries;
}

/**
 * Declarations from the configuration, their licenses normalised to SPDX ids like any other
 * (`apache-2.0` -> `Apache-2.0`). A license that no table knows is kept as written, with a
 * warning: it cannot count as open.
 */
function declarationsOf(config: EngineConfig, problems: Problem[]): Partial<Record<ComponentId, Declaration>> {
  const out: Partial<Record<ComponentId, Declaration>> = {};
  for (const [id, d] of Object.entries(config.declarations ?? {}) as [
    ComponentId,
    { location: string; license?: string; note?: string } | undefined,
  ][]) {
    if (!d) continue;
    let license = d.license?.trim() || undefined;
    if (license) {
      const spdx = normaliseLicenseId(license);
      if (spdx && licenseFamily(spdx) !== 'unknown') license = spdx;
      else
        problems.push({
          severity: 'warning',
          path: '.github/truly-open.yml',
          message: `declarations.${id}.license "${license}" is not a license id truly-open knows (use an SPDX id such as Apache-2.0 or CC-BY-4.0): it cannot count as open`,
          ruleId: 'declaration-license-unknown',
        });
    }
    out[id] = {
      component: id,
      location: d.location,
      ...(license ? { license } : {}),
      ...(d.note ? { note: d.note } : {}),
    };
  }
  return out;
}

/**
 * Model roots: config `models` when given; otherwise the root plus every folder with its own
 * model card, and folders with weights and a config.json when no ancestor holds weights
 * (a monorepo of several models; diffusers' component folders are not models of their own).
 */
function modelRoots(
  snapshot: RepoSnapshot,
  config: EngineConfig,
  cardFor: (path: string) => ModelCard | null,
): { path: string; name?: string }[] {
  if (config.models && config.models.length > 0) {
    const seen = new Set<string>();
    const out: { path: string; name?: string }[] = [];
    for (const m of config.models) {
      const path = normaliseRoot(typeof m === 'string' ? m : m.path);
      if (seen.has(path)) continue;
      seen.add(path);
      out.push(typeof m === 'string' || !m.name ? { path } : { path, name: m.name });
    }
    return out;
  }
  const roots = new Set<string>(['.']);
  const hasDiffusersIndex = snapshot.entries.some((e) => e.path === 'model_index.json');
  const weightDirs = new Map<string, boolean>();
  const configDirs = new Set<string>();
  // Entries come folder by folder: whether a folder can hold a model is decided once.
  let lastDir: string | null = null;
  let lastDirCounts = false;
  for (const e of snapshot.entries) {
    const slash = e.path.lastIndexOf('/');
    if (slash < 0) {
      if (weightFormat(e.path) && e.size >= 1024) weightDirs.set('.', true);
      continue;
    }
    let dir: string;
    if (lastDir !== null && slash === lastDir.length && e.path.startsWith(lastDir)) {
      dir = lastDir;
    } else {
      dir = e.path.slice(0, slash);
      lastDir = dir;
      lastDirCounts = dir.split('/').length <= 3 && !NON_MODEL_DIRS.test(dir) && !notReleaseFolder(dir);
    }
    if (!lastDirCounts) continue;
    // Every card name ends in `.md`: the character test spares the regex for other files.
    if (e.path.charCodeAt(e.path.length - 3) === 46 && CARD_FILE_RE.test(e.path)) {
      const card = DEDICATED_CARD_RE.test(e.path) ? ({ path: e.path } as ModelCard) : cardFor(e.path);
      if (card && (DEDICATED_CARD_RE.test(e.path) || looksLikeModelCard(card))) roots.add(dir);
    }
    if (e.path.endsWith('/config.json')) configDirs.add(dir);
    if (weightFormat(e.path) && (e.size >= 1024 || e.kind === 'lfs')) weightDirs.set(dir, true);
  }
  if (!hasDiffusersIndex) {
    for (const dir of configDirs) {
      if (!weightDirs.get(dir)) continue;
      const ancestors = ancestorsOf(dir);
      if (ancestors.some((a) => weightDirs.get(a) || (a !== '.' && roots.has(a)))) continue;
      if (/(^|\/)(checkpoints?|ckpts?|checkpoint[-_]?\d+|step[-_]?\d+|global[-_]?step\d+)$/i.test(dir)) continue;
      roots.add(dir);
    }
  }
  return [...roots].sort((a, b) => (a === '.' ? -1 : b === '.' ? 1 : a.localeCompare(b))).map((path) => ({ path }));
}

/** The root holds a model itself: weights, or a README that is a model card. */
function rootLooksLikeModel(entries: SnapshotEntry[], cardFor: (path: string) => ModelCard | null): boolean {
  if (entries.some((e) => !e.path.includes('/') && weightFormat(e.path) && (e.size >= 1024 || e.kind === 'lfs')))
    return true;
  return cardDocuments(entries, '', {}).some((path) => {
    const parsed = cardFor(path);
    return parsed !== null && looksLikeModelCard(parsed);
  });
}

function ancestorsOf(dir: string): string[] {
  const parts = dir.split('/');
  const out = ['.'];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

function normaliseRoot(p: string): string {
  const s = p
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  return s === '' || s === '.' ? '.' : s;
}

/** For each path, the deepest model root that contains it. */
function ownerOf(roots: { path: string }[]): (path: string) => string {
  const sorted = roots
    .map((r) => r.path)
    .filter((r) => r !== '.')
    .sort((a, b) => b.length - a.length);
  return (path) => sorted.find((r) => path === r || path.startsWith(r + '/')) ?? '.';
}

const CARD_PREFERENCE = ['model_card.md', 'modelcard.md', 'model-card.md', 'readme.md'];
/**
 * Model-card documents by name, wherever they sit: `MUSICGEN_MODEL_CARD.md`,
 * `MODEL_CARD_VISION.md`, `README_model.md`.
 */
const CARD_DOC_RE = /(^|[_-])model[_-]?card([_-][^/]*)?\.md$|^readme[_-]model[^/]*\.md$/i;
const CARD_FOLDER_RE = /(^|\/)model[_-]?cards?\/[^/]+\.md$/i;
/** A document that says what it is in its first heading: "# Model Card for Lucie-7B". */
const CARD_TITLE_RE = /^(?:\s*<!--[\s\S]{0,2000}?-->)*\s*#\s+[^\n]{0,80}\bmodel card\b/i;
const MAX_CARD_DOCUMENTS = 12;

/**
 * The model's card documents, its own folder's first (MODEL_CARD.md before README.md), then
 * the model-card documents below it (model_cards/, docs/model_card.md, a copy of the Hub
 * card) outside tests, examples and vendored code.
 */
function cardDocuments(entries: SnapshotEntry[], prefix: string, texts: Record<string, string>): string[] {
  const own: { path: string; rank: number }[] = [];
  const below: string[] = [];
  for (const e of entries) {
    const p = e.path;
    if (!p.startsWith(prefix) || p.charCodeAt(p.length - 3) !== 46 || !/\.md$/i.test(p)) continue;
    const rel = p.slice(prefix.length);
    const slash = rel.lastIndexOf('/');
    const base = rel.slice(slash + 1);
    if (slash < 0) {
      const rank = CARD_PREFERENCE.indexOf(base.toLowerCase());
      if (rank !== -1) own.push({ path: p, rank });
      else if (CARD_DOC_RE.test(base)) own.push({ path: p, rank: CARD_PREFERENCE.length - 1 });
      continue;
    }
    if (rel.split('/').length > 4 || notReleaseFolder(rel.slice(0, slash)) || texts[p] === undefined) continue;
    if (CARD_DOC_RE.test(base) || CARD_FOLDER_RE.test(rel) || CARD_TITLE_RE.test(texts[p]!.slice(0, 4000)))
      below.push(p);
  }
  own.sort((a, b) => a.rank - b.rank || (a.path < b.path ? -1 : 1));
  return [...own.map((o) => o.path), ...below.sort()].slice(0, MAX_CARD_DOCUMENTS);
}

/** The card whose front matter describes the model comes first: its fields are the card's fields. */
function primaryFirst(cards: ModelCard[]): ModelCard[] {
  const i = cards.findIndex((c) => c.frontMatter !== null && looksLikeModelCard(c));
  return i <= 0 ? cards : [cards[i]!, ...cards.slice(0, i), ...cards.slice(i + 1)];
}

// The link target only, up to the first character that cannot be in it: no closing
// parenthesis is required, so nothing is retried (a card of `](](](…` stays linear).
const RELATIVE_LINK_RE = /\]\(\s*<?([^()\s<>"']{1,500})|\bhref\s*=\s*["']([^"'<>]{1,500})/g;
const MAX_LINKED_DOCUMENTS = 10;

/**
 * Markdown documents of this repository the card links to: relative links (`docs/USAGE.md`,
 * `./MODEL_CARD.md`) and links to a GitHub blob whose path is a document read here. Only
 * documents the snapshot holds; the card's own documents are not repeated.
 */
function linkedDocuments(card: ModelCard | null, texts: Record<string, string>): string[] {
  if (!card) return [];
  const own = new Set(card.parts.map((p) => p.path));
  const out = new Set<string>();
  for (const part of card.parts) {
    const dir = part.path.includes('/') ? part.path.slice(0, part.path.lastIndexOf('/') + 1) : '';
    for (const m of part.body.matchAll(RELATIVE_LINK_RE)) {
      if (out.size >= MAX_LINKED_DOCUMENTS) break;
      const target = (m[1] ?? m[2] ?? '').replace(/[#?].*$/, '');
      if (!/\.md$/i.test(target)) continue;
      const blob = /^https?:\/\/github\.com\/[^/]+\/[^/]+\/(?:blob|tree)\/[^/]+\/(.+)$/i.exec(target)?.[1];
      const path = blob ?? (/^[a-z][a-z0-9+.-]*:/i.test(target) ? null : resolveRelative(dir, target));
      if (path && texts[path] !== undefined && !own.has(path)) out.add(path);
    }
  }
  return [...out];
}

/** `docs/` + `../README.md` -> `README.md`; null when the path leaves the repository. */
function resolveRelative(dir: string, target: string): string | null {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') {
      if (out.length === 0) return null;
      out.pop();
    } else out.push(decodeSafe(p));
  }
  return out.join('/');
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function modelName(card: ModelCard | null, root: string, location: string): string {
  const fm = card?.frontMatter;
  // A blank name (`model-index: [{name: ""}]`) is no name: the report promises a non-empty one.
  const fromCard = typeof fm?.['model_name'] === 'string' ? fm['model_name'] : null;
  if (fromCard && fromCard.trim() !== '') return fromCard;
  const index = fm?.['model-index'];
  const indexName: unknown = Array.isArray(index) ? (index[0] as { name?: unknown } | null)?.name : undefined;
  if (typeof indexName === 'string' && indexName.trim() !== '') return indexName;
  if (root !== '.') return root.split('/').pop() ?? root;
  const loc = location.replace(/^hf:/, '').replace(/\/+$/, '');
  return loc.split(/[\\/]/).pop() || loc || 'model';
}

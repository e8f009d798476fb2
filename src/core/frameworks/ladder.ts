// The truly-open ladder (ours): the headline verdict. Reproducible from what was published?
import { COMPONENTS, type ComponentId, type Status } from '../catalog.js';
import type { LadderLevel, LadderVerdict } from '../report.js';
import type { Statuses } from './types.js';

/** What open-source needs beyond open weights: the data and the recipe. */
export const RECIPE: ComponentId[] = ['training-data', 'data-preprocessing-code', 'training-code', 'training-config'];

const LEVEL_RANK: Record<LadderLevel, number> = { 'open-source': 3, 'open-weights': 2, 'restricted-weights': 1, closed: 0 };
export const ladderRank = (level: LadderLevel): number => LEVEL_RANK[level];

const LEVEL_TITLE: Record<LadderLevel, string> = {
  'open-source': 'Open source',
  'open-weights': 'Open weights',
  'restricted-weights': 'Restricted weights',
  closed: 'Closed',
};

/**
 * `weightsPublished`: weight files were found (in the repository or on the Hub) even if their
 * terms could not be checked; unknown terms are then not "no weights" but not open either.
 */
export function evaluateLadder(statuses: Statuses, weightsPublished = false): LadderVerdict {
  const w = statuses['weights'];
  let level: LadderLevel;
  let missing: ComponentId[];
  // Weights marked not-applicable publish no weights: no rung of the ladder (OSAID agrees).
  if (w === 'open') {
    missing = RECIPE.filter((id) => statuses[id] !== 'open' && statuses[id] !== 'not-applicable');
    level = missing.length === 0 ? 'open-source' : 'open-weights';
  } else if (w === 'restricted' || w === 'unlicensed' || (w === 'unknown' && weightsPublished)) {
    level = 'restricted-weights';
    missing = ['weights'];
  } else {
    level = 'closed';
    missing = ['weights'];
  }
  return { level, missing, headline: headline(level, missing, statuses) };
}

/** Caps a level at a base model's (lineage: a fine-tune is no more open than what it was built on). */
export function capLadder(verdict: LadderVerdict, base: { model: string; level: LadderLevel }): LadderVerdict {
  if (LEVEL_RANK[base.level] >= LEVEL_RANK[verdict.level]) return verdict;
  const level = base.level;
  const h = `${LEVEL_TITLE[level]}: capped by the base model ${base.model} (${base.level})`;
  return { level, missing: verdict.missing, headline: h, cappedBy: base };
}

const STATE_PHRASE: Partial<Record<Status, [string, string]>> = {
  missing: ['is missing', 'are missing'],
  mentioned: ['is mentioned but not published', 'are mentioned but not published'],
  restricted: ['is under restricted terms', 'are under restricted terms'],
  unlicensed: ['has no license', 'have no license'],
  unknown: ['could not be checked', 'could not be checked'],
};

/** "Open weights: the training data and the data preprocessing code are missing; the training code is mentioned but not published". */
export function headline(level: LadderLevel, missing: ComponentId[], statuses: Statuses): string {
  const title = LEVEL_TITLE[level];
  if (level === 'open-source') return `${title}: weights, data and the full recipe are published under open terms`;
  if (level === 'restricted-weights') {
    const st = statuses['weights'];
    if (st === 'unknown') return `${title}: the weights are published, but their terms could not be checked`;
    return st === 'unlicensed' ? `${title}: the weights are published without a license` : `${title}: the weights are published under restricted terms or behind a gate`;
  }
  if (level === 'closed') {
    const st = statuses['weights'];
    if (st === 'mentioned') return `${title}: the weights are mentioned or linked, but not shown to be published`;
    if (st === 'unknown') return `${title}: the weights could not be checked`;
    if (st === 'not-applicable') return `${title}: weights are marked not applicable, so there is nothing to run or rebuild`;
    return `${title}: no weights are published`;
  }
  const groups = new Map<Status, ComponentId[]>();
  for (const id of missing) {
    const st = statuses[id];
    groups.set(st, [...(groups.get(st) ?? []), id]);
  }
  const parts: string[] = [];
  for (const st of ['missing', 'mentioned', 'restricted', 'unlicensed', 'unknown'] as Status[]) {
    const ids = groups.get(st);
    if (!ids) continue;
    const phrase = STATE_PHRASE[st]!;
    parts.push(`${joinPhrases(ids.map((id) => COMPONENTS[id].phrase))} ${ids.length === 1 ? phrase[0] : phrase[1]}`);
  }
  return `${title}: ${parts.join('; ')}`;
}

export function joinPhrases(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

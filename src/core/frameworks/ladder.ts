// The truly-open ladder (ours): the headline verdict. Reproducible from what was published?
import { COMPONENTS, type ComponentId, type Status } from '../catalog.js';
import type { Claim } from '../criteria/types.js';
import type { LadderLevel, LadderVerdict } from '../report.js';
import { ladderRank } from './requirements.js';
import type { Statuses } from './types.js';

/** What open-source needs beyond open weights: the data and the recipe. */
export const RECIPE: ComponentId[] = ['training-data', 'data-preprocessing-code', 'training-code', 'training-config'];

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
  if (ladderRank(base.level) >= ladderRank(verdict.level)) return verdict;
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

/**
 * "Open weights: the training data and the data preprocessing code are missing; the training code
 * is mentioned but not published".
 */
export function headline(level: LadderLevel, missing: ComponentId[], statuses: Statuses): string {
  const title = LEVEL_TITLE[level];
  if (level === 'open-source') return `${title}: weights, data and the full recipe are published under open terms`;
  if (level === 'restricted-weights') {
    const st = statuses['weights'];
    if (st === 'unknown') return `${title}: the weights are published, but their terms could not be checked`;
    return st === 'unlicensed'
      ? `${title}: the weights are published without a license`
      : `${title}: the weights are published under restricted terms or behind a gate`;
  }
  if (level === 'closed') {
    const st = statuses['weights'];
    if (st === 'mentioned') return `${title}: the weights are mentioned or linked, but not shown to be published`;
    if (st === 'unknown') return `${title}: the weights could not be checked`;
    if (st === 'not-applicable')
      return `${title}: weights are marked not applicable, so there is nothing to run or rebuild`;
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

const CLAIM_VERB: Record<Claim['via'], [string, string]> = {
  link: ['is linked', 'are linked'],
  declaration: ['is declared', 'are declared'],
  'lookup-failed': ['could not be checked', 'could not be checked'],
};

function claimWhere(c: Claim): string {
  if (c.host === 'hub') return `on the Hub (${c.target})`;
  if (c.host === 'github') return `on GitHub (${c.target})`;
  if (c.host === 'config') return `in the configuration (${c.target})`;
  return `at ${c.target}`;
}

const pluralPhrase = (phrase: string): boolean => /\b(weights|libraries|outputs|results|checkpoints)$/.test(phrase);

/**
 * The level the release claims when its unconfirmed pointers are taken at their word, above
 * the proven one: the headline names that level, says it is unverified and what could not be
 * confirmed ("Open source, unverified: the final weights are linked on the Hub (acme/lm) and
 * the training data is linked on the Hub (acme/corpus), not checked offline"), then what the
 * claimed level still lacks. Null when the claims add nothing.
 */
export function claimedLadder(
  proven: LadderVerdict,
  statuses: Statuses,
  claims: Partial<Record<ComponentId, Claim>>,
  weightsPublished: boolean,
  offline: boolean,
): LadderVerdict | null {
  if (Object.keys(claims).length === 0) return null;
  const claimedStatuses = { ...statuses };
  for (const [id, c] of Object.entries(claims) as [ComponentId, Claim][]) claimedStatuses[id] = c.status;
  let claimed = evaluateLadder(claimedStatuses, weightsPublished || claims.weights !== undefined);
  if (proven.cappedBy) claimed = capLadder(claimed, proven.cappedBy);
  if (ladderRank(claimed.level) <= ladderRank(proven.level)) return null;
  const rests =
    claimed.level === 'open-source' ? (['weights', ...RECIPE] as ComponentId[]) : (['weights'] as ComponentId[]);
  const unverified = rests.filter((id) => claims[id] !== undefined);
  const parts = unverified.map((id) => {
    const c = claims[id]!;
    const phrase = COMPONENTS[id].phrase;
    const terms =
      c.status === 'restricted'
        ? c.license
          ? ` under ${c.license}`
          : ' behind a gate'
        : c.status === 'unlicensed'
          ? ' without a license'
          : '';
    return `${phrase} ${CLAIM_VERB[c.via][pluralPhrase(phrase) ? 1 : 0]} ${claimWhere(c)}${terms}`;
  });
  const when = unverified.every((id) => claims[id]!.via === 'lookup-failed')
    ? ''
    : offline
      ? ', not checked offline'
      : ', not confirmed';
  const lacks =
    claimed.headline.includes(': ') && claimed.level === 'open-weights'
      ? `; ${claimed.headline.slice(claimed.headline.indexOf(': ') + 2)}`
      : '';
  return {
    ...proven,
    headline: `${LEVEL_TITLE[claimed.level]}, unverified: ${joinPhrases(parts)}${when}${lacks}`,
    claimed: { level: claimed.level, unverified },
  };
}

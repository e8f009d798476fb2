// Requirements and the gate: the one place that says what a requirement is, how levels and
// classes rank, and whether a report meets it. The CLI maps the gate to an exit code, the
// Action to a failed step, the App to a check-run conclusion; none of them judges itself.
import type { LadderLevel, ModelReport, Report, RequirementResult } from '../report.js';

export const REQUIREMENTS = [
  'open-source',
  'open-weights',
  'restricted-weights',
  'mof-class-1',
  'mof-class-2',
  'mof-class-3',
  'osaid',
] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const REQUIREMENT_TEXT: Record<Requirement, string> = {
  'open-source': 'open-source on the truly-open ladder',
  'open-weights': 'at least open-weights on the truly-open ladder',
  'restricted-weights': 'at least restricted-weights on the truly-open ladder',
  'mof-class-1': 'MOF Class I (Open Science)',
  'mof-class-2': 'MOF Class II (Open Tooling) or better',
  'mof-class-3': 'MOF Class III (Open Model) or better',
  osaid: 'conformance with the Open Source AI Definition 1.0',
};

/** Higher is more open: closed 0 … open-source 3. */
const LADDER_RANK: Record<LadderLevel, number> = {
  closed: 0,
  'restricted-weights': 1,
  'open-weights': 2,
  'open-source': 3,
};
export const ladderRank = (level: LadderLevel): number => LADDER_RANK[level];

/** MOF class names (3 is the least demanding, 1 the most). */
export const MOF_CLASS_NAMES: Record<1 | 2 | 3, string> = { 1: 'Open Science', 2: 'Open Tooling', 3: 'Open Model' };

const ROMAN: Record<string, '1' | '2' | '3'> = { '1': '1', i: '1', '2': '2', ii: '2', '3': '3', iii: '3' };
/** `open-science` -> `mof-class-1`: the class names people write instead of the numbers. */
const MOF_NAMES: Record<string, Requirement> = Object.fromEntries(
  ([1, 2, 3] as const).map((c) => [
    MOF_CLASS_NAMES[c].toLowerCase().replace(/\s+/g, '-'),
    `mof-class-${c}` as Requirement,
  ]),
);

/**
 * Reads a requirement as people write it: the canonical names, any case, plus MOF class
 * spellings (`class-1`, `mof-1`, `class-III`, `MOF Class II`) and MOF class names
 * (`open-science`). `osi` and `osaid-1.0` mean the OSI definition. Null when unknown.
 */
export function requirementFromString(s: string): Requirement | null {
  const normal = s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if ((REQUIREMENTS as readonly string[]).includes(normal)) return normal as Requirement;
  if (normal === 'osi' || normal === 'osaid-1.0' || normal === 'osaid-1') return 'osaid';
  const mofName = MOF_NAMES[normal];
  if (mofName) return mofName;
  const match = /^(?:mof-?)?(?:class-?)?(1|2|3|i|ii|iii)$/.exec(normal);
  // A bare "1" or "ii" is too vague to mean a MOF class.
  if (match?.[1] && normal !== match[1]) return `mof-class-${ROMAN[match[1]] ?? '1'}` as Requirement;
  return null;
}

const isLadderRequirement = (r: Requirement): r is Requirement & LadderLevel => r in LADDER_RANK;

type Judged = Pick<ModelReport, 'ladder' | 'frameworks'> & Partial<Pick<ModelReport, 'components'>>;

/** Whether one model meets a requirement, and in plain words why not. */
export function checkRequirement(model: Judged, requirement: Requirement): RequirementResult {
  if (requirement === 'osaid') {
    const met = model.frameworks.osaid.conformant;
    return {
      requirement,
      met,
      ...(met ? {} : { reason: `not OSAID-conformant: missing ${model.frameworks.osaid.missing.join(', ')}` }),
    };
  }
  if (!isLadderRequirement(requirement)) {
    const want = Number(requirement.slice(-1)) as 1 | 2 | 3;
    const got = model.frameworks.mof.class;
    if (got !== null && got <= want) return { requirement, met: true };
    const gaps = ([3, 2, 1] as const)
      .filter((c) => c >= want)
      .flatMap((c) => model.frameworks.mof.missing[String(c) as '1' | '2' | '3']);
    return {
      requirement,
      met: false,
      reason: `MOF class is ${got === null ? 'none' : got}; missing ${gaps.join(', ')}`,
    };
  }
  const ladder = model.ladder;
  if (ladderRank(ladder.level) >= ladderRank(requirement)) return { requirement, met: true };
  const claimed = ladder.claimed;
  if (claimed && ladderRank(claimed.level) >= ladderRank(requirement)) {
    const unverified =
      requirement === 'open-source' ? claimed.unverified : claimed.unverified.filter((id) => id === 'weights');
    return {
      requirement,
      met: false,
      unverified: true,
      reason: `${requirement} is claimed but not verified (${unverified.join(', ')}): run the check online, or declare where each is published in .github/truly-open.yml`,
    };
  }
  const capped = ladder.cappedBy;
  const reason = capped
    ? `level is ${ladder.level}, capped by the base model ${capped.model}${ladder.missing.length > 0 ? `; this model is also blocked by ${ladder.missing.join(', ')}` : ''}`
    : model.components?.weights.status === 'unknown'
      ? `level is ${ladder.level}: the weights' terms could not be checked`
      : `level is ${ladder.level}; blocked by ${ladder.missing.join(', ')}`;
  return { requirement, met: false, reason };
}

export interface GateResult {
  requirement: Requirement;
  /** Every model meets it. */
  met: boolean;
  /** Not met, but every model that fails would meet it if its unconfirmed pointers held. */
  unverified: boolean;
  /** One line per failing model: "name: reason". */
  failures: string[];
}

/** The requirement the report was assessed against (`--require`, config `require`), if any. */
export function requiredBy(report: Report): Requirement | null {
  const r = report.models.find((m) => m.requirement)?.requirement?.requirement;
  return r && (REQUIREMENTS as readonly string[]).includes(r) ? (r as Requirement) : null;
}

/**
 * Whether a report meets a requirement: every model must (a repository without a model
 * does not). Null when nothing is required.
 */
export function gate(report: Report, requirement: Requirement | null | undefined): GateResult | null {
  if (!requirement) return null;
  if (report.models.length === 0)
    return { requirement, met: false, unverified: false, failures: ['no model was found'] };
  const results = report.models.map((m) => ({
    model: m,
    result: m.requirement?.requirement === requirement ? m.requirement : checkRequirement(m, requirement),
  }));
  const failing = results.filter((r) => !r.result.met);
  return {
    requirement,
    met: failing.length === 0,
    unverified: failing.length > 0 && failing.every((r) => r.result.unverified === true),
    failures: failing.map(
      (r) =>
        `${r.model.path === '.' ? r.model.name : r.model.path}: ${r.result.reason ?? `does not reach ${requirement}`}`,
    ),
  };
}

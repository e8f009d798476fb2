// What changed between two reports (base branch vs pull request head), per model matched
// by path. Pure data: the PR comment and the check run word it; a requirement gate can
// fail a check on `regressed`.
import { COMPONENT_IDS, type ComponentId, type Status } from './catalog.js';
import type { Evidence } from './evidence/types.js';
import type { ComponentResult, LadderLevel, ModelReport, Report } from './report.js';

export type Direction = 'better' | 'worse' | 'same' | 'mixed';
/** One step's direction; `neutral` is a change we do not rank (to or from unknown / not-applicable). */
export type StepDirection = 'better' | 'worse' | 'neutral';

export interface Change<T> {
  before: T;
  after: T;
  direction: StepDirection | 'same';
}

export interface ComponentChange {
  id: ComponentId;
  before: Status;
  after: Status;
  beforeLicense: string | null;
  afterLicense: string | null;
  direction: StepDirection;
  /** Why, in the order worth saying: the license and where it is declared, then what appeared or went away. */
  causes: Cause[];
}

/** Where a fact sits: a file, a card field or section in it, or an address. */
export interface Place {
  path?: string;
  field?: string;
  section?: string;
  url?: string;
}

export type Cause =
  /** The license that decides the component changed (or appeared, or went away), declared at `place`. */
  | { kind: 'license'; before: string | null; after: string | null; place?: Place }
  /** Evidence that was not there before (a file, a card field or section, a link). */
  | { kind: 'added'; place: Place }
  /** Evidence that is gone. */
  | { kind: 'removed'; place: Place }
  /** Nothing the report can point at changed: the two messages, for the reader to compare. */
  | { kind: 'message'; before: string; after: string };

export interface ModelDelta {
  path: string;
  name: string;
  /** `changed` also covers models whose verdicts are the same but a component moved. */
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  ladder: Change<LadderLevel | null>;
  mof: Change<1 | 2 | 3 | null>;
  osaid: Change<boolean | null>;
  /** Only components whose status changed, in catalog order. */
  components: ComponentChange[];
  direction: Direction;
  regressed: boolean;
}

export interface ReportDelta {
  /** False when there was no base report (first run): every model is `added`. */
  hasBase: boolean;
  models: ModelDelta[];
  added: string[];
  removed: string[];
  direction: Direction;
  regressed: boolean;
}

const LADDER_RANK: Record<LadderLevel, number> = {
  'open-source': 3,
  'open-weights': 2,
  'restricted-weights': 1,
  closed: 0,
};

// Class I is the most demanding, so it ranks highest; unclassified ranks lowest.
const mofRank = (c: 1 | 2 | 3 | null): number => (c === null ? 0 : 4 - c);

/** Ranked statuses; unknown and not-applicable are absent on purpose (not comparable). */
export const STATUS_RANK: Partial<Record<Status, number>> = {
  open: 4,
  restricted: 3,
  unlicensed: 2,
  mentioned: 1,
  missing: 0,
};

function step<T>(before: T, after: T, rank: (v: T) => number | undefined): Change<T> {
  if (before === after) return { before, after, direction: 'same' };
  const b = rank(before);
  const a = rank(after);
  if (b === undefined || a === undefined || a === b) return { before, after, direction: 'neutral' };
  return { before, after, direction: a > b ? 'better' : 'worse' };
}

/** Combine step directions: only better -> better, only worse -> worse, both -> mixed. */
export function combine(directions: Iterable<StepDirection | Direction>): Direction {
  let better = false;
  let worse = false;
  for (const d of directions) {
    if (d === 'better') better = true;
    else if (d === 'worse') worse = true;
    else if (d === 'mixed') better = worse = true;
  }
  if (better && worse) return 'mixed';
  return better ? 'better' : worse ? 'worse' : 'same';
}

const placeOf = (e: Evidence): Place => ({
  ...(e.path ? { path: e.path } : {}),
  ...(e.field ? { field: e.field } : {}),
  ...(e.section ? { section: e.section } : {}),
  ...(e.url ? { url: e.url } : {}),
});

// Lines and notes move with every edit; a fact is the same fact when it sits in the same place.
const placeKey = (p: Place): string => [p.path ?? '', p.field ?? '', p.section ?? '', p.url ?? ''].join('\n');

/** Where the component's license is declared: the evidence that carries it, a line preferred. */
function licensePlace(result: ComponentResult): Place | undefined {
  if (!result.license) return undefined;
  const carrying = result.evidence.filter((e) => e.license === result.license && (e.path || e.url));
  const e = carrying.find((x) => x.line !== undefined) ?? carrying[0];
  return e ? placeOf(e) : undefined;
}

/** What changed underneath one component: pure data, worded by render/delta-markdown.ts. */
export function componentCauses(before: ComponentResult, after: ComponentResult): Cause[] {
  const causes: Cause[] = [];
  if (before.license !== after.license) {
    const place = licensePlace(after) ?? licensePlace(before);
    causes.push({ kind: 'license', before: before.license, after: after.license, ...(place ? { place } : {}) });
  }
  // Facts that carry a license are the license's place, said by the license cause.
  const located = (r: ComponentResult) =>
    new Map(
      r.evidence.filter((e) => (e.path || e.url) && !e.license).map((e) => [placeKey(placeOf(e)), placeOf(e)] as const),
    );
  const was = located(before);
  const now = located(after);
  for (const [key, place] of now) if (!was.has(key)) causes.push({ kind: 'added', place });
  for (const [key, place] of was) if (!now.has(key)) causes.push({ kind: 'removed', place });
  if (causes.length === 0 && before.message !== after.message)
    causes.push({ kind: 'message', before: before.message, after: after.message });
  return causes;
}

function compareModels(base: ModelReport, head: ModelReport): ModelDelta {
  const ladder = step<LadderLevel | null>(base.ladder.level, head.ladder.level, (l) =>
    l === null ? undefined : LADDER_RANK[l],
  );
  const mof = step(base.frameworks.mof.class, head.frameworks.mof.class, mofRank);
  const osaid = step<boolean | null>(base.frameworks.osaid.conformant, head.frameworks.osaid.conformant, (c) =>
    c === null ? undefined : c ? 1 : 0,
  );
  const components: ComponentChange[] = [];
  for (const id of COMPONENT_IDS) {
    const before = base.components[id];
    const after = head.components[id];
    if (!before || !after || before.status === after.status) continue;
    const change = step(before.status, after.status, (s) => STATUS_RANK[s]);
    components.push({
      id,
      before: before.status,
      after: after.status,
      beforeLicense: before.license,
      afterLicense: after.license,
      direction: change.direction === 'same' ? 'neutral' : change.direction,
      causes: componentCauses(before, after),
    });
  }
  const steps = [ladder.direction, mof.direction, osaid.direction, ...components.map((c) => c.direction)];
  const direction = combine(steps);
  const changed = components.length > 0 || steps.some((d) => d !== 'same');
  return {
    path: head.path,
    name: head.name,
    change: changed ? 'changed' : 'unchanged',
    ladder,
    mof,
    osaid,
    components,
    direction,
    regressed: steps.includes('worse'),
  };
}

function presence(model: ModelReport, change: 'added' | 'removed'): ModelDelta {
  const level = model.ladder.level;
  const mofClass = model.frameworks.mof.class;
  const conformant = model.frameworks.osaid.conformant;
  const added = change === 'added';
  // A model that appears or disappears has nothing to be compared with: it moves no direction.
  return {
    path: model.path,
    name: model.name,
    change,
    ladder: { before: added ? null : level, after: added ? level : null, direction: 'neutral' },
    mof: { before: added ? null : mofClass, after: added ? mofClass : null, direction: 'neutral' },
    osaid: { before: added ? null : conformant, after: added ? conformant : null, direction: 'neutral' },
    components: [],
    direction: 'same',
    regressed: false,
  };
}

export function computeDelta(base: Report | null, head: Report): ReportDelta {
  const baseByPath = new Map((base?.models ?? []).map((m) => [m.path, m]));
  const headPaths = new Set(head.models.map((m) => m.path));
  const models: ModelDelta[] = [];
  for (const model of head.models) {
    const before = baseByPath.get(model.path);
    models.push(before ? compareModels(before, model) : presence(model, 'added'));
  }
  for (const model of base?.models ?? []) {
    if (!headPaths.has(model.path)) models.push(presence(model, 'removed'));
  }
  return {
    hasBase: base !== null,
    models,
    added: models.filter((m) => m.change === 'added').map((m) => m.path),
    removed: models.filter((m) => m.change === 'removed').map((m) => m.path),
    direction: combine(models.map((m) => m.direction)),
    regressed: models.some((m) => m.regressed),
  };
}

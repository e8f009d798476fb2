// What to annotate, and in what order: the findings both the check run (Checks API
// annotations) and the Action (workflow commands) turn into file annotations. Pure: the
// App batches them 50 to a request, the Action caps them at what GitHub shows per level.
//
// Every finding points at a file when the report knows one: the evidence a verdict rests
// on (the card line that names a license, the LICENSE file, the weight file, the line that
// mentions the data), else the model's card, else any file the model was judged by. A
// finding without a line is file-level: line 1 in the Checks API. Most important first:
// problems that are errors, then what blocks the next ladder level, then the rest of
// what blocks the next MOF class, then notes. A license is annotated once per place it is
// declared, naming every component it restricts, in every model.
import { COMPONENTS, COMPONENT_IDS, type ComponentId } from '../catalog.js';
import type { Evidence, Problem } from '../evidence/types.js';
import type { ComponentResult, ModelReport, Report } from '../report.js';
import { adviceFor } from './advice.js';
import { listWords, oneLine, truncate } from './format.js';
import { nextSteps } from './steps.js';
import { LADDER_STYLES, STATUS_STYLES } from './symbols.js';

export type FindingLevel = 'error' | 'warning' | 'notice';

export interface Finding {
  level: FindingLevel;
  /** A report path (relative to what was scanned), or absolute for a config file given from outside. */
  path?: string;
  /** 1-based; absent for a finding about a whole file. */
  line?: number;
  title: string;
  /** Plain text (annotations do not render Markdown); may hold line breaks. */
  message: string;
  /** 0 is the most important; see RANK. */
  rank: number;
}

/** Lower is shown first. */
export const RANK = {
  error: 0,
  ladder: 1,
  warning: 2,
  mof: 3,
  note: 4,
} as const;

const TITLE_MAX = 255;
const MESSAGE_MAX = 2000;

const PROBLEM_LEVEL: Record<Problem['severity'], FindingLevel> = { error: 'error', warning: 'warning', note: 'notice' };
const PROBLEM_RANK: Record<Problem['severity'], number> = { error: RANK.error, warning: RANK.warning, note: RANK.note };

// Terms that fall short are worth a warning; what is missing or only mentioned is the
// common case for most releases, so it stays a notice.
const STATUS_LEVEL: Partial<Record<ComponentResult['status'], FindingLevel>> = {
  restricted: 'warning',
  unlicensed: 'warning',
  unknown: 'notice',
  mentioned: 'notice',
  missing: 'notice',
};

/** Problems of one rule annotated at most this many times (a tree of 100 unreadable files is one finding, not 100). */
export const PROBLEMS_PER_RULE = 5;

function problemFindings(problems: readonly Problem[]): Finding[] {
  const seen = new Map<string, number>();
  const kept = problems.filter((p) => {
    const rule = p.ruleId ?? p.severity;
    seen.set(rule, (seen.get(rule) ?? 0) + 1);
    return seen.get(rule)! <= PROBLEMS_PER_RULE;
  });
  return kept.map((p) => ({
    level: PROBLEM_LEVEL[p.severity],
    ...(p.path ? { path: p.path } : {}),
    ...(p.path && typeof p.line === 'number' && p.line > 0 ? { line: p.line } : {}),
    title: `truly-open: ${p.ruleId ?? p.severity}`,
    message: p.message,
    rank: PROBLEM_RANK[p.severity],
  }));
}

const located = (e: Evidence): e is Evidence & { path: string } => typeof e.path === 'string' && e.path !== '';

/** The first file the model was judged by: its card, its config, its weights, anything. */
export function modelAnchor(model: ModelReport): string | undefined {
  const order: ComponentId[] = ['model-card', 'model-architecture', 'weights'];
  for (const id of order) {
    const e = model.components[id]?.evidence.find((x) => located(x) && x.kind !== 'declaration');
    if (e?.path) return e.path;
  }
  for (const result of Object.values(model.components)) {
    const e = result.evidence.find((x) => located(x) && x.kind !== 'declaration');
    if (e?.path) return e.path;
  }
  return undefined;
}

/** Where the license that decided this component is declared (card field, LICENSE file, config). */
function licenseSource(result: ComponentResult): (Evidence & { path: string }) | undefined {
  if (!result.license) return undefined;
  const carrying = result.evidence.filter(located).filter((e) => e.license === result.license);
  return carrying.find((e) => e.line !== undefined) ?? carrying[0];
}

/**
 * Where to point for one component: the evidence with a line, any evidence, else the card or
 * another file of the model.
 */
function componentLocation(model: ModelReport, result: ComponentResult): { path?: string; line?: number } {
  const withPath = result.evidence.filter(located);
  const best = withPath.find((e) => e.line !== undefined) ?? withPath[0];
  if (best) return { path: best.path, ...(best.line !== undefined ? { line: best.line } : {}) };
  const anchor = modelAnchor(model);
  return anchor ? { path: anchor } : {};
}

interface Goal {
  rank: number;
  /** What it blocks: "open source", "MOF Class II". */
  goals: string[];
  /** The level the release claims, when confirming this component is what it rests on. */
  confirms?: string;
}

/** What each component stands in the way of: the next ladder level and MOF class, and a claimed level. */
function goalsOf(model: ModelReport): Map<ComponentId, Goal> {
  const goals = new Map<ComponentId, Goal>();
  for (const step of nextSteps(model)) {
    const ladder = !step.goals[0]?.startsWith('MOF');
    goals.set(step.id, { rank: ladder ? RANK.ladder : RANK.mof, goals: [...step.goals] });
  }
  const claimed = model.ladder.claimed;
  if (!claimed) return goals;
  // Confirming the claim is what lifts the headline: those first.
  const first = new Map<ComponentId, Goal>();
  for (const id of claimed.unverified) {
    first.set(id, {
      ...(goals.get(id) ?? { goals: [] }),
      rank: RANK.ladder,
      confirms: LADDER_STYLES[claimed.level].words,
    });
  }
  for (const [id, goal] of goals) if (!first.has(id)) first.set(id, goal);
  return first;
}

/** " (blocks open source and MOF Class II)", " (confirm it for the claimed open source)", or ''. */
function goalSuffix(goals: readonly string[], confirms: string | undefined): string {
  const parts = [
    ...(goals.length > 0 ? [`blocks ${listWords(goals)}`] : []),
    ...(confirms && !goals.includes(confirms) ? [`confirm it for the claimed ${confirms}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

const quote = (v: string) => v;
const PLURAL = /\b(weights|libraries|outputs|results|checkpoints)$/;
const prefixOf = (report: Report, model: ModelReport) => (report.models.length > 1 ? `${model.name}: ` : '');

interface LicenseGroup {
  path: string;
  line?: number;
  license: string;
  rank: number;
  /** Component phrases, in the order met; one per component even across models. */
  phrases: string[];
  models: string[];
  goals: string[];
  confirms?: string;
  first: { id: ComponentId; result: ComponentResult };
}

/**
 * The findings of a report, most important first: problems, then per component what to
 * do about it, with restricted terms grouped by where the license is declared.
 */
export function reportFindings(report: Report): Finding[] {
  const out: Finding[] = problemFindings(report.problems);
  const licenses = new Map<string, LicenseGroup>();
  const pickles = new Map<string, Finding>();
  // A file a problem is already about (the engine's unsafe-pickle) is not annotated twice.
  const problemPaths = new Set(report.problems.map((p) => p.path).filter(Boolean));

  for (const model of report.models) {
    const goals = goalsOf(model);
    const prefix = prefixOf(report, model);
    // What blocks first, in the order worth doing it (the steps'), then the catalog's.
    const order = [...goals.keys(), ...COMPONENT_IDS.filter((id) => !goals.has(id))];
    for (const id of order) {
      const result = model.components[id];
      for (const e of result.evidence) {
        if (
          located(e) &&
          e.note?.toLowerCase().startsWith('pickle') &&
          !pickles.has(e.path) &&
          !problemPaths.has(e.path)
        ) {
          pickles.set(e.path, {
            level: 'warning',
            path: e.path,
            ...(e.line ? { line: e.line } : {}),
            title: 'Unsafe weight format: pickle',
            message:
              'Pickle files can run arbitrary code when loaded. Publish the weights as safetensors so users can load them safely.',
            rank: RANK.warning,
          });
        }
      }
      const goal = goals.get(id);
      const level = STATUS_LEVEL[result.status];
      if (!level) continue;

      // Restricted terms: once per place the license is declared, whatever it blocks.
      const source = result.status === 'restricted' ? licenseSource(result) : undefined;
      if (source && result.license) {
        const key = `${source.path}\n${source.line ?? 0}\n${result.license}`;
        const group: LicenseGroup = licenses.get(key) ?? {
          path: source.path,
          ...(source.line !== undefined ? { line: source.line } : {}),
          license: result.license,
          rank: goal?.rank ?? RANK.warning,
          phrases: [],
          models: [],
          goals: [],
          first: { id, result },
        };
        const phrase = COMPONENTS[id].phrase;
        if (!group.phrases.includes(phrase)) group.phrases.push(phrase);
        if (!group.models.includes(model.name)) group.models.push(model.name);
        if (goal && goal.rank < group.rank) {
          group.rank = goal.rank;
          group.first = { id, result };
        }
        for (const g of goal?.goals ?? []) if (!group.goals.includes(g)) group.goals.push(g);
        // The ladder's goal before the MOF's, as everywhere else.
        group.goals.sort((a, b) => Number(a.startsWith('MOF')) - Number(b.startsWith('MOF')));
        if (goal?.confirms) group.confirms = goal.confirms;
        licenses.set(key, group);
        continue;
      }

      // Anything else is annotated when it stands in the way of the next level or class.
      if (!goal) continue;
      const where = componentLocation(model, result);
      const blocks = goalSuffix(goal.goals, goal.confirms);
      out.push({
        level,
        ...where,
        title: `${prefix}${COMPONENTS[id].title} ${STATUS_STYLES[result.status].label}`,
        message: `${oneLine(result.message)}${blocks}\nHow to fix: ${adviceFor(id, result, quote)}`,
        rank: goal.rank,
      });
    }
  }

  for (const group of licenses.values()) {
    const n = group.phrases.length;
    const what = listWords(group.phrases);
    const blocks = goalSuffix(group.goals, group.confirms);
    const models = report.models.length > 1 ? ` In ${listWords(group.models)}.` : '';
    // The advice without the license: the title and the first sentence name it already.
    const advice = adviceFor(group.first.id, { ...group.first.result, license: null }, quote);
    out.push({
      level: 'warning',
      path: group.path,
      ...(group.line !== undefined ? { line: group.line } : {}),
      title: `Restricted license: ${group.license}`,
      message: `${group.license} restricts use, so ${what} ${n === 1 && !PLURAL.test(group.phrases[0]!) ? 'is' : 'are'} not open${blocks}.${models}\nHow to fix: ${advice}`,
      rank: group.rank,
    });
  }
  out.push(...pickles.values());

  // Stable: equal ranks keep problems, then models and components in report order.
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.rank - b.f.rank || a.i - b.i)
    .map(({ f }) => ({
      ...f,
      title: truncate(oneLine(f.title), TITLE_MAX),
      message: truncate(f.message, MESSAGE_MAX),
    }));
}

// Limits -----------------------------------------------------------------------------

/** The Checks API takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** At most this many per check run (two requests): the most important ones, the summary counts the rest. */
export const ANNOTATIONS_PER_RUN = 100;
/** GitHub shows at most this many errors, warnings and notices each per Actions step. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Split a list into batches (annotations go to the Checks API 50 at a time). */
export function chunk<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * The first `perLevel` of each level, in the given order, and how many of each were left
 * out; `limits` lowers the cap of one level (room for an error the caller adds later).
 */
export function capPerLevel<T extends { level: FindingLevel }>(
  items: readonly T[],
  perLevel = ANNOTATIONS_PER_LEVEL,
  limits: Partial<Record<FindingLevel, number>> = {},
): { kept: T[]; dropped: Record<FindingLevel, number> } {
  const seen: Record<FindingLevel, number> = { error: 0, warning: 0, notice: 0 };
  const dropped: Record<FindingLevel, number> = { error: 0, warning: 0, notice: 0 };
  const kept: T[] = [];
  for (const item of items) {
    if (seen[item.level] < (limits[item.level] ?? perLevel)) {
      seen[item.level] += 1;
      kept.push(item);
    } else dropped[item.level] += 1;
  }
  return { kept, dropped };
}

// The Markdown report: what a job summary or `--format markdown` shows, and the blocks the
// check run and the PR comment are made of. Per model, what a maintainer reads in five
// seconds comes first: the headline, one line per framework, then what to do (all next
// steps here; the check run shows the few that block the next level), then the full
// component table folded in <details>, the rows that block first.
//
// Component names link to their doc page with reference links (`[Weights][weights]`,
// defined once at the end): a report mentions a component many times, a URL once.
// Every cell goes through mdText/mdCode because messages quote card text, which may hold
// `|`, backticks or HTML that would break the table.
import { COMPONENTS, COMPONENT_IDS, STATUSES, type ComponentId, type Status } from '../catalog.js';
import type { Problem } from '../evidence/types.js';
import type { ModelReport, Report, RequirementResult } from '../report.js';
import { adviceFor } from './advice.js';
import {
  componentTitle,
  evidenceLocation,
  listWords,
  mdCode,
  mdText,
  percent,
  truncate,
  verifiedOnlineSentence,
} from './format.js';
import { DEFAULT_DOCS_BASE_URL, componentDocUrl } from './links.js';
import { nextSteps, type NextStep } from './steps.js';
import {
  LADDER_STYLES,
  ONLINE_MARK,
  STATUS_STYLES,
  mofClassLabel,
  mofClassShort,
  nextMofClass,
  osaidElementLabel,
} from './symbols.js';

export interface MarkdownOptions {
  /** Base URL of the component docs; each component links to `${docsBaseUrl}/<id>.md`. */
  docsBaseUrl?: string;
}

const DETAIL_MAX = 140;
const EVIDENCE_SHOWN = 2;
const LOCATION_MAX = 120;
/** Problems listed in a check run or a job summary; the rest are counted. */
export const PROBLEMS_SHOWN = 20;
const PROBLEM_MAX = 300;
/** A headline longer than this is cut in Markdown (the JSON and the text keep it whole). */
const HEADLINE_MAX = 320;
/** The check run names at most this many blocking components, each with its action. */
export const BLOCKING_SHOWN = 3;

const SEVERITY_ICON: Record<Problem['severity'], string> = { error: '✘', warning: '⚠', note: 'ℹ' };

// Doc links -------------------------------------------------------------------------

/** `[Training data][training-data]`: resolved by docDefinitions at the end of the document. */
export function docLink(id: ComponentId): string {
  return `[${mdText(COMPONENTS[id].title)}][${id}]`;
}

/** Room kept for the definitions when a text is cut to fit (all 18, with a long base URL). */
export const DOC_DEFINITIONS_RESERVE = 4000;

/** One definition per component `text` links to, in catalog order; '' when it links none. */
export function docDefinitions(text: string, docsBaseUrl: string): string {
  return COMPONENT_IDS.filter((id) => text.includes(`][${id}]`))
    .map((id) => `[${id}]: ${componentDocUrl(docsBaseUrl, id).replace(/[()\s<>]/g, (c) => encodeURIComponent(c))}`)
    .join('\n');
}

/** `text` with the definitions of the doc links it holds appended. */
export function withDocDefinitions(text: string, docsBaseUrl: string): string {
  const definitions = docDefinitions(text, docsBaseUrl);
  return definitions ? `${text.replace(/\n+$/, '')}\n\n${definitions}\n` : text;
}

// Pieces ----------------------------------------------------------------------------

/** Headline line of a model, bold, with the level's symbol. */
export function headlineMarkdown(model: ModelReport): string {
  const level = LADDER_STYLES[model.ladder.level];
  const cap = model.ladder.cappedBy
    ? ` (capped by base model ${mdCode(model.ladder.cappedBy.model)}, ${LADDER_STYLES[model.ladder.cappedBy.level].words})`
    : '';
  const good = level.tone === 'good' && !model.ladder.claimed;
  return `**${mdText(truncate(model.ladder.headline, HEADLINE_MAX))}**${cap}${good ? ' ✔' : ''}`;
}

export function requirementMarkdown(requirement: RequirementResult): string {
  const verdict = requirement.met ? '✔ met' : requirement.unverified ? '? not verified' : '✘ not met';
  return `**Requirement ${mdCode(requirement.requirement)}: ${verdict}**${requirement.reason ? `: ${mdText(requirement.reason)}` : ''}`;
}

/** One line per framework, short: the full progress and the notes are in the details. */
export function frameworkLines(model: ModelReport): string {
  const { mof, osaid, osaiIndex } = model.frameworks;
  const next = nextMofClass(mof.class);
  const progress =
    next === null ? '' : `; ${percent(mof.progress[String(next) as '1' | '2' | '3'])} of ${mofClassShort(next)}`;
  const missing = osaid.missing.map((e) => osaidElementLabel(e, componentTitle));
  const shown = missing.slice(0, 3);
  const more = missing.length - shown.length;
  const osaidText = osaid.conformant
    ? 'conformant'
    : `not conformant, missing ${listWords(more > 0 ? [...shown, `${more} more`] : shown)}`;
  const score = osaiIndex.score === null ? 'not graded' : osaiIndex.score.toFixed(2);
  return [
    `- **MOF**: ${mofClassLabel(mof.class)}${progress}`,
    `- **OSAID 1.0**: ${mdText(osaidText)}`,
    `- **OSAI index**: ${score}`,
  ].join('\n');
}

/** Everything about the frameworks, for the details: progress per class, MOF warnings, OSAID notes. */
export function frameworksMarkdown(model: ModelReport): string {
  const { mof, osaid, osaiIndex } = model.frameworks;
  const progress = `Class III ${percent(mof.progress['3'])}, Class II ${percent(mof.progress['2'])}, Class I ${percent(mof.progress['1'])}`;
  const osaidText = osaid.conformant
    ? 'conformant'
    : `not conformant; missing ${listWords(osaid.missing.map((e) => osaidElementLabel(e, componentTitle)))}`;
  const score = osaiIndex.score === null ? 'not graded' : osaiIndex.score.toFixed(2);
  return [
    `- **MOF**: ${mofClassLabel(mof.class)} (progress: ${progress})`,
    ...mof.warnings.map((w) => `  - ${mdText(w)}`),
    `- **OSI Open Source AI Definition 1.0**: ${mdText(osaidText)}`,
    ...osaid.notes.map((n) => `  - ${mdText(n)}`),
    `- **European Open Source AI Index**: ${score}`,
  ].join('\n');
}

function stepLine(model: ModelReport, step: NextStep, n: number, withGoals: boolean): string {
  const label = STATUS_STYLES[step.status].label;
  const why = withGoals ? `${label}; for ${listWords(step.goals)}` : label;
  return `${n}. **${docLink(step.id)}** (${why}): ${adviceFor(step.id, model.components[step.id], mdCode)}`;
}

/** All next steps, numbered, as the CLI's text prints them; '' when nothing blocks the next level or class. */
export function stepsMarkdown(model: ModelReport): string {
  return nextSteps(model)
    .map((step, i) => stepLine(model, step, i + 1, true))
    .join('\n');
}

/**
 * What blocks the next goal, for the top of a check run: the goal, the 1-3 components in
 * its way named in one line (so they sit in the first few hundred characters), then one
 * action each; the components of later goals by name only. For a level the release only
 * claims, what has to be confirmed comes first.
 */
export function blockingMarkdown(model: ModelReport): string {
  const steps = nextSteps(model);
  const claimed = model.ladder.claimed;
  const parts: string[] = [];
  let listed: NextStep[];
  let rest: NextStep[];
  if (claimed) {
    const unverified = claimed.unverified.map(
      (id): NextStep => steps.find((s) => s.id === id) ?? { id, status: model.components[id].status, goals: [] },
    );
    listed = unverified.slice(0, BLOCKING_SHOWN);
    rest = [...unverified.slice(BLOCKING_SHOWN), ...steps.filter((s) => !claimed.unverified.includes(s.id))];
    const phrases = listWords(listed.map((s) => COMPONENTS[s.id].phrase));
    const more = moreCount(unverified.length - listed.length);
    parts.push(`**To confirm ${LADDER_STYLES[claimed.level].words}:** ${phrases}${more}`);
  } else {
    const goal = steps[0]?.goals[0];
    if (!goal) {
      const mof = model.frameworks.mof.class;
      return `**Nothing left to publish** for the ladder${mof === 1 ? ' or the MOF' : ''}.`;
    }
    const forGoal = steps.filter((s) => s.goals.includes(goal));
    listed = forGoal.slice(0, BLOCKING_SHOWN);
    rest = steps.filter((s) => !listed.includes(s));
    const phrases = listWords(listed.map((s) => COMPONENTS[s.id].phrase));
    const more = moreCount(forGoal.length - listed.length);
    parts.push(`**Blocking ${goal}:** ${phrases}${more}`);
  }
  parts.push(listed.map((step, i) => stepLine(model, step, i + 1, false)).join('\n'));
  if (rest.length > 0) {
    const byGoal = new Map<string, ComponentId[]>();
    for (const s of rest) {
      const goal = s.goals[0] ?? 'confirming the claim';
      byGoal.set(goal, [...(byGoal.get(goal) ?? []), s.id]);
    }
    const then = [...byGoal.entries()].map(([goal, ids]) => `${goal}: ${ids.map(docLink).join(', ')}`);
    parts.push(`Then ${then.join('; ')}.`);
  }
  return parts.join('\n\n');
}

const moreCount = (n: number) => (n > 0 ? ` (and ${n} more)` : '');

function evidenceCell(model: ModelReport, id: ComponentId): string {
  const locations = [
    ...new Set(model.components[id].evidence.map(evidenceLocation).filter((l): l is string => l !== null)),
  ];
  if (locations.length === 0) return '';
  const shown = locations
    .slice(0, EVIDENCE_SHOWN)
    .map((l) => mdCode(truncate(l, LOCATION_MAX)))
    .join(', ');
  const more = locations.length - EVIDENCE_SHOWN;
  return more > 0 ? `${shown} +${more} more` : shown;
}

export const TABLE_HEADER = '| | Component | Status | License | Details |\n|---|---|---|---|---|';

export const LEGEND = [
  `${STATUS_STYLES.open.symbol} open`,
  `${STATUS_STYLES.restricted.symbol} restricted`,
  `${STATUS_STYLES.unlicensed.symbol} no license`,
  `${STATUS_STYLES.mentioned.symbol} mentioned, not shown to be published`,
  `${STATUS_STYLES.missing.symbol} missing`,
  `${STATUS_STYLES['not-applicable'].symbol} not applicable`,
  `${STATUS_STYLES.unknown.symbol} could not be checked`,
  `${ONLINE_MARK.symbol} verified online`,
].join(' · ');

/**
 * The components in table order: what blocks the next level or class first (in step order), then
 * the catalog's order.
 */
export function tableOrder(model: ModelReport): ComponentId[] {
  const first = [...(model.ladder.claimed?.unverified ?? [])];
  for (const step of nextSteps(model)) if (!first.includes(step.id)) first.push(step.id);
  return [...first, ...COMPONENT_IDS.filter((id) => !first.includes(id))];
}

export function componentTableMarkdown(model: ModelReport): string {
  const lines = [TABLE_HEADER];
  for (const id of tableOrder(model)) {
    const result = model.components[id];
    const style = STATUS_STYLES[result.status];
    const where = evidenceCell(model, id);
    // Only what is not open links to its doc page: that is what a reader may need to act on.
    const name =
      result.status === 'open' || result.status === 'not-applicable' ? mdText(COMPONENTS[id].title) : docLink(id);
    lines.push(
      `| ${style.symbol} | ${name} | ${style.label}${result.verifiedOnline ? ` ${ONLINE_MARK.symbol}` : ''} | ${
        result.license ? mdCode(result.license) : ''
      } | ${mdText(truncate(result.message, DETAIL_MAX))}${where ? ` · ${where}` : ''} |`,
    );
  }
  return lines.join('\n');
}

/** "15 open, 1 mentioned, 2 missing", in the order of the statuses. */
function tally(model: ModelReport): string {
  const counts = new Map<Status, number>();
  for (const id of COMPONENT_IDS)
    counts.set(model.components[id].status, (counts.get(model.components[id].status) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${STATUS_STYLES[s].label}`)
    .join(', ');
}

/** The folded part: legend, table, what was verified online, framework notes, base models. */
export function detailsMarkdown(model: ModelReport, heading: string): string {
  const parts = [
    `<details><summary>All ${COMPONENT_IDS.length} components: ${tally(model)}</summary>`,
    LEGEND,
    componentTableMarkdown(model),
  ];
  const online = verifiedOnlineSentence(model);
  if (online) parts.push(`${ONLINE_MARK.symbol} ${mdText(online)}`);
  parts.push(`${heading}# Frameworks\n\n${frameworksMarkdown(model)}`);
  if (model.lineage && model.lineage.length > 0) {
    const rows = model.lineage.map((e) => {
      const level = e.level ? LADDER_STYLES[e.level].words : e.resolved ? 'level unknown' : 'not resolved';
      return `- ${mdCode(e.model)}: ${level}${e.note ? `: ${mdText(e.note)}` : ''}`;
    });
    parts.push(`${heading}# Base models\n\n${rows.join('\n')}`);
  }
  parts.push('</details>');
  return parts.join('\n\n');
}

export interface ModelBlockOptions {
  /** `###` puts `### name (path)` on top; null leaves the name out (a single model's check run). */
  heading: string | null;
  /** `blocking`: the check run's 1-3 blocking components; `all`: every next step, numbered. */
  steps: 'blocking' | 'all';
  /** Include the folded component table. */
  details: boolean;
  /** Replaces the model's own requirement line (the check run's gate). */
  requirement?: RequirementResult;
}

export function modelBlock(model: ModelReport, options: ModelBlockOptions): string {
  const heading = options.heading ?? '###';
  const parts: string[] = [];
  if (options.heading !== null) parts.push(`${options.heading} ${mdText(model.name)} (${mdCode(model.path)})`);
  parts.push(headlineMarkdown(model));
  const requirement = options.requirement ?? model.requirement;
  if (requirement) parts.push(requirementMarkdown(requirement));
  parts.push(frameworkLines(model));
  if (options.steps === 'blocking') parts.push(blockingMarkdown(model));
  else {
    const steps = stepsMarkdown(model);
    parts.push(steps ? `${heading}# Next steps\n\n${steps}` : blockingMarkdown(model));
  }
  if (options.details) parts.push(detailsMarkdown(model, heading));
  return parts.join('\n\n');
}

/**
 * One line per problem, errors first. With `max` (size-capped bodies: the check run): at
 * most that many, each cut to a few hundred characters, and a count of the rest.
 */
export function problemsMarkdown(problems: readonly Problem[], max?: number): string {
  const order: Record<Problem['severity'], number> = { error: 0, warning: 1, note: 2 };
  const sorted = [...problems].sort((a, b) => order[a.severity] - order[b.severity]);
  const cut = (text: string, n: number) => (max === undefined ? text : truncate(text, n));
  const lines = sorted.slice(0, max).map((p) => {
    const where = p.path ? ` ${mdCode(cut(p.line ? `${p.path}:${p.line}` : p.path, LOCATION_MAX))}` : '';
    return `- ${SEVERITY_ICON[p.severity]} **${p.severity}**${where}: ${mdText(cut(p.message, PROBLEM_MAX))}`;
  });
  const more = problems.length - lines.length;
  if (more > 0)
    lines.push(`- … ${more} more problem${more === 1 ? '' : 's'}; \`truly-open check --format json\` lists them all`);
  return lines.join('\n');
}

export function subjectLine(report: Report): string {
  const revision = report.subject.revision ? ` at ${mdCode(report.subject.revision.slice(0, 7))}` : '';
  const count = `${report.models.length} model${report.models.length === 1 ? '' : 's'}`;
  const online = report.online === false ? ' · offline (nothing verified online)' : '';
  return `${mdCode(report.subject.location)}${revision} · ${count}${online} · truly-open ${mdText(report.tool.version)}`;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const parts = ['## truly-open report', subjectLine(report)];
  if (report.models.length === 0) parts.push('No model found in this repository.');
  for (const model of report.models) parts.push(modelBlock(model, { heading: '###', steps: 'all', details: true }));
  if (report.problems.length > 0) parts.push(`### Problems\n\n${problemsMarkdown(report.problems)}`);
  return withDocDefinitions(`${parts.join('\n\n')}\n`, docsBaseUrl);
}

// The check run's output: a title in plain words; a summary a maintainer reads in five
// seconds (the headline, one line per framework, what blocks the next level and the one
// action for each, then the component table folded in <details>); the evidence behind
// each status as text; and annotations on the files the verdicts rest on. Everything
// stays far under GitHub's caps: a repository with many models drops the tables, then
// gets one compact row per model.
import { COMPONENTS, COMPONENT_IDS } from '../catalog.js';
import type { ReportDelta } from '../delta.js';
import type { ModelReport, Report, RequirementResult } from '../report.js';
import { ANNOTATIONS_PER_RUN, reportFindings, type Finding } from './annotations.js';
import { deltaMarkdown } from './delta-markdown.js';
import { evidenceLocation, listWords, mdCode, mdText, oneLine, truncate } from './format.js';
import { fitItems, fits, hardCut } from './fit.js';
import { DEFAULT_DOCS_BASE_URL } from './links.js';
import {
  DOC_DEFINITIONS_RESERVE,
  modelBlock,
  PROBLEMS_SHOWN,
  problemsMarkdown,
  requirementMarkdown,
  subjectLine,
  withDocDefinitions,
} from './markdown.js';
import { LADDER_STYLES, STATUS_STYLES, mofClassShort } from './symbols.js';

export { ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_RUN, chunk } from './annotations.js';

export type AnnotationLevel = 'notice' | 'warning' | 'failure';

/** A check-run annotation, field names as the Checks API wants them. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
  annotations: Annotation[];
}

export interface CheckRunOptions {
  docsBaseUrl?: string;
  delta?: ReportDelta;
  requirement?: RequirementResult;
}

const TITLE_MAX = 255;
/**
 * What the summary may use, far under GitHub's 65,535: the App may put notes above it
 * ("PR comment not updated: …") and cuts at the limit, which must never reach the doc
 * link definitions at the end.
 */
export const SUMMARY_BUDGET = 60_000;

export const TRUNCATION_HINT = 'run `truly-open check` for the full report';

// Title -----------------------------------------------------------------------------

function levelCounts(report: Report): string {
  const counts = new Map<string, number>();
  for (const m of report.models) counts.set(m.ladder.level, (counts.get(m.ladder.level) ?? 0) + 1);
  const parts = (['open-source', 'open-weights', 'restricted-weights', 'closed'] as const)
    .filter((l) => counts.has(l))
    .map((l) => `${counts.get(l)} ${LADDER_STYLES[l].words}`);
  return `${report.models.length} models: ${listWords(parts)}`;
}

export function checkRunTitle(report: Report, requirement?: RequirementResult): string {
  let title: string;
  if (report.models.length === 0) title = 'No model found';
  else if (report.models.length === 1) title = oneLine(report.models[0]!.ladder.headline);
  else title = levelCounts(report);
  if (requirement && !requirement.met) title = `Requirement ${requirement.requirement} not met: ${title}`;
  return truncate(title, TITLE_MAX);
}

// Summary ---------------------------------------------------------------------------

function compactRow(model: ModelReport): string {
  const blocking = model.ladder.missing.map((id) => COMPONENTS[id]?.title ?? id);
  const claimed = model.ladder.claimed ? ` (${LADDER_STYLES[model.ladder.claimed.level].words} unverified)` : '';
  const level = `${LADDER_STYLES[model.ladder.level].title}${claimed}`;
  return `| ${mdText(model.name)} | ${mdCode(model.path)} | ${level} | ${mofClassShort(
    model.frameworks.mof.class,
  )} | ${model.frameworks.osaid.conformant ? '✔' : '✘'} | ${mdText(truncate(blocking.join(', '), 120))} |`;
}

const COMPACT_HEADER = '| Model | Path | Level | MOF | OSAID | Blocking the next level |\n|---|---|---|---|---|---|';

const omittedModels = (n: number) => `\n… ${n} more model${n === 1 ? '' : 's'} not shown; ${TRUNCATION_HINT}.`;

function annotationNote(report: Report): string {
  const total = reportFindings(report).filter(annotatable).length;
  if (total <= ANNOTATIONS_PER_RUN) return '';
  return `${total} findings point at files; the ${ANNOTATIONS_PER_RUN} most important are annotated. ${TRUNCATION_HINT.charAt(0).toUpperCase()}${TRUNCATION_HINT.slice(1)}.`;
}

/**
 * What was evaluated, last: the repository and commit, and a single model's name (a heading would
 * push the headline down).
 */
function footer(report: Report): string {
  const model = report.models.length === 1 ? report.models[0]! : null;
  return `${subjectLine(report)}${model ? ` · model ${mdText(model.name)} (${mdCode(model.path)})` : ''}`;
}

export function checkRunSummary(report: Report, options: CheckRunOptions = {}): string {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const single = report.models.length === 1;
  const budget = SUMMARY_BUDGET - DOC_DEFINITIONS_RESERVE;
  const head: string[] = [];
  if (report.models.length === 0) head.push('**No model found** in this repository.');
  if (report.models.length > 1) head.push(`**${levelCounts(report)}**`);
  if (!single && options.requirement) head.push(requirementMarkdown(options.requirement));
  const blocks = (details: boolean) =>
    report.models.map((m) =>
      modelBlock(m, {
        heading: single ? null : '###',
        steps: 'blocking',
        details,
        ...(single && options.requirement ? { requirement: options.requirement } : {}),
      }),
    );
  const problems =
    report.problems.length > 0 ? `### Problems\n\n${problemsMarkdown(report.problems, PROBLEMS_SHOWN)}` : '';
  const note = annotationNote(report);
  const tail = (verdictsOnly: boolean) =>
    [
      options.delta
        ? deltaMarkdown(options.delta, verdictsOnly ? { maxRows: 40, verdictsOnly: true } : { maxRows: 100 })
        : '',
      problems,
      note,
      footer(report),
    ].filter(Boolean);

  const full = [...head, ...blocks(true), ...tail(false)].join('\n\n');
  if (fits(full, budget)) return withDocDefinitions(`${full}\n`, docsBaseUrl);

  // Too long: every model's verdict and what blocks it, without the tables.
  const brief = [
    ...head,
    ...blocks(false),
    `_The component tables are left out to fit; ${TRUNCATION_HINT}._`,
    ...tail(true),
  ].join('\n\n');
  if (fits(brief, budget)) return withDocDefinitions(`${brief}\n`, docsBaseUrl);

  // Still too long: one row per model.
  const compactHead = [
    ...head,
    ...(options.delta ? [deltaMarkdown(options.delta, { maxRows: 40, verdictsOnly: true })] : []),
    `### Models\n\n${COMPACT_HEADER}`,
  ].join('\n\n');
  const n = report.problems.length;
  const counts = n > 0 ? `\n${n} problem${n === 1 ? '' : 's'} not shown; ${TRUNCATION_HINT}.` : '';
  const { text } = fitItems(
    compactHead,
    report.models.map(compactRow),
    `${counts}${note ? `\n\n${note}` : ''}\n\n${footer(report)}`,
    omittedModels,
    {
      limit: SUMMARY_BUDGET,
    },
  );
  return `${hardCut(text, `\n… cut to fit; ${TRUNCATION_HINT}.`, SUMMARY_BUDGET)}\n`;
}

// Text: the evidence behind each status ---------------------------------------------------

function evidenceDetails(model: ModelReport): string {
  const items = COMPONENT_IDS.map((id) => {
    const result = model.components[id];
    const style = STATUS_STYLES[result.status];
    const license = result.license ? `, ${mdCode(result.license)}` : '';
    const online = result.verifiedOnline ? ', verified online' : '';
    const lines = [
      `- ${style.symbol} **${mdText(COMPONENTS[id].title)}** (${style.label}${license}${online}): ${mdText(result.message)}`,
    ];
    for (const e of result.evidence) {
      const where = evidenceLocation(e);
      const extra = [
        e.field ? `field ${mdCode(e.field)}` : '',
        e.section ? `section “${mdText(e.section)}”` : '',
        e.note ? mdText(e.note) : '',
      ]
        .filter(Boolean)
        .join(', ');
      lines.push(`  - ${e.kind}${where ? ` ${mdCode(where)}` : ''}${extra ? `: ${extra}` : ''}`);
    }
    return lines.join('\n');
  });
  return `### Evidence for ${mdText(model.name)} (${mdCode(model.path)})\n\n${items.join('\n')}`;
}

export function checkRunText(report: Report): string {
  const sections = report.models.map(evidenceDetails);
  const { text } = fitItems('', sections, '', omittedModels, { separator: '\n\n' });
  return `${hardCut(text, `\n… cut to fit; ${TRUNCATION_HINT}.`)}\n`;
}

// Annotations -------------------------------------------------------------------------

const LEVEL: Record<Finding['level'], AnnotationLevel> = { error: 'failure', warning: 'warning', notice: 'notice' };

/** The App's paths are relative to the repository root: anything else cannot be shown on a file. */
const annotatable = (f: Finding): f is Finding & { path: string } =>
  !!f.path && !f.path.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(f.path);

/**
 * The findings that point at a file, most important first, at most ANNOTATIONS_PER_RUN;
 * a finding about a whole file sits on its line 1. The App sends them 50 per request.
 */
export function checkRunAnnotations(report: Report): Annotation[] {
  return reportFindings(report)
    .filter(annotatable)
    .slice(0, ANNOTATIONS_PER_RUN)
    .map((f) => ({
      path: f.path,
      start_line: f.line ?? 1,
      end_line: f.line ?? 1,
      annotation_level: LEVEL[f.level],
      title: f.title,
      message: f.message,
    }));
}

export function renderCheckRun(report: Report, options: CheckRunOptions = {}): CheckRunOutput {
  return {
    title: checkRunTitle(report, options.requirement),
    summary: checkRunSummary(report, options),
    text: checkRunText(report),
    annotations: checkRunAnnotations(report),
  };
}

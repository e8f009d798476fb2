// The check run's output: a title in plain words, the Markdown report as summary (with
// what changed, when the app compared against a base), the evidence details as text, and
// annotations on the lines that matter. Everything stays under GitHub's size caps: a
// repository with hundreds of models gets a compact table instead of the full report.
import { COMPONENTS, COMPONENT_IDS, type ComponentId } from '../catalog.js';
import type { ReportDelta } from '../delta.js';
import type { Problem } from '../evidence/types.js';
import type { ModelReport, Report, RequirementResult } from '../report.js';
import { deltaMarkdown } from './delta-markdown.js';
import { evidenceLocation, listWords, mdCode, mdText, oneLine, truncate } from './format.js';
import { fitItems, fits, hardCut } from './fit.js';
import { DEFAULT_DOCS_BASE_URL } from './links.js';
import { modelMarkdown, problemsMarkdown, subjectLine } from './markdown.js';
import { LADDER_STYLES, STATUS_STYLES, mofClassShort } from './symbols.js';

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
/** The Checks API takes at most this many annotations per request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export const TRUNCATION_HINT = 'run `truly-open check` for the full report';

/** Split a list into batches (annotations go to the Checks API 50 at a time). */
export function chunk<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

// Title -----------------------------------------------------------------------------

export function checkRunTitle(report: Report, requirement?: RequirementResult): string {
  let title: string;
  if (report.models.length === 0) title = 'No model found';
  else if (report.models.length === 1) title = oneLine(report.models[0]!.ladder.headline);
  else {
    const counts = new Map<string, number>();
    for (const m of report.models) counts.set(m.ladder.level, (counts.get(m.ladder.level) ?? 0) + 1);
    const parts = (['open-source', 'open-weights', 'restricted-weights', 'closed'] as const)
      .filter((l) => counts.has(l))
      .map((l) => `${counts.get(l)} ${LADDER_STYLES[l].words}`);
    title = `${report.models.length} models: ${listWords(parts)}`;
  }
  if (requirement && !requirement.met) title = `Requirement ${requirement.requirement} not met: ${title}`;
  return truncate(title, TITLE_MAX);
}

// Summary ---------------------------------------------------------------------------

function requirementMarkdown(requirement: RequirementResult): string {
  const verdict = requirement.met ? '✔ met' : '✘ not met';
  return `**Requirement ${mdCode(requirement.requirement)}: ${verdict}**${requirement.reason ? `: ${mdText(requirement.reason)}` : ''}`;
}

function compactRow(model: ModelReport): string {
  const blocking = model.ladder.missing.map((id) => COMPONENTS[id]?.title ?? id);
  return `| ${mdText(model.name)} | ${mdCode(model.path)} | ${LADDER_STYLES[model.ladder.level].title} | ${mofClassShort(
    model.frameworks.mof.class,
  )} | ${model.frameworks.osaid.conformant ? '✔' : '✘'} | ${mdText(truncate(blocking.join(', '), 120))} |`;
}

const COMPACT_HEADER = '| Model | Path | Level | MOF | OSAID | Blocking the next level |\n|---|---|---|---|---|---|';

const omittedModels = (n: number) => `\n… ${n} more model${n === 1 ? '' : 's'} not shown; ${TRUNCATION_HINT}.`;

export function checkRunSummary(report: Report, options: CheckRunOptions = {}): string {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const lead: string[] = [subjectLine(report)];
  if (options.requirement) lead.push(requirementMarkdown(options.requirement));
  const problems = report.problems.length > 0 ? `### Problems\n\n${problemsMarkdown(report.problems)}` : '';

  const full = [
    ...lead,
    ...(options.delta ? [deltaMarkdown(options.delta)] : []),
    ...report.models.map((m) => modelMarkdown(m, docsBaseUrl)),
    problems,
  ]
    .filter(Boolean)
    .join('\n\n');
  if (fits(full)) return `${full}\n`;

  // Too long: keep the verdicts, drop the per-component detail.
  const head = [
    ...lead,
    ...(options.delta ? [deltaMarkdown(options.delta, { maxRows: 40, verdictsOnly: true })] : []),
    `### Models\n\n${COMPACT_HEADER}`,
  ].join('\n\n');
  const n = report.problems.length;
  const counts = n > 0 ? `\n${n} problem${n === 1 ? '' : 's'} not shown; ${TRUNCATION_HINT}.` : '';
  const { text } = fitItems(head, report.models.map(compactRow), counts, omittedModels);
  return `${hardCut(text, `\n… cut to fit; ${TRUNCATION_HINT}.`)}\n`;
}

// Text: the evidence behind each status ---------------------------------------------------

function evidenceDetails(model: ModelReport): string {
  const items = COMPONENT_IDS.map((id) => {
    const result = model.components[id];
    const style = STATUS_STYLES[result.status];
    const license = result.license ? `, ${mdCode(result.license)}` : '';
    const online = result.verifiedOnline ? ', verified online' : '';
    const lines = [`- ${style.symbol} **${mdText(COMPONENTS[id].title)}** (${style.label}${license}${online}): ${mdText(result.message)}`];
    for (const e of result.evidence) {
      const where = evidenceLocation(e);
      const extra = [e.field ? `field ${mdCode(e.field)}` : '', e.section ? `section “${mdText(e.section)}”` : '', e.note ? mdText(e.note) : '']
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

const PROBLEM_LEVEL: Record<Problem['severity'], AnnotationLevel> = { error: 'failure', warning: 'warning', note: 'notice' };

function problemAnnotations(problems: readonly Problem[]): Annotation[] {
  return problems
    .filter((p): p is Problem & { path: string; line: number } => !!p.path && typeof p.line === 'number' && p.line > 0)
    .map((p) => ({
      path: p.path,
      start_line: p.line,
      end_line: p.line,
      annotation_level: PROBLEM_LEVEL[p.severity],
      title: p.ruleId ?? `truly-open ${p.severity}`,
      message: oneLine(p.message),
    }));
}

/** One annotation per card license line that makes components restricted. */
function licenseAnnotations(models: readonly ModelReport[]): Annotation[] {
  const byLine = new Map<string, { path: string; line: number; license: string | null; ids: ComponentId[] }>();
  for (const model of models) {
    for (const id of COMPONENT_IDS) {
      const result = model.components[id];
      if (result.status !== 'restricted') continue;
      for (const e of result.evidence) {
        if (e.kind !== 'card-field' || !e.path || !e.line) continue;
        if (!e.license && !e.field?.startsWith('license')) continue;
        const key = `${e.path}:${e.line}`;
        const entry = byLine.get(key) ?? { path: e.path, line: e.line, license: e.license ?? result.license, ids: [] };
        if (!entry.ids.includes(id)) entry.ids.push(id);
        byLine.set(key, entry);
      }
    }
  }
  return [...byLine.values()].map((entry) => {
    const license = entry.license ?? 'this license';
    const titles = entry.ids.map((id) => COMPONENTS[id].phrase);
    return {
      path: entry.path,
      start_line: entry.line,
      end_line: entry.line,
      annotation_level: 'warning' as const,
      title: `Restricted license: ${license}`,
      message: truncate(
        `${license} restricts use, so ${listWords(titles)} ${titles.length === 1 ? 'is' : 'are'} not open. ` +
          'An open license (e.g. Apache-2.0, MIT, CC-BY-4.0, CDLA-Permissive-2.0) lets anyone use, study, change and share the release.',
        1000,
      ),
    };
  });
}

/** One annotation per weight file stored as a pickle (evidence note starting with `pickle`). */
function pickleAnnotations(models: readonly ModelReport[]): Annotation[] {
  const seen = new Map<string, Annotation>();
  for (const model of models) {
    for (const id of COMPONENT_IDS) {
      for (const e of model.components[id].evidence) {
        if (!e.path || !e.note?.toLowerCase().startsWith('pickle') || seen.has(e.path)) continue;
        const line = e.line && e.line > 0 ? e.line : 1;
        seen.set(e.path, {
          path: e.path,
          start_line: line,
          end_line: line,
          annotation_level: 'warning',
          title: 'Unsafe weight format: pickle',
          message:
            'Pickle files can run arbitrary code when loaded. Publish the weights as safetensors so users can load them safely.',
        });
      }
    }
  }
  return [...seen.values()];
}

export function checkRunAnnotations(report: Report): Annotation[] {
  return [...problemAnnotations(report.problems), ...licenseAnnotations(report.models), ...pickleAnnotations(report.models)];
}

export function renderCheckRun(report: Report, options: CheckRunOptions = {}): CheckRunOutput {
  return {
    title: checkRunTitle(report, options.requirement),
    summary: checkRunSummary(report, options),
    text: checkRunText(report),
    annotations: checkRunAnnotations(report),
  };
}

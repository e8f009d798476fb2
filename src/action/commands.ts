// The pure half of the GitHub Action: reading inputs from an environment, turning a report
// into workflow commands and output lines. No fs, no process: main.ts does the I/O, so all
// of this is testable with plain values.
//
// Workflow-command syntax (as the runner parses it and @actions/core writes it):
//   ::warning file=README.md,line=3,title=Weights restricted::Llama 3 license ...
// Message text escapes %, CR and LF; property values escape those plus ':' and ','.
// Without the escaping a message with a newline ends the command early and the rest lands
// in the log as plain text, and a ',' in a title starts a bogus property.
import { COMPONENTS, COMPONENT_IDS, type ComponentId, type Status } from '../core/catalog.js';
import { gate, ladderRank, requiredBy } from '../core/frameworks/requirements.js';
import { adviceFor } from '../core/render/advice.js';
import type { ModelReport, Report } from '../core/report.js';
import { REQUIREMENTS, type Requirement } from '../config/schema.js';

export const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface ActionInputs {
  path: string;
  require: Requirement | undefined;
  format: Format;
  config: string | undefined;
  offline: boolean;
}

/** A bad input: main.ts prints it as `::error::` and exits 2. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * The runner hands `with:` values to a JavaScript action as INPUT_<NAME>: upper-cased,
 * spaces turned into underscores, hyphens kept. Unset and blank both mean "not given".
 */
export function getInput(env: Record<string, string | undefined>, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** YAML 1.2 core-schema booleans, the set the Actions toolkit accepts for boolean inputs. */
function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input '${name}' must be true or false, got '${value}'`);
}

export function readInputs(env: Record<string, string | undefined>): ActionInputs {
  const require = getInput(env, 'require');
  if (require !== '' && !(REQUIREMENTS as readonly string[]).includes(require)) {
    throw new InputError(`input 'require' must be one of ${REQUIREMENTS.join(', ')}; got '${require}'`);
  }
  const format = getInput(env, 'format') || 'markdown';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new InputError(`input 'format' must be one of ${FORMATS.join(', ')}; got '${format}'`);
  }
  const config = getInput(env, 'config');
  return {
    path: getInput(env, 'path') || '.',
    require: require === '' ? undefined : (require as Requirement),
    format: format as Format,
    config: config === '' ? undefined : config,
    offline: parseBoolean('offline', getInput(env, 'offline'), false),
  };
}

export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  /** Path relative to the repository root (the workspace), as GitHub resolves it. */
  file?: string;
  line?: number;
  title: string;
  message: string;
}

export function formatCommand(annotation: Annotation): string {
  const props: string[] = [];
  if (annotation.file) props.push(`file=${escapeProperty(annotation.file)}`);
  if (annotation.file && annotation.line !== undefined) props.push(`line=${annotation.line}`);
  props.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${props.join(',')}::${escapeData(annotation.message)}`;
}

export interface AnnotationContext {
  /**
   * Where the scanned directory sits inside the workspace, POSIX, '' or '.' for the root.
   * Report paths are relative to the scanned directory; annotations need workspace paths.
   */
  pathPrefix: string;
  /** The model card of a model folder, when there is one: missing pieces point at it. */
  cardPath?: (modelPath: string) => string | undefined;
  /**
   * An absolute problem path (a config file given by the `config` input) as a workspace
   * path, or undefined when it lies outside the workspace: GitHub could not show it there.
   */
  workspacePath?: (absolutePath: string) => string | undefined;
}

/** POSIX or Windows absolute: such a path is not relative to the scanned folder. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path);
}

export function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '' && p !== '.')
    .join('/');
  return joined === '' ? '.' : joined;
}

const PROBLEM_LEVEL: Record<'error' | 'warning' | 'note', AnnotationLevel> = {
  error: 'error',
  warning: 'warning',
  note: 'notice',
};

// Restricted and unlicensed pieces exist but fall short of open terms: worth a warning.
// Missing pieces (and mentioned ones: named, not published) are the common case for most
// releases, so they stay notices, and the ones that block the next ladder level come
// first (GitHub shows only the first few of each level).
const COMPONENT_LEVEL: Partial<Record<Status, AnnotationLevel>> = {
  restricted: 'warning',
  unlicensed: 'warning',
  missing: 'notice',
  mentioned: 'notice',
};

function modelLabel(report: Report, model: ModelReport): string {
  return report.models.length > 1 ? `${model.name}: ` : '';
}

function componentAnnotation(
  report: Report,
  model: ModelReport,
  id: ComponentId,
  ctx: AnnotationContext,
): Annotation | null {
  const result = model.components[id];
  const level = result ? COMPONENT_LEVEL[result.status] : undefined;
  if (!result || !level) return null;
  // Evidence paths are relative to the scanned root; prefer a fact with a line number.
  const located = result.evidence.find((e) => e.path && e.line !== undefined) ?? result.evidence.find((e) => e.path);
  const file = located?.path ?? ctx.cardPath?.(model.path);
  const title = `${modelLabel(report, model)}${COMPONENTS[id].title} ${result.status}`;
  // The message names the license already in most cases: never say it twice.
  const license = result.license && result.status !== 'missing' && !result.message.includes(result.license) ? ` (${result.license})` : '';
  const message = `${result.message}${license}\nHow to fix: ${adviceFor(id, result)}`;
  const annotation: Annotation = { level, title, message };
  if (file) annotation.file = joinPath(ctx.pathPrefix, file);
  if (file && located?.line !== undefined) annotation.line = located.line;
  return annotation;
}

/**
 * Problems first (they are things to fix in files), then per model the restricted and
 * missing components, blockers of the next ladder level before the rest.
 */
export function annotationsFor(report: Report, ctx: AnnotationContext): Annotation[] {
  const out: Annotation[] = [];
  for (const problem of report.problems) {
    const annotation: Annotation = {
      level: PROBLEM_LEVEL[problem.severity],
      title: `truly-open: ${problem.ruleId ?? problem.severity}`,
      message: problem.message,
    };
    const file = !problem.path
      ? undefined
      : isAbsolutePath(problem.path)
        ? ctx.workspacePath?.(problem.path)
        : joinPath(ctx.pathPrefix, problem.path);
    if (file) {
      annotation.file = file;
      if (problem.line !== undefined) annotation.line = problem.line;
    }
    out.push(annotation);
  }
  for (const model of report.models) {
    const blockers = new Set<ComponentId>(model.ladder.missing);
    const order = [...COMPONENT_IDS].sort((a, b) => Number(blockers.has(b)) - Number(blockers.has(a)));
    for (const id of order) {
      const annotation = componentAnnotation(report, model, id, ctx);
      if (annotation) out.push(annotation);
    }
  }
  return out;
}

/**
 * One value per output for the whole repository. With several models the repository is
 * as open as its least open model, so each output takes the weakest model's value.
 */
export function outputsFor(report: Report, reportPath: string): Record<string, string> {
  const models = report.models;
  const level = models.length
    ? models.map((m) => m.ladder.level).reduce((a, b) => (ladderRank(b) < ladderRank(a) ? b : a))
    : 'closed';
  // MOF class 1 is the most open; a model with no class makes the repository class-less.
  const classes = models.map((m) => m.frameworks.mof.class);
  const mofClass =
    classes.length === 0 || classes.some((c) => c === null) ? 'none' : String(Math.max(...(classes as number[])));
  const osaid = models.length > 0 && models.every((m) => m.frameworks.osaid.conformant);
  return { level, 'mof-class': mofClass, osaid: String(osaid), 'report-path': reportPath };
}

/**
 * Lines for the GITHUB_OUTPUT file. Single-line values use `name=value`; a value with a
 * line break uses the heredoc form with a delimiter the value does not contain.
 */
export function formatOutputs(outputs: Record<string, string>, delimiter: string): string {
  let text = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (!/[\r\n]/.test(value)) {
      text += `${name}=${value}\n`;
      continue;
    }
    if (value.includes(delimiter) || name.includes(delimiter)) {
      throw new Error(`output '${name}' contains the heredoc delimiter`);
    }
    text += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return text;
}

export interface RequirementOutcome {
  requirement: string;
  met: boolean;
  /** One line per model that falls short. */
  failures: string[];
}

/** Null when no requirement applies; the step fails only when this says `met: false`. */
export function requirementOutcome(report: Report): RequirementOutcome | null {
  const g = gate(report, requiredBy(report));
  return g && { requirement: g.requirement, met: g.met, failures: g.failures };
}

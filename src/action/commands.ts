// The pure half of the GitHub Action: reading inputs from an environment, turning a report
// into workflow commands and output lines. No fs, no process: main.ts does the I/O, so all
// of this is testable with plain values.
//
// Workflow-command syntax (as the runner parses it and @actions/core writes it):
//   ::warning file=README.md,line=3,title=Weights restricted::Llama 3 license ...
// Message text escapes %, CR and LF; property values escape those plus ':' and ','.
// Without the escaping a message with a newline ends the command early and the rest lands
// in the log as plain text, and a ',' in a title starts a bogus property.
import { gate, ladderRank, requiredBy } from '../core/frameworks/requirements.js';
import { ANNOTATIONS_PER_LEVEL, capPerLevel, reportFindings } from '../core/render/annotations.js';
import { listWords } from '../core/render/format.js';
import type { Report } from '../core/report.js';
import { REQUIREMENTS, type Requirement } from '../config/schema.js';
import { FORMATS, isFormat, type Format } from '../core/render/formats.js';

export type { Format };

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
  const format = getInput(env, 'format') || 'text';
  if (!isFormat(format)) {
    throw new InputError(`input 'format' must be one of ${FORMATS.join(', ')}; got '${format}'`);
  }
  const config = getInput(env, 'config');
  return {
    path: getInput(env, 'path') || '.',
    require: require === '' ? undefined : (require as Requirement),
    format,
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

/**
 * The report's findings (src/core/render/annotations.ts, the same the check run annotates),
 * most important first, as workflow-command annotations with workspace paths: problems,
 * then what blocks the next ladder level, then the next MOF class; each license once, at
 * the place it is declared. A finding without a line annotates its whole file.
 */
export function annotationsFor(report: Report, ctx: AnnotationContext): Annotation[] {
  return reportFindings(report).map((f) => {
    const annotation: Annotation = { level: f.level, title: f.title, message: f.message };
    const file = !f.path
      ? undefined
      : isAbsolutePath(f.path)
        ? ctx.workspacePath?.(f.path)
        : joinPath(ctx.pathPrefix, f.path);
    if (file) {
      annotation.file = file;
      if (f.line !== undefined) annotation.line = f.line;
    }
    return annotation;
  });
}

/**
 * What the step prints: GitHub shows at most 10 errors, 10 warnings and 10 notices per
 * step, so the first 10 of each (one error fewer: an unmet requirement adds one), and a
 * plain log line that counts the rest (the job summary has them all).
 */
export function stepAnnotations(
  report: Report,
  ctx: AnnotationContext,
): { annotations: Annotation[]; note: string | null } {
  const { kept, dropped } = capPerLevel(annotationsFor(report, ctx), ANNOTATIONS_PER_LEVEL, {
    error: ANNOTATIONS_PER_LEVEL - 1,
  });
  const left = (['error', 'warning', 'notice'] as const)
    .filter((level) => dropped[level] > 0)
    .map((level) => `${dropped[level]} ${level}${dropped[level] === 1 ? '' : 's'}`);
  const note =
    left.length === 0
      ? null
      : `truly-open: ${listWords(left)} more not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each per step); the job summary lists every component.`;
  return { annotations: kept, note };
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

// The GitHub Action, as a thin shell around what the CLI runs:
//   1. inputs from INPUT_* (commands.ts)
//   2. config, snapshot, online lookups unless offline, assess: evaluateTarget, shared with the CLI
//   3. job summary (Markdown), the log (the `format` input), annotations (10 per level, as GitHub
//      shows), JSON report, outputs
//   4. exit code: 1 only for an unmet requirement, 2 for bad inputs (an invalid config file too).
// Everything that can be decided without I/O lives in commands.ts and is unit-tested there.
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { evaluateTarget, InputError as RunInputError } from '../run/evaluate.js';
import { CONFIG_RULE_ID } from '../config/parse.js';
import { ConfigFileError } from '../config/read.js';
import { hardCut } from '../core/render/fit.js';
import { renderJson } from '../core/render/json.js';
import { renderMarkdown } from '../core/render/markdown.js';
import type { Report } from '../core/report.js';
import { HubSnapshotError } from '../sources/hub-snapshot.js';
import { SnapshotError } from '../sources/local-snapshot.js';
import {
  formatCommand,
  formatOutputs,
  InputError,
  isAbsolutePath,
  joinPath,
  outputsFor,
  readInputs,
  requirementOutcome,
  stepAnnotations,
  type ActionInputs,
} from './commands.js';
import { renderReport } from '../core/render/formats.js';

export interface RunIo {
  env: Record<string, string | undefined>;
  /** Working directory the runner started the action in (normally the workspace). */
  cwd: string;
  stdout: (line: string) => void;
}

/** Runs the action and returns the exit code; throws only for bugs. */
export async function run(io: RunIo): Promise<number> {
  const { env, stdout } = io;
  const fail = (message: string): number => {
    stdout(formatCommand({ level: 'error', title: 'truly-open', message }));
    return 2;
  };

  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (error) {
    if (error instanceof InputError) return fail(error.message);
    throw error;
  }

  const workspace = resolve(io.cwd, env.GITHUB_WORKSPACE || '.');
  const root = resolve(workspace, inputs.path);
  if (!isDirectory(root)) return fail(`input 'path': ${inputs.path} is not a directory`);

  let report: Report;
  try {
    report = await evaluateTarget(
      // Relative to the working directory when inside it, so the report names the folder
      // as the user wrote it rather than the runner's absolute path.
      inside(io.cwd, root) ? relative(io.cwd, root) || '.' : root,
      {
        configPath: inputs.config === undefined ? undefined : resolve(workspace, inputs.config),
        offline: inputs.offline,
        require: inputs.require,
        privateRepo: repositoryIsPrivate(env),
      },
      { stderr: () => {}, env, stderrTTY: false },
    );
  } catch (error) {
    const expected = [RunInputError, SnapshotError, ConfigFileError, HubSnapshotError].some((t) => error instanceof t);
    if (expected) return fail((error as Error).message);
    throw error;
  }

  writeSummary(env, renderMarkdown(report));
  stdout(`::group::truly-open report (${inputs.format})`);
  // The report quotes model cards and file names, which anyone opening a PR controls: with
  // commands stopped, a line such as `::error::...` or `::add-mask::` in a card is only text.
  const resume = `truly-open-${randomUUID()}`;
  stdout(`::stop-commands::${resume}`);
  // The log is not a TTY: no colour codes.
  for (const line of (await renderReport(report, inputs.format)).replace(/\n$/, '').split('\n')) stdout(line);
  stdout(`::${resume}::`);
  stdout('::endgroup::');

  const pathPrefix = inside(workspace, root) ? toPosix(relative(workspace, root)) : '';
  const workspacePath = (path: string) => (inside(workspace, path) ? toPosix(relative(workspace, path)) : undefined);
  const { annotations, note } = stepAnnotations(report, { pathPrefix, workspacePath });
  for (const annotation of annotations) stdout(formatCommand(annotation));
  if (note) stdout(note);

  const reportPath = writeReport(env, workspace, report);
  writeOutputs(env, outputsFor(report, reportPath), stdout);

  // An invalid config means the defaults applied, so a mistyped `require` would otherwise
  // pass the gate without ever checking it: the report is out, the step fails as bad input.
  const configErrors = report.problems.filter((p) => p.ruleId === CONFIG_RULE_ID && p.severity === 'error');
  if (configErrors.length > 0) {
    const path = configErrors[0]!.path;
    const file = !path ? undefined : isAbsolutePath(path) ? (workspacePath(path) ?? path) : joinPath(pathPrefix, path);
    return fail(
      `invalid configuration${file ? ` in ${file}` : ''} ` +
        `(${configErrors.length} error${configErrors.length === 1 ? '' : 's'}); nothing was required of the models until it is fixed`,
    );
  }

  const outcome = requirementOutcome(report);
  if (outcome && !outcome.met) {
    stdout(
      formatCommand({
        level: 'error',
        title: `truly-open: ${outcome.requirement} not met`,
        message: outcome.failures.join('\n'),
      }),
    );
    return 1;
  }
  return 0;
}

/**
 * `repository.private` of the event that started the workflow. An event file that cannot be
 * read counts as private: card contents of a private repository must not reach the Hub by accident.
 */
export function repositoryIsPrivate(env: RunIo['env']): boolean {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return false;
  try {
    const event = JSON.parse(readFileSync(path, 'utf8')) as { repository?: { private?: unknown } } | null;
    return event?.repository?.private === true;
  } catch {
    return true;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** GitHub refuses a step summary above 1 MiB (and then shows none at all). */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;

function writeSummary(env: RunIo['env'], markdown: string): void {
  if (!env.GITHUB_STEP_SUMMARY) return;
  const text = hardCut(
    markdown,
    '\n_The report was cut to fit the job summary; the full report is the `report-path` output._',
    SUMMARY_LIMIT,
  );
  appendFileSync(env.GITHUB_STEP_SUMMARY, text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * RUNNER_TEMP is emptied after each job but survives between steps, so a later
 * upload-artifact step can pick the report up. GITHUB_ACTION (the step id) keeps two
 * truly-open steps in one job from overwriting each other.
 */
function writeReport(env: RunIo['env'], workspace: string, report: Report): string {
  const dir = env.RUNNER_TEMP || (env.GITHUB_WORKSPACE ? workspace : tmpdir());
  mkdirSync(dir, { recursive: true });
  const step = (env.GITHUB_ACTION || 'report').replace(/[^\w.-]+/g, '_');
  const path = join(dir, `truly-open-${step}.json`);
  writeFileSync(path, renderJson(report));
  return path;
}

function writeOutputs(env: RunIo['env'], outputs: Record<string, string>, stdout: (line: string) => void): void {
  if (!env.GITHUB_OUTPUT) {
    stdout('::debug::GITHUB_OUTPUT is not set; outputs not written');
    return;
  }
  appendFileSync(env.GITHUB_OUTPUT, formatOutputs(outputs, `ghadelimiter_${randomUUID()}`));
}

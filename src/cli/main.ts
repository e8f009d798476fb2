// The CLI shell: args -> snapshot -> (online lookups) -> assess -> render -> exit code.
// Exit codes: 0 no requirement or met, 1 requirement not met, 2 usage or input error.
//
// The Hub client, the renderers other than JSON and the config parser (zod) are imported
// when a run needs them: `check --offline` on a directory without a config file then loads
// none of them, which is a good part of its start-up time (see BENCHMARKS.md). The engine
// itself (~30 ms of module loading) is imported while the subject is being read.
import { parseArgs } from 'node:util';
import { REQUIREMENTS, type Requirement } from '../config/defaults.js';
import { ConfigFileError } from '../config/read.js';
import type { HubSnapshotError } from '../sources/hub-snapshot.js';
import { SnapshotError } from '../sources/local-snapshot.js';
import { evaluateTarget, InputError } from '../run/evaluate.js';
import { FORMATS, isFormat, renderReport } from '../core/render/formats.js';
import { version } from '../version.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  isTTY: boolean;
  /** Whether progress may be written to stderr (an interactive terminal). */
  stderrTTY: boolean;
}

export class UsageError extends Error {}

const HELP = `truly-open — how open is this model release, really?

Usage
  truly-open check [path | hf:org/model] [options]
  truly-open badge [path] [--svg]
  truly-open --help | --version

check options
  --format ${FORMATS.join('|').padEnd(27)} output format (default: text)
  --require LEVEL                     exit 1 unless every model reaches LEVEL:
                                      ${REQUIREMENTS.join(', ')}
  --config FILE                       config file (default: .github/truly-open.yml in the path)
  --offline                           no Hugging Face Hub or GitHub lookups

Exit codes: 0 requirement met (or none set), 1 requirement not met, 2 usage or input error
(an invalid config file too: the report is still printed).
Environment: HF_ENDPOINT (Hub mirror), HF_TOKEN, GITHUB_TOKEN, NO_COLOR.
Docs: https://github.com/truly-open/truly-open#readme
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (
      err instanceof UsageError ||
      err instanceof InputError ||
      err instanceof SnapshotError ||
      err instanceof ConfigFileError ||
      isHubSnapshotError(err)
    ) {
      io.stderr(`truly-open: ${oneLine(err.message)}\n`);
      if (err instanceof UsageError) io.stderr('Run `truly-open --help` for usage.\n');
      return 2;
    }
    io.stderr(`truly-open: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        require: { type: 'string' },
        config: { type: 'string', short: 'c' },
        offline: { type: 'boolean' },
        svg: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${version()}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    io.stdout(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command !== 'check' && command !== 'badge') throw new UsageError(`unknown command "${command}"`);
  if (rest.length > 1) throw new UsageError(`expected one path, got ${rest.length}: ${rest.join(' ')}`);
  const format = values.format ?? 'text';
  if (!isFormat(format)) throw new UsageError(`unknown format "${values.format}" (expected ${FORMATS.join(', ')})`);
  let require: Requirement | undefined;
  if (values.require !== undefined) {
    const { requirementFromString } = await import('../core/frameworks/requirements.js');
    const r = requirementFromString(values.require);
    if (!r) throw new UsageError(`unknown requirement "${values.require}" (expected ${REQUIREMENTS.join(', ')})`);
    require = r;
  }

  const target = rest[0] ?? '.';
  const report = await evaluateTarget(
    target,
    { configPath: values.config, offline: values.offline === true, require },
    io,
  );

  if (command === 'badge') {
    const { renderBadge, renderBadgeSvg } = await import('../core/render/badge.js');
    const ladder = report.models[0]?.ladder ?? 'closed';
    io.stdout(values.svg ? renderBadgeSvg(ladder) : `${JSON.stringify(renderBadge(ladder), null, 2)}\n`);
    return 0;
  }
  io.stdout(await renderReport(report, format, { color: io.isTTY && !io.env['NO_COLOR'] }));
  // An invalid config falls back to the defaults, so a mistyped `require` would pass a gate
  // silently: the report is printed, and the exit says the input needs fixing.
  const configErrors = report.problems.filter((p) => p.ruleId === 'config-invalid' && p.severity === 'error');
  if (configErrors.length > 0) {
    io.stderr(
      `truly-open: the configuration is invalid (${configErrors.length} problem${configErrors.length === 1 ? '' : 's'}, see the report); the defaults were used\n`,
    );
    return 2;
  }
  const { gate, requiredBy } = await import('../core/frameworks/requirements.js');
  const verdict = gate(report, requiredBy(report));
  if (!verdict || verdict.met) return 0;
  // Say why on stderr too: with --format json the report alone is read by a program.
  for (const failure of verdict.failures.slice(0, 5))
    io.stderr(`truly-open: ${verdict.requirement} not met: ${failure}\n`);
  return 1;
}

/** Without importing the Hub client: it has been loaded whenever one of its errors exists. */
function isHubSnapshotError(err: unknown): err is HubSnapshotError {
  return err instanceof Error && err.name === 'HubSnapshotError';
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

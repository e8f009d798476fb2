// One local run, shared by the CLI and the Action: read the configuration and the subject
// (a directory or an `hf:` Hub repository), look things up online unless told not to, and
// assess. The shells only turn the report into output and an exit code.
import { defaultConfig, type Requirement } from '../config/defaults.js';
import { readConfigFile } from '../config/read.js';
import type { Config } from '../config/schema.js';
import type { Problem } from '../core/evidence/types.js';
import type { Report } from '../core/report.js';
import type { RepoSnapshot } from '../core/snapshot.js';
import { readLocalSnapshot } from '../sources/local-snapshot.js';
import { version } from '../version.js';

/** A request that cannot be run as asked (an `hf:` subject offline): the shells exit 2 with it. */
export class InputError extends Error {}

/** What a run needs from its shell: where progress goes, the environment (tokens, mirrors). */
export interface RunIo {
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** Whether progress may be written to stderr (an interactive terminal). */
  stderrTTY: boolean;
}

export interface EvaluateOptions {
  configPath?: string | undefined;
  offline: boolean;
  require?: Requirement | undefined;
  /**
   * The subject is a private repository: no lookups unless config `hub.private_repos` (the Action
   * knows; the CLI does not).
   */
  privateRepo?: boolean;
}

/** Reads the subject, looks things up online unless told not to, and assesses. */
export async function evaluateTarget(target: string, options: EvaluateOptions, io: RunIo): Promise<Report> {
  const progress = io.stderrTTY ? (msg: string) => io.stderr(`\r\x1b[2K${msg}`) : () => {};
  const hub = target.startsWith('hf:');
  let config: Config = defaultConfig();
  const problems: Problem[] = [];
  if (!hub || options.configPath) {
    const loaded = await readConfigFile(hub ? '.' : target, options.configPath);
    config = loaded.config;
    problems.push(...loaded.problems);
  }
  if (hub && options.offline) throw new InputError('hf: subjects need the Hub; drop --offline');
  const hubOptions = async () => ({
    ...(await import('../sources/remote/resolve.js')).hubOptionsFromEnv(io.env),
    ...(io.env['GITHUB_TOKEN'] ? { githubToken: io.env['GITHUB_TOKEN'] } : {}),
  });

  // Loaded while the source waits on find, the disk or the network, not before.
  const engine = import('../core/assess.js');
  engine.catch(() => undefined); // if reading fails first, a failed import must not go unhandled
  let snapshot: RepoSnapshot;
  if (hub) {
    progress(`reading ${target} from the Hub…`);
    const { readHubSnapshot } = await import('../sources/hub-snapshot.js');
    snapshot = await readHubSnapshot(target, await hubOptions());
  } else {
    progress(`reading ${target}…`);
    snapshot = await readLocalSnapshot(target, {
      ignore: config.ignore,
      // Only on a terminal, where it is shown: the first toLocaleString loads ICU number formats (~20 ms).
      ...(io.stderrTTY
        ? { onProgress: (n: number) => progress(`reading ${target}… ${n.toLocaleString('en')} entries`) }
        : {}),
    });
  }
  // Offline, enrichSnapshot returns the snapshot as it is: no need to load the Hub client.
  if (!options.offline) {
    const { enrichSnapshot } = await import('../sources/remote/online.js');
    snapshot = await enrichSnapshot(snapshot, config, {
      ...(await hubOptions()),
      offline: false,
      privateRepo: options.privateRepo === true,
      onProgress: progress,
    });
  }
  progress('');
  const { assess } = await engine;
  return assess(snapshot, config, {
    version: version(),
    problems,
    ...(options.require ? { require: options.require } : {}),
  });
}

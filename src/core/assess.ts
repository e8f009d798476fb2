// snapshot + config -> Report. Pure, synchronous and deterministic: the CLI, the app and
// every test run this same function on the same data.
import type { RepoSnapshot } from './snapshot.js';
import type { Config } from '../config/schema.js';
import type { Problem } from './evidence/types.js';
import type { Report } from './report.js';

export interface AssessOptions {
  /** Tool version written into the report. */
  version?: string;
  /** Problems found before assessment (config loading, the source). */
  problems?: Problem[];
}

export function assess(_snapshot: RepoSnapshot, _config: Config, _options: AssessOptions = {}): Report {
  throw new Error('assess: under construction');
}

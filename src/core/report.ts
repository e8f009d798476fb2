// The JSON report (see docs/report-format.md): the public contract other tools read.
// Add fields freely; rename or remove only with a new schemaVersion.
import type { ComponentId, Status } from './catalog.js';
import type { Evidence, Problem } from './evidence/types.js';

/**
 * What a component would be if a pointer to it held: a link that was not followed (offline,
 * or a host that is never looked up), a declaration in the configuration, or a lookup that
 * failed. It never changes the status; it feeds the level the release *claims*.
 */
export interface Claim {
  /**
   * Judged from the license the pointer names, or the one that governs the component here; open
   * when no terms are known yet.
   */
  status: 'open' | 'restricted' | 'unlicensed';
  license: string | null;
  via: 'link' | 'declaration' | 'lookup-failed';
  /** Where it is said to be: `hub` / `github` ids, any other address (`web`), or the configuration. */
  host: 'hub' | 'github' | 'web' | 'config';
  /** The id or address, as short as it can be said. */
  target: string;
}

export const SCHEMA_VERSION = 1;

export type LadderLevel = 'open-source' | 'open-weights' | 'restricted-weights' | 'closed';
export const LADDER_LEVELS: readonly LadderLevel[] = ['open-source', 'open-weights', 'restricted-weights', 'closed'];

export type OsaiGrade = 'open' | 'partial' | 'closed' | null;

export interface ComponentResult {
  status: Status;
  /** SPDX id or LicenseRef-…, null when none applies. */
  license: string | null;
  messageId: string;
  message: string;
  evidence: Evidence[];
  /** Values the message was built from (counts, names); renderers may use them. */
  data?: Record<string, string | number | boolean | null>;
  /** True when the status rests on something verified online (Hub / GitHub lookups). */
  verifiedOnline?: boolean;
  /** A pointer that was not confirmed (a link not followed, a declaration, a failed lookup) and what it claims. */
  claim?: Claim;
}

export interface LadderVerdict {
  level: LadderLevel;
  /** Component ids that block the next level up. */
  missing: ComponentId[];
  /** The headline in plain words, e.g. "Open weights: the training data and the preprocessing code are missing". */
  headline: string;
  /** When a base model caps the level: which model and its level. */
  cappedBy?: { model: string; level: LadderLevel };
  /**
   * The level the release claims when unconfirmed pointers (links not followed offline,
   * declarations, failed lookups) are taken at their word, and the components that rest on
   * them. Present only when it is above `level`, which stays the proven level.
   */
  claimed?: { level: LadderLevel; unverified: ComponentId[] };
}

export interface MofVerdict {
  class: 1 | 2 | 3 | null;
  progress: { '3': number; '2': number; '1': number };
  /** Required components not open, per class. */
  missing: { '3': ComponentId[]; '2': ComponentId[]; '1': ComponentId[] };
  warnings: string[];
}

export interface OsaidVerdict {
  conformant: boolean;
  /** Missing elements: `data-information` or component ids. */
  missing: string[];
  /** Reported but not blocking (evaluation code). */
  notes: string[];
}

export interface OsaiIndexVerdict {
  score: number | null;
  grades: Record<string, OsaiGrade>;
}

export interface ModelReport {
  path: string;
  name: string;
  ladder: LadderVerdict;
  frameworks: { mof: MofVerdict; osaid: OsaidVerdict; osaiIndex: OsaiIndexVerdict };
  components: Record<ComponentId, ComponentResult>;
  /** Lineage: the base model(s) named in `base_model:` and what is known of them. */
  lineage?: LineageEntry[];
  requirement?: RequirementResult;
}

export interface LineageEntry {
  model: string;
  depth: number;
  resolved: boolean;
  weights?: ComponentResult;
  trainingData?: ComponentResult;
  level?: LadderLevel;
  note?: string;
}

export interface RequirementResult {
  requirement: string;
  met: boolean;
  /** Why not, in plain words. */
  reason?: string;
  /** Not met on the evidence, but met by what the release claims: confirm it online or declare it. */
  unverified?: boolean;
}

export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'truly-open'; version: string };
  subject: { source: 'directory' | 'github' | 'huggingface'; location: string; revision: string | null };
  models: ModelReport[];
  problems: Problem[];
  /** Whether online lookups ran (Hub / GitHub); false for `--offline`. */
  online?: boolean;
}

// Facts verified online (Hugging Face Hub, GitHub API), as plain data. The I/O shell
// (src/sources/remote/) fills them before assessment; the pure criteria read them. Offline,
// `RemoteFacts` is absent and mentions stay mentions.

/** What the engine would like verified, collected from the card, links and config. */
export interface RemoteQuery {
  /** Hub dataset ids named as training data (`datasets:` or dataset links). */
  datasets: string[];
  /** Hub dataset ids named as evaluation data (`model-index`). */
  evalDatasets: string[];
  /** Hub model ids linked from the card or config `huggingface:` (the release's weights). */
  models: string[];
  /** `base_model:` ids (lineage). */
  baseModels: string[];
  /** Public GitHub repositories named as code, with the component they would evidence. */
  githubRepos: { repo: string; component: CodeComponent }[];
  /**
   * Hub id of the model being evaluated, when known (`hf:` subject, config `huggingface:`): lineage
   * stops if it comes back to it.
   */
  subject?: string;
  /**
   * The Hub release tied to a GitHub repository by config `huggingface:`: its card's
   * `base_model` joins the lineage. Other linked Hub models are only weights evidence: a
   * README that links a distilled variant or a competitor says nothing about its own base.
   */
  release?: string;
}

/** Outcome of one lookup. `unavailable` = could not be checked (timeout, 5xx, offline budget). */
export type LookupState = 'found' | 'not-found' | 'unauthorized' | 'unavailable';

/** What every Hub lookup says about a repository, dataset or model. */
interface HubRepoFact {
  id: string;
  state: LookupState;
  url: string;
  /** SPDX id or LicenseRef- (normalised from the Hub's license tag), null when none. */
  license: string | null;
  gated: boolean;
  private: boolean;
  /** Gating mode when gated (`auto` approves on request, `manual` needs the owner). */
  gatedMode?: 'auto' | 'manual';
  /** The card's `license_name` when `license: other`. */
  licenseName?: string;
  /** Hub `disabled` flag (taken down). */
  disabled?: boolean;
  error?: string;
}

export interface HubDatasetFact extends HubRepoFact {
  /** The dataset card describes sources, collection and processing. */
  cardDescribesData: boolean;
}

export interface HubModelFact extends HubRepoFact {
  /** Files of the repository with sizes (LFS size when LFS). */
  files: { path: string; size: number; lfs: boolean }[];
  /** Branches / revisions that look like training steps or stages. */
  checkpointRevisions: string[];
  /** `base_model` of this model's card, for chains. */
  baseModels: string[];
  /** Datasets this model's card lists, for lineage. */
  datasets: string[];
  /** Commit sha the facts were read at. */
  revision?: string;
}

/** The code components a GitHub repository can evidence. */
export type CodeComponent = 'training-code' | 'data-preprocessing-code' | 'evaluation-code' | 'inference-code';

/** What GitHub says about a repository, whoever asked. */
export interface GithubRepoInfo {
  repo: string;
  state: LookupState;
  url: string;
  /** SPDX id from the GitHub license API, null when no license file, `NOASSERTION` mapped to null with a note. */
  license: string | null;
  private: boolean;
  /** Why `license` is null although GitHub saw something (NOASSERTION), or that no license file exists. */
  licenseNote?: string;
  archived?: boolean;
  error?: string;
}

export interface GithubRepoFact extends GithubRepoInfo {
  /** The component the card named it for (from the query): the criteria read it, never re-derive it. */
  component: CodeComponent;
}

export interface RemoteFacts {
  datasets: Record<string, HubDatasetFact>;
  models: Record<string, HubModelFact>;
  github: Record<string, GithubRepoFact>;
  /** Lineage: for each base model reached (depth 1..5), its facts and resolved datasets. */
  lineage: { model: string; depth: number; via: string }[];
  /** Why some lookups were not made (private repository, hub: false, time budget). */
  notes: string[];
  /**
   * Set when no lookup was allowed at all (config, private repository): the facts are empty and the
   * report is offline.
   */
  notOnline?: string;
}

/**
 * Words that name intermediate checkpoints in Hub branches and tags (`step1000-tokens4B`,
 * `stage1-step140000`, `ckpt_356`, `checkpoint-500`, `epoch-3`, `iter_0001000`): the online
 * lookup counts revisions named so, and a card that loads one (`revision="ckpt_356"`)
 * names them offline.
 */
export const CHECKPOINT_WORDS_SOURCE = '(?:step|stage|ckpt|checkpoint|epoch|iter|iteration)';

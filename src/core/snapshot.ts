import type { RemoteFacts } from './remote.js';
import { rx } from './rx.js';
// A repository snapshot: plain data that every source (local directory, GitHub, Hub)
// produces and the pure engine reads. No I/O happens past this point.

export type EntryKind = 'file' | 'lfs' | 'symlink' | 'submodule';

export interface SnapshotEntry {
  /** POSIX path relative to the repository root, no leading `./`. */
  path: string;
  /** Size in bytes as stored (for an LFS pointer: the size of the real object, see `lfs`). */
  size: number;
  kind: EntryKind;
  /** Git LFS pointer facts, when `kind === 'lfs'`. */
  lfs?: { oid: string; size: number };
  /** Symlink target as written in the link, when `kind === 'symlink'`. */
  target?: string;
}

let entryShape: SnapshotEntry | undefined;

/**
 * Sources call this before making entries. V8 gives objects of one shape a hidden class
 * that records what each field has held so far: entries made with sizes that fit a small
 * integer first get a class whose `size` holds only those, and the first size of 2 GiB or
 * more (any weight shard) then retires that class; every entry made before is converted on
 * its next read, about 70 ms for 100,000 entries, paid by whatever reads them first. One
 * entry made up front with a large size gives the class a `size` that holds any number.
 * (The local walk met it when find listed the root, where the weights are, last.)
 */
export function primeEntryShape(): SnapshotEntry {
  return (entryShape ??= { path: '', size: 2 ** 40, kind: 'file' });
}

export type SkipReason =
  | 'too-large' // above the text size cap
  | 'binary' // wanted as text but not valid UTF-8 text
  | 'symlink-outside' // symlink leaving the repository root
  | 'symlink-loop'
  | 'unreadable' // permission or I/O error
  | 'ignored' // matched an `ignore` glob
  | 'limit' // over the entry or text-file budget
  | 'invalid-lfs'; // looks like an LFS pointer but is malformed

export interface SkippedEntry {
  path: string;
  reason: SkipReason;
  detail?: string;
  /**
   * The listing of this folder ('' for the whole tree) is incomplete: files in it may be
   * missing from `entries` (GitHub's per-folder cap, a tree-request or entry budget). The
   * engine then cannot take absence for missing (see criteria/index.ts).
   */
  incomplete?: boolean;
}

export interface RepoSnapshot {
  source: 'directory' | 'github' | 'huggingface';
  /** What was evaluated: a directory path, `owner/repo`, or `hf:org/model`. */
  location: string;
  revision: string | null;
  entries: SnapshotEntry[];
  /** Text of the small files the engine asked for (see `wantsText`), by path. */
  texts: Record<string, string>;
  skipped: SkippedEntry[];
  /** Extra facts a source already verified online (Hub lookups); empty offline. */
  remote?: RemoteFacts;
}

/** Size cap for files read as text, everywhere. */
export const TEXT_SIZE_CAP = 1024 * 1024;

/** LFS pointers are small blobs that start with this line. */
export const LFS_VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';
export const LFS_POINTER_MAX = 1024;

const CARD_NAMES = new Set([
  'readme.md',
  'model_card.md',
  'modelcard.md',
  'model-card.md',
  'data_card.md',
  'datacard.md',
]);
/** Documents of the release beyond its cards: `MUSICGEN_MODEL_CARD.md`, `README_model.md` (a Hub card's copy). */
const CARD_DOC_NAME_RE = /model[-_]?card|dataset[-_]?card|datasheet|^readme[-_]/i;
/** Folders that hold the release's documents: `model_cards/`, `docs/`, a copy of the Hub repository. */
const DOC_FOLDER_RE = /(^|\/)(model[-_]?cards?|docs?|hugging[-_]?face|hf)\/[^/]*$/i;
const LICENSE_RE = /^(licen[cs]e|copying|notice)([._-].*)?$/i;
const TEXT_CONFIG_RE = rx('i')`
    (^|\/)(config\.json|generation_config\.json|tokenizer_config\.json|adapter_config\.json|[^/]*\.index\.json|
    training_args\.json|trainer_state\.json|all_results\.json|eval_results[^/]*\.json|[^/]*results[^/]*\.json|
    [^/]*(train|args|hparams|hyper|deepspeed|ds_|recipe|finetune|sft|pretrain)[^/]*\.json|
    (model_)?configs?\/([^/]+\/){0,3}[^/]*\.json|citation\.cff|requirements[^/]*\.txt|environment\.ya?ml|
    pyproject\.toml|setup\.cfg|setup\.py|datasheet[^/]*\.md|[^/]*\.ya?ml)$`;

/**
 * Every name TEXT_CONFIG_RE accepts ends in one of these extensions. Checking the extension
 * first spares the regex for the bulk of a large tree (data shards, code): sources call
 * `wantsText` once per file, 100,000 times on a big repository.
 */
const TEXT_CONFIG_EXTS = new Set([
  'json',
  'cff',
  'txt',
  'yml',
  'yaml',
  'toml',
  'cfg',
  'py',
  'md',
  'sh',
  'slurm',
  'sbatch',
]);
/**
 * Scripts where a recipe's settings and compute are written down: batch-job scripts
 * (`#SBATCH --nodes=64`), launch scripts, and training scripts whose constants or argument
 * defaults hold the hyperparameters (`LEARNING_RATE = 3e-4`).
 */
const RECIPE_SCRIPT_RE = rx()`
    \.(slurm|sbatch)$|(^|\/)[^/]*(train|launch|run)[^/]*\.sh$|(^|\/)(train|pretrain|finetune|main|config|configs|
    hparams|hyper[^/]*|settings|args|arguments|constants)[^/]*\.py$`;

/**
 * Which files the engine wants to read as text. Sources call this so that every source
 * fetches the same small set (and the GitHub source can fetch them in one request).
 */
export function wantsText(path: string, size: number): boolean {
  if (size > TEXT_SIZE_CAP * 64) return false;
  // Asked of every entry of every tree: nothing is allocated until the first letter or the
  // extension makes the file a candidate. Lower-casing never moves a '/' and never looks
  // across one, so the name's lower case is the path's from `start`.
  const start = path.lastIndexOf('/') + 1;
  let depth = 0;
  for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) depth++;
  const first = path.charCodeAt(start) | 0x20; // ASCII letters in lower case
  if (first === 0x72 || first === 0x6d || first === 0x64) {
    const base = path.slice(start).toLowerCase(); // r, m, d: a card?
    if (CARD_NAMES.has(base)) return depth <= 3 || base !== 'readme.md';
  } else if (first === 0x6c || first === 0x63 || first === 0x6e) {
    if (LICENSE_RE.test(path.slice(start))) return depth <= 3; // l, c, n: a license?
  }
  if (depth > 4) return false;
  const dot = path.lastIndexOf('.');
  const ext = path.slice(dot < start ? start : dot + 1).toLowerCase();
  if (!TEXT_CONFIG_EXTS.has(ext)) return false;
  // The release's own documents: every Markdown file at the root (MODEL_CARD.md, TRAINING.md),
  // model cards by name, and the documents of a docs or model-card folder. Links from the
  // card lead to them (weights, papers, checkpoints documented beside the README).
  if (
    ext === 'md' &&
    size <= 256 * 1024 &&
    (depth === 0 || CARD_DOC_NAME_RE.test(path.slice(start)) || (depth <= 3 && DOC_FOLDER_RE.test(path)))
  )
    return true;
  const lower = path.toLowerCase();
  if (lower.startsWith('.github/') && !lower.startsWith('.github/truly-open.')) return false;
  if (/\.ya?ml$/.test(lower)) return size <= 256 * 1024;
  if (ext === 'sh' || ext === 'slurm' || ext === 'sbatch' || (ext === 'py' && !lower.endsWith('setup.py'))) {
    return size <= 256 * 1024 && depth <= 3 && RECIPE_SCRIPT_RE.test(lower);
  }
  return TEXT_CONFIG_RE.test(lower);
}

/** Parses a Git LFS pointer; null when the text is not a well-formed pointer. */
export function parseLfsPointer(text: string): { oid: string; size: number } | null {
  if (!text.startsWith(LFS_VERSION_LINE)) return null;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
  const size = /^size (\d+)$/m.exec(text)?.[1];
  if (!oid || !size) return null;
  return { oid, size: Number(size) };
}

/**
 * Extensions that are source or prose, never stored as LFS pointers in practice. Data
 * formats (.csv, .jsonl, .parquet …) are deliberately absent: those are what LFS holds.
 */
const SOURCE_EXTENSIONS = new Set(
  (
    'py pyi ipynb md markdown rst txt json yaml yml toml cfg ini conf sh bash zsh ps1 bat ' +
    'js mjs cjs jsx ts mts cts tsx c h cc cpp cxx hpp hh cu cuh rs go java kt kts scala rb pl ' +
    'php lua r jl swift m mm cs fs vb sql html htm css scss sass less vue svelte xml svg tex ' +
    'bib cmake mk make gradle properties lock dockerfile gitignore gitattributes editorconfig'
  ).split(' '),
);
/** LFS-tracked in most model repositories despite a source-like extension. */
const LFS_PRONE_NAMES = new Set(['tokenizer.json']);

/**
 * Whether a small file (under LFS_POINTER_MAX bytes; the caller checks the size) is worth
 * opening to look for a Git LFS pointer: weights, data and archives are, source and prose
 * are not. Every source applies the same rule so that they agree on what is LFS.
 */
export function mayBeLfsPointer(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (LFS_PRONE_NAMES.has(base)) return true;
  const dot = base.lastIndexOf('.');
  return dot <= 0 || !SOURCE_EXTENSIONS.has(base.slice(dot + 1));
}

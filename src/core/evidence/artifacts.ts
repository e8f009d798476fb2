// Artifacts: what the file tree holds, classified by path, size and (for configs) content.
// Facts only: which files look like weights, code by role, configs, data. Criteria judge.
import type { SnapshotEntry } from '../snapshot.js';
import { TEST_DIR_RE, VENDORED_DIR_RE } from './paths.js';
import { rx } from '../rx.js';

export type WeightFormat =
  | 'safetensors'
  | 'pytorch-pickle'
  | 'pickle'
  | 'gguf'
  | 'onnx'
  | 'keras-h5'
  | 'flax-msgpack'
  | 'tflite'
  | 'coreml'
  | 'numpy'
  | 'paddle'
  | 'nemo'
  | 'tensorflow'
  | 'mxnet'
  | 'other';

export interface WeightFile {
  path: string;
  size: number;
  format: WeightFormat;
  /** Loading runs arbitrary code (pickle-based formats). */
  unsafe: boolean;
  lfs: boolean;
  /** False for an LFS file whose pointer was not read: `size` is then the pointer's, not the object's. */
  sizeKnown: boolean;
}

export interface ShardIndex {
  path: string;
  /** Shard files the index names. */
  shards: string[];
  /** Named shards that are not in the tree. */
  missing: string[];
}

export type CodeRole = 'architecture' | 'training' | 'preprocessing' | 'inference' | 'evaluation';

export interface TrainingConfigFile {
  path: string;
  /** Hyperparameter groups with real values: lr, batch, steps, schedule, optimizer. */
  groups: string[];
}

export interface Artifacts {
  weights: WeightFile[];
  shardIndexes: ShardIndex[];
  /** Checkpoint folders (or step-named weight files) with their weight files. */
  checkpoints: { dir: string; files: string[] }[];
  code: Record<CodeRole, string[]>;
  codeFiles: number;
  trainingConfigs: TrainingConfigFile[];
  /** Batch-job scripts that book the hardware a run used (`#SBATCH --nodes=64 --gpus-per-node=8`). */
  computeScripts: { path: string; nodes: number | null; gpusPerNode: number | null }[];
  /** Trainer outputs that hold settings without being readable here (`training_args.bin`, optimizer state). */
  trainingStateFiles: string[];
  tokenizer: string[];
  environment: string[];
  dataFiles: string[];
  /** Total size of `dataFiles` (LFS objects at their real size); Infinity when an LFS pointer was not read. */
  dataBytes: number;
  datasetScripts: string[];
  evalDataFiles: string[];
  samples: string[];
  pdfs: string[];
  evalResultFiles: string[];
  citation: string | null;
  dataCards: string[];
  /**
   * `config.json` at the model root; `library` is the library that wrote it
   * (`transformers_version`, `_diffusers_version`).
   */
  modelConfig: {
    path: string;
    architectures: string[];
    modelType: string | null;
    autoMap: string[];
    library: string | null;
  } | null;
}

const CODE_EXT = rx('i')`
    \.(py|ipynb|sh|bash|zsh|slurm|sbatch|js|mjs|ts|lua|jl|r|cpp|cc|cxx|c|cu|cuh|h|hpp|rs|go|java|scala|swift|kt|m|mm|
    pyx)$`;
const DATA_EXT = rx('i')`
    \.(parquet|jsonl|ndjson|json|csv|tsv|arrow|txt|tar|gz|zst|xz|bz2|zip|npy|npz|tfrecords?|feather|xml|conll|conllu|
    idx|bin|wav|flac|mp3|jpg|jpeg|png|pkl|h5|hdf5|lmdb|mds)$`;
const MEDIA_EXT = /\.(png|jpe?g|gif|webp|mp4|webm|mov|wav|mp3|flac|ogg|txt|md|json|jsonl|html)$/i;

/** Weight formats by file extension, and whether loading them can run code (pickle-based). */
const WEIGHT_BY_EXT = new Map<string, { format: WeightFormat; unsafe: boolean }>([
  ['safetensors', { format: 'safetensors', unsafe: false }],
  ['bin', { format: 'pytorch-pickle', unsafe: true }],
  ['pt', { format: 'pytorch-pickle', unsafe: true }],
  ['pth', { format: 'pytorch-pickle', unsafe: true }],
  ['ckpt', { format: 'pytorch-pickle', unsafe: true }],
  ['pkl', { format: 'pickle', unsafe: true }],
  ['pickle', { format: 'pickle', unsafe: true }],
  ['joblib', { format: 'pickle', unsafe: true }],
  ['gguf', { format: 'gguf', unsafe: false }],
  ['ggml', { format: 'gguf', unsafe: false }],
  ['onnx', { format: 'onnx', unsafe: false }],
  ['h5', { format: 'keras-h5', unsafe: false }],
  ['hdf5', { format: 'keras-h5', unsafe: false }],
  ['keras', { format: 'keras-h5', unsafe: false }],
  ['msgpack', { format: 'flax-msgpack', unsafe: false }],
  ['tflite', { format: 'tflite', unsafe: false }],
  ['mlmodel', { format: 'coreml', unsafe: false }],
  ['mlpackage', { format: 'coreml', unsafe: false }],
  ['npz', { format: 'numpy', unsafe: false }],
  ['pdparams', { format: 'paddle', unsafe: true }],
  ['nemo', { format: 'nemo', unsafe: true }],
  ['pb', { format: 'tensorflow', unsafe: false }],
  ['params', { format: 'mxnet', unsafe: false }],
]);

/** Trainer by-products: settings or optimiser state, not model parameters. */
const TRAINING_STATE_RE = rx('i')`
    (^|\/)(training_args\.bin|optimizer[^/]*\.(pt|bin|pth)|scheduler\.pt|rng_state[^/]*\.pth|trainer_state\.json|
    zero_to_fp32\.py)$`;
/** Extensions that only ever hold data (never code, weights, configs or cards). */
const BULK_DATA_EXT = new Set([
  'parquet',
  'jsonl',
  'ndjson',
  'arrow',
  'tfrecord',
  'tfrecords',
  'feather',
  'zst',
  'idx',
  'npy',
  'mds',
  'lmdb',
  'conll',
  'conllu',
  'tsv',
  'csv',
]);
const SAMPLES_DIR_RE = /^(samples?|sample[_-]outputs?|generations?|outputs?|gallery|demo[_-]outputs?)$/i;
const TRAINING_STATE_START = /^(training_args|optimizer|scheduler|rng_state|trainer_state|zero_to_fp32)/;
const CHECKPOINT_DIR_RE = rx('i')`
    ^(checkpoints?|ckpts?|checkpoint[-_]?\d+.*|step[-_]?\d+.*|global[-_]?step[-_]?\d+|iter(ation)?[-_]?\d+|
    epoch[-_=]?\d+.*|intermediate[-_]?(checkpoints?|weights)|stage[-_]?\d+)$`;
const PLAIN_CHECKPOINT_DIR_RE = /^(checkpoints?|ckpts?)$/i;
const CHECKPOINT_FILE_RE = /(step[-_=]?\d{2,}|epoch[-_=]\d+|iter[-_]?\d{3,}|checkpoint[-_]\d+)/i;
const DATA_DIR_RE = /^(data|datasets?|corpus|corpora|training[-_]data|train[-_]data|raw[-_]data)$/i;
// Test splits and benchmark sets, by folder or name: `eval/`, `MT_bench/`, `mbpp.test.zip`, `gsm8k_test.jsonl`.
const EVAL_PATH_RE = rx('i')`
    (^|[/_.-])(test|tests|testsets?|test[_-]sets?|eval|evals|evaluation|valid|validation|dev|bench|benchmarks?|
    humaneval\w*|mbpp\w*|gsm8k|mmlu)([/_.-]|$)`;
const UNIT_TEST_DIR_RE = /(^|\/)(tests?|unittests?|__tests__|spec)\//i;
// Tested once per data shard: a literal in the loop would be a new RegExp object each time.
const IDX_RE = /\.idx$/i;
const RESULT_RE = /result/i;

const ROLE_RULES: [CodeRole, RegExp, RegExp][] = [
  // [role, basename pattern, directory-segment pattern]
  [
    'training',
    rx('i')`
      (^|[_-])(train|training|trainer|finetun\w*|fine[_-]?tun\w*|pretrain\w*|pre[_-]train\w*|sft|dpo|ppo|rlhf|grpo|
      orpo|kto|reward[_-]?model\w*|distill\w*|launch\w*)([_.-]|$)|^(train|finetune|pretrain)`,
    /^(train|training|trainer|finetun\w*|fine[_-]tun\w*|pretrain\w*|sft|rlhf|dpo|recipes?)$/i,
  ],
  // Code that reads, filters, deduplicates or tokenises a corpus. Not by name: modules a model
  // imports (tokenizer classes, text cleaners and normalisers, encoders, dataset loaders and
  // samplers, private `_preprocess` modules), tests, and scripts about the model or the
  // project (download_model, reshard checkpoints, prepare_changelog); a
  // folder named for data processing still counts everything in it, a bare `data/` does not.
  [
    'preprocessing',
    rx('i')`
      ^(?!_|tokeni[sz](?:er|ation)|encoders?\.|test[_-]|.*(?:model|weights?|checkpoint|ckpt|loader|reader|sampler|
      collat|iterator|normali[sz]er|cleaners?\.|changelog|release|submission|storage|detokeni|[_-]tests?\.|
      [_-]tokeni[sz]ation|(?<!train)[_-]tokeni[sz]er))(?=.*(?:preprocess|pre[_-]process|prepar|prep[_-]|data[_-]?prep|
      filter|dedup|deduplicat|minhash|tokeni[sz]|clean|build[_-]?(?:data|corpus)|make[_-]?data|create[_-]?data|
      (?:download|fetch)[_-]?(?:the[_-])?(?:data|corpus|pretrain)|(?:data|corpus|dataset)[_-]?download|
      shard[_-]?(?:data|corpus)|process[_-]?data|data[_-]?process|datamix|mix[_-]?data|convert[_-]?data|crawl|scrape|
      decontam|quality|tfrecord|binariz))`,
    rx('i')`
      ^(\w*data[_-]?(processing|prep\w*|pipeline|curation|tools|scripts)|preprocess\w*|pre[_-]processing|dataprep|
      curation|dedup\w*)$`,
  ],
  [
    'evaluation',
    /(^eval|[_-]eval|evaluat|benchmark|harness|metrics?([_.-]|$)|judge|leaderboard)/i,
    /^(eval|evals|evaluation|evaluations|benchmarks?|lm[_-]eval\w*|harness)$/i,
  ],
  // A model's own entry points run it too: `transcribe.py`, `synthesize.py`, `txt2img.py`, `caption.py`.
  [
    'inference',
    rx('i')`
      (infer|generat|serve|server|demo|^app\.|chat|predict|run[_-]?model|^sample|interact|^cli\.|^api\.|pipeline|
      gradio|streamlit|quantiz|convert|export|deploy|playground|completion|transcrib|synthesi[sz]|^tts[_.-]|txt2|
      text2|img2|caption|recogni[sz]e)`,
    /^(inference|serving|serve|demo|demos|deploy\w*|app|apps|api)$/i,
  ],
  [
    'architecture',
    rx('i')`
      (^model|modeling|modelling|configuration_|architecture|network|transformer|attention|^layers?|^nn\.|unet|vae|
      encoder|decoder|_model\.|^models?\.|backbone|moe|rope|mamba|rwkv)`,
    /^(model|models|modeling|modelling|arch|architectures?|modules|nn|networks?|layers|ops|kernels)$/i,
  ],
];

const NOT_TRAINING_RE = /tokeni[sz]|convert|export|merge/i;

export function roleOf(path: string): CodeRole[] {
  const lower = path.toLowerCase();
  const segs = lower.split('/');
  const base = segs[segs.length - 1] ?? '';
  const dirs = segs.slice(0, -1);
  const roles: CodeRole[] = [];
  const inUnitTests = UNIT_TEST_DIR_RE.test(lower);
  for (const [role, baseRe, dirRe] of ROLE_RULES) {
    if (inUnitTests && role !== 'evaluation') continue;
    // Training a tokenizer (`train_tokenizer.py`) prepares the data, and converting or merging
    // weights (`ds_to_hf_converter.py`) handles a trained model: neither trains the model.
    if (role === 'training' && NOT_TRAINING_RE.test(base)) continue;
    if (baseRe.test(base) || dirs.some((d) => dirRe.test(d))) roles.push(role);
  }
  return roles;
}

/** Folders whose tensors are inputs, fixtures or media, not a model's parameters. */
const NOT_WEIGHTS_DIR_RE = rx('i')`
    (^|\/)(assets?|prompts?|examples?|samples?|demos?|fixtures?|tests?|testdata|docs?|images?|media|static|resources|
    figures?)\/`;
/** Names of tensors that are data (encoded inputs, caches, statistics), not parameters. */
const NOT_WEIGHTS_NAME_RE = rx('i')`
    (encoded|latents?|features?|cache|stats|statistics|mean|std|prompt|speaker|voice|sample|example|demo|dummy|test|
    embeddings?[_-]cache|tokens?)[^/]*$`;
/** Generic serialisation formats count only when the name says they hold a model. */
const GENERIC_FORMATS = new Set<WeightFormat>(['pickle', 'numpy', 'keras-h5', 'tensorflow', 'mxnet']);
const MODEL_NAME_RE = rx('i')`
    (model|weight|param|ckpt|checkpoint|state[_-]?dict|pytorch|adapter|lora|unet|vae|encoder|decoder|generator|
    discriminator)`;

export function looksLikeParameters(relPath: string, format: WeightFormat): boolean {
  if (NOT_WEIGHTS_DIR_RE.test(relPath) || TEST_DIR_RE.test(relPath)) return false;
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (format !== 'safetensors' && format !== 'gguf' && NOT_WEIGHTS_NAME_RE.test(base.replace(/\.[^.]+$/, '')))
    return false;
  if (GENERIC_FORMATS.has(format) && !MODEL_NAME_RE.test(base)) return false;
  return true;
}

export function weightFormat(path: string): { format: WeightFormat; unsafe: boolean } | null {
  // Called for every entry: lower-case the extension only, not the whole path.
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return null;
  return WEIGHT_BY_EXT.get(path.slice(dot + 1).toLowerCase()) ?? null;
}

interface Folder {
  path: string;
  /** Vendored code or `.github/`: nothing in it is the model's. */
  skip: boolean;
  inDataDir: boolean;
  /** Folder names below the model root. */
  dirs: string[];
  inSamplesDir: boolean;
  /** EVAL_PATH_RE matches the folder part of the path below the model root. */
  evalFolder: boolean;
}

/**
 * Classifies the entries of one model. `texts` holds the small files read by the source.
 */
export function collectArtifacts(
  entries: SnapshotEntry[],
  texts: Record<string, string>,
  modelRoot: string,
): Artifacts {
  const a: Artifacts = {
    weights: [],
    shardIndexes: [],
    checkpoints: [],
    code: { architecture: [], training: [], preprocessing: [], inference: [], evaluation: [] },
    codeFiles: 0,
    trainingConfigs: [],
    computeScripts: [],
    trainingStateFiles: [],
    tokenizer: [],
    environment: [],
    dataFiles: [],
    dataBytes: 0,
    datasetScripts: [],
    evalDataFiles: [],
    samples: [],
    pdfs: [],
    evalResultFiles: [],
    citation: null,
    dataCards: [],
    modelConfig: null,
  };
  const checkpointDirs = new Map<string, WeightFile[]>();
  const idxSiblings = new Set<string>();
  for (const e of entries) {
    // The '.' test spares the regex for nearly every path.
    if (e.path.charCodeAt(e.path.length - 4) === 46 && IDX_RE.test(e.path)) idxSiblings.add(e.path.replace(IDX_RE, ''));
  }
  const rootPrefix = modelRoot === '.' ? '' : modelRoot + '/';

  // Folder facts are the same for every file in a folder: compute them once per folder.
  const folders = new Map<string, Folder>();
  const folderOf = (dirPath: string): Folder => {
    let f = folders.get(dirPath);
    if (!f) {
      const lower = dirPath.toLowerCase() + '/';
      const rel = dirPath.startsWith(rootPrefix) ? dirPath.slice(rootPrefix.length) : dirPath;
      const dirs = rel === '' || dirPath === '' ? [] : rel.split('/');
      // A file's path below the model root is this prefix plus its name (see `rel` below).
      const relPrefix =
        dirPath === ''
          ? ''
          : (dirPath + '/').startsWith(rootPrefix)
            ? (dirPath + '/').slice(rootPrefix.length)
            : dirPath + '/';
      f = {
        path: dirPath,
        skip: VENDORED_DIR_RE.test(lower) || lower.startsWith('.github/'),
        inDataDir: dirs.some((d) => DATA_DIR_RE.test(d)),
        dirs,
        inSamplesDir: dirs.some((d) => SAMPLES_DIR_RE.test(d)),
        // EVAL_PATH_RE has no slash inside a word, so a match on `rel` lies in the folder part
        // (ending at its slash) or in the name (starting after it): test each once.
        evalFolder: relPrefix !== '' && EVAL_PATH_RE.test(relPrefix),
      };
      folders.set(dirPath, f);
    }
    return f;
  };

  let folder: Folder | null = null;
  for (const e of entries) {
    if (e.kind === 'submodule' || e.kind === 'symlink') continue;
    const path = e.path;
    const slash = path.lastIndexOf('/');
    // Entries come folder by folder: most of the time the folder is the previous one.
    if (
      folder === null ||
      (slash < 0 ? folder.path !== '' : slash !== folder.path.length || !path.startsWith(folder.path))
    ) {
      folder = folderOf(slash < 0 ? '' : path.slice(0, slash));
    }
    if (folder.skip) continue;
    const size = e.kind === 'lfs' ? (e.lfs?.size ?? e.size) : e.size;
    // Data shards, the bulk of a large repository, are recognised from the name before the
    // path is lower-cased: the same test as the fast path below (no training-state name ends
    // in a bulk extension). A path with U+0130, the one character that lower-cases to two
    // and so shifts `base` below, takes the long way.
    const dotAt = path.lastIndexOf('.');
    if (dotAt > slash && BULK_DATA_EXT.has(path.slice(dotAt + 1)) && !path.includes('\u0130')) {
      const name = path.slice(slash + 1);
      if (!RESULT_RE.test(name)) {
        if (folder.inSamplesDir) a.samples.push(path);
        else if (folder.evalFolder || EVAL_PATH_RE.test(name)) a.evalDataFiles.push(path);
        else {
          a.dataFiles.push(path);
          a.dataBytes += e.kind === 'lfs' && !e.lfs ? Infinity : size;
        }
        continue;
      }
    }
    const lower = path.toLowerCase();
    const rel = path.startsWith(rootPrefix) ? path.slice(rootPrefix.length) : path;
    const base = lower.slice(slash + 1);
    const dirs = folder.dirs;
    const inDataDir = folder.inDataDir;

    if (TRAINING_STATE_START.test(base) && TRAINING_STATE_RE.test(lower)) {
      a.trainingStateFiles.push(path);
      continue;
    }

    const dot = base.lastIndexOf('.');
    const ext = dot < 0 ? '' : base.slice(dot + 1);
    // Fast path for the bulk of large repositories: data shards need none of the rules below.
    if (BULK_DATA_EXT.has(ext) && !base.includes('result')) {
      if (folder.inSamplesDir) a.samples.push(path);
      else if (folder.evalFolder || EVAL_PATH_RE.test(path.slice(slash + 1))) a.evalDataFiles.push(path);
      else {
        a.dataFiles.push(path);
        a.dataBytes += e.kind === 'lfs' && !e.lfs ? Infinity : size;
      }
      continue;
    }
    const wf = WEIGHT_BY_EXT.get(ext) ?? null;
    const isMegatronData = base.endsWith('.bin') && idxSiblings.size > 0 && idxSiblings.has(path.slice(0, -4));
    if (
      wf &&
      !isMegatronData &&
      !inDataDir &&
      (size >= 1024 || e.kind === 'lfs') &&
      looksLikeParameters(rel, wf.format)
    ) {
      const file: WeightFile = {
        path,
        size,
        format: wf.format,
        unsafe: wf.unsafe,
        lfs: e.kind === 'lfs',
        sizeKnown: e.kind !== 'lfs' || e.lfs !== undefined,
      };
      // The deepest checkpoint-named folder is one checkpoint (checkpoints/step-1000/...).
      let ckDir = -1;
      dirs.forEach((d, i) => {
        if (CHECKPOINT_DIR_RE.test(d)) ckDir = i;
      });
      if (ckDir >= 0 || CHECKPOINT_FILE_RE.test(base)) {
        const dir = ckDir >= 0 ? rootPrefix + dirs.slice(0, ckDir + 1).join('/') : path;
        const list = checkpointDirs.get(dir) ?? [];
        list.push(file);
        checkpointDirs.set(dir, list);
      } else {
        a.weights.push(file);
      }
      continue;
    }

    if (
      /\.(safetensors|bin)\.index\.json$|(^|\/)[^/]*\.index\.json$/i.test(base) &&
      /model|pytorch|weights|diffusion/i.test(base)
    ) {
      a.shardIndexes.push({ path, ...shardsOf(path, texts[path], entries) });
      continue;
    }

    if (CODE_EXT.test(base)) {
      a.codeFiles++;
      const roles = roleOf(rel);
      for (const role of roles) a.code[role].push(path);
      // The recipe written in code: a training or launch script that sets its hyperparameters
      // (`LEARNING_RATE = 3e-4`, argument defaults), and a batch job that books the hardware.
      const script = texts[path];
      if (script !== undefined) {
        const groups = hyperparameterGroups(script);
        if (
          groups.length >= 2 &&
          (roles.includes('training') ||
            /\.(slurm|sbatch|sh)$/.test(base) ||
            /^main\.|config|hparam|hyper|setting|arg|constant/.test(base))
        ) {
          a.trainingConfigs.push({ path, groups });
        }
        const compute = batchJobCompute(script);
        if (compute) a.computeScripts.push({ path, ...compute });
      }
      // Scripts that fetch or build the data name it without publishing it (a mention).
      if (/(download|fetch|get[_-]?data|build[_-]?(dataset|corpus)|crawl|scrape)[^/]*\.(py|sh)$/i.test(base)) {
        a.datasetScripts.push(path);
      }
      continue;
    }

    if (
      rx('i')`
        ^(tokenizer\.json|tokenizer\.model|tokenizer_config\.json|vocab\.(json|txt)|merges\.txt|spiece\.model|
        sentencepiece\.bpe\.model|special_tokens_map\.json|[^/]*\.tiktoken|qwen\.tiktoken|bpe\.codes)$`.test(base)
    ) {
      a.tokenizer.push(path);
      continue;
    }
    if (
      rx('i')`
        ^(requirements[^/]*\.txt|environment[^/]*\.ya?ml|conda[^/]*\.ya?ml|pyproject\.toml|setup\.py|setup\.cfg|
        pipfile(\.lock)?|poetry\.lock|uv\.lock|dockerfile[^/]*|containerfile|cargo\.toml|package\.json|makefile|
        cmakelists\.txt)$`.test(base)
    ) {
      a.environment.push(path);
      if (base === 'setup.py') a.codeFiles++;
      continue;
    }
    if (base === 'citation.cff') {
      a.citation = path;
      continue;
    }
    // A datasheet, a dataset card, or a copy of the Hub dataset card (`README_dataset.md`).
    if (
      /^(data[_-]?card|datacard|datasheet[^/]*|dataset[_-]?card[^/]*|readme[_-]dataset[^/]*)\.md$/i.test(base) ||
      (/^readme\.md$/i.test(base) && dirs.length > 0 && DATA_DIR_RE.test(dirs[dirs.length - 1] ?? ''))
    ) {
      a.dataCards.push(path);
      continue;
    }
    if (base === 'config.json' && dirs.length === 0) {
      a.modelConfig = readModelConfig(path, texts[path]);
      continue;
    }
    if (/\.pdf$/i.test(base)) {
      a.pdfs.push(path);
      continue;
    }
    if (
      (lower.includes('.eval_results/') && /\.ya?ml$/.test(base)) ||
      /^(eval_results[^/]*|all_results|[^/]*results[^/]*)\.(json|ya?ml|csv)$/i.test(base)
    ) {
      a.evalResultFiles.push(path);
      continue;
    }
    const configGroups =
      texts[path] !== undefined && /\.(ya?ml|json|toml|cfg|ini)$/i.test(base)
        ? hyperparameterGroups(texts[path] ?? '')
        : [];
    if (configGroups.length >= 2) {
      a.trainingConfigs.push({ path, groups: configGroups });
      continue;
    }
    if (folder.inSamplesDir && MEDIA_EXT.test(base)) {
      a.samples.push(path);
      continue;
    }
    if ((inDataDir && DATA_EXT.test(base)) || /\.(parquet|jsonl|arrow|tfrecords?)$/i.test(base) || isMegatronData) {
      if (EVAL_PATH_RE.test(rel)) a.evalDataFiles.push(path);
      else {
        a.dataFiles.push(path);
        a.dataBytes += e.kind === 'lfs' && !e.lfs ? Infinity : size;
      }
      continue;
    }
  }
  // A single folder named only `checkpoints/` (or `ckpts/`), with no weights anywhere else,
  // is where the release keeps its final weights ("extract them to the checkpoints folder"):
  // those are the weights, not training checkpoints.
  const plain = [...checkpointDirs.keys()].filter((dir) =>
    PLAIN_CHECKPOINT_DIR_RE.test(dir.slice(dir.lastIndexOf('/') + 1)),
  );
  if (a.weights.length === 0 && checkpointDirs.size === 1 && plain.length === 1) {
    a.weights.push(...checkpointDirs.get(plain[0]!)!);
    checkpointDirs.clear();
  }
  a.checkpoints = [...checkpointDirs.entries()].map(([dir, files]) => ({ dir, files: files.map((f) => f.path) }));
  return a;
}

function shardsOf(
  indexPath: string,
  text: string | undefined,
  entries: SnapshotEntry[],
): { shards: string[]; missing: string[] } {
  if (!text) return { shards: [], missing: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { shards: [], missing: [] };
  }
  const map = (parsed as { weight_map?: unknown })?.weight_map;
  if (!map || typeof map !== 'object') return { shards: [], missing: [] };
  const dir = indexPath.includes('/') ? indexPath.slice(0, indexPath.lastIndexOf('/') + 1) : '';
  const shards = [
    ...new Set(Object.values(map as Record<string, unknown>).filter((v): v is string => typeof v === 'string')),
  ].sort();
  // One pass looking for the few named paths: a Set of every path in a 100,000-entry tree
  // cost more than the rest of the classification.
  const named = new Set(shards.map((s) => dir + s));
  // Comparing lengths first spares hashing each of 100,000 paths.
  const lengths = new Set([...named].map((p) => p.length));
  const present = new Set<string>();
  for (const e of entries) if (lengths.has(e.path.length) && named.has(e.path)) present.add(e.path);
  return { shards, missing: shards.filter((s) => !present.has(dir + s)) };
}

function readModelConfig(path: string, text: string | undefined): Artifacts['modelConfig'] {
  const none = { path, architectures: [], modelType: null, autoMap: [], library: null };
  if (!text) return none;
  try {
    const c = JSON.parse(text) as Record<string, unknown>;
    const architectures = Array.isArray(c['architectures'])
      ? c['architectures'].filter((x): x is string => typeof x === 'string')
      : [];
    const autoMap =
      c['auto_map'] && typeof c['auto_map'] === 'object'
        ? Object.values(c['auto_map'] as Record<string, unknown>)
            .flat()
            .filter((x): x is string => typeof x === 'string')
        : [];
    // The library that saved the config says whose classes its architectures name.
    const library =
      typeof c['transformers_version'] === 'string'
        ? 'transformers'
        : typeof c['_diffusers_version'] === 'string'
          ? 'diffusers'
          : null;
    return {
      path,
      architectures,
      modelType: typeof c['model_type'] === 'string' ? c['model_type'] : null,
      autoMap,
      library,
    };
  } catch {
    return none;
  }
}

const HYPER_GROUPS: [string, RegExp][] = [
  [
    'lr',
    rx('i')`
      ["']?\b(learning[_-]?rate|lr|base[_-]?lr|max[_-]?lr|peak[_-]?lr|
      min[_-]?lr)\b["']?\s*[:=]\s*["']?[0-9.]+(e-?\d+)?`,
  ],
  [
    'batch',
    rx('i')`
      ["']?\b(\w*batch[_-]?size\w*|global[_-]?batch\w*|micro[_-]?batch\w*|gradient[_-]?accumulation[_-]?steps|
      tokens[_-]?per[_-]?batch)\b["']?\s*[:=]\s*["']?\d+`,
  ],
  [
    'steps',
    rx('i')`
      ["']?\b(max[_-]?steps|num[_-]?train[_-]?epochs|epochs?|train[_-]?iters|max[_-]?iters|total[_-]?steps|
      train[_-]?steps|max[_-]?epochs|training[_-]?steps|num[_-]?steps)\b["']?\s*[:=]\s*["']?\d+`,
  ],
  [
    'schedule',
    rx('i')`
      ["']?\b(warmup\w*|lr[_-]?scheduler\w*|scheduler|lr[_-]?decay\w*|decay[_-]?style|lr[_-]?schedule|
      cosine\w*)\b["']?\s*[:=]\s*\S`,
  ],
  [
    'optimizer',
    rx('i')`
      ["']?\b(optim|optimizer|adam[_-]?beta\d?|adam[_-]?epsilon|weight[_-]?decay|betas|momentum|grad[_-]?clip\w*|
      max[_-]?grad[_-]?norm)\b["']?\s*[:=]\s*\S`,
  ],
];

/** Command-line options with a default: `parser.add_argument("--lr", type=float, default=3e-4)`. */
const ARG_DEFAULTS: [string, RegExp][] = [
  ['lr', /["']--?(learning[_-]?rate|lr)["'][^)\n]{0,80}\bdefault\s*=\s*[0-9.]/i],
  ['batch', /["']--?\w*batch[_-]?size\w*["'][^)\n]{0,80}\bdefault\s*=\s*\d/i],
  [
    'steps',
    rx('i')`
      ["']--?(max[_-]?steps|num[_-]?train[_-]?epochs|epochs|train[_-]?iters|
      max[_-]?iters)["'][^)\n]{0,80}\bdefault\s*=\s*\d`,
  ],
  ['schedule', /["']--?(warmup\w*|lr[_-]?scheduler\w*|scheduler)["'][^)\n]{0,80}\bdefault\s*=\s*\S/i],
  [
    'optimizer',
    rx('i')`
      ["']--?(optim|optimizer|weight[_-]?decay|adam[_-]?beta\d?|
      max[_-]?grad[_-]?norm)["'][^)\n]{0,80}\bdefault\s*=\s*\S`,
  ],
];

/**
 * Which hyperparameter groups a config or script sets to real values (`learning_rate: 3e-4`, `LR =
 * 3e-4`, an argument default).
 */
export function hyperparameterGroups(text: string): string[] {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  return HYPER_GROUPS.filter(
    ([g, re]) => re.test(sample) || ARG_DEFAULTS.some(([a, r]) => a === g && r.test(sample)),
  ).map(([g]) => g);
}

const SBATCH_LINE_RE = /^#SBATCH\s+(.*)$/gm;

/** Nodes and GPUs a batch job books, from its `#SBATCH` header; null when it has none. */
export function batchJobCompute(text: string): { nodes: number | null; gpusPerNode: number | null } | null {
  const head = text.length > 20_000 ? text.slice(0, 20_000) : text;
  let nodes: number | null = null;
  let gpus: number | null = null;
  let any = false;
  for (const m of head.matchAll(SBATCH_LINE_RE)) {
    const opts = m[1] ?? '';
    const n = /(?:^|\s)(?:--nodes[= ]|-N\s*)(\d+)/.exec(opts)?.[1];
    const g =
      /--(?:gpus-per-node|gres=gpu(?::[\w-]+)?:|gpus=)(\d+)/.exec(opts)?.[1] ??
      /--gres[= ]gpu(?::[\w-]+)?:(\d+)/.exec(opts)?.[1];
    if (n) nodes = Number(n);
    if (g) gpus = Number(g);
    if (n || g) any = true;
  }
  return any ? { nodes, gpusPerNode: gpus } : null;
}

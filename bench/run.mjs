#!/usr/bin/env node
// `npm run bench`: how fast the engine and the CLI are on a 100,000-entry repository, next to
// `find` on the same tree, and how much memory the CLI peaks at. Writes the top part of
// BENCHMARKS.md (the sections below it, such as the app's from bench/app.mjs, are kept).
//
// Environment:
//   BENCH_ENTRIES  entries in the synthetic repository (default 100000)
//   BENCH_DIR      where the on-disk tree lives (default <tmpdir>/truly-open-bench-<entries>-v1;
//                  reused when present, so only the first run pays for creating it)
//   BENCH_NO_WRITE set to leave BENCHMARKS.md alone (for trying things out)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeTop } from './sections.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const LIB = path.join(ROOT, 'lib');
const CLI = path.join(ROOT, 'bin', 'truly-open.js');
const RSS_PRELOAD = pathToFileURL(path.join(ROOT, 'bench', 'maxrss.mjs')).href;
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
// v2: the tree has the `.gitattributes` every LFS repository needs (v1 had pointers without one).
const DIR = process.env.BENCH_DIR ?? path.join(os.tmpdir(), `truly-open-bench-${ENTRIES}-v2`);

const TARGETS = { engineMs: 300, cliVsFind: 3, cliRssMb: 300 };
const LOAD_AT_START = os.loadavg()[0];

const { wantsText, LFS_VERSION_LINE } = await import(pathToFileURL(path.join(LIB, 'core/snapshot.js')).href);

// ---------------------------------------------------------------------------------------
// The synthetic repository: one model with a card, license, configs, code, and many shards.

const LICENSE_TEXT = readOr(path.join(ROOT, 'LICENSE'), 'Apache License\nVersion 2.0, January 2004\n');

function card() {
  const sections = [
    '---',
    'license: apache-2.0',
    'language: [en, fr, de]',
    'library_name: transformers',
    'pipeline_tag: text-generation',
    'base_model: bench-org/bench-base-7b',
    'datasets:',
    '  - bench-org/pretrain-mix',
    '  - bench-org/sft-mix',
    'tags: [llm, bench]',
    'model-index:',
    '  - name: bench-7b',
    '    results:',
    '      - task: {type: text-generation}',
    '        dataset: {name: MMLU, type: cais/mmlu}',
    '        metrics: [{type: accuracy, value: 61.2}]',
    '---',
    '# Bench 7B',
    '',
    'A 7B decoder-only model trained from scratch on openly licensed text.',
    '',
    '## Model details',
    '- Architecture: decoder-only transformer, 32 layers, 4096 hidden size.',
    '- Weights: four safetensors shards in this repository.',
    '',
    '## Training data',
    'Pretraining used [pretrain-mix](https://huggingface.co/datasets/bench-org/pretrain-mix), 2T tokens;',
    'the shards are in `data/` of this repository, described in `data/README.md`.',
    '',
    '## Training procedure',
    'Training code: https://github.com/bench-org/bench-train (Apache-2.0). Hyperparameters are in `configs/`.',
    'Data preprocessing: https://github.com/bench-org/bench-data-pipeline.',
    '',
    '## Evaluation',
    'Evaluation code: https://github.com/bench-org/bench-eval. Results are in `eval/results.json`.',
    '',
    '## Paper',
    'See https://arxiv.org/abs/2401.00001 and the technical report in `docs/report.md`.',
    '',
    '## License',
    'Weights, code and data are released under Apache-2.0 (see LICENSE).',
    '',
  ];
  // Real cards run to tens of kilobytes: pad with plausible prose.
  for (let i = 0; i < 120; i++) {
    sections.push(
      `### Note ${i}`,
      `Ablation ${i}: learning rate ${(i + 1) * 1e-5}, batch size ${256 + i}, loss ${(2 + i / 100).toFixed(2)}.`,
      '',
    );
  }
  return sections.join('\n');
}

// What `git lfs track` and the Hugging Face Hub write: LFS pointers only exist in a checkout
// because a `.gitattributes` routes those paths through the LFS filter.
const GITATTRIBUTES = [
  ...[
    '7z',
    'arrow',
    'bin',
    'ckpt',
    'gguf',
    'gz',
    'h5',
    'joblib',
    'msgpack',
    'npy',
    'npz',
    'onnx',
    'parquet',
    'pickle',
    'pkl',
    'pt',
    'pth',
    'safetensors',
    'tar',
    'tflite',
    'zip',
    'zst',
  ].map((ext) => `*.${ext} filter=lfs diff=lfs merge=lfs -text`),
  '*tfevents* filter=lfs diff=lfs merge=lfs -text',
  'tokenizer.json filter=lfs diff=lfs merge=lfs -text',
  '',
].join('\n');

const DATA_CARD = [
  '---',
  'license: cc-by-4.0',
  'task_categories: [text-generation]',
  'size_categories: [1B<n<10B]',
  '---',
  '# Pretraining mix',
  'Collected from openly licensed sources; deduplicated and filtered with the pipeline at',
  'https://github.com/bench-org/bench-data-pipeline.',
  '',
].join('\n');

/**
 * Every entry of the synthetic repository, in path order: { path, size, kind, lfs?, text? }.
 * `text` is the content for files the engine reads; LFS entries carry the pointer.
 */
function syntheticEntries(total) {
  const out = [];
  const add = (p, size, extra = {}) => out.push({ path: p, size, kind: 'file', ...extra });
  const addText = (p, text) => add(p, Buffer.byteLength(text), { text });
  const addLfs = (p, size) => {
    const oid = createHash('sha256').update(p).digest('hex');
    out.push({ path: p, size, kind: 'lfs', lfs: { oid, size } });
  };

  addText('.gitattributes', GITATTRIBUTES);
  addText('README.md', card());
  addText('LICENSE', LICENSE_TEXT);
  addText(
    'config.json',
    JSON.stringify({ model_type: 'llama', hidden_size: 4096, num_hidden_layers: 32, vocab_size: 32000 }, null, 2),
  );
  addText('generation_config.json', JSON.stringify({ temperature: 0.7, top_p: 0.9 }, null, 2));
  addText(
    'tokenizer_config.json',
    JSON.stringify({ tokenizer_class: 'LlamaTokenizer', model_max_length: 4096 }, null, 2),
  );
  addText('special_tokens_map.json', JSON.stringify({ bos_token: '<s>', eos_token: '</s>' }));
  addLfs('tokenizer.json', 1_842_767);
  const shards = 4;
  const weightMap = {};
  for (let i = 1; i <= shards; i++) {
    const name = `model-${String(i).padStart(5, '0')}-of-${String(shards).padStart(5, '0')}.safetensors`;
    addLfs(name, 4_900_000_000 - i * 1000);
    weightMap[`model.layers.${i}.weight`] = name;
  }
  addText(
    'model.safetensors.index.json',
    JSON.stringify({ metadata: { total_size: 19_599_990_000 }, weight_map: weightMap }, null, 2),
  );
  addText('requirements.txt', 'torch==2.3.1\ntransformers==4.44.0\ndatasets==2.20.0\naccelerate==0.33.0\n');
  addText('pyproject.toml', '[project]\nname = "bench-train"\nversion = "1.0.0"\nlicense = {text = "Apache-2.0"}\n');
  addText('CITATION.cff', 'cff-version: 1.2.0\ntitle: Bench 7B\nauthors:\n  - name: Bench Org\n');
  addText(
    '.github/workflows/ci.yml',
    'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: pytest\n',
  );
  addText('train.py', '# Entry point: python train.py --config configs/pretrain.yaml\nimport argparse\n');
  addText('data/README.md', DATA_CARD);
  addText('eval/results.json', JSON.stringify({ mmlu: 61.2, hellaswag: 79.9, arc_challenge: 52.1 }, null, 2));
  addText('docs/report.md', '# Technical report\n\nHow Bench 7B was trained.\n');
  for (let i = 0; i < 60; i++) {
    addText(
      `configs/stage-${String(i).padStart(2, '0')}.yaml`,
      `stage: ${i}\nlr: ${(i + 1) * 1e-5}\nbatch_size: 1024\nwarmup_steps: 2000\n`,
    );
  }
  for (let i = 0; i < 400; i++)
    add(`src/bench_train/module_${String(i).padStart(3, '0')}.py`, 1_000 + ((i * 7919) % 20_000));
  for (let i = 0; i < 40; i++) add(`docs/notes/page-${String(i).padStart(2, '0')}.md`, 2_000 + i * 100);
  for (let i = 0; i < 100; i++) add(`tests/test_${String(i).padStart(3, '0')}.py`, 800 + i * 13);

  // The rest are data shards, 1,000 to a folder: 60% LFS-tracked parquet, 40% plain archives.
  const remaining = total - out.length;
  const lfsShards = Math.round(remaining * 0.6);
  for (let i = 0; i < remaining; i++) {
    const dir = `part-${String(Math.floor(i / 1000)).padStart(3, '0')}`;
    const n = String(i).padStart(6, '0');
    if (i < lfsShards) addLfs(`data/train/${dir}/shard-${n}.parquet`, 250_000_000 + ((i * 104_729) % 50_000_000));
    else add(`data/raw/${dir}/chunk-${n}.jsonl.zst`, 100_000_000 + ((i * 7_919) % 10_000_000));
  }
  out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}

function syntheticSnapshot(list) {
  const entries = [];
  const texts = {};
  for (const { text, ...entry } of list) {
    entries.push(entry);
    if (text !== undefined && wantsText(entry.path, entry.size)) texts[entry.path] = text;
  }
  return {
    source: 'directory',
    location: 'bench://synthetic',
    revision: createHash('sha1').update('bench').digest('hex'),
    entries,
    texts,
    skipped: [],
  };
}

// ---------------------------------------------------------------------------------------
// Measuring.

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function benchEngine(snapshot) {
  let assess;
  let config;
  try {
    ({ assess } = await import(pathToFileURL(path.join(LIB, 'core/assess.js')).href));
    ({ DEFAULT_CONFIG: config } = await import(pathToFileURL(path.join(LIB, 'config/schema.js')).href));
  } catch (error) {
    return { error: `cannot load lib/core/assess.js: ${firstLine(error)}` };
  }
  const times = [];
  let report;
  try {
    for (let i = 0; i < 2; i++) assess(snapshot, config, { version: 'bench' }); // warm-up (JIT)
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      report = assess(snapshot, config, { version: 'bench' });
      times.push(performance.now() - start);
    }
  } catch (error) {
    return { error: `assess threw: ${firstLine(error)}` };
  }
  const model = report?.models?.[0];
  return {
    ms: median(times),
    runs: times.length,
    summary: model ? `${report.models.length} model(s), first: ${model.ladder?.level}` : 'no models',
  };
}

/** Writes the synthetic repository to disk once; later runs reuse it. */
function ensureDirectory(list) {
  if (fs.existsSync(DIR)) return { created: false };
  // Trees left half-made by an interrupted run are never reused; clear them away.
  const parent = path.dirname(DIR);
  for (const name of fs.readdirSync(parent)) {
    if (name.startsWith(`${path.basename(DIR)}.partial-`))
      fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
  const partial = `${DIR}.partial-${process.pid}`;
  const start = performance.now();
  const made = new Set();
  for (const entry of list) {
    const abs = path.join(partial, entry.path);
    const dir = path.dirname(abs);
    if (!made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    if (entry.kind === 'lfs') {
      fs.writeFileSync(abs, `${LFS_VERSION_LINE}\noid sha256:${entry.lfs.oid}\nsize ${entry.lfs.size}\n`);
    } else if (entry.text !== undefined) {
      fs.writeFileSync(abs, entry.text);
    } else {
      // Sparse: the size is real to `stat`, no blocks are written.
      const fd = fs.openSync(abs, 'w');
      fs.ftruncateSync(fd, entry.size);
      fs.closeSync(fd);
    }
  }
  fs.renameSync(partial, DIR); // only a complete tree is ever reused
  return { created: true, ms: performance.now() - start };
}

function timeCommand(command, args, options = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, ...options });
  return { ms: performance.now() - start, result };
}

// find and the CLI run in turns, RUNS times each: the load on a shared machine drifts, and
// taking turns exposes both to the same drift, so their ratio is steadier than their times.
const RUNS = 7;

function findRun() {
  return timeCommand('sh', ['-c', `find "${DIR}" -type f -printf '%s\\n' | wc -l`]);
}

function cliRun() {
  // The preload prints the process's peak RSS on exit: no /usr/bin/time needed.
  const args = ['--import', RSS_PRELOAD, CLI, 'check', DIR, '--format', 'json', '--offline'];
  const run = timeCommand(process.execPath, args, { cwd: ROOT });
  const { status, stdout, stderr } = run.result;
  if (status !== 0 && status !== 1)
    return { error: `exit ${status}: ${firstLine(stderr || stdout || run.result.error)}` };
  const rss = /\[bench\] maxrss_kb=(\d+)/.exec(stderr)?.[1];
  return { ms: run.ms, rssMb: rss ? Number(rss) / 1024 : NaN, stdout, status };
}

function benchFindAndCli() {
  findRun(); // warm the kernel's caches for both contenders
  const finds = [];
  const clis = [];
  const cliMissing = !fs.existsSync(CLI);
  for (let i = 0; i < RUNS; i++) {
    finds.push(findRun());
    if (cliMissing) continue;
    const run = cliRun();
    if (run.error) return { find: summariseFind(finds), cli: { error: run.error } };
    clis.push(run);
  }
  const find = summariseFind(finds);
  if (cliMissing) return { find, cli: { error: 'bin/truly-open.js does not exist yet' } };
  let summary = '';
  try {
    const report = JSON.parse(clis[0].stdout);
    summary = `exit ${clis[0].status}, ${report.models?.length ?? '?'} model(s), first: ${report.models?.[0]?.ladder?.level ?? '?'}`;
  } catch {
    return { find, cli: { error: 'the CLI did not print a JSON report' } };
  }
  return { find, cli: { ms: median(clis.map((r) => r.ms)), rssMb: Math.max(...clis.map((r) => r.rssMb)), summary } };
}

function summariseFind(runs) {
  return { ms: median(runs.map((r) => r.ms)), count: Number(runs[0]?.result.stdout.trim()) };
}

/** `lister`: 'auto' lists with GNU find where it is installed, 'node' with readdir + lstat. */
async function benchWalk(lister) {
  try {
    const { readLocalSnapshot } = await import(pathToFileURL(path.join(LIB, 'sources/local-snapshot.js')).href);
    const times = [];
    let count = 0;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      count = (await readLocalSnapshot(DIR, { lister })).entries.length;
      times.push(performance.now() - start);
    }
    return { ms: median(times), count };
  } catch (error) {
    return { error: firstLine(error) };
  }
}

// ---------------------------------------------------------------------------------------
// Reporting.

function firstLine(value) {
  return (
    String(value instanceof Error ? value.message : value)
      .split('\n')
      .find((l) => l.trim()) ?? ''
  );
}

function readOr(file, fallback) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const verdict = (ok) => (ok ? 'met' : 'NOT met');

const list = syntheticEntries(ENTRIES);
const snapshot = syntheticSnapshot(list);
console.log(`synthetic repository: ${snapshot.entries.length} entries, ${Object.keys(snapshot.texts).length} texts`);

const engine = await benchEngine(snapshot);
console.log(
  engine.error
    ? `engine: ${engine.error}`
    : `engine: assess() median ${fmtMs(engine.ms)} over ${engine.runs} runs (${engine.summary})`,
);

const made = ensureDirectory(list);
console.log(made.created ? `created ${DIR} in ${fmtMs(made.ms)}` : `reusing ${DIR}`);
const { find, cli } = benchFindAndCli();
console.log(`find: median ${fmtMs(find.ms)} (${find.count} files)`);
const walk = await benchWalk('auto');
console.log(
  walk.error ? `walk: ${walk.error}` : `walk: readLocalSnapshot() median ${fmtMs(walk.ms)} (${walk.count} entries)`,
);
const nodeWalk = await benchWalk('node');
console.log(
  nodeWalk.error
    ? `walk (node): ${nodeWalk.error}`
    : `walk: readLocalSnapshot({ lister: 'node' }) median ${fmtMs(nodeWalk.ms)}`,
);
const findVersion = spawnSync('find', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '';
const gnuFind = findVersion.includes('GNU findutils');
const ratio = cli.error ? NaN : cli.ms / find.ms;
if (cli.error) console.log(`cli: ${cli.error}`);
else {
  console.log(`cli: median ${fmtMs(cli.ms)}, peak RSS ${cli.rssMb.toFixed(0)} MB (${cli.summary})`);
  console.log(`\n  find ${fmtMs(find.ms)}  |  truly-open check ${fmtMs(cli.ms)}  |  ratio ${ratio.toFixed(2)}x`);
}

const cpus = os.cpus();
const parallelism = os.availableParallelism?.() ?? cpus.length; // what `nproc` prints
const rows = [
  [
    'Engine: `assess()` on the in-memory snapshot (median of 7)',
    engine.error ? `n/a (${engine.error})` : fmtMs(engine.ms),
    `< ${TARGETS.engineMs} ms`,
    engine.error ? '-' : verdict(engine.ms < TARGETS.engineMs),
  ],
  [
    `\`find DIR -type f -printf '%s\\n' \\| wc -l\` (median of ${RUNS}, in turns with the CLI)`,
    fmtMs(find.ms),
    'baseline',
    '-',
  ],
  [
    'Local source: `readLocalSnapshot(DIR)` in-process (median of 3)',
    walk.error ? `n/a (${walk.error})` : fmtMs(walk.ms),
    '-',
    '-',
  ],
  [
    "Local source listing with Node only (`lister: 'node'`: no GNU find, or `ignore` set)",
    nodeWalk.error ? `n/a (${nodeWalk.error})` : fmtMs(nodeWalk.ms),
    '-',
    '-',
  ],
  [
    `CLI: \`truly-open check DIR --format json --offline\` (median of ${RUNS})`,
    cli.error ? `n/a (${cli.error})` : fmtMs(cli.ms),
    '-',
    '-',
  ],
  [
    'CLI / find',
    cli.error ? 'n/a' : `${ratio.toFixed(2)}x`,
    `<= ${TARGETS.cliVsFind}x`,
    cli.error ? '-' : verdict(ratio <= TARGETS.cliVsFind),
  ],
  [
    `CLI peak RSS (max of ${RUNS})`,
    cli.error ? 'n/a' : `${cli.rssMb.toFixed(0)} MB`,
    `< ${TARGETS.cliRssMb} MB`,
    cli.error ? '-' : verdict(cli.rssMb < TARGETS.cliRssMb),
  ],
];
const markdown = [
  '# Benchmarks',
  '',
  'Written by `npm run bench` (bench/run.mjs); run it again to refresh this file.',
  '',
  `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  `- Machine: nproc ${parallelism} · ${cpus[0]?.model?.trim() ?? 'unknown CPU'} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM · ${os.type()} ${os.release()} · ` +
    `load average ${LOAD_AT_START.toFixed(1)} when the run started (other work on the machine slows every row)`,
  `- Node: ${process.version}`,
  `- Repository: ${snapshot.entries.length.toLocaleString('en-US')} entries — a model card with front matter, LICENSE, configs, ` +
    'four LFS weight shards, 500 code files, and data shards 1,000 to a folder (60% LFS pointers, routed through LFS by a ' +
    'top-level `.gitattributes` as `git lfs track` writes it; 40% sparse files); ' +
    'the same tree in memory for the engine and on disk (under the OS temp dir) for `find` and the CLI.',
  `- Listing: ${gnuFind ? `${findVersion}, so the CLI lists the tree with one \`find\` run (docs/local-directory.md)` : 'no GNU find here: the CLI lists the tree with Node'}.`,
  `- Peak RSS is read by a preload (\`node --import bench/maxrss.mjs\`) from \`process.resourceUsage().maxRSS\` at exit.`,
  '',
  '| Measurement | Result | Target | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.join(' | ')} |`),
  '',
  'Command: `npm run bench`',
  '',
].join('\n');

if (!process.env.BENCH_NO_WRITE) {
  writeTop(path.join(ROOT, 'BENCHMARKS.md'), markdown);
  console.log('\nwrote BENCHMARKS.md');
}

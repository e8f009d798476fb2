// `training-data`: the datasets themselves. Files here, Hub datasets verified online, or
// (offline) names in `datasets:` and dataset links, which are mentions, never availability.
//
// What the evidence is decides, never where it sits: a dataset counts as training data only
// when its line, paragraph or section says the model was trained on it (see data-wording.ts).
// File URLs, images, benchmarks, samples of the format and datasets suggested to readers are
// not. Following the experts' rubric, prose that names no specific public dataset ("a mix of
// publicly available data", "our internal corpus", "680,000 hours of audio") is `missing`;
// naming specific public datasets without showing them available is `mentioned`.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import type { HubDatasetFact } from '../remote.js';
import {
  aboutEvaluation,
  AVAILABLE_RE,
  DATA_RELEASE_RE,
  EVAL_WORDS_RE,
  intro,
  isFileUrl,
  isPlaceholderId,
  NAMED_TRAINING_LINE_RE,
  SAMPLE_WORDS_RE,
  TRAINING_PROSE_RE,
  TRAINING_WORDS_RE,
  USER_DATA_RE,
} from '../evidence/data-wording.js';
import type { Link, ModelCard } from '../evidence/types.js';
import {
  cardFieldEvidence,
  cardLinesMatching,
  fileEvidence,
  gatedOnline,
  judgeFiles,
  judgeRemoteLicense,
  linkEvidence,
  mentioned,
  missing,
  unknown,
} from './shared.js';
import type { Criterion, Verdict } from './types.js';
import { rx } from '../rx.js';

/** Below this, data files in the repository are taken as samples of the format. */
export const SAMPLE_DATA_BYTES = 1_000_000;
/** Path segments of samples, examples and fixtures: not the training data. */
const SAMPLE_PATH_RE = rx('i')`
    (^|[/_.-])(samples?|examples?|demos?|dummy|toy|tiny|mock|fake|tests?|fixtures?|prompts?)([/_.-]|$)|(^|
    \/)(inference|serving|deploy\w*|apps?)\/`;
/** A command line (`python train.py --data_path data/x.json`) names a file without saying what it is. */
const COMMAND_LINE_RE =
  /^\s*(\$\s*)?(python3?|bash|sh|torchrun|deepspeed|accelerate|srun|cd|git|wget|curl)\b|\s--[a-z]/i;
/** Data files in configuration or mixture folders list the data (paths, mixture weights): a manifest, not the data. */
const MANIFEST_DIR_RE = /(^|\/)(configs?|conf|recipes?|mix(es|tures?)?)\//i;
/** Assets, figures and statistics tables describe the data; they are not the data. */
const NOT_DATA_DIR_RE = rx('i')`
    (^|\/)(assets?|images?|figures?|figs|docs?|static|media|misc)\/|(^|[/_.-])(stats?|statistics|counts?|composition|
    metadata|summary|distribution|results?|logs?|performances?)([/_.-]|$)`;
/** The same for a file's name, plus samples and images. */
const NOT_DATA_NAME_RE = rx('i')`
    (^|[_.-])(samples?|examples?|demos?|dummy|toy|tiny|mock|fake|tests?|fixtures?|prompts?|stats?|statistics|counts?|
    composition|metadata|summary|distribution|results?|logs?|performances?)([_.-]|$)|\.(png|jpe?g|gif|svg|webp|bmp|
    pdf)$`;
/** Above this many data files the repository holds a corpus: file names are not tested one by one. */
const NAME_TEST_MAX = 2000;
/** A card line describing a folder as something else: tasks, benchmarks, synthetic sets, samples. */
const OTHER_PURPOSE_RE = /\b(tasks?|synthetic|statistics|stats|samples?|examples?|outputs?|generations?)\b/i;

export const trainingData: Criterion = {
  id: 'training-data',
  evaluate(ev) {
    const seen = ev.artifacts.dataFiles;
    const { files, manifests } = dataFilesByKind(ev);
    // Infinity when an LFS pointer was not read: never a sample
    const bytes = files.length === seen.length ? ev.artifacts.dataBytes : bytesOf(ev, files);
    // A few small files (examples for a fine-tuning script) show the format, not the data;
    // lists of the data in config or mixture folders name it, at any size (a manifest).
    const sampleOnly = seen.length > 0 && manifests.length === 0 && (files.length === 0 || bytes < SAMPLE_DATA_BYTES);
    const inRepo =
      files.length > 0 && bytes >= SAMPLE_DATA_BYTES
        ? judgeFiles(ev, 'training-data', files, 'trainingDataInRepo', {
            count: files.length,
            bytes: Number.isFinite(bytes) ? bytes : null,
          })
        : null;
    // Every named dataset must be available too: one open file next to a dataset that
    // cannot be shown available does not make the training data open.
    const ids = trainingDatasetIds(ev);
    const named = ids.length > 0 ? (fromHub(ev, ids) ?? listed(ev)) : null;
    const judged = weakest([inRepo, named]);
    if (judged) return judged;
    return (
      mentions(ev) ??
      (manifests.length > 0
        ? mentioned('trainingDataManifest', fileEvidence(manifests), { count: manifests.length })
        : null) ??
      (sampleOnly && files.length > 0
        ? mentioned('trainingDataSample', fileEvidence(files), { count: files.length, bytes })
        : null) ??
      (sampleOnly ? notTrainingData(seen) : null) ??
      unnamed(ev) ??
      missing()
    );
  },
};

/**
 * Data files that can be training data — not samples, examples or fixtures, not assets, logs
 * or statistics tables, not files or folders the card describes as something else ("data -
 * synthetic datasets for the arithmetic tasks described in the paper", "training data:
 * `data/chat_10k.json`, a sample ...") — and manifests (lists of the data in config or
 * mixture folders). A repository can hold 100,000 shards, 1,000 to a folder: each folder is
 * decided once, and names are tested one by one only in small data sets.
 */
function dataFilesByKind(ev: ModelEvidence): { files: string[]; manifests: string[] } {
  const prefix = ev.root === '.' ? '' : ev.root + '/';
  // A folder whose README says it holds evaluation sets ("how we prepared the data for evaluation").
  const evalFolders = ev.dataCards
    .filter((c) => aboutEvaluation(c.body))
    .map((c) => c.path.slice(0, c.path.lastIndexOf('/') + 1))
    .filter((f) => f !== '');
  const all = ev.artifacts.dataFiles;
  // Samples, tables and images come a few at a time: in a corpus of thousands of shards their
  // names are not tested one by one (it would not change the verdict, and costs a regex each).
  const testNames = all.length <= NAME_TEST_MAX;
  const kinds = new Uint8Array(all.length); // 0 training data, 1 manifest, 2 not training data
  const tops = new Set<string>();
  let dir = '\0';
  let kind = 0;
  let kept = 0;
  for (let i = 0; i < all.length; i++) {
    const path = all[i]!;
    // Entries come folder by folder: decide each folder once.
    if (!path.startsWith(dir) || path.indexOf('/', dir.length) !== -1) {
      dir = path.slice(0, path.lastIndexOf('/') + 1);
      const rel = dir.startsWith(prefix) ? dir.slice(prefix.length) : dir;
      kind =
        SAMPLE_PATH_RE.test(rel) || NOT_DATA_DIR_RE.test(rel) || evalFolders.some((f) => dir.startsWith(f))
          ? 2
          : MANIFEST_DIR_RE.test(rel)
            ? 1
            : 0;
      const top = rel.indexOf('/');
      if (kind !== 2 && top > 0) tops.add(rel.slice(0, top));
    }
    kinds[i] = kind === 0 && testNames && NOT_DATA_NAME_RE.test(path.slice(dir.length)) ? 2 : kind;
    if (kinds[i] === 0) kept++;
  }
  const files = kept === all.length ? all : all.filter((_, i) => kinds[i] === 0);
  const manifests = kept === all.length ? [] : all.filter((_, i) => kinds[i] === 1);
  const other = describedAsOther(ev, tops, files.length <= 20 ? files.map((p) => p.slice(p.lastIndexOf('/') + 1)) : []);
  if (other.size === 0) return { files, manifests };
  const keep = (p: string) => {
    const rel = p.startsWith(prefix) ? p.slice(prefix.length) : p;
    const slash = rel.indexOf('/');
    return !(slash > 0 && other.has(rel.slice(0, slash) + '/')) && !other.has(rel.slice(rel.lastIndexOf('/') + 1));
  };
  return { files: files.filter(keep), manifests: manifests.filter(keep) };
}

/**
 * Keys (a top folder as `name/`, or a file name) that the card's lines name only as
 * something other than training data.
 */
function describedAsOther(ev: ModelEvidence, tops: Set<string>, names: string[]): Set<string> {
  // How a card points at a top folder (`[data](data)`, `data/`) or, for a handful of files, a file name.
  const forms = new Map<string, string[]>();
  for (const top of tops)
    forms.set(top + '/', [`(${top})`, `(${top}/)`, `(./${top})`, `(./${top}/)`, `\`${top}\``, `\`${top}/\``]);
  for (const name of names) forms.set(name, [name]);
  if (forms.size === 0 || !ev.card) return new Set();
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp([...forms.values()].flat().map(escape).join('|'));
  const texts = new TextLines(ev);
  // Per key: a line calls it something else (a sample, tasks, a benchmark), a line calls it
  // training data; command lines (`--data_path data/x.json`) say neither.
  const elsewise = new Set<string>();
  const training = new Set<string>();
  for (const e of cardLinesMatching(ev, re, 20)) {
    const line = (e.path && e.line ? texts.line(e.path, e.line) : null) ?? e.note ?? '';
    if (COMMAND_LINE_RE.test(line)) continue;
    const sample = SAMPLE_WORDS_RE.test(line);
    const trains = !sample && TRAINING_WORDS_RE.test(line);
    const other = sample || (!trains && (OTHER_PURPOSE_RE.test(line) || EVAL_WORDS_RE.test(line)));
    for (const [key, ways] of forms) {
      if (!ways.some((w) => line.includes(w))) continue;
      if (trains) training.add(key);
      else if (other) elsewise.add(key);
    }
  }
  return new Set([...elsewise].filter((k) => !training.has(k)));
}

function bytesOf(ev: ModelEvidence, files: string[]): number {
  const wanted = new Set(files);
  let total = 0;
  for (const e of ev.entries) {
    if (!wanted.has(e.path)) continue;
    total += e.kind === 'lfs' ? (e.lfs ? e.lfs.size : Infinity) : e.size;
  }
  return total;
}

/** Files that looked like data but are samples, assets, statistics or benchmarks: not training data. */
function notTrainingData(files: string[]): Verdict {
  return missing('trainingDataNotData', { count: files.length }, fileEvidence(files));
}

/** Open above unknown above restricted...: the weakest verdict decides when all data is needed. */
const RANK: Partial<Record<Verdict['status'], number>> = {
  open: 5,
  unknown: 4,
  restricted: 3,
  unlicensed: 2,
  mentioned: 1,
};

export function weakest(verdicts: (Verdict | null)[]): Verdict | null {
  let worst: Verdict | null = null;
  for (const v of verdicts) if (v && (!worst || (RANK[v.status] ?? 0) < (RANK[worst.status] ?? 0))) worst = v;
  return worst;
}

/**
 * Hub dataset ids named as training data: `datasets:` plus dataset links whose line or section says
 * the model was trained on them.
 */
export function trainingDatasetIds(ev: ModelEvidence): string[] {
  const linked = trainingDataLinks(ev)
    .filter((l) => l.kind === 'hub-dataset')
    .map((l) => l.id as string);
  return [...new Set([...fieldStrings(ev.card, 'datasets'), ...linked, ...declaredHubDataset(ev, 'training-data')])];
}

/**
 * Dataset links that are training data. A link counts when its line, paragraph or section
 * says the model was trained on it (or the authors release it as their data), or its label
 * calls it the dataset; never a file URL (an image, a script), a placeholder, a benchmark,
 * a sample of the format, or a dataset offered to readers for their own fine-tuning.
 */
export function trainingDataLinks(ev: ModelEvidence): Link[] {
  // Several criteria ask (the data card once per section): judge each evidence's links once.
  let links = LINKS_CACHE.get(ev);
  if (!links) {
    links = judgeTrainingDataLinks(ev);
    LINKS_CACHE.set(ev, links);
  }
  return links;
}

const LINKS_CACHE = new WeakMap<ModelEvidence, Link[]>();

function judgeTrainingDataLinks(ev: ModelEvidence): Link[] {
  const texts = new TextLines(ev);
  // Links on one line share its paragraph: judge each paragraph once.
  const paragraphs = new Map<string, { user: boolean; training: boolean }>();
  const dataDocs = new Map(
    ev.dataCards.map((c) => [
      c.path,
      aboutEvaluation(c.body) ? 'evaluation' : aboutTrainingData(c) ? 'training' : 'other',
    ]),
  );
  return ev.links.filter((l) => {
    if (l.kind !== 'hub-dataset' && !(l.kind === 'other' && DATASET_HOST_RE.test(l.url))) return false;
    if (!l.id && l.kind === 'hub-dataset') return false;
    if (isFileUrl(l.url) || (l.id && isPlaceholderId(l.id)) || dataDocs.get(l.path) === 'evaluation') return false;
    const line = texts.line(l.path, l.line) ?? l.context;
    const key = `${l.path}\n${l.line}`;
    let around = paragraphs.get(key);
    if (!around) {
      const paragraph = texts.paragraph(l.path, l.line) ?? line;
      around = {
        user: USER_DATA_RE.test(paragraph),
        training: TRAINING_WORDS_RE.test(paragraph) || DATA_RELEASE_RE.test(paragraph),
      };
      paragraphs.set(key, around);
    }
    if (SAMPLE_WORDS_RE.test(line) || around.user) return false;
    const training = TRAINING_WORDS_RE.test(line);
    if (
      !training &&
      (EVAL_WORDS_RE.test(line) || (EVAL_WORDS_RE.test(l.section) && !TRAINING_WORDS_RE.test(l.section)))
    )
      return false;
    if (training || around.training || labelledDataset(line, l.url)) return true;
    if (dataDocs.get(l.path) === 'training') return true;
    return TRAINING_WORDS_RE.test(l.section) || DATA_SECTION_RE.test(l.section);
  });
}

/** Sites that host datasets, beyond the Hub: a link there on a training line names the data. */
const DATASET_HOST_RE = rx('i')`
    ^https?:\/\/([\w-]+\.)*(tensorflow\.org\/datasets|kaggle\.com\/datasets|zenodo\.org|data\.commoncrawl\.org|
    commoncrawl\.org|pile\.eleuther\.ai|openslr\.org|commonvoice\.mozilla\.org|laion\.ai\/blog\/laion|image-net\.org|
    cocodataset\.org)`;
/** Headings of a section that lists the model's data: "Data", "Datasets", "Training data". */
const DATA_SECTION_RE = rx()`
    ^(the )?(training |pre-?training |fine-?tuning |instruction |sft )?(data|datasets?|data sources|corpus|corpora|
    training datasets?)$`;

/** The link's own label (markdown text, an HTML anchor, a badge) calls it the dataset. */
function labelledDataset(line: string, url: string): boolean {
  const at = line.indexOf(url);
  if (at < 0) return false;
  // The label is the text since the previous link, or up to the next one; a badge's label
  // is in the badge's own address (`img.shields.io/badge/TangoFlux_Dataset-...`).
  const window = line.slice(Math.max(0, at - 200), at);
  let cut = -1;
  let badge = '';
  for (const m of window.matchAll(URL_IN_LINE_RE)) {
    cut = (m.index ?? 0) + m[0].length;
    badge = /img\.shields\.io|badge/i.test(m[0]) ? m[0] : '';
  }
  const before = badge + window.slice(cut + 1);
  const rest = line.slice(at + url.length, at + url.length + 120);
  const after = rest.slice(0, firstIndex(rest, ['http', '[', '<a ']));
  const label = `${before} ${after}`;
  return DATASET_LABEL_RE.test(label) && !EVAL_WORDS_RE.test(label) && !SAMPLE_WORDS_RE.test(label);
}

const URL_IN_LINE_RE = /https?:\/\/[^\s)"'<>\]]+/g;
const DATASET_LABEL_RE = /(^|[^a-z])(datasets?|training data|corpus)([^a-z]|$)/i;

function firstIndex(text: string, needles: string[]): number {
  let min = text.length;
  for (const n of needles) {
    const i = text.indexOf(n);
    if (i >= 0 && i < min) min = i;
  }
  return min;
}

/** A data document about the training data: not evaluation-set notes, not a how-to. */
function aboutTrainingData(card: ModelCard): boolean {
  return TRAINING_WORDS_RE.test(card.path) || TRAINING_WORDS_RE.test(intro(card.body));
}

/** Lines of the texts links were found in, cut on demand. */
class TextLines {
  private readonly cache = new Map<string, string[] | null>();
  constructor(private readonly ev: ModelEvidence) {}
  private lines(path: string): string[] | null {
    let l = this.cache.get(path);
    if (l === undefined) {
      const text = this.ev.texts[path];
      l = text === undefined ? null : text.split('\n');
      this.cache.set(path, l);
    }
    return l;
  }
  line(path: string, line: number): string | null {
    const l = this.lines(path)?.[line - 1];
    return l === undefined ? null : l.slice(0, 5000);
  }
  /** The block of non-blank lines around a line (at most 8 either side). */
  paragraph(path: string, line: number): string | null {
    const lines = this.lines(path);
    if (!lines || lines[line - 1] === undefined) return null;
    let from = line - 1;
    let to = line - 1;
    while (from > 0 && line - 1 - from < 8 && (lines[from - 1] ?? '').trim() !== '') from--;
    while (to < lines.length - 1 && to - (line - 1) < 8 && (lines[to + 1] ?? '').trim() !== '') to++;
    return lines
      .slice(from, to + 1)
      .join('\n')
      .slice(0, 20_000);
  }
}

/** Judges Hub datasets verified online; the weakest one decides (all data must be available). */
export function judgeHubDatasets(
  ev: ModelEvidence,
  component: 'training-data' | 'evaluation-data',
  ids: string[],
  messageId: string,
): Verdict | null {
  const remote = ev.remote;
  if (!remote || ids.length === 0) return null;
  const facts = ids.map((id) => remote.datasets[id]).filter((f): f is HubDatasetFact => !!f);
  if (facts.length === 0) return null;
  // A named dataset that was never looked up (not a Hub id, over the query limit) is a
  // mention: the verified ones alone cannot make the training data open.
  const unchecked = ids.filter((id) => !remote.datasets[id]);
  const verdicts = [
    ...facts.map((f) => judgeOne(component, f, messageId)),
    ...unchecked
      .slice(0, 1)
      .map((id) => mentioned('hubDatasetNotLookedUp', [cardFieldEvidence(ev, 'datasets')], { id })),
  ];
  const unavailable = facts.filter((f) => f.state === 'unavailable');
  if (unavailable.length === facts.length) {
    return unknown(
      'hubUnavailable',
      { id: unavailable[0]?.id ?? null, error: unavailable[0]?.error ?? null },
      facts.map((f) => ({ kind: 'hub' as const, url: f.url, note: f.error ?? 'lookup failed' })),
    );
  }
  const worst = weakest(verdicts);
  if (!worst) return null;
  const found = facts.filter((f) => f.state === 'found').length;
  return {
    ...worst,
    data: {
      ...worst.data,
      count: facts.length + unchecked.length,
      verified: found,
      notFound: facts.filter((f) => f.state === 'not-found' || f.state === 'unauthorized').length,
      notLookedUp: unchecked.length,
    },
    evidence: [
      ...facts.slice(0, 5).map((f) => ({
        kind: 'hub' as const,
        url: f.url,
        ...(f.license ? { license: f.license } : {}),
        note: describe(f),
      })),
      ...(unchecked.length > 0
        ? [
            {
              ...cardFieldEvidence(ev, 'datasets'),
              note: `not looked up on the Hub: ${unchecked.slice(0, 3).join(', ')}`,
            },
          ]
        : []),
    ],
    verifiedOnline: found > 0,
  };
}

/** The weakest of several looked-up datasets (a base model's, for lineage), without card context. */
export function judgeDatasetFacts(
  component: 'training-data' | 'evaluation-data',
  facts: HubDatasetFact[],
  messageId: string,
): Verdict | null {
  return weakest(facts.map((f) => judgeOne(component, f, messageId)));
}

function judgeOne(component: 'training-data' | 'evaluation-data', f: HubDatasetFact, messageId: string): Verdict {
  const evidence = [{ kind: 'hub' as const, url: f.url, note: describe(f) }];
  if (f.state === 'not-found' || f.state === 'unauthorized')
    return mentioned('hubDatasetNotFound', evidence, { id: f.id });
  // A lookup that failed says nothing about the dataset: unknown, never a mention or absence.
  if (f.state !== 'found') return unknown('hubUnavailable', { id: f.id, error: f.error ?? null }, evidence);
  if (f.gated || f.private) return gatedOnline(`${messageId}Gated`, { id: f.id }, f.license, evidence);
  return judgeRemoteLicense(component, f.license, messageId, { id: f.id }, evidence);
}

function describe(f: HubDatasetFact): string {
  if (f.state !== 'found') return f.error ?? f.state;
  return [f.private ? 'private' : 'public', f.gated ? 'gated' : null, f.license ? `license ${f.license}` : 'no license']
    .filter(Boolean)
    .join(', ');
}

function fromHub(ev: ModelEvidence, ids: string[]): Verdict | null {
  return judgeHubDatasets(ev, 'training-data', ids, 'trainingDataOnHub');
}

/** Datasets named in the card that were not verified online (offline, or lookups off). */
function listed(ev: ModelEvidence): Verdict | null {
  const names = fieldStrings(ev.card, 'datasets');
  if (names.length > 0)
    return mentioned('trainingDataListed', [cardFieldEvidence(ev, 'datasets')], {
      count: names.length,
      names: names.slice(0, 3).join(', '),
    });
  const links = trainingDataLinks(ev).filter((l) => l.kind === 'hub-dataset');
  return links.length > 0 ? mentioned('trainingDataLinked', linkEvidence(links), { count: links.length }) : null;
}

function mentions(ev: ModelEvidence): Verdict | null {
  const links = trainingDataLinks(ev);
  if (links.length > 0) return mentioned('trainingDataLinked', linkEvidence(links), { count: links.length });
  const scripts = ev.artifacts.datasetScripts.filter(
    (p) => DATA_SCRIPT_RE.test(p.slice(p.lastIndexOf('/') + 1)) && !NOT_DATA_SCRIPT_RE.test(p),
  );
  if (scripts.length > 0) return mentioned('trainingDataScripts', fileEvidence(scripts), { count: scripts.length });
  // Prose counts when it names specific public datasets; "a large web corpus" names none.
  const lines = cardLinesMatching(ev, NAMED_TRAINING_LINE_RE);
  if (lines.length > 0) return mentioned('trainingDataMentioned', lines);
  // Or when it says where the data it describes was released ("trained on 52K instruction
  // following data, which is released in the [GitHub repository](...)").
  const texts = new TextLines(ev);
  const released = ev.links.filter((l) => {
    if (l.kind !== 'github' && l.kind !== 'hub-dataset' && !(l.kind === 'other' && DATASET_HOST_RE.test(l.url)))
      return false;
    const line = texts.line(l.path, l.line) ?? l.context;
    return (
      TRAINING_PROSE_RE.test(line) && AVAILABLE_RE.test(line) && !SAMPLE_WORDS_RE.test(line) && !USER_DATA_RE.test(line)
    );
  });
  if (released.length > 0) return mentioned('trainingDataLinked', linkEvidence(released), { count: released.length });
  return null;
}

/** Scripts that fetch or build a corpus name it; a script that downloads the model does not. */
const DATA_SCRIPT_RE = /(data|corpus|corpora|crawl|scrap)/i;
const NOT_DATA_SCRIPT_RE =
  /(model|weight|checkpoint|ckpt|tokenizer)[^/]*$|(^|\/)(tests?|evals?|evaluation|benchmarks?|examples?|[^/]*-eval)\//i;

/**
 * The card says what the model was trained on without naming any dataset ("a mix of publicly
 * available data", "our internal corpus", "680,000 hours of audio"): by the experts' rubric
 * that is no evidence of training data.
 */
function unnamed(ev: ModelEvidence): Verdict | null {
  const lines = cardLinesMatching(ev, TRAINING_PROSE_RE);
  return lines.length > 0 ? missing('trainingDataUnnamed', undefined, lines) : null;
}

/** A declaration whose location is a Hub dataset is verified like the card's `datasets:`. */
export function declaredHubDataset(ev: ModelEvidence, component: 'training-data' | 'evaluation-data'): string[] {
  const id = /huggingface\.co\/datasets\/([\w.-]+\/[\w.-]+)/.exec(ev.declarations[component]?.location ?? '')?.[1];
  return id ? [id] : [];
}

import { rx } from '../rx.js';
// Wording about data: what a line, a paragraph or a document says a dataset is for. Facts
// only, no verdicts: the data criteria (training data, data card) decide with them.
//
// The experts' rubric ("How the experts decide"): training data counts as named only when
// specific public datasets are named; prose such as "a mix of publicly available data",
// "our internal corpus" or "N hours of audio" names nothing. A dataset the card uses as a
// benchmark, a sample of the format or an example for users is not what the model was
// trained on. Every pattern here runs on one line or one short paragraph at a time and has
// no nested quantifiers, so hostile texts cost linear time.

/** The line says something was trained on data: training verbs and nouns, in English and Chinese. */
export const TRAINING_WORDS_RE = rx('i')`
    \b(train(ed|ing|s)?|pre-?train\w*|fine-?tun\w*|finetun\w*|instruction[- ]tun\w*|instruct(ion)?[- ](data|
    datasets?)|post-?train\w*|mid-?train\w*|sft|rlhf|dpo|distill(ed|ation)|anneal\w*)\b|训练|微调`;

/** A training claim: "trained on / with / using", "training data", "pre-training corpus". */
export const TRAINING_CLAIM_RE = rx('i')`
    \b(trained|pre-?trained|fine-?tuned|finetuned|instruction-?tuned|distilled|train(ing)?|pre-?train(ing)?|
    fine-?tun(e|ing)|finetun(e|ing))\b.{0,60}\b(on|with|using|from|upon)\b|\b(training|pre-?training|fine-?tuning|
    finetuning|sft|instruction|pre-?train)[- ](data|datasets?|corpus|corpora|mix(ture)?)\b|\b(data|datasets?|corpus|
    corpora)\b.{0,60}\b(for|in|during) (the )?(unsupervised |self-supervised |supervised )?(pre-?training|training|
    fine-?tuning)\b|(训练|预训练|微调)(数据|语料)|(数据|语料).{0,20}(训练|预训练|微调)`;

/** Evaluation sets: benchmarks, test splits, leaderboards. */
export const EVAL_WORDS_RE =
  /\b(eval\w*|benchmark\w*|test[- ]?sets?|test split|leaderboards?|held-?out|judge)\b|评测|评估|测试集/i;

/** Samples of the format, toy and example data, or a dataset offered as an example. */
export const SAMPLE_WORDS_RE = rx('i')`
    \b(samples?|examples?|toy|dummy|demo|mock|tiny)[- ](data|datasets?|files?|format|corpus)\b|\b(toy|dummy|mock)\b|
    \bexample datasets?\b|\b(data|dataset) format\b|\bformat of (the|your) (data|dataset)\b|样例|示例|例子`;

/** Words addressed to the reader's own data ("prepare your dataset", "you can find datasets"). */
export const USER_DATA_RE = rx('i')`
    \byour (own |custom(ized)? |private |local )?(data|datasets?|corpus|training data)\b|\byou can (also )?(use|
    prepare|replace|choose|bring)\b|\byou can (also )?find\b.{0,40}\bdatasets?\b|\bwhere can i\b|\byou (must|should|
    need to|have to)\b|\bcustom(ized)? (data|datasets?)\b|你的数据|自己的数据`;

/** A release of data by the authors: "we release the dataset", "the final published oasst2 dataset". */
export const DATA_RELEASE_RE = rx('i')`
    \b(we|our)\b.{0,30}\b(release[sd]?|publish(ed)?|open-?sourced?|provide[sd]?)\b.{0,40}\b(data|datasets?|corpus|
    corpora)\b|\b(published|released|open-?sourced)\b.{0,40}\b(data|datasets?|corpus)\b|开源的?数据`;

/**
 * Specific public datasets and corpora, named in prose. Names of sources alone (the web,
 * books, "publicly available data") are not here: they name no dataset one could obtain.
 */
export const PUBLIC_DATASET_NAMES_RE = rx('i')`
    \b(the pile|pile-?cc|minipile|c4|mc4|redpajama[\w-]*|slimpajama|dolma|dolmino[\w-]*|fineweb[\w-]*|finemath|
    refinedweb|the stack( v2| dedup)?|starcoder ?data|github code clean|oscar corpus|laion-?\w*|common ?crawl|ccnet|
    bookcorpus|openwebtext\w*|wikitext[\w-]*|wikipedia dumps?|peS2o|proof-?pile[\w-]*|openwebmath|s2orc|sharegpt|
    oasst\w*|openassistant conversations|alpaca[- ]data|dolly[- ]15k|databricks-dolly-15k|ultrachat[\w-]*|
    ultrafeedback|openhermes[\w-]*|openorca|slimorca|flan collection|flan v2|xp3\w*|super-?naturalinstructions|
    natural instructions|tulu[- ]v?\d[\w-]*mix|wildchat|lmsys-chat-1m|cosmopedia|smoltalk|the ?stack|librispeech|
    libri-?light|common ?voice|gigaspeech|voxpopuli|audioset|audiocaps|wavcaps|musiccaps|clotho|imagenet[\w-]*|
    ms-?coco|cc3m|cc12m|conceptual captions|sa-1b|datacomp[\w-]*|webvid[\w-]*|yfcc\w*|hh-rlhf|anthropic hh|
    gsm8k train|metamathqa|mathinstruct|commitpack\w*|evol-?instruct[\w-]*)\b`;

/** A line of text with a training claim that names a specific public dataset. */
/**
 * A line of text with a training claim that names a specific public dataset, and is not
 * about a sample of the format or the reader's own data.
 */
export const NAMED_TRAINING_LINE_RE = new RegExp(
  `^(?!.*(?:${SAMPLE_WORDS_RE.source}|${USER_DATA_RE.source}))(?=.*(?:${TRAINING_CLAIM_RE.source}))(?=.*${PUBLIC_DATASET_NAMES_RE.source})`,
  'i',
);

/** Words saying where data can be had: released, available, hosted, downloadable. */
export const AVAILABLE_RE =
  /\b(releas\w*|available|can be found|download\w*|hosted|published|open-?sourced?)\b|开源|下载/i;

/** A training claim on a line (for prose that names no dataset: "trained on 2T tokens of web data"). */
export const TRAINING_PROSE_RE = new RegExp(
  `\\b(trained|pre-?trained|fine-?tuned)\\b.{0,40}\\b(on|using|with)\\b.{0,80}\\b(data|datasets?|corpus|corpora|tokens|samples|examples|hours|text|images|audio|videos|conversations)\\b|\\b(training|pre-?training) (data|dataset|corpus)\\b|(训练|预训练)(数据|语料)`,
  'i',
);

/** Headings of a section about a model's data (not how to download or format one). */
export const DATA_HEADING_RE = rx()`
    \b(data|datasets?|corpus|corpora|data sources|data collection|data mixture|data composition|datasheet|
    training data|pre-?training data)\b|数据`;

/** Headings of instructions rather than descriptions: downloading, formats, configuration, contributing. */
export const HOW_TO_HEADING_RE = rx()`
    \b(download\w*|install\w*|format|formats|config\w*|setup|set up|usage|how to|prepar\w*|preprocess\w*|convert\w*|
    loading|load|contribut\w*|pull requests?|upload\w*|push\w*|log in|login|requirements|structure|run|running|
    generat\w*|create|creating|quick ?start|getting started|example|examples|toy|your|tokeniz\w*|pre-?tokeniz\w*|
    using|use|register\w*|adding|add|peeking|inspect\w*)\b|下载|格式|配置|准备`;

/** The first heading-free paragraph of a document says what the document is for. */
export function intro(body: string): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (const l of lines) {
    if (/^\s{0,3}#/.test(l)) {
      if (out.length > 0) break;
      continue;
    }
    if (l.trim() === '') {
      if (out.length > 0) break;
      continue;
    }
    out.push(l);
    if (out.length >= 8) break;
  }
  return out.join(' ');
}

/** Prose of a text without URLs, code blocks, HTML tags and markup: what a reader would read. */
export function readableProse(text: string): string {
  const out: string[] = [];
  let fence = false;
  for (const l of text.split('\n')) {
    if (/^\s{0,3}(```|~~~)/.test(l)) {
      fence = !fence;
      continue;
    }
    // Headings stay: a datasheet often asks its questions in them ("## Who created the dataset?").
    if (!fence) out.push(l);
  }
  return out
    .join('\n')
    .replace(/https?:\/\/[^\s)<>"'\]]+/g, ' ')
    .replace(/<[^>\n]{0,500}>/g, ' ')
    .replace(/[`*_|>#[\]()!-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The questions of "Datasheets for Datasets" (Gebru et al.) a text answers: motivation,
 * composition, collection, preprocessing, uses and limitations, distribution. URLs and code
 * are dropped first, so a list of links or a command line answers nothing.
 */
const DATASHEET_TOPICS: [string, RegExp][] = [
  [
    'motivation',
    rx('i')`
      \b(created|built|collected|curated|assembled|constructed) (for|to|in order to)\b|\b(purpose|motivation|
      goal of (the|this) (data|dataset|corpus))\b`,
  ],
  [
    'composition',
    rx('i')`
      \b(consists? of|composed of|comprises?|composition|mixture|proportions?|ratios?|data mix|curriculum|made up of|
      instances|contains? (about |roughly |over |around )?[0-9.,]+|[0-9][0-9.,]*\s?(billion|million|thousand|
      [bmkt])?\s(tokens|documents|words|examples|instances|images|hours|samples|conversations|records|pairs)|
      languages?\b.{0,40}\b(cover|include|span))\b|组成|构成|比例`,
  ],
  [
    'collection',
    rx('i')`
      \b(collected|crawl(ed)?|scrap(ed|ing)|gathered|sourced|obtained|downloaded) (from|by|in|via|with|using)\b|
      \b(sources?|annotat\w*|written by|generated (by|with|using)|licensed from)\b|来源|采集|收集`,
  ],
  [
    'preprocessing',
    rx('i')`
      \b(filter(ed|ing)?|dedup\w*|deduplicat\w*|clean(ed|ing)|decontaminat\w*|quality classifier|
      language identification|pii|remov(ed|al) of|normali[sz](ed|ation))\b|过滤|去重|清洗`,
  ],
  [
    'uses',
    rx('i')`
      \b(bias(es)?|limitations?|intended uses?|out-of-scope|personal (information|data)|sensitive|offensive|toxic\w*|
      consent|privacy)\b|偏见|局限`,
  ],
  [
    'distribution',
    rx('i')`
      \b(licen[cs]ed? under|licen[cs]e[sd]?|terms of use|distributed|maintained|maintenance|available (at|on|from))\b|
      许可`,
  ],
];

export function datasheetTopics(text: string): string[] {
  const prose = readableProse(text);
  if (prose.length < 300) return [];
  return DATASHEET_TOPICS.filter(([, re]) => re.test(prose)).map(([t]) => t);
}

/** A document (or its opening) that says it is about evaluation data, not training data. */
export function aboutEvaluation(body: string): boolean {
  const first = intro(body);
  return EVAL_WORDS_RE.test(first) && !TRAINING_CLAIM_RE.test(first);
}

/** A document that is mostly instructions: most of its headings are how-to steps, or it is a contribution guide. */
export function mostlyInstructions(headings: string[]): boolean {
  if (headings.some((h) => /\b(how to contribute|contribut\w*|pull requests?)\b/.test(h))) return true;
  const steps = headings.filter((h) => HOW_TO_HEADING_RE.test(h)).length;
  return headings.length > 0 && steps * 2 >= headings.length;
}

/** A URL that points at one file (an image, a script, a shard) rather than at a dataset. */
export function isFileUrl(url: string): boolean {
  if (/\/(resolve|raw|edit)\//.test(url)) return true;
  const path = url.replace(/[?#].*$/, '');
  if (/\/blob\/[^/]+\/.+\.[a-z0-9]{1,8}$/i.test(path)) return true;
  return /\.(png|jpe?g|gif|svg|webp|bmp|ico|mp4|webm|mov|mp3|wav|flac|ogg|pdf|py|ipynb|sh|md)$/i.test(path);
}

/** Placeholder names in templates: `your_name/dataset_name`, `<org>/<dataset>`. */
export function isPlaceholderId(id: string): boolean {
  return /(^|\/)(your[_-]|<|\{|xxx|username|org_name|user_name)/i.test(id) || /dataset[_-]name$/i.test(id);
}

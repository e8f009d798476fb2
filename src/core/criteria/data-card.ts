// `data-card`: documentation of what the training data is made of — where it comes from,
// its composition, how it was collected and filtered, under which terms.
//
// The experts' threshold ("Datasheets for Datasets", Gebru et al.): `open` needs a dedicated
// datasheet or dataset card that answers its questions (motivation, composition, collection,
// preprocessing, uses, distribution). A data section inside a model card that names public
// sources is partial at most (`mentioned`); one that names no dataset ("publicly available
// sources") documents nothing one could check. Download, format or configuration
// instructions, evaluation-set notes and contribution guides are not data cards at all.
import {
  aboutEvaluation,
  datasheetTopics,
  DATA_HEADING_RE,
  EVAL_WORDS_RE,
  HOW_TO_HEADING_RE,
  mostlyInstructions,
  NAMED_TRAINING_LINE_RE,
  PUBLIC_DATASET_NAMES_RE,
  readableProse,
  SAMPLE_WORDS_RE,
  TRAINING_CLAIM_RE,
  USER_DATA_RE,
} from '../evidence/data-wording.js';
import type { ModelEvidence } from '../evidence/gather.js';
import type { CardSection, ModelCard } from '../evidence/types.js';
import { documentedSections, judgeFiles, judgeRemoteLicense, mentioned, missing, sectionEvidence } from './shared.js';
import type { HubDatasetFact } from '../remote.js';
import type { Criterion, Verdict } from './types.js';
import { trainingDataLinks, trainingDatasetIds, weakest } from './training-data.js';
import { rx } from '../rx.js';

const TOPICS: RegExp[] = [
  rx('i')`
    \b(source[sd]?|collected|crawl(ed)?|scrap(ed|ing)|common ?crawl|wikipedia|github|books|web|obtained|gathered|
    curated from|licensed data)\b`,
  rx('i')`
    \b(filter(ed|ing)?|dedup\w*|clean(ed|ing)?|process(ed|ing)|quality|decontaminat\w*|tokeni[sz]\w*|remov(ed|al)|
    selected|sampl(ed|ing)|annotat\w*|label(l)?ed)\b`,
  rx('i')`
    \b(tokens?|billion|million|[0-9.]+\s?[bmkt]\b|languages?|mixture|proportion|composition|size|documents|examples|
    hours)\b`,
];

/**
 * A section that actually describes data: enough prose (links and code do not count) and
 * at least where it comes from plus how it was processed or what it is made of.
 */
export function describesData(section: Pick<CardSection, 'body'>): boolean {
  const text = readableProse(section.body.replace(/\[more information needed\]/gi, ''));
  if (text.length < 300) return false;
  return TOPICS[0]!.test(text) && TOPICS.slice(1).some((re) => re.test(text));
}

/** Topics of "Datasheets for Datasets" a dedicated document must answer to count as a datasheet. */
const DATASHEET_MIN_TOPICS = 3;

/**
 * A dedicated data document that is a datasheet: it answers the questions, and is neither a how-to
 * nor evaluation notes.
 */
export function isDatasheet(doc: ModelCard): boolean {
  if (aboutEvaluation(doc.body) || mostlyInstructions(doc.sections.map((s) => s.heading))) return false;
  const topics = datasheetTopics(doc.body);
  return topics.length >= DATASHEET_MIN_TOPICS && (topics.includes('collection') || topics.includes('composition'));
}

/** File names that only ever hold a data card: a thin one is still a statement that there is one. */
const DATA_CARD_NAME_RE = /(^|\/)(data[_-]?card|datacard|datasheet[^/]*|dataset[_-]?card)\.md$/i;

export const dataCard: Criterion = {
  id: 'data-card',
  evaluate(ev) {
    const sheets = ev.dataCards.filter(isDatasheet);
    if (sheets.length > 0)
      return judgeFiles(
        ev,
        'data-card',
        sheets.map((c) => c.path),
        'dataCardFile',
      );
    const hub = hubDataCards(ev);
    if (hub) return hub;
    const named = namedDataDocs(ev);
    const sections = dataSections(ev);
    const naming: CardSection[] = [];
    for (const s of sections) if (naming.length < 3 && namesPublicData(ev, s)) naming.push(s);
    return (
      (named.length > 0
        ? mentioned(
            'dataCardThin',
            named.map((c) => ({ kind: 'file' as const, path: c.path })),
          )
        : null) ??
      (naming.length > 0
        ? mentioned('dataCardSectionOnly', sectionEvidence(ev, naming), { section: naming[0]?.heading ?? '' })
        : null) ??
      uncheckedHubDataCards(ev) ??
      (sections.length > 0
        ? {
            ...missing('dataSectionNoSources'),
            evidence: sectionEvidence(ev, sections),
            data: { section: sections[0]?.heading ?? '' },
          }
        : null) ??
      missing()
    );
  },
};

/**
 * Data documents that say what the data is without answering a datasheet's questions: a
 * DATA_CARD.md that points at the paper's appendix, a data/README.md that names the public
 * datasets the model was trained on. Download guides, format notes, evaluation-set notes and
 * contribution guides are none of these.
 */
function namedDataDocs(ev: ModelEvidence): ModelCard[] {
  return ev.dataCards.filter((doc) => {
    if (aboutEvaluation(doc.body) || mostlyInstructions(doc.sections.map((s) => s.heading))) return false;
    if (DATA_CARD_NAME_RE.test(doc.path)) return true;
    const prose = readableProse(doc.body);
    return PUBLIC_DATASET_NAMES_RE.test(prose) && !SAMPLE_WORDS_RE.test(prose) && !USER_DATA_RE.test(prose);
  });
}

/** Headings that use the word "data" about something else: data centres, data parallelism, loaders. */
const NOT_DATA_HEADING_RE =
  /\bdata (center|centre|parallel\w*|loaders?|collators?|types?|paths?|science|structures?)\b|\bmetadata\b/;

/**
 * Sections about the model's data: a data heading (at any level, not the document's title),
 * not evaluation or benchmark data, and not instructions — unless the instructions say what
 * the model was trained on ("Downloading training data: the chat model was trained on OIG").
 */
function dataSections(ev: ModelEvidence): CardSection[] {
  const title = ev.card?.sections[0];
  return documentedSections(ev, DATA_HEADING_RE).filter((s) => {
    // The document's title ("OpenChat: ... with Mixed-Quality Data") names the project, not a section about data.
    if (s === title && s.level === 1) return false;
    if (NOT_DATA_HEADING_RE.test(s.heading) || EVAL_WORDS_RE.test(s.heading)) return false;
    if (HOW_TO_HEADING_RE.test(s.heading) || /\b(toy|sample|example)\b/.test(s.heading)) return saysTrainedOn(ev, s);
    return true;
  });
}

/** A line of the section says the model was trained on a named public dataset or a linked one. */
function saysTrainedOn(ev: ModelEvidence, s: CardSection): boolean {
  const lines = s.body.split('\n');
  if (lines.some((l) => l.length < 5000 && NAMED_TRAINING_LINE_RE.test(l))) return true;
  const end = s.line + lines.length;
  return trainingDataLinks(ev).some(
    (l) =>
      l.path === s.path && l.line > s.line && l.line <= end && TRAINING_CLAIM_RE.test(lines[l.line - s.line - 1] ?? ''),
  );
}

/** The section names specific public datasets: by name, or by a link the training-data rules accept. */
function namesPublicData(ev: ModelEvidence, s: CardSection): boolean {
  const lines = s.body.split('\n');
  // A dataset named as a reference ("the same filtering rules as StarCoder Data") is not a source.
  if (
    lines.some(
      (l) =>
        l.length < 5000 && PUBLIC_DATASET_NAMES_RE.test(l) && !REFERENCE_LINE_RE.test(l) && !SAMPLE_WORDS_RE.test(l),
    )
  )
    return true;
  const end = s.line + lines.length;
  return trainingDataLinks(ev).some((l) => l.path === s.path && l.line > s.line && l.line <= end);
}

const REFERENCE_LINE_RE = /\b(same|similar)\b.{0,40}\b(as|to)\b|\b(inspired by|adapted from|compared (to|with))\b/i;

/** Dataset cards on the Hub that describe sources, collection and processing count as the data card. */
/**
 * The training data named on the Hub brings its own dataset cards; not looked up (offline,
 * or over the lookup budget), they are a pointer to a data card, never one.
 */
function uncheckedHubDataCards(ev: ModelEvidence): Verdict | null {
  const ids = trainingDatasetIds(ev).filter((id) => /^[\w.-]+\/[\w.-]+$/.test(id) && !ev.remote?.datasets[id]);
  if (ids.length === 0) return null;
  const evidence = ids.slice(0, 3).map((id) => ({
    kind: 'link' as const,
    url: `https://huggingface.co/datasets/${id}`,
    note: 'dataset card not checked',
  }));
  return mentioned('dataCardOnHubUnchecked', evidence, { count: ids.length, id: ids[0]! });
}

function hubDataCards(ev: ModelEvidence): Verdict | null {
  const remote = ev.remote;
  if (!remote) return null;
  const facts = trainingDatasetIds(ev)
    .map((id) => remote.datasets[id])
    .filter((f): f is HubDatasetFact => f?.state === 'found');
  if (facts.length === 0 || !facts.every((f) => f.cardDescribesData)) return null;
  const evidence = facts
    .slice(0, 5)
    .map((f) => ({ kind: 'hub' as const, url: f.url, note: 'dataset card describes sources and processing' }));
  // A dataset card is published under its dataset's license: the weakest one decides.
  return weakest(
    facts.map((f) => judgeRemoteLicense('data-card', f.license, 'dataCardOnHub', { count: facts.length }, evidence)),
  );
}

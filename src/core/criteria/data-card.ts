// `data-card`: documentation of the training data — sources, selection, processing.
// A heading alone, or a sentence naming a dataset, documents nothing.
import type { ModelEvidence } from '../evidence/gather.js';
import type { CardSection } from '../evidence/types.js';
import { cardLicense, declared, documentedSections, judgeFiles, judgeLicense, judgeRemoteLicense, mentioned, missing, notApplicable, sectionEvidence } from './shared.js';
import type { HubDatasetFact } from '../remote.js';
import type { Criterion, Verdict } from './types.js';
import { trainingDatasetIds, weakest } from './training-data.js';

const DATA_HEADING = /\b(training|pre-?training|fine-?tuning|instruction|sft)?\s*(data|dataset|datasets|corpus|corpora|data sources|data collection|data mixture|data composition|datasheet)\b/;
const TOPICS: RegExp[] = [
  /\b(source[sd]?|collected|crawl(ed)?|scrap(ed|ing)|common ?crawl|wikipedia|github|books|web|obtained|gathered|curated from|licensed data)\b/i,
  /\b(filter(ed|ing)?|dedup\w*|clean(ed|ing)?|process(ed|ing)|quality|decontaminat\w*|tokeni[sz]\w*|remov(ed|al)|selected|sampl(ed|ing)|annotat\w*|label(l)?ed)\b/i,
  /\b(tokens?|billion|million|[0-9.]+\s?[bmkt]\b|languages?|mixture|proportion|composition|size|documents|examples|hours)\b/i,
];

/** A section that actually describes data: enough text and at least two of sources / processing / composition. */
export function describesData(section: Pick<CardSection, 'body'>): boolean {
  const text = section.body.replace(/\[more information needed\]/gi, '');
  if (text.replace(/\s+/g, ' ').trim().length < 300) return false;
  // Where the data comes from, plus how it was processed or what it is made of.
  return TOPICS[0]!.test(text) && TOPICS.slice(1).some((re) => re.test(text));
}

export const dataCard: Criterion = {
  id: 'data-card',
  evaluate(ev) {
    const na = notApplicable(ev, 'data-card');
    if (na) return na;
    // A data card file counts when it describes the data; "To be written" is a mention.
    const files = ev.dataCards.filter((c) => describesData({ body: c.body }));
    if (files.length > 0) return judgeFiles(ev, 'data-card', files.map((c) => c.path), 'dataCardFile');
    const sections = dataSections(ev);
    const good = sections.filter(describesData);
    if (good.length > 0) {
      return judgeLicense('data-card', cardLicense(ev), 'dataCardSection', { section: good[0]?.heading ?? '' }, sectionEvidence(ev, good));
    }
    const hub = hubDataCards(ev);
    if (hub) return hub;
    const thinFiles = ev.dataCards.map((c) => ({ kind: 'file' as const, path: c.path }));
    return declared(ev, 'data-card')
      ?? (thinFiles.length > 0 ? mentioned('dataCardThin', thinFiles) : null)
      ?? (sections.length > 0 ? mentioned('dataSectionThin', sectionEvidence(ev, sections), { section: sections[0]?.heading ?? '' }) : null)
      ?? missing();
  },
};

function dataSections(ev: ModelEvidence): CardSection[] {
  return documentedSections(ev, DATA_HEADING).filter((s) => !/\b(eval|test|benchmark)/.test(s.heading));
}

/** Dataset cards on the Hub that describe sources, collection and processing count as the data card. */
function hubDataCards(ev: ModelEvidence): Verdict | null {
  const remote = ev.remote;
  if (!remote) return null;
  const facts = trainingDatasetIds(ev).map((id) => remote.datasets[id]).filter((f): f is HubDatasetFact => f?.state === 'found');
  if (facts.length === 0 || !facts.every((f) => f.cardDescribesData)) return null;
  const evidence = facts.slice(0, 5).map((f) => ({ kind: 'hub' as const, url: f.url, note: 'dataset card describes sources and processing' }));
  // A dataset card is published under its dataset's license: the weakest one decides.
  return weakest(facts.map((f) => judgeRemoteLicense('data-card', f.license, 'dataCardOnHub', { count: facts.length }, evidence)));
}

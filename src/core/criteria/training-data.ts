// `training-data`: the datasets themselves. Files here, Hub datasets verified online, or
// (offline) names in `datasets:` and dataset links, which are mentions, never availability.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import type { HubDatasetFact } from '../remote.js';
import { cardFieldEvidence, cardLinesMatching, declared, fileEvidence, judgeFiles, judgeRemoteLicense, linkEvidence, mentioned, missing, notApplicable } from './shared.js';
import type { Criterion, Verdict } from './types.js';

/** Below this, data files in the repository are taken as samples of the format. */
export const SAMPLE_DATA_BYTES = 1_000_000;
const SAMPLE_NAME = /(sample|example|demo|dummy|toy|tiny|small|mock|fake|test)/i;
const TRAINING_CONTEXT = /train|pre-?train|fine-?tun|sft|instruct|data|corpus|dataset/i;
const EVAL_CONTEXT = /eval|benchmark|test set|leaderboard|results?/i;

export const trainingData: Criterion = {
  id: 'training-data',
  evaluate(ev) {
    const na = notApplicable(ev, 'training-data');
    if (na) return na;
    const files = ev.artifacts.dataFiles;
    const bytes = ev.artifacts.dataBytes; // Infinity when an LFS pointer was not read: never a sample
    // A few small files (examples for a fine-tuning script) show the format, not the data.
    const sampleOnly = files.length > 0 && (files.every((f) => SAMPLE_NAME.test(f)) || (bytes < SAMPLE_DATA_BYTES && files.length <= 3));
    const inRepo = files.length > 0 && !sampleOnly ? judgeFiles(ev, 'training-data', files, 'trainingDataInRepo', { count: files.length, bytes: Number.isFinite(bytes) ? bytes : null }) : null;
    // Every named dataset must be available too: one open file next to a dataset that
    // cannot be shown available does not make the training data open.
    const ids = trainingDatasetIds(ev);
    const named = ids.length > 0 ? (fromHub(ev, ids) ?? listed(ev)) : null;
    const judged = weakest([inRepo, named]);
    if (judged) return judged;
    return (
      declared(ev, 'training-data') ??
      mentions(ev) ??
      (sampleOnly ? mentioned('trainingDataSample', fileEvidence(files), { count: files.length, bytes }) : null) ??
      missing()
    );
  },
};

/** Open above unknown above restricted...: the weakest verdict decides when all data is needed. */
const RANK: Partial<Record<Verdict['status'], number>> = { open: 5, unknown: 4, restricted: 3, unlicensed: 2, mentioned: 1 };

export function weakest(verdicts: (Verdict | null)[]): Verdict | null {
  let worst: Verdict | null = null;
  for (const v of verdicts) if (v && (!worst || (RANK[v.status] ?? 0) < (RANK[worst.status] ?? 0))) worst = v;
  return worst;
}

/** Hub dataset ids named as training data: `datasets:` plus dataset links outside evaluation sections. */
export function trainingDatasetIds(ev: ModelEvidence): string[] {
  const linked = ev.links
    .filter((l) => l.kind === 'hub-dataset' && l.id && !(EVAL_CONTEXT.test(l.section) && !TRAINING_CONTEXT.test(l.section)))
    .map((l) => l.id as string);
  return [...new Set([...fieldStrings(ev.card, 'datasets'), ...linked, ...declaredHubDataset(ev, 'training-data')])];
}

/** Judges Hub datasets verified online; the weakest one decides (all data must be available). */
export function judgeHubDatasets(ev: ModelEvidence, component: 'training-data' | 'evaluation-data', ids: string[], messageId: string): Verdict | null {
  const remote = ev.remote;
  if (!remote || ids.length === 0) return null;
  const facts = ids.map((id) => remote.datasets[id]).filter((f): f is HubDatasetFact => !!f);
  if (facts.length === 0) return null;
  // A named dataset that was never looked up (not a Hub id, over the query limit) is a
  // mention: the verified ones alone cannot make the training data open.
  const unchecked = ids.filter((id) => !remote.datasets[id]);
  const verdicts = [
    ...facts.map((f) => judgeOne(component, f, messageId)),
    ...unchecked.slice(0, 1).map((id) => mentioned('hubDatasetNotLookedUp', [cardFieldEvidence(ev, 'datasets')], { id })),
  ];
  const unavailable = facts.filter((f) => f.state === 'unavailable');
  if (unavailable.length === facts.length) {
    return { status: 'unknown', messageId: 'hubUnavailable', data: { id: unavailable[0]?.id ?? null, error: unavailable[0]?.error ?? null }, license: null, evidence: facts.map((f) => ({ kind: 'hub' as const, url: f.url, note: f.error ?? 'lookup failed' })) };
  }
  const worst = weakest(verdicts);
  if (!worst) return null;
  const found = facts.filter((f) => f.state === 'found').length;
  return {
    ...worst,
    data: { ...worst.data, count: facts.length + unchecked.length, verified: found, notFound: facts.filter((f) => f.state === 'not-found' || f.state === 'unauthorized').length, notLookedUp: unchecked.length },
    evidence: [
      ...facts.slice(0, 5).map((f) => ({ kind: 'hub' as const, url: f.url, ...(f.license ? { license: f.license } : {}), note: describe(f) })),
      ...(unchecked.length > 0 ? [{ ...cardFieldEvidence(ev, 'datasets'), note: `not looked up on the Hub: ${unchecked.slice(0, 3).join(', ')}` }] : []),
    ],
    verifiedOnline: found > 0,
  };
}

/** The weakest of several looked-up datasets (a base model's, for lineage), without card context. */
export function judgeDatasetFacts(component: 'training-data' | 'evaluation-data', facts: HubDatasetFact[], messageId: string): Verdict | null {
  return weakest(facts.map((f) => judgeOne(component, f, messageId)));
}

function judgeOne(component: 'training-data' | 'evaluation-data', f: HubDatasetFact, messageId: string): Verdict {
  const evidence = [{ kind: 'hub' as const, url: f.url, note: describe(f) }];
  if (f.state === 'not-found' || f.state === 'unauthorized') return mentioned('hubDatasetNotFound', evidence, { id: f.id });
  // A lookup that failed says nothing about the dataset: unknown, never a mention or absence.
  if (f.state !== 'found') return { status: 'unknown', messageId: 'hubUnavailable', data: { id: f.id, error: f.error ?? null }, license: null, evidence };
  if (f.gated || f.private) return { status: 'restricted', messageId: `${messageId}Gated`, data: { id: f.id }, license: f.license, evidence, verifiedOnline: true };
  return judgeRemoteLicense(component, f.license, messageId, { id: f.id }, evidence);
}

function describe(f: HubDatasetFact): string {
  if (f.state !== 'found') return f.error ?? f.state;
  return [f.private ? 'private' : 'public', f.gated ? 'gated' : null, f.license ? `license ${f.license}` : 'no license'].filter(Boolean).join(', ');
}

function fromHub(ev: ModelEvidence, ids: string[]): Verdict | null {
  return judgeHubDatasets(ev, 'training-data', ids, 'trainingDataOnHub');
}

/** Datasets named in the card that were not verified online (offline, or lookups off). */
function listed(ev: ModelEvidence): Verdict | null {
  const names = fieldStrings(ev.card, 'datasets');
  if (names.length > 0) return mentioned('trainingDataListed', [cardFieldEvidence(ev, 'datasets')], { count: names.length, names: names.slice(0, 3).join(', ') });
  const ids = new Set(trainingDatasetIds(ev));
  const links = ev.links.filter((l) => l.kind === 'hub-dataset' && ids.has(l.id ?? ''));
  return links.length > 0 ? mentioned('trainingDataLinked', linkEvidence(links), { count: links.length }) : null;
}

function mentions(ev: ModelEvidence): Verdict | null {
  const links = ev.links.filter((l) => l.kind === 'hub-dataset');
  if (links.length > 0) return mentioned('trainingDataLinked', linkEvidence(links), { count: links.length });
  if (ev.artifacts.datasetScripts.length > 0) return mentioned('trainingDataScripts', fileEvidence(ev.artifacts.datasetScripts), { count: ev.artifacts.datasetScripts.length });
  const lines = cardLinesMatching(ev, /\b(trained|pre-?trained|fine-?tuned)\b.{0,40}\b(on|using|with)\b.{0,80}\b(data|dataset|corpus|tokens|samples|examples)\b|\btraining (data|dataset|corpus)\b/i);
  if (lines.length > 0) return mentioned('trainingDataMentioned', lines);
  return null;
}

/** A declaration whose location is a Hub dataset is verified like the card's `datasets:`. */
export function declaredHubDataset(ev: ModelEvidence, component: 'training-data' | 'evaluation-data'): string[] {
  const id = /huggingface\.co\/datasets\/([\w.-]+\/[\w.-]+)/.exec(ev.declarations[component]?.location ?? '')?.[1];
  return id ? [id] : [];
}

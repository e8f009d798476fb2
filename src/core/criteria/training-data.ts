// `training-data`: the datasets themselves. Files here, Hub datasets verified online, or
// (offline) names in `datasets:` and dataset links, which are mentions, never availability.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import { licenseFamily, normaliseLicenseId } from '../evidence/licenses.js';
import type { HubDatasetFact } from '../remote.js';
import type { SnapshotEntry } from '../snapshot.js';
import { cardFieldEvidence, cardLinesMatching, declared, fileEvidence, judgeFiles, judgeLicense, licenseFactFor, linkEvidence, mentioned, missing, notApplicable } from './shared.js';
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
    if (files.length > 0) {
      const bytes = bytesOf(ev.entries, files);
      // A few small files (examples for a fine-tuning script) show the format, not the data.
      if (files.every((f) => SAMPLE_NAME.test(f)) || (bytes < SAMPLE_DATA_BYTES && files.length <= 3)) {
        return mentioned('trainingDataSample', fileEvidence(files), { count: files.length, bytes });
      }
      return judgeFiles(ev, 'training-data', files, 'trainingDataInRepo', { count: files.length, bytes });
    }
    return fromHub(ev, trainingDatasetIds(ev)) ?? declared(ev, 'training-data') ?? mentions(ev) ?? missing();
  },
};

/** Total size of the entries whose path is one of `paths` (LFS objects at their real size). */
function bytesOf(entries: SnapshotEntry[], paths: string[]): number {
  // Data files are listed in entry order and entries are sorted with unique paths: one merge
  // then counts exactly what a Set lookup counts, without a Set of 100,000 paths (most of
  // this criterion's time on a large tree). Anything else takes the Set.
  let matched = 0;
  let sum = 0;
  let previous: string | null = null;
  let merged = true;
  for (const e of entries) {
    if (previous !== null && !(previous < e.path)) {
      merged = false;
      break;
    }
    previous = e.path;
    if (matched < paths.length && e.path === paths[matched]) {
      sum += e.lfs?.size ?? e.size;
      matched++;
    }
  }
  if (merged && matched === paths.length) return sum;
  const wanted = new Set(paths);
  return entries.reduce((n, e) => (wanted.has(e.path) ? n + (e.lfs?.size ?? e.size) : n), 0);
}

/** Hub dataset ids named as training data: `datasets:` plus dataset links outside evaluation sections. */
export function trainingDatasetIds(ev: ModelEvidence): string[] {
  const linked = ev.links
    .filter((l) => l.kind === 'hub-dataset' && l.id && !(EVAL_CONTEXT.test(l.section) && !TRAINING_CONTEXT.test(l.section)))
    .map((l) => l.id as string);
  return [...new Set([...fieldStrings(ev.card, 'datasets'), ...linked])];
}

const RANK = { open: 4, restricted: 3, unlicensed: 2, mentioned: 1 } as const;

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
    ...facts.map((f) => judgeOne(ev, component, f, messageId)),
    ...unchecked.slice(0, 1).map((id) => mentioned('hubDatasetNotLookedUp', [cardFieldEvidence(ev, 'datasets')], { id })),
  ];
  const unavailable = facts.filter((f) => f.state === 'unavailable');
  if (unavailable.length === facts.length) {
    return { status: 'unknown', messageId: 'hubUnavailable', data: { id: unavailable[0]?.id ?? null, error: unavailable[0]?.error ?? null }, license: null, evidence: facts.map((f) => ({ kind: 'hub' as const, url: f.url, note: f.error ?? 'lookup failed' })) };
  }
  const judged = verdicts.filter((v): v is Verdict => v !== null);
  let worst = judged[0];
  for (const v of judged) if (worst && (RANK[v.status as keyof typeof RANK] ?? 0) < (RANK[worst.status as keyof typeof RANK] ?? 0)) worst = v;
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

function judgeOne(ev: ModelEvidence, component: 'training-data' | 'evaluation-data', f: HubDatasetFact, messageId: string): Verdict | null {
  const evidence = [{ kind: 'hub' as const, url: f.url, note: describe(f) }];
  if (f.state === 'not-found' || f.state === 'unauthorized') {
    return mentioned('hubDatasetNotFound', evidence, { id: f.id });
  }
  if (f.state !== 'found') return mentioned('hubUnavailable', evidence, { id: f.id, error: f.error ?? null });
  if (f.gated || f.private) return { status: 'restricted', messageId: `${messageId}Gated`, data: { id: f.id }, license: f.license, evidence };
  const id = f.license ? normaliseLicenseId(f.license) ?? f.license : null;
  const fact = id ? licenseFactFor(id, licenseFamily(id), evidence[0] as never) : null;
  void ev;
  return judgeLicense(component, fact, messageId, { id: f.id }, evidence);
}

function describe(f: HubDatasetFact): string {
  if (f.state !== 'found') return f.error ?? f.state;
  return [f.private ? 'private' : 'public', f.gated ? 'gated' : null, f.license ? `license ${f.license}` : 'no license'].filter(Boolean).join(', ');
}

function fromHub(ev: ModelEvidence, ids: string[]): Verdict | null {
  return judgeHubDatasets(ev, 'training-data', ids, 'trainingDataOnHub');
}

function mentions(ev: ModelEvidence): Verdict | null {
  const listed = fieldStrings(ev.card, 'datasets');
  if (listed.length > 0) return mentioned('trainingDataListed', [cardFieldEvidence(ev, 'datasets')], { count: listed.length, names: listed.slice(0, 3).join(', ') });
  const links = ev.links.filter((l) => l.kind === 'hub-dataset');
  if (links.length > 0) return mentioned('trainingDataLinked', linkEvidence(links), { count: links.length });
  if (ev.artifacts.datasetScripts.length > 0) return mentioned('trainingDataScripts', fileEvidence(ev.artifacts.datasetScripts), { count: ev.artifacts.datasetScripts.length });
  const lines = cardLinesMatching(ev, /\b(trained|pre-?trained|fine-?tuned)\b.{0,40}\b(on|using|with)\b.{0,80}\b(data|dataset|corpus|tokens|samples|examples)\b|\btraining (data|dataset|corpus)\b/i);
  if (lines.length > 0) return mentioned('trainingDataMentioned', lines);
  return null;
}

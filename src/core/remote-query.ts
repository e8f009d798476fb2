// What the engine would like verified online, read from the evidence: the card's datasets,
// model-index datasets, Hub model links, base models and GitHub links named as code.
import type { EngineConfig } from './engine-config.js';
import { CODE_SPECS, codeLinks } from './criteria/code.js';
import { trainingDatasetIds } from './criteria/training-data.js';
import { baseModelsOf, releaseHubModels } from './criteria/weights.js';
import { gatherEvidence } from './evidence/gather.js';
import { modelIndexDatasets } from './evidence/model-card.js';
import type { RemoteQuery } from './remote.js';
import type { RepoSnapshot } from './snapshot.js';

const HUB_ID = /^[\w.-]+\/[\w.-]+$/;
// Datasets may also carry a legacy id without an owner (`c4`, `wikipedia`): the Hub still
// answers for them (moved ones redirect to their organisation).
const HUB_DATASET_ID = /^[A-Za-z0-9][\w.-]{0,95}(\/[A-Za-z0-9][\w.-]{0,95})?$/;

// First path segments of github.com pages that are not `owner/repo` (features/actions,
// orgs/x, topics/y...): no repository to look up.
const GITHUB_RESERVED = new Set([
  'about',
  'apps',
  'blog',
  'codespaces',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'github',
  'join',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'issues',
  'readme',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'stars',
  'topics',
  'trending',
  'users',
]);

function isRepoId(id: string): boolean {
  return HUB_ID.test(id) && !GITHUB_RESERVED.has(id.split('/')[0]!.toLowerCase());
}

export function remoteQuery(snapshot: RepoSnapshot, config: EngineConfig): RemoteQuery {
  const { models } = gatherEvidence(snapshot, config);
  const datasets = new Set<string>();
  const evalDatasets = new Set<string>();
  const hubModels = new Set<string>();
  const baseModels = new Set<string>();
  const repos = new Map<string, RemoteQuery['githubRepos'][number]['component']>();
  for (const ev of models) {
    for (const id of trainingDatasetIds(ev)) if (HUB_DATASET_ID.test(id) && !id.includes('..')) datasets.add(id);
    for (const id of modelIndexDatasets(ev.card)) if (HUB_ID.test(id)) evalDatasets.add(id);
    for (const id of releaseHubModels(ev, config.huggingface)) if (HUB_ID.test(id)) hubModels.add(id);
    for (const id of baseModelsOf(ev)) if (HUB_ID.test(id)) baseModels.add(id);
    for (const spec of CODE_SPECS) {
      for (const l of codeLinks(ev, spec)) if (l.id && isRepoId(l.id) && !repos.has(l.id)) repos.set(l.id, spec.id);
    }
    // Declarations that point at the Hub are verified like card mentions.
    for (const [component, d] of Object.entries(config.declarations ?? {})) {
      const m = /huggingface\.co\/(datasets\/)?([\w.-]+\/[\w.-]+)/.exec(d?.location ?? '');
      if (!m?.[2]) continue;
      if (m[1] && component === 'evaluation-data') evalDatasets.add(m[2]);
      else if (m[1]) datasets.add(m[2]);
      else hubModels.add(m[2]);
    }
  }
  const subject = snapshot.source === 'huggingface' ? snapshot.location.replace(/^hf:/, '') : undefined;
  const release =
    config.huggingface && HUB_ID.test(config.huggingface) && config.huggingface !== subject
      ? config.huggingface
      : undefined;
  return {
    datasets: [...datasets].slice(0, 50),
    evalDatasets: [...evalDatasets].slice(0, 50),
    models: [...hubModels].filter((m) => m !== subject).slice(0, 20),
    baseModels: [...baseModels].slice(0, 10),
    githubRepos: [...repos].slice(0, 20).map(([repo, component]) => ({ repo, component })),
    ...(subject ? { subject } : {}),
    ...(release ? { release } : {}),
  };
}

// European Open Source AI Index: twelve parameters graded open / partial / closed (1 / 0.5 / 0).
import type { ComponentId, Status } from '../catalog.js';
import type { OsaiGrade, OsaiIndexVerdict } from '../report.js';
import type { Statuses } from './types.js';

export function grade(status: Status | undefined): OsaiGrade {
  switch (status) {
    case 'open':
      return 'open';
    case 'restricted':
    case 'unlicensed':
    case 'mentioned':
      return 'partial';
    case 'missing':
      return 'closed';
    default:
      return null; // unknown, not-applicable: not graded
  }
}

const ORDER: OsaiGrade[] = ['closed', 'partial', 'open'];
function weaker(a: OsaiGrade, b: OsaiGrade): OsaiGrade {
  if (a === null) return b;
  if (b === null) return a;
  return ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;
}

export interface OsaiInput {
  statuses: Statuses;
  /** Statuses of the base model's weights and training data when lineage resolved them. */
  base?: { weights?: Status; trainingData?: Status };
}

/** Parameter -> component(s); where two components feed one parameter, the weaker decides (ours). */
const PARAMETERS: [string, ComponentId[]][] = [
  ['datasources_endmodel', ['training-data']],
  ['weights_endmodel', ['weights']],
  ['trainingcode', ['training-code', 'data-preprocessing-code']],
  ['code', ['inference-code', 'model-architecture']],
  ['hardware_architecture', ['compute-info']],
  ['preprint', ['technical-report']],
  ['paper', ['research-paper']],
  ['modelcard', ['model-card']],
  ['datasheet', ['data-card']],
];

export function evaluateOsaiIndex({ statuses, base }: OsaiInput): OsaiIndexVerdict {
  const grades: Record<string, OsaiGrade> = {};
  for (const [key, ids] of PARAMETERS)
    grades[key] = ids.map((id) => grade(statuses[id])).reduce(weaker, null as OsaiGrade);
  grades['datasources_basemodel'] = grade(base?.trainingData ?? statuses['training-data']);
  grades['weights_basemodel'] = grade(base?.weights ?? statuses['weights']);
  // `licenses`: how open the terms of the release are, read from the weights' status.
  const w = statuses['weights'];
  grades['licenses'] =
    w === 'open'
      ? 'open'
      : w === 'restricted'
        ? 'partial'
        : w === 'missing' || w === 'unlicensed' || w === 'mentioned'
          ? 'closed'
          : null;
  const graded = Object.values(grades).filter((g): g is Exclude<OsaiGrade, null> => g !== null);
  const score =
    graded.length === 0
      ? null
      : Math.round(
          (graded.reduce((n, g) => n + (g === 'open' ? 1 : g === 'partial' ? 0.5 : 0), 0) / graded.length) * 100,
        ) / 100;
  return { score, grades };
}

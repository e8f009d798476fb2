// `evaluation-data`: benchmark and test sets — files here, `model-index` datasets verified
// on the Hub, or (offline) their names, which are mentions.
import { isFileUrl } from '../evidence/data-wording.js';
import { modelIndexDatasets } from '../evidence/model-card.js';
import { cardFieldEvidence, judgeFiles, linkEvidence, mentioned, missing } from './shared.js';
import { declaredHubDataset, judgeHubDatasets } from './training-data.js';
import type { Criterion } from './types.js';

const EVAL_CONTEXT = /\b(eval\w*|benchmark\w*|test set|leaderboard|results?)\b/i;

export const evaluationData: Criterion = {
  id: 'evaluation-data',
  evaluate(ev) {
    if (ev.artifacts.evalDataFiles.length > 0)
      return judgeFiles(ev, 'evaluation-data', ev.artifacts.evalDataFiles, 'evalDataInRepo');
    const ids = modelIndexDatasets(ev.card);
    const hub = judgeHubDatasets(
      ev,
      'evaluation-data',
      [...ids.filter((id) => id.includes('/')), ...declaredHubDataset(ev, 'evaluation-data')],
      'evalDataOnHub',
    );
    if (hub) return hub;
    // An image or a file inside a dataset repository (`/resolve/main/scores.png`) is not an evaluation set.
    const links = ev.links.filter(
      (l) => l.kind === 'hub-dataset' && !isFileUrl(l.url) && EVAL_CONTEXT.test(`${l.section} ${l.context}`),
    );
    return (
      (ids.length > 0
        ? mentioned('evalDataListed', [cardFieldEvidence(ev, 'model-index')], {
            count: ids.length,
            names: ids.slice(0, 3).join(', '),
          })
        : null) ??
      (links.length > 0 ? mentioned('evalDataLinked', linkEvidence(links), { count: links.length }) : null) ??
      missing()
    );
  },
};

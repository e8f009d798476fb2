// The criteria, one per component id. `runCriteria` isolates each: a criterion that throws
// yields `unknown` with the reason, and the others still run.
import { COMPONENT_IDS, type ComponentId } from '../catalog.js';
import type { ModelEvidence } from '../evidence/gather.js';
import { computeInfo } from './compute-info.js';
import { dataCard } from './data-card.js';
import { dataPreprocessingCode } from './data-preprocessing-code.js';
import { evaluationCode } from './evaluation-code.js';
import { evaluationData } from './evaluation-data.js';
import { evaluationResults } from './evaluation-results.js';
import { inferenceCode } from './inference-code.js';
import { intermediateWeights } from './intermediate-weights.js';
import { modelArchitecture } from './model-architecture.js';
import { modelCard } from './model-card.js';
import { researchPaper } from './research-paper.js';
import { sampleOutputs } from './sample-outputs.js';
import { supportingLibraries } from './supporting-libraries.js';
import { technicalReport } from './technical-report.js';
import { trainingCode } from './training-code.js';
import { trainingConfig } from './training-config.js';
import { trainingData } from './training-data.js';
import type { Criterion, Verdict } from './types.js';
import { weights } from './weights.js';

export const CRITERIA: Record<ComponentId, Criterion> = {
  'model-architecture': modelArchitecture,
  weights,
  'model-card': modelCard,
  'data-card': dataCard,
  'technical-report': technicalReport,
  'evaluation-results': evaluationResults,
  'sample-outputs': sampleOutputs,
  'training-code': trainingCode,
  'inference-code': inferenceCode,
  'evaluation-code': evaluationCode,
  'evaluation-data': evaluationData,
  'supporting-libraries': supportingLibraries,
  'training-data': trainingData,
  'data-preprocessing-code': dataPreprocessingCode,
  'intermediate-weights': intermediateWeights,
  'research-paper': researchPaper,
  'training-config': trainingConfig,
  'compute-info': computeInfo,
};

/** Components whose evidence is mostly in the card: unreadable card -> unknown rather than missing. */
const CARD_BASED = new Set<ComponentId>(['model-card', 'data-card', 'technical-report', 'evaluation-results', 'research-paper', 'compute-info', 'training-data', 'evaluation-data', 'sample-outputs']);

/** Whether a folder ('' for the whole tree) holds, or lies within, the model rooted at `root`. */
function concerns(root: string, folder: string): boolean {
  return folder === '' || root === '.' || folder === root || folder.startsWith(`${root}/`) || root.startsWith(`${folder}/`);
}

export function runCriteria(ev: ModelEvidence, criteria: Record<ComponentId, Criterion> = CRITERIA): Record<ComponentId, Verdict> {
  const out = {} as Record<ComponentId, Verdict>;
  const cardSkip = ev.skipped.find((s) => /(^|\/)(readme|model_card|modelcard)\.md$/i.test(s.path) && (ev.root === '.' ? !s.path.includes('/') : s.path.startsWith(ev.root + '/')));
  // Where the listing of this model's files is incomplete, what was not found may be there.
  const unlisted = ev.skipped.find((s) => s.incomplete === true && concerns(ev.root, s.path));
  for (const id of COMPONENT_IDS) {
    let verdict: Verdict;
    try {
      verdict = criteria[id].evaluate(ev);
    } catch (err) {
      verdict = { status: 'unknown', messageId: 'criterionFailed', data: { error: err instanceof Error ? err.message : String(err) }, license: null, evidence: [] };
    }
    if (cardSkip && (verdict.status === 'missing' || (id === 'model-card' && !ev.card))) {
      if (CARD_BASED.has(id)) {
        verdict = { status: 'unknown', messageId: 'cardUnreadable', data: { path: cardSkip.path, reason: cardSkip.reason, detail: cardSkip.detail ?? null }, license: null, evidence: [{ kind: 'file', path: cardSkip.path, note: `skipped: ${cardSkip.reason}` }] };
      }
    }
    if (unlisted && (verdict.status === 'missing' || verdict.status === 'mentioned')) {
      const path = unlisted.path || '.';
      verdict = { status: 'unknown', messageId: 'listingIncomplete', data: { path, detail: unlisted.detail ?? null }, license: null, evidence: [...verdict.evidence, { kind: 'file', path, note: `listing incomplete${unlisted.detail ? `: ${unlisted.detail}` : ''}` }] };
    }
    out[id] = verdict;
  }
  return out;
}

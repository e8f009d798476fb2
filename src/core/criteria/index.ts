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
import { cardLicense, claimOf, declared, notApplicable, pointerOf, unknown } from './shared.js';
import type { Claim, Criterion, Verdict } from './types.js';
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
const CARD_BASED = new Set<ComponentId>([
  'model-card',
  'data-card',
  'technical-report',
  'evaluation-results',
  'research-paper',
  'compute-info',
  'training-data',
  'evaluation-data',
  'sample-outputs',
]);

/** Whether a folder ('' for the whole tree) holds, or lies within, the model rooted at `root`. */
function concerns(root: string, folder: string): boolean {
  return (
    folder === '' || root === '.' || folder === root || folder.startsWith(`${root}/`) || root.startsWith(`${folder}/`)
  );
}

export function runCriteria(
  ev: ModelEvidence,
  criteria: Record<ComponentId, Criterion> = CRITERIA,
): Record<ComponentId, Verdict> {
  const out = {} as Record<ComponentId, Verdict>;
  const cardSkip = ev.skipped.find(
    (s) =>
      /(^|\/)(readme|model_card|modelcard)\.md$/i.test(s.path) &&
      (ev.root === '.' ? !s.path.includes('/') : s.path.startsWith(ev.root + '/')),
  );
  // Where the listing of this model's files is incomplete, what was not found may be there.
  const unlisted = ev.skipped.find((s) => s.incomplete === true && concerns(ev.root, s.path));
  for (const id of COMPONENT_IDS) {
    // Configuration that says a component does not apply decides before any evidence.
    const na = notApplicable(ev, id);
    if (na) {
      out[id] = na;
      continue;
    }
    let verdict: Verdict;
    try {
      verdict = criteria[id].evaluate(ev);
    } catch (err) {
      verdict = unknown('criterionFailed', { error: err instanceof Error ? err.message : String(err) }, []);
    }
    if (cardSkip && (verdict.status === 'missing' || (id === 'model-card' && !ev.card))) {
      if (CARD_BASED.has(id)) {
        verdict = unknown(
          'cardUnreadable',
          { path: cardSkip.path, reason: cardSkip.reason, detail: cardSkip.detail ?? null },
          [{ kind: 'file', path: cardSkip.path, note: `skipped: ${cardSkip.reason}` }],
        );
      }
    }
    if (unlisted && (verdict.status === 'missing' || verdict.status === 'mentioned')) {
      const path = unlisted.path || '.';
      const evidence = [
        ...verdict.evidence,
        { kind: 'file' as const, path, note: `listing incomplete${unlisted.detail ? `: ${unlisted.detail}` : ''}` },
      ];
      verdict = {
        ...unknown('listingIncomplete', { path, detail: unlisted.detail ?? null }, evidence),
        ...(verdict.claim ? { claim: verdict.claim } : {}),
      };
    }
    out[id] = withClaim(ev, id, withDeclaration(ev, id, verdict));
  }
  return out;
}

/**
 * A declaration is the maintainer's statement and is never dropped silently: it replaces a
 * verdict that only mentions or misses the component (keeping what the card said as
 * evidence), and stands beside stronger evidence.
 */
function withDeclaration(ev: ModelEvidence, id: ComponentId, verdict: Verdict): Verdict {
  if (!ev.declarations[id] || verdict.messageId === 'declared' || verdict.status === 'not-applicable') return verdict;
  const decl = declared(ev, id)!;
  if (verdict.status === 'mentioned' || verdict.status === 'missing')
    return { ...decl, evidence: [...decl.evidence, ...verdict.evidence].slice(0, 6) };
  return {
    ...verdict,
    evidence: [...verdict.evidence, ...decl.evidence],
    ...(verdict.status === 'unknown' && !verdict.claim ? { claim: decl.claim } : {}),
  };
}

/** Whether the target of a pointer was looked up online: then its verdict already says what was found. */
function lookedUp(ev: ModelEvidence, at: { host: Claim['host']; target: string }): boolean {
  const r = ev.remote;
  if (!r || r.notOnline) return false;
  const key = at.target;
  if (at.host === 'hub') return r.models[key] !== undefined || r.datasets[key] !== undefined;
  if (at.host === 'github') return Object.keys(r.github).some((k) => k.toLowerCase() === key.toLowerCase());
  return false;
}

/** Components whose pointer, if it holds, is the release's own artifact under the release's terms. */
const RELEASE_ARTIFACTS = new Set<ComponentId>(['weights', 'intermediate-weights']);

/**
 * The claim behind a mention or an unknown: a link the criterion tied to the component but
 * that was not followed, the `datasets:` ids of the card, or a lookup that failed. A link
 * that was followed and led nowhere (a Hub or GitHub fact) claims nothing.
 */
function withClaim(ev: ModelEvidence, id: ComponentId, v: Verdict): Verdict {
  if (v.claim || (v.status !== 'mentioned' && v.status !== 'unknown')) return v;
  const fact = RELEASE_ARTIFACTS.has(id) ? cardLicense(ev, 'data') : null;
  let claim: Claim | null = null;
  const failed = v.status === 'unknown' ? v.evidence.find((e) => e.kind === 'hub' && e.url) : undefined;
  if (failed?.url && /^(hubUnavailable|githubUnavailable)$/.test(v.messageId)) {
    const at = pointerOf(failed.url);
    claim = claimOf(id, 'lookup-failed', at.host, at.target, fact);
  } else if (v.status === 'mentioned' || v.messageId === 'listingIncomplete') {
    const link = v.evidence.find((e) => e.kind === 'link' && e.url);
    const listed = v.evidence.find(
      (e) => e.kind === 'card-field' && (e.field === 'datasets' || e.field === 'model-index'),
    );
    if (link?.url) {
      const at = pointerOf(link.url);
      if (!lookedUp(ev, at)) claim = claimOf(id, 'link', at.host, at.target, fact);
    } else if (listed && typeof v.data?.['names'] === 'string' && !ev.remote) {
      claim = claimOf(id, 'link', 'hub', v.data['names'], fact);
    }
  }
  return claim ? { ...v, claim } : v;
}

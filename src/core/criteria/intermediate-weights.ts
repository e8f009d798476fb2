// `intermediate-weights`: training checkpoints — checkpoint folders here, step/stage
// revisions of the Hub repository verified online, or a card that lists them (a mention).
import { cardLinesMatching, declared, documentedSections, judgeFiles, judgeRemoteLicense, mentioned, missing, notApplicable, sectionEvidence } from './shared.js';
import { releaseOnHub } from './weights.js';
import type { Criterion, Verdict } from './types.js';
import type { ModelEvidence } from '../evidence/gather.js';
import { CHECKPOINT_WORDS_SOURCE } from '../remote.js';

// Card lines that speak of checkpoints, or load a checkpoint revision of a model:
// `revision="ckpt_356"`, `revision=step1000` (a query or a shell line), `revision="step{}"`.
const CHECKPOINT_LINE_RE = new RegExp(
  `\\b(intermediate (checkpoints?|weights|models)|training checkpoints?|checkpoints? (at|every|for each))|\\brevision\\s*=\\s*["']?(?:[^"'\\s]*[^a-z"'\\s])?${CHECKPOINT_WORDS_SOURCE}`,
  'i',
);

export const intermediateWeights: Criterion = {
  id: 'intermediate-weights',
  evaluate(ev) {
    const na = notApplicable(ev, 'intermediate-weights');
    if (na) return na;
    const cks = ev.artifacts.checkpoints;
    if (cks.length > 0) {
      return judgeFiles(ev, 'intermediate-weights', cks.map((c) => c.files[0] ?? c.dir), 'checkpointsInRepo', { count: cks.length });
    }
    const hub = fromHub(ev);
    if (hub) return hub;
    const sections = documentedSections(ev, /\b(intermediate|checkpoints?|training steps)\b/);
    const lines = cardLinesMatching(ev, CHECKPOINT_LINE_RE);
    return declared(ev, 'intermediate-weights')
      ?? (sections.length > 0 ? mentioned('checkpointsMentioned', sectionEvidence(ev, sections)) : null)
      ?? (lines.length > 0 ? mentioned('checkpointsMentioned', lines) : null)
      ?? missing();
  },
};

/** Step or stage revisions of the release repository the weights were verified in. */
function fromHub(ev: ModelEvidence): Verdict | null {
  const release = releaseOnHub(ev).found;
  if (!release || release.checkpointRevisions.length === 0) return null;
  const revisions = release.checkpointRevisions;
  const evidence = [{ kind: 'hub' as const, url: release.url, note: `${revisions.length} checkpoint revisions (${revisions.slice(0, 3).join(', ')}${revisions.length > 3 ? ', …' : ''})` }];
  if (release.gated) return { status: 'restricted', messageId: 'checkpointsOnHub', data: { count: revisions.length, licenseState: 'gated', license: release.license }, license: release.license, evidence, verifiedOnline: true };
  return judgeRemoteLicense('intermediate-weights', release.license, 'checkpointsOnHub', { count: revisions.length }, evidence);
}

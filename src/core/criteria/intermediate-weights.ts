// `intermediate-weights`: training checkpoints — checkpoint folders here, step/stage
// revisions of the Hub repository verified online, or a card that links or lists them (a
// mention: not verified offline).
import {
  cardLinesMatching,
  documentedSections,
  gatedOnline,
  judgeFiles,
  judgeRemoteLicense,
  linkEvidence,
  mentioned,
  missing,
  sectionEvidence,
} from './shared.js';
import { releaseOnHub } from './weights.js';
import type { Criterion, Verdict } from './types.js';
import type { ModelEvidence } from '../evidence/gather.js';
import { CHECKPOINT_WORDS_SOURCE } from '../remote.js';
import { rx } from '../rx.js';

// Checkpoints are intermediate when the words say so: a step or stage, "during training",
// "partially trained", "intermediate", or a Hub revision named by step (`/tree/step1000`).
// A section about the released (final) checkpoints, or how to convert or download them, is not.
const CHECKPOINT_LINE_RE = new RegExp(
  `\\b(intermediate (model )?(checkpoints?|weights|models)|training checkpoints?|checkpoints? (at|every|for each)\\b|partially[- ]trained (checkpoints?|models?|weights)|checkpoints? (saved |released |available )?(during|throughout) (the )?training)|\\brevision\\s*=\\s*["']?(?:[^"'\\s]*[^a-z"'\\s])?${CHECKPOINT_WORDS_SOURCE}`,
  'i',
);
/** Wording inside a "Checkpoints" section that makes them intermediate ones. */
const INTERMEDIATE_WORDS_RE = rx('i')`
    \b(step|stage|iter|epoch)[-_]?\d|\bsteps? [\d,]{3,}|\bevery [\d,]+\s?k?\s(training )?(steps|tokens|iterations|
    epochs)\b|\b(during|throughout) (the )?training\b|\bpartially[- ]trained\b|\bintermediate\b`;
/** Headings that are about intermediate checkpoints by themselves. */
const INTERMEDIATE_HEADING_RE =
  /\b(intermediate|training checkpoints?|partially trained|training steps|checkpoints? (during|throughout) training)\b/;
/** A Hub revision named by a training step or stage: `huggingface.co/org/model/tree/stage1-step1907359-tokens4001B`. */
const REVISION_LINK_RE = new RegExp(`/tree/(?:[^/?#\\s]*[^a-z/?#\\s])?${CHECKPOINT_WORDS_SOURCE}`, 'i');

export const intermediateWeights: Criterion = {
  id: 'intermediate-weights',
  evaluate(ev) {
    const cks = ev.artifacts.checkpoints;
    if (cks.length > 0) {
      return judgeFiles(
        ev,
        'intermediate-weights',
        cks.map((c) => c.files[0] ?? c.dir),
        'checkpointsInRepo',
        { count: cks.length },
      );
    }
    const hub = fromHub(ev);
    if (hub) return hub;
    const revisions = ev.links.filter((l) => l.kind === 'hub-model' && REVISION_LINK_RE.test(l.url));
    const sections = documentedSections(ev, /\b(intermediate|checkpoints?|training steps|partially trained)\b/).filter(
      (s) =>
        INTERMEDIATE_HEADING_RE.test(s.heading) ||
        (!/\b(conver\w*|download\w*|loading|load)\b/.test(s.heading) &&
          (INTERMEDIATE_WORDS_RE.test(s.body) || REVISION_LINK_RE.test(s.body))),
    );
    const lines = cardLinesMatching(ev, CHECKPOINT_LINE_RE);
    return (
      (revisions.length > 0
        ? mentioned('checkpointsLinked', linkEvidence(revisions), { count: revisions.length })
        : null) ??
      (sections.length > 0 ? mentioned('checkpointsMentioned', sectionEvidence(ev, sections)) : null) ??
      (lines.length > 0 ? mentioned('checkpointsMentioned', lines) : null) ??
      missing()
    );
  },
};

/** Step or stage revisions of the release repository the weights were verified in. */
function fromHub(ev: ModelEvidence): Verdict | null {
  const release = releaseOnHub(ev).found;
  if (!release || release.checkpointRevisions.length === 0) return null;
  const revisions = release.checkpointRevisions;
  const evidence = [
    {
      kind: 'hub' as const,
      url: release.url,
      note: `${revisions.length} checkpoint revisions (${revisions.slice(0, 3).join(', ')}${revisions.length > 3 ? ', …' : ''})`,
    },
  ];
  if (release.gated)
    return gatedOnline(
      'checkpointsOnHub',
      { count: revisions.length, licenseState: 'gated', license: release.license },
      release.license,
      evidence,
    );
  return judgeRemoteLicense(
    'intermediate-weights',
    release.license,
    'checkpointsOnHub',
    { count: revisions.length },
    evidence,
  );
}

// `intermediate-weights`: training checkpoints — checkpoint folders here, step/stage
// revisions of the Hub repository verified online, or a card that lists them (a mention).
import { licenseFamily, normaliseLicenseId } from '../evidence/licenses.js';
import { cardLinesMatching, declared, documentedSections, judgeFiles, judgeLicense, licenseFactFor, mentioned, missing, notApplicable, sectionEvidence } from './shared.js';
import type { Criterion, Verdict } from './types.js';
import type { ModelEvidence } from '../evidence/gather.js';

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
    const lines = cardLinesMatching(ev, /\b(intermediate (checkpoints?|weights|models)|training checkpoints?|checkpoints? (at|every|for each)|revision=["']?step)/i);
    return declared(ev, 'intermediate-weights')
      ?? (sections.length > 0 ? mentioned('checkpointsMentioned', sectionEvidence(ev, sections)) : null)
      ?? (lines.length > 0 ? mentioned('checkpointsMentioned', lines) : null)
      ?? missing();
  },
};

function fromHub(ev: ModelEvidence): Verdict | null {
  const withRevs = Object.values(ev.remote?.models ?? {}).find((m) => m.state === 'found' && m.checkpointRevisions.length > 0);
  if (!withRevs) return null;
  const evidence = [{ kind: 'hub' as const, url: withRevs.url, note: `${withRevs.checkpointRevisions.length} checkpoint revisions (${withRevs.checkpointRevisions.slice(0, 3).join(', ')}…)` }];
  if (withRevs.gated) return { status: 'restricted', messageId: 'checkpointsOnHub', data: { count: withRevs.checkpointRevisions.length }, license: withRevs.license, evidence, verifiedOnline: true };
  const id = withRevs.license ? normaliseLicenseId(withRevs.license) ?? withRevs.license : null;
  const fact = id ? licenseFactFor(id, licenseFamily(id), evidence[0] as never) : null;
  return { ...judgeLicense('intermediate-weights', fact, 'checkpointsOnHub', { count: withRevs.checkpointRevisions.length }, evidence), evidence, verifiedOnline: true };
}

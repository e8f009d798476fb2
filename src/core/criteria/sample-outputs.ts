// `sample-outputs`: example generations — a samples folder, the card's `widget`, or an examples section.
import {
  cardFieldEvidence,
  cardLicense,
  documentedSections,
  judgeFiles,
  judgeLicense,
  missing,
  sectionEvidence,
} from './shared.js';
import type { Criterion } from './types.js';

const SAMPLES_HEADING = /\b(sample\w*|examples?|demo\w*|generations?|outputs?|showcase|gallery)\b/;

export const sampleOutputs: Criterion = {
  id: 'sample-outputs',
  evaluate(ev) {
    if (ev.artifacts.samples.length > 0) return judgeFiles(ev, 'sample-outputs', ev.artifacts.samples, 'samplesInRepo');
    const widget = ev.card?.frontMatter?.['widget'];
    if (Array.isArray(widget) && widget.length > 0) {
      return judgeLicense('sample-outputs', cardLicense(ev), 'samplesWidget', { count: widget.length }, [
        cardFieldEvidence(ev, 'widget'),
      ]);
    }
    const sections = documentedSections(ev, SAMPLES_HEADING).filter((s) =>
      /!\[|<img|<video|<audio|```|\boutput\b/i.test(s.body),
    );
    if (sections.length > 0)
      return judgeLicense('sample-outputs', cardLicense(ev), 'samplesInCard', {}, sectionEvidence(ev, sections));
    return missing();
  },
};

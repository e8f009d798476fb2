// `research-paper`: a peer-reviewed publication (DOI, venue, proceedings BibTeX, CITATION.cff).
import { peerReviewedEvidence } from './papers.js';
import { cardLinesMatching, mentioned, missing, published } from './shared.js';
import type { Criterion } from './types.js';
import { rx } from '../rx.js';

const VENUE_MENTION = rx()`
    \b(accepted (at|to|by)|to appear|published (at|in)|proceedings of)\b|\b(NeurIPS|ICLR|ICML|ACL|EMNLP|NAACL|CVPR|
    ICCV|ECCV|AAAI|IJCAI|Interspeech|ICASSP|TACL|JMLR|TMLR|COLING|KDD)\s*'?\d{2,4}\b`;

export const researchPaper: Criterion = {
  id: 'research-paper',
  evaluate(ev) {
    const evidence = peerReviewedEvidence(ev);
    if (evidence.length > 0) return published('paperPublished', evidence);
    const lines = cardLinesMatching(ev, VENUE_MENTION);
    return (lines.length > 0 ? mentioned('paperMentioned', lines) : null) ?? missing();
  },
};

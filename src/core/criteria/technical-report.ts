// `technical-report`: a preprint or technical report. A paper on a public archive (arXiv)
// counts as published; its license is not checked (ours: documents there are freely readable).
import { arxivEvidence, otherPaperLinks, reportCitation } from './papers.js';
import { cardLinesMatching, judgeFiles, mentioned, missing, published } from './shared.js';
import type { Criterion } from './types.js';

/** A PDF, or a page of a publications list, not a drive, a blog or a site's front page. */
const PUBLISHED_DOCUMENT_RE = /^https?:\/\/(?!(?:drive|docs)\.google\.)[^?#]*(\.pdf($|[?#])|\/publications?\/[^/?#]+)/i;

export const technicalReport: Criterion = {
  id: 'technical-report',
  evaluate(ev) {
    const pdfs = ev.artifacts.pdfs.filter(
      (p) => /report|paper|technical|tech|arxiv|preprint|whitepaper/i.test(p) || !p.includes('/'),
    );
    if (pdfs.length > 0) return judgeFiles(ev, 'technical-report', pdfs, 'reportInRepo');
    const arxiv = [...reportCitation(ev), ...arxivEvidence(ev)];
    if (arxiv.length > 0) return published('reportOnArchive', arxiv);
    const hosted = otherPaperLinks(ev);
    // A document the release presents as its report, at an address that is the document
    // itself (a PDF) or a publication page, is published like a preprint. A drive, a blog or
    // a bare site cannot be told from a placeholder: mentioned.
    const documents = hosted.filter((e) => PUBLISHED_DOCUMENT_RE.test(e.url ?? ''));
    if (documents.length > 0) return published('reportHosted', documents);
    if (hosted.length > 0) return mentioned('reportLinked', hosted, { count: hosted.length });
    const lines = cardLinesMatching(ev, /\b(technical report|tech report|preprint|white ?paper)\b/i);
    return (lines.length > 0 ? mentioned('reportMentioned', lines) : null) ?? missing();
  },
};

// Where papers are found: arXiv (preprints, technical reports), DOIs and venues (peer-reviewed),
// CITATION.cff and BibTeX entries in the card.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import type { Evidence, Link } from '../evidence/types.js';

const PAPER_CONTEXT = /\b(paper|report|preprint|arxiv|citation|cite|bibtex|publication|technical|tech report|whitepaper|more details|introduc\w*|overview|model details|resources|reference)\b/i;

/** arXiv ids from `arxiv:` tags and arXiv links in a paper-like context or the card's opening lines. */
export function arxivEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  for (const tag of fieldStrings(ev.card, 'tags')) {
    if (/^arxiv:\d{4}\.\d{4,5}/i.test(tag)) out.push({ kind: 'card-field', path: ev.card?.path ?? 'README.md', field: 'tags', note: tag, ...(ev.card?.fieldLines['tags'] ? { line: ev.card.fieldLines['tags'] } : {}) });
  }
  const opening = (ev.card?.bodyLine ?? 1) + 40;
  const links = ev.links.filter((l: Link) => l.kind === 'arxiv' && (l.line <= opening || PAPER_CONTEXT.test(l.section) || PAPER_CONTEXT.test(l.context) || l.section === ''));
  for (const l of links.slice(0, 3)) out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  return out;
}

/** Peer-reviewed venues: DOI and venue links, BibTeX @inproceedings / journal articles, CITATION.cff. */
export function peerReviewedEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  const links = ev.links.filter((l) => (l.kind === 'doi' || l.kind === 'paper-venue') && !/zenodo|figshare|dataset/i.test(l.url));
  for (const l of links.slice(0, 3)) out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  const body = ev.card?.body ?? '';
  const lines = body.split('\n');
  for (let i = 0; i < lines.length && out.length < 5; i++) {
    const line = lines[i] ?? '';
    if (/@inproceedings\s*\{/i.test(line) || (/@article\s*\{/i.test(line) && bibEntry(lines, i).some((l) => /^\s*journal\s*=/.test(l) && !/arxiv|corr|preprint/i.test(l)))) {
      out.push({ kind: 'card-section', path: ev.card?.path ?? 'README.md', line: (ev.card?.bodyLine ?? 1) + i, note: line.trim().slice(0, 120) });
    }
  }
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  if (cff && /preferred-citation:[\s\S]*?type:\s*(article|conference-paper|proceedings|journal)/i.test(cff) && !/journal:\s*["']?arxiv/i.test(cff)) {
    out.push({ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff preferred-citation' });
  }
  return out;
}

export function reportCitation(ev: ModelEvidence): Evidence[] {
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  if (cff && /type:\s*report/i.test(cff)) return [{ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff of type report' }];
  return [];
}

function bibEntry(lines: string[], start: number): string[] {
  return lines.slice(start, start + 15);
}

// Where papers are found: arXiv (preprints, technical reports), DOIs and venues (peer-reviewed),
// CITATION.cff and BibTeX entries in the card. A README cites other people's papers too
// ("implementing the Self-Instruct paper", "similar to AudioLM"): only links presented as the
// model's own paper count.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import type { Evidence, Link } from '../evidence/types.js';
import { withDocLinks } from './shared.js';

/** A link label that presents a paper: "Paper", "Technical Report", "arXiv", an arXiv badge. */
const OWN_LABEL = /^[\s\p{Emoji_Presentation}\p{Extended_Pictographic}*_[(|:-]*(our |the |read (the|our) |full )?(paper|technical report|tech(nical)? report|report|preprint|arxiv( paper)?|whitepaper)\b/iu;
const BADGE = /img\.shields\.io\/badge\/(arxiv|paper|report|tech)|badge\/arxiv|arxiv-b31b1b|\[!\[(arxiv|paper|report)/i;
const OWN_LINE = /\b(our|we)\b.{0,60}\b(paper|report|preprint|publication)\b|\b(technical report|tech report)\b|^\W*(paper|preprint|report|arxiv)\s*[:：]|\bplease (cite|refer to)\b|\bfor (more )?details\b.{0,80}\b(paper|report)\b/i;
const OTHERS_LINE = /\b(based on|implement(s|ing|ation of)|similar to|inspired by|follow(s|ing)? the|proposed (by|in)|introduced (by|in)|as described in|builds? on|built on|compared (to|with)|thanks|acknowledg\w*|such as|e\.g\.)\b/i;
const CITATION_SECTION = /\b(citation|cite|citing|bibtex|reference this|how to cite)\b/;

function labelOf(link: Link): string {
  const esc = link.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(${esc}`).exec(link.context);
  return m?.[1] ?? '';
}

/** Whether a paper link is presented as the model's own paper. */
export function presentsOwnPaper(link: Link): boolean {
  if (CITATION_SECTION.test(link.section)) return true;
  const label = labelOf(link);
  if (BADGE.test(link.context) || (label && OWN_LABEL.test(label))) return true;
  const line = link.context
    .replace(/\[[^\]]*\]\([^)]*\)/g, (m) => (m.includes(link.url) ? ' LINK ' : ' '))
    .split(link.url)
    .join(' LINK ');
  // "RWKV v4 preprint: https://…", "Paper - https://…": the label sits right before the link.
  if (/\b(paper|preprint|technical report|tech report|report)\b[\s*_:：|–-]*LINK/i.test(line)) return true;
  return OWN_LINE.test(line) && !OTHERS_LINE.test(line.replace(/\b(our|we)\b.{0,60}\b(paper|report)\b/i, ''));
}

/** Lines of BibTeX entries in the card's documents (their own arXiv or venue). */
function bibtexLines(ev: ModelEvidence): { path: string; line: number; text: string; entry: string[] }[] {
  const out: { path: string; line: number; text: string; entry: string[] }[] = [];
  for (const part of ev.card?.parts ?? []) {
    const lines = part.body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i] ?? '';
      if (/^\s*@(article|inproceedings|misc|techreport|proceedings|incollection)\s*\{/i.test(text)) {
        out.push({ path: part.path, line: part.bodyLine + i, text, entry: lines.slice(i, i + 20) });
      }
    }
  }
  return out;
}

/** arXiv ids from `arxiv:` tags, arXiv links presented as the model's paper, and BibTeX preprints. */
export function arxivEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  for (const tag of fieldStrings(ev.card, 'tags')) {
    if (/^arxiv:\d{4}\.\d{4,5}/i.test(tag)) out.push({ kind: 'card-field', path: ev.card?.path ?? 'README.md', field: 'tags', note: tag, ...(ev.card?.fieldLines['tags'] ? { line: ev.card.fieldLines['tags'] } : {}) });
  }
  for (const l of withDocLinks(ev).filter((l) => l.kind === 'arxiv' && presentsOwnPaper(l)).slice(0, 3)) out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  for (const b of bibtexLines(ev)) {
    if (out.length >= 5) break;
    if (b.entry.some((l) => /arxiv|eprint|corr\b|preprint/i.test(l))) out.push({ kind: 'card-section', path: b.path, line: b.line, note: b.text.trim().slice(0, 120) });
  }
  return out;
}

/** Peer-reviewed venues: DOI and venue links presented as the paper, proceedings BibTeX, CITATION.cff. */
export function peerReviewedEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  const links = withDocLinks(ev).filter((l) => (l.kind === 'doi' || l.kind === 'paper-venue') && !/zenodo|figshare|dataset/i.test(l.url) && presentsOwnPaper(l));
  for (const l of links.slice(0, 3)) out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  for (const b of bibtexLines(ev)) {
    if (out.length >= 5) break;
    const journal = b.entry.find((l) => /^\s*(journal|booktitle)\s*=/i.test(l));
    const published = /@inproceedings/i.test(b.text) || (journal !== undefined && !/arxiv|corr\b|preprint/i.test(journal));
    if (published) out.push({ kind: 'card-section', path: b.path, line: b.line, note: b.text.trim().slice(0, 120) });
  }
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  if (cff && /preferred-citation:[\s\S]*?type:\s*(article|conference-paper|proceedings|journal)/i.test(cff) && !/journal:\s*["']?arxiv/i.test(cff)) {
    out.push({ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff preferred-citation' });
  }
  return out;
}

/** Papers hosted elsewhere (a PDF on a project site, a drive): links labelled as the paper. */
export function otherPaperLinks(ev: ModelEvidence): Evidence[] {
  return withDocLinks(ev)
    .filter((l) => l.kind === 'other' && /\.pdf($|[?#])|drive\.google|openai\.com|research\.|papers?\.|\/paper/i.test(l.url) && presentsOwnPaper(l))
    .slice(0, 3)
    .map((l) => ({ kind: 'link' as const, path: l.path, line: l.line, url: l.url }));
}

export function reportCitation(ev: ModelEvidence): Evidence[] {
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  if (cff && /type:\s*report/i.test(cff)) return [{ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff of type report' }];
  return [];
}

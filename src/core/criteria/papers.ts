// Where papers are found: arXiv (preprints, technical reports), DOIs and venues (peer-reviewed),
// CITATION.cff and BibTeX entries in the card. A README cites other people's papers too
// ("implementing the Self-Instruct paper", "similar to AudioLM"): only links presented as the
// model's own paper count.
import type { ModelEvidence } from '../evidence/gather.js';
import { fieldStrings } from '../evidence/model-card.js';
import type { Evidence, Link } from '../evidence/types.js';
import { withDocLinks } from './shared.js';
import { rx } from '../rx.js';

/** A link label that presents a paper: "Paper", "Technical Report", "arXiv", an arXiv badge. */
const OWN_LABEL = rx('iu')`
    ^[\s\p{Emoji_Presentation}\p{Extended_Pictographic}*_[(|:-]*(our |the |read (the|our) |full )?(paper|
    technical report|tech(nical)? report|report|preprint|arxiv( paper)?|whitepaper)\b`;
const BADGE = /img\.shields\.io\/badge\/(arxiv|paper|report|tech)|badge\/arxiv|arxiv-b31b1b|\[!\[(arxiv|paper|report)/i;
const OWN_LINE = rx('i')`
    \b(our|we)\b.{0,60}\b(paper|report|preprint|publication)\b|\b(technical report|tech report)\b|^\W*(paper|preprint|
    report|arxiv)\s*[:：]|\bplease (cite|refer to)\b|\bfor (more )?details\b.{0,80}\b(paper|report)\b`;
const OTHERS_LINE = rx('i')`
    \b(based on|implement(s|ing|ation of)|similar to|inspired by|follow(s|ing)? the|proposed (by|in)|introduced (by|
    in)|as described in|builds? on|built on|compared (to|with)|thanks|acknowledg\w*|such as|e\.g\.)\b`;
const CITATION_SECTION = /\b(citation|cite|citing|bibtex|reference this|how to cite)\b/;

/** The text a link is written under: `[Paper](url)` or `<a href="url">Paper</a>`. */
function labelOf(link: Link): string {
  const esc = link.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const md = new RegExp(`\\[((?:[^\\[\\]]|\\[[^\\]]*\\])*)\\]\\(${esc}`).exec(link.context)?.[1];
  if (md !== undefined) return md;
  const html = new RegExp(`<a\\s[^>]*href\\s*=\\s*["']${esc}["'][^>]*>([^<]{0,120})<\\/a>`, 'i').exec(
    link.context,
  )?.[1];
  return html?.trim() ?? '';
}

/** A lead-in that says the list under it holds the model's papers or reports. */
const LEAD_IN_PAPERS = /\b(papers?|preprints?|technical reports?|tech reports?|reports?|publications?|whitepapers?)\b/i;

/** Whether a paper link is presented as the model's own paper. */
export function presentsOwnPaper(link: Link): boolean {
  if (CITATION_SECTION.test(link.section)) return true;
  if (
    link.leadIn &&
    LEAD_IN_PAPERS.test(link.leadIn) &&
    !OTHERS_LINE.test(link.leadIn) &&
    !/\b(related|other|previous|prior)\b/i.test(link.leadIn)
  )
    return true;
  const label = labelOf(link);
  if (BADGE.test(link.context) || (label && OWN_LABEL.test(label))) return true;
  // The line with the link as LINK: without its label to see what sits right before it
  // ("RWKV v4 preprint: https://…", "Paper - https://…"), and with it to read the sentence
  // ("refer to our [research paper](…)" reads "our research paper LINK").
  const bare = linkAsWord(link, () => '');
  if (/\b(paper|preprint|technical report|tech report|report)\b[\s*_:：|–-]*LINK/i.test(bare)) return true;
  const read = linkAsWord(link, (label) => label);
  return OWN_LINE.test(read) && !OTHERS_LINE.test(read.replace(/\b(our|we)\b.{0,60}\b(paper|report)\b/i, ''));
}

function linkAsWord(link: Link, keep: (label: string) => string): string {
  return link.context
    .replace(/\[([^\]]*)\]\([^)]*\)/g, (m, label: string) => (m.includes(link.url) ? ` ${keep(label)} LINK ` : ' '))
    .split(link.url)
    .join(' LINK ');
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

/** Lines of one BibTeX entry: up to the line that closes it. */
function entryEnd(entry: string[]): number {
  const end = entry.findIndex((l, i) => i > 0 && /^\s*\}\s*$/.test(l));
  return end === -1 ? entry.length : end + 1;
}

/** arXiv ids from `arxiv:` tags, arXiv links presented as the model's paper, and BibTeX preprints. */
export function arxivEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  for (const tag of fieldStrings(ev.card, 'tags')) {
    if (/^arxiv:\d{4}\.\d{4,5}/i.test(tag))
      out.push({
        kind: 'card-field',
        path: ev.card?.path ?? 'README.md',
        field: 'tags',
        note: tag,
        ...(ev.card?.fieldLines['tags'] ? { line: ev.card.fieldLines['tags'] } : {}),
      });
  }
  for (const l of withDocLinks(ev)
    .filter((l) => l.kind === 'arxiv' && presentsOwnPaper(l))
    .slice(0, 3))
    out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  for (const b of bibtexLines(ev)) {
    if (out.length >= 5) break;
    if (b.entry.some((l) => /arxiv|eprint|corr\b|preprint/i.test(l)))
      out.push({ kind: 'card-section', path: b.path, line: b.line, note: b.text.trim().slice(0, 120) });
  }
  return out;
}

/** Peer-reviewed venues: DOI and venue links presented as the paper, proceedings BibTeX, CITATION.cff. */
export function peerReviewedEvidence(ev: ModelEvidence): Evidence[] {
  const out: Evidence[] = [];
  const links = withDocLinks(ev).filter(
    (l) =>
      (l.kind === 'doi' || l.kind === 'paper-venue') && !/zenodo|figshare|dataset/i.test(l.url) && presentsOwnPaper(l),
  );
  for (const l of links.slice(0, 3)) out.push({ kind: 'link', path: l.path, line: l.line, url: l.url });
  for (const b of bibtexLines(ev)) {
    if (out.length >= 5) break;
    const journal = b.entry.find((l) => /^\s*(journal|booktitle)\s*=/i.test(l));
    // A BibTeX entry for a repository or a web page (`journal = {GitHub repository}`) is not a publication.
    const repository = b.entry.slice(0, entryEnd(b.entry)).some((l) =>
      rx('i')`
          ^\s*(journal|publisher|howpublished|booktitle)\s*=.*\b(github|gitlab|hugging ?face|repository|website|
          blog)\b`.test(l),
    );
    const published =
      !repository &&
      (/@inproceedings/i.test(b.text) || (journal !== undefined && !/arxiv|corr\b|preprint/i.test(journal)));
    if (published) out.push({ kind: 'card-section', path: b.path, line: b.line, note: b.text.trim().slice(0, 120) });
  }
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  const preferred = cff ? cff.indexOf('preferred-citation:') : -1;
  if (
    cff &&
    preferred !== -1 &&
    /type:\s*(article|conference-paper|proceedings|journal)/i.test(cff.slice(preferred)) &&
    !/journal:\s*["']?arxiv/i.test(cff)
  ) {
    out.push({ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff preferred-citation' });
  }
  return out;
}

/** Papers hosted elsewhere (a PDF on a project site, a drive): links labelled as the paper. */
export function otherPaperLinks(ev: ModelEvidence): Evidence[] {
  return withDocLinks(ev)
    .filter(
      (l) =>
        l.kind === 'other' &&
        /\.pdf($|[?#])|drive\.google|openai\.com|research\.|papers?\.|\/paper|\/publications?\/|\/research\//i.test(
          l.url,
        ) &&
        presentsOwnPaper(l),
    )
    .slice(0, 3)
    .map((l) => ({ kind: 'link' as const, path: l.path, line: l.line, url: l.url }));
}

export function reportCitation(ev: ModelEvidence): Evidence[] {
  const cff = ev.artifacts.citation ? ev.texts[ev.artifacts.citation] : undefined;
  if (cff && /type:\s*report/i.test(cff))
    return [{ kind: 'file', path: ev.artifacts.citation ?? 'CITATION.cff', note: 'CITATION.cff of type report' }];
  return [];
}

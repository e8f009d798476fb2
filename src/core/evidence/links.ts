// Links in card text, classified by what they point at. Only the URL shape is read here:
// nothing is fetched (lookups are the Hub resolver's job, and only to allow-listed hosts).
import type { Link, LinkKind } from './types.js';
import { rx } from '../rx.js';

const URL_RE = /https?:\/\/[^\s<>()"'`\]]+/g;
const DOI_TEXT_RE = /\bdoi:\s*(10\.\d{4,9}\/[^\s"'<>,;]+)/gi;
const HUB_LOAD_RE = rx('g')`
    (?:from_pretrained|snapshot_download|hf_hub_download)\(\s*(?:repo_id\s*=\s*|
    pretrained_model_name_or_path\s*=\s*)?["']([\w.-]{1,96}\/[\w.-]{1,96})["']|(?:huggingface-cli|
    hf) download\s+([\w.-]{1,96}\/[\w.-]{1,96})`;
const HUB_ID_RE = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;
const LIST_ITEM_RE = /^\s*([-*+]|\d{1,3}[.)])\s/;
/**
 * A line that introduces what follows: it ends with a colon, outside any link ("**Papers**:", "*
 * Technical reports:").
 */
const LEAD_IN_RE = /^[^()[\]]*[:：]\s*(\*\*|__)?\s*$/;
const ARXIV_TEXT_RE = /\barxiv:\s*(\d{4}\.\d{4,5})/gi;

/** Hub paths that are not model repositories. */
const HUB_RESERVED = new Set([
  'datasets',
  'spaces',
  'docs',
  'blog',
  'papers',
  'models',
  'organizations',
  'collections',
  'settings',
  'join',
  'login',
  'pricing',
  'learn',
  'tasks',
  'posts',
  'api',
  'chat',
  'new',
  'enterprise',
  'search',
]);

const PAPER_VENUES = [
  'aclanthology.org',
  'aclweb.org',
  'openreview.net',
  'proceedings.neurips.cc',
  'papers.nips.cc',
  'neurips.cc',
  'proceedings.mlr.press',
  'jmlr.org',
  'ieeexplore.ieee.org',
  'dl.acm.org',
  'link.springer.com',
  'www.nature.com',
  'nature.com',
  'science.org',
  'openaccess.thecvf.com',
  'ojs.aaai.org',
  'ijcai.org',
  'www.isca-archive.org',
  'isca-speech.org',
  'tacl',
  'transacl.org',
];

export function classifyUrl(raw: string): { kind: LinkKind; id?: string; url: string } {
  const url = raw.replace(/[.,;:!?*_}\]]+$/, '');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { kind: 'other', url };
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const parts = u.pathname.split('/').filter(Boolean).map(decodeURIComponentSafe);
  if (host === 'huggingface.co' || host === 'hf.co') {
    if (parts[0] === 'datasets' && parts.length >= 3)
      return { kind: 'hub-dataset', id: `${parts[1]}/${parts[2]}`, url };
    if (parts[0] === 'papers' && parts[1] && /^\d{4}\.\d{4,5}/.test(parts[1])) {
      return { kind: 'arxiv', id: parts[1].replace(/v\d+$/, ''), url };
    }
    if (parts.length >= 2 && parts[0] && !HUB_RESERVED.has(parts[0])) {
      return { kind: 'hub-model', id: `${parts[0]}/${parts[1]}`, url };
    }
    return { kind: 'other', url };
  }
  if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    const id = /(\d{4}\.\d{4,5})/.exec(u.pathname)?.[1];
    return id ? { kind: 'arxiv', id, url } : { kind: 'other', url };
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const doi = u.pathname.replace(/^\//, '');
    // arXiv's own DOIs name a preprint, not a peer-reviewed publication.
    if (/^10\.48550\/arxiv\./i.test(doi)) return { kind: 'arxiv', id: doi.replace(/^10\.48550\/arxiv\./i, ''), url };
    return { kind: 'doi', id: doi, url };
  }
  if (host === 'github.com' && parts.length >= 2 && parts[0] && parts[1]) {
    return { kind: 'github', id: `${parts[0]}/${parts[1].replace(/\.git$/, '')}`, url };
  }
  if (PAPER_VENUES.some((v) => host === v || host.endsWith('.' + v))) return { kind: 'paper-venue', url };
  return { kind: 'other', url };
}

/**
 * Extracts links line by line, remembering the section each sits in.
 * `sectionAt(line)` gives the normalised heading governing a 1-based line.
 */
export function extractLinks(
  text: string,
  path: string,
  firstLine: number,
  sectionAt: (line: number) => string,
  limit = 2000,
): Link[] {
  const links: Link[] = [];
  const lines = text.split('\n');
  // The line that introduces the list being read ("Technical reports:"), kept while list
  // items and blank lines follow it.
  let leadIn: string | undefined;
  for (let i = 0; i < lines.length && links.length < limit; i++) {
    const lineText = lines[i] ?? '';
    if (lineText.length > 20_000) continue; // minified blobs carry no useful links
    const line = firstLine + i;
    const context = lineText.trim().slice(0, 200);
    const section = sectionAt(line);
    const item = LIST_ITEM_RE.test(lineText);
    if (context !== '' && !item) leadIn = undefined;
    const under = item ? leadIn : undefined;
    if (context.length < 200 && LEAD_IN_RE.test(context)) leadIn = context;
    const seen = new Set<string>();
    for (const m of lineText.matchAll(URL_RE)) {
      const c = classifyUrl(m[0]);
      if (seen.has(c.url)) continue;
      seen.add(c.url);
      // On a long line (an HTML banner, a paragraph) the words around the link are what say
      // what it is: a window around it, not the line's first 200 characters.
      const around = context.length < 200 ? context : windowAround(lineText, m.index ?? 0, m[0].length);
      links.push({ ...c, path, line, section, context: around, ...(under ? { leadIn: under } : {}) });
    }
    // Code that loads a Hub model by id points at its weights as surely as a link does:
    // `from_pretrained("org/name")`, `snapshot_download(repo_id="org/name")`, `huggingface-cli download org/name`.
    for (const m of lineText.matchAll(HUB_LOAD_RE)) {
      const id = m[1] ?? m[2] ?? '';
      const url = `https://huggingface.co/${id}`;
      if (!HUB_ID_RE.test(id) || seen.has(url)) continue;
      seen.add(url);
      links.push({
        kind: 'hub-model',
        id,
        url,
        path,
        line,
        section,
        context: windowAround(lineText, m.index ?? 0, m[0].length),
        ...(under ? { leadIn: under } : {}),
      });
    }
    for (const m of lineText.matchAll(DOI_TEXT_RE)) {
      const doi = (m[1] ?? '').replace(/[.)]+$/, '');
      if (/^10\.48550\//i.test(doi)) continue;
      links.push({ kind: 'doi', id: doi, url: `https://doi.org/${doi}`, path, line, section, context });
    }
    for (const m of lineText.matchAll(ARXIV_TEXT_RE)) {
      const id = m[1] ?? '';
      if (links.some((l) => l.line === line && l.kind === 'arxiv' && l.id === id)) continue;
      links.push({ kind: 'arxiv', id, url: `https://arxiv.org/abs/${id}`, path, line, section, context });
    }
  }
  return links;
}

/** Up to 150 characters before a link, the link, and 100 after, trimmed. */
function windowAround(line: string, at: number, length: number): string {
  return line.slice(Math.max(0, at - 150), at + length + 100).trim();
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

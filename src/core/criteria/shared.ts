// Building blocks every criterion uses: configuration overrides, the license of files in
// the repository, declarations, online facts and mentions. Each returns a Verdict or null
// ("no evidence of this sort"), so a criterion reads as an ordered list of evidence sources.
import { COMPONENTS, type ComponentId, type ComponentKind } from '../catalog.js';
import type { ModelEvidence } from '../evidence/gather.js';
import {
  governingLicense,
  isOpenFor,
  licenseFamily,
  normaliseLicenseId,
  UNREAD_LICENSE,
} from '../evidence/licenses.js';
import type { Evidence, LicenseFact, Link } from '../evidence/types.js';
import type { Claim, MessageData, Verdict } from './types.js';
import { rx } from '../rx.js';

const MAX_FILE_EVIDENCE = 5;

export function fileEvidence(paths: string[], note?: string): Evidence[] {
  return paths.slice(0, MAX_FILE_EVIDENCE).map((path) => ({ kind: 'file', path, ...(note ? { note } : {}) }));
}

export function linkEvidence(links: Link[]): Evidence[] {
  return links.slice(0, MAX_FILE_EVIDENCE).map((l) => ({ kind: 'link', path: l.path, line: l.line, url: l.url }));
}

export function licenseEvidence(fact: LicenseFact): Evidence {
  return { ...fact.evidence, license: fact.id };
}

/** `not-applicable` from configuration, with its reason. */
export function notApplicable(ev: ModelEvidence, id: ComponentId): Verdict | null {
  const reason = ev.notApplicable[id];
  if (!reason) return null;
  return {
    status: 'not-applicable',
    messageId: 'notApplicable',
    data: { reason },
    license: null,
    evidence: [{ kind: 'declaration', path: '.github/truly-open.yml', note: reason }],
  };
}

/**
 * Status of artifacts that sit in the repository, from the license that governs them:
 * open when the license is open for the component's kind, restricted for restrictive or
 * unrecognised terms (never guess open), unlicensed when nothing covers them.
 */
export function judgeFiles(
  ev: ModelEvidence,
  id: ComponentId,
  paths: string[],
  messageId: string,
  data: MessageData = {},
  extra: Evidence[] = [],
): Verdict {
  const kind = COMPONENTS[id].kind;
  const fact = governingLicense(ev.licenses, paths[0] ?? cardPath(ev), kind);
  const evidence = [...fileEvidence(paths), ...extra];
  // Every file of a gated Hub repository sits behind the gate, whatever its license says.
  if (ev.subject?.gated) {
    return {
      status: 'restricted',
      messageId,
      data: { count: paths.length, ...data, licenseState: 'gated', license: fact?.id ?? null },
      license: fact?.id ?? null,
      evidence: [...evidence, { kind: 'hub', url: ev.subject.url, note: 'gated: access must be requested' }],
      verifiedOnline: true,
    };
  }
  return judgeLicense(id, fact, messageId, { count: paths.length, ...data }, evidence);
}

/** Same as judgeFiles for evidence that is not a file (a card section, a library). */
export function judgeLicense(
  id: ComponentId,
  fact: LicenseFact | null,
  messageId: string,
  data: MessageData,
  evidence: Evidence[],
): Verdict {
  const kind = COMPONENTS[id].kind;
  if (!fact)
    return { status: 'unlicensed', messageId, data: { ...data, licenseState: 'none' }, license: null, evidence };
  // A LICENSE that could not be read (too large, an LFS pointer) is neither open nor restricted.
  if (fact.id === UNREAD_LICENSE) {
    return {
      status: 'unknown',
      messageId,
      data: { ...data, licenseState: 'unread', licensePath: fact.evidence.path ?? null },
      license: null,
      evidence: [...evidence, licenseEvidence(fact)],
    };
  }
  const all = [...evidence, licenseEvidence(fact)];
  const open = isOpenFor(fact.family, kind, fact.id);
  if (open === true)
    return {
      status: 'open',
      messageId,
      data: { ...data, licenseState: 'open', license: fact.id },
      license: fact.id,
      evidence: all,
    };
  const licenseState =
    open === null ? 'unrecognised' : fact.family.startsWith('restricted') ? 'restricted' : 'wrong-kind';
  return {
    status: 'restricted',
    messageId,
    data: { ...data, licenseState, license: fact.id },
    license: fact.id,
    evidence: all,
  };
}

/** An artifact's license known by name only (a library's, a Hub tag): judged like a file's. */
export function licenseFactFor(id: string, family: LicenseFact['family'], evidence: Evidence): LicenseFact {
  return { id, family, scope: '.', evidence };
}

/** Judges a license seen online (a Hub tag, GitHub's license API): normalised, then like a file's. */
export function judgeRemoteLicense(
  id: ComponentId,
  raw: string | null,
  messageId: string,
  data: MessageData,
  evidence: Evidence[],
): Verdict {
  const spdx = raw ? (normaliseLicenseId(raw) ?? raw) : null;
  const fact = spdx ? licenseFactFor(spdx, licenseFamily(spdx), evidence[0] ?? { kind: 'hub' }) : null;
  return { ...judgeLicense(id, fact, messageId, data, evidence), evidence, verifiedOnline: true };
}

/**
 * What a pointer claims for a component: judged from `fact` (a license the pointer names,
 * or the one that governs the release here), open when no terms are known yet. Only the
 * level the release claims reads it; the status stays what the evidence shows.
 */
export function claimOf(
  id: ComponentId,
  via: Claim['via'],
  host: Claim['host'],
  target: string,
  fact: LicenseFact | null,
): Claim {
  if (!fact || fact.id === UNREAD_LICENSE) return { status: 'open', license: null, via, host, target };
  const judged = judgeLicense(id, fact, 'claim', {}, []).status;
  return {
    status: judged === 'open' ? 'open' : judged === 'unlicensed' ? 'unlicensed' : 'restricted',
    license: fact.id,
    via,
    host,
    target,
  };
}

/** Where an address points: the Hub, GitHub, or elsewhere, with the shortest way to say it. */
export function pointerOf(url: string): { host: Claim['host']; target: string } {
  const hub = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/(?:datasets\/)?([\w.-]+(?:\/[\w.-]+)?)/i.exec(
    url,
  )?.[1];
  if (hub) return { host: 'hub', target: hub };
  const gh = /^https?:\/\/(?:www\.)?github\.com\/([\w.-]+\/[\w.-]+)/i.exec(url)?.[1];
  if (gh) return { host: 'github', target: gh.replace(/\.git$/, '') };
  return { host: 'web', target: url.length > 80 ? url.slice(0, 77) + '…' : url };
}

/**
 * A declaration in config: the maintainer's statement. Shown as declared and counted as a
 * mention until verified online; it claims the component under the declared license (or,
 * when none is declared, the license that governs that kind of artifact here).
 */
export function declared(ev: ModelEvidence, id: ComponentId): Verdict | null {
  const d = ev.declarations[id];
  if (!d) return null;
  const license = d.license ?? null;
  const fact = license
    ? licenseFactFor(license, licenseFamily(license), { kind: 'declaration', path: '.github/truly-open.yml' })
    : governingLicense(ev.licenses, cardPath(ev), COMPONENTS[id].kind);
  const at = /^https?:\/\//i.test(d.location) ? pointerOf(d.location) : { host: 'config' as const, target: d.location };
  return {
    status: 'mentioned',
    messageId: 'declared',
    data: { location: d.location, license },
    license,
    evidence: [
      {
        kind: 'declaration',
        path: '.github/truly-open.yml',
        url: d.location,
        ...(license ? { license } : {}),
        ...(d.note ? { note: d.note } : {}),
      },
    ],
    claim: claimOf(id, 'declaration', at.host, at.target, fact),
  };
}

export function mentioned(messageId: string, evidence: Evidence[], data: MessageData = {}, claim?: Claim): Verdict {
  return { status: 'mentioned', messageId, data, license: null, evidence, ...(claim ? { claim } : {}) };
}

export function missing(messageId = 'missing', data?: MessageData, evidence: Evidence[] = []): Verdict {
  return { status: 'missing', messageId, ...(data ? { data } : {}), license: null, evidence };
}

/** Could not be inspected (a lookup failed, a file could not be read): never read as present or absent. */
export function unknown(messageId: string, data: MessageData, evidence: Evidence[]): Verdict {
  return { status: 'unknown', messageId, data, license: null, evidence };
}

/** A lookup that could not be made, with the address and the error as evidence. */
export function lookupFailed(
  messageId: string,
  data: MessageData,
  url: string,
  error: string | null | undefined,
): Verdict {
  return unknown(messageId, data, [{ kind: 'hub', url, note: error ?? 'lookup failed' }]);
}

/** Verified online to sit behind a gate: restricted whatever its license says. */
export function gatedOnline(
  messageId: string,
  data: MessageData,
  license: string | null,
  evidence: Evidence[],
): Verdict {
  return { status: 'restricted', messageId, data, license, evidence, verifiedOnline: true };
}

/** A document on a public archive or page: published, its license not judged. */
export function published(messageId: string, evidence: Evidence[]): Verdict {
  return { status: 'open', messageId, data: { count: evidence.length }, license: null, evidence };
}

/**
 * Card sections documenting something, whose heading matches. A top-level title that holds
 * the whole document ("# Foo: a fast model with GPT-level performance") is not a topic.
 */
export function documentedSections(ev: ModelEvidence, re: RegExp) {
  return (ev.card?.sections ?? []).filter(
    (s) => s.documented && re.test(s.heading) && !(s.level === 1 && s.body.length > s.ownBody.length),
  );
}

export function sectionEvidence(
  ev: ModelEvidence,
  sections: { heading: string; line: number; path?: string }[],
): Evidence[] {
  return sections.slice(0, 3).map((s) => ({
    kind: 'card-section',
    path: s.path ?? ev.card?.path ?? 'README.md',
    line: s.line,
    section: s.heading,
  }));
}

export function cardFieldEvidence(ev: ModelEvidence, field: string): Evidence {
  const line = ev.card?.fieldLines[field];
  return { kind: 'card-field', path: ev.card?.path ?? 'README.md', field, ...(line ? { line } : {}) };
}

/** The license that governs the card (documents in the card, settings in the card). */
export function cardLicense(ev: ModelEvidence, kind: ComponentKind = 'document'): LicenseFact | null {
  return governingLicense(ev.licenses, cardPath(ev), kind);
}

function cardPath(ev: ModelEvidence): string {
  return ev.card?.path ?? (ev.root === '.' ? 'README.md' : `${ev.root}/README.md`);
}

/**
 * Lines of card text matching a pattern (mentions), with their line numbers, in every
 * document of the card and, with `docs`, in the documents the card links to.
 */
export function cardLinesMatching(ev: ModelEvidence, re: RegExp, limit = 3, docs = false): Evidence[] {
  const parts = [...(ev.card?.parts ?? []), ...(docs ? ev.docs.flatMap((d) => d.parts) : [])];
  const out: Evidence[] = [];
  for (const part of parts) {
    const lines = part.body.split('\n');
    let comment = false;
    for (let i = 0; i < lines.length && out.length < limit; i++) {
      const l = lines[i] ?? '';
      // Template comments and empty template fields say nothing about this model.
      if (l.includes('<!--')) comment = !l.includes('-->', l.indexOf('<!--'));
      else if (comment) {
        if (l.includes('-->')) comment = false;
        continue;
      }
      if (l.includes('<!--') || /\[more information needed\]/i.test(l)) continue;
      if (l.length < 5000 && re.test(l))
        out.push({ kind: 'card-section', path: part.path, line: part.bodyLine + i, note: l.trim().slice(0, 160) });
    }
  }
  return out;
}

/** Open libraries whose code defines and runs the architectures they name (library -> SPDX id). */
export const OPEN_LIBRARIES: Record<string, string> = {
  transformers: 'Apache-2.0',
  diffusers: 'Apache-2.0',
  'sentence-transformers': 'Apache-2.0',
  peft: 'Apache-2.0',
  timm: 'Apache-2.0',
  open_clip: 'MIT',
  'open-clip': 'MIT',
  'llama.cpp': 'MIT',
  gguf: 'MIT',
  nemo: 'Apache-2.0',
  fairseq: 'MIT',
  espnet: 'Apache-2.0',
  speechbrain: 'Apache-2.0',
  keras: 'Apache-2.0',
  'tf-keras': 'Apache-2.0',
  flair: 'MIT',
  spacy: 'MIT',
  'stable-baselines3': 'MIT',
  'ml-agents': 'Apache-2.0',
  paddlenlp: 'Apache-2.0',
  mlx: 'MIT',
  'mlx-lm': 'MIT',
  'adapter-transformers': 'Apache-2.0',
  fastai: 'Apache-2.0',
  allennlp: 'Apache-2.0',
  onnx: 'Apache-2.0',
  'transformers.js': 'Apache-2.0',
  vllm: 'Apache-2.0',
  sglang: 'Apache-2.0',
  ollama: 'MIT',
  pyannote: 'MIT',
  'pyannote-audio': 'MIT',
  setfit: 'Apache-2.0',
  'span-marker': 'Apache-2.0',
  ultralytics: 'AGPL-3.0-only',
  coqui: 'MPL-2.0',
  asteroid: 'MIT',
  stanza: 'Apache-2.0',
  fasttext: 'MIT',
  openvino: 'Apache-2.0',
  tensorflowtts: 'Apache-2.0',
  'megatron-lm': 'LicenseRef-Megatron-LM',
};

/** The library the card says runs the model (`library_name`), lower-cased. */
export function libraryName(ev: ModelEvidence): string | null {
  const v = ev.card?.frontMatter?.['library_name'];
  if (typeof v === 'string' && v.trim()) return v.trim().toLowerCase();
  const tags = ev.card?.frontMatter?.['tags'];
  if (Array.isArray(tags)) {
    const known = tags.find((t) => typeof t === 'string' && OPEN_LIBRARIES[t.toLowerCase()] !== undefined);
    if (typeof known === 'string') return known.toLowerCase();
  }
  return null;
}

/** The card's links and those of the documents it links to (a paper or the weights named in docs/USAGE.md). */
export function withDocLinks(ev: ModelEvidence): Link[] {
  return ev.docs.length === 0 ? ev.links : [...ev.links, ...ev.docs.flatMap((d) => d.links)];
}

const CREDIT_SECTION = rx()`
    \b(acknowledg\w*|thanks|credits?|related|references?|citation|cite|inspiration|community|contributors?|license|
    comparison|baselines?)\b`;
const CREDIT_LINE = rx('i')`
    \b(thanks?|thank you|inspired by|based on|builds? on|built on|similar to|borrow\w*|adapted from|powered by|
    related|alternatives?|see also|compar\w*|baselines?|versus|vs\.?|outperform\w*|competitors?)\b|
    \bsame\b.{0,40}\bas\b|\bfine-?tun(e|ed|ing) (of|from)\b|\bderived from\b|\bitself is\b`;

/** A link credited to others or compared against ("based on X", a baselines table): not a claim about this model. */
export function isCreditLink(l: Link): boolean {
  return CREDIT_SECTION.test(l.section) || CREDIT_LINE.test(l.context.replace(/https?:\/\/\S+/g, ' '));
}

/** Links of given kinds tied to a topic by their line or section; credits and references are not claims. */
export function linksWhere(ev: ModelEvidence, kinds: Link['kind'][], context: RegExp): Link[] {
  return ev.links.filter((l) => {
    if (!kinds.includes(l.kind) || CREDIT_SECTION.test(l.section)) return false;
    const line = l.context.replace(/https?:\/\/\S+/g, ' ');
    if (CREDIT_LINE.test(line)) return false;
    return context.test(l.section) || context.test(line);
  });
}

// The code components share one shape: files in the repository by role, a linked public
// GitHub repository verified online, a declaration, or a mention.
import type { CodeRole } from '../evidence/artifacts.js';
import type { ModelEvidence } from '../evidence/gather.js';
import { cardLinesMatching, declared, judgeFiles, judgeRemoteLicense, linkEvidence, linksWhere, mentioned, missing, notApplicable } from './shared.js';
import type { Criterion, Verdict } from './types.js';

type CodeComponent = 'training-code' | 'data-preprocessing-code' | 'evaluation-code' | 'inference-code';

export interface CodeCriterionSpec {
  id: CodeComponent;
  role: CodeRole;
  /** Words that tie a GitHub link to this component (in its line or section). */
  linkContext: RegExp;
  /** Card sentences that mention the code without publishing it. */
  mention: RegExp;
  /** Extra repository evidence tried after files (e.g. a usage snippet for inference code). */
  extra?: (ev: ModelEvidence) => Verdict | null;
  /**
   * Files of the role that are not this model's code after all (a verdict saying why), or
   * null. Stronger evidence (a repository verified online, a declaration) still wins.
   */
  notThisModels?: (ev: ModelEvidence, files: string[]) => Verdict | null;
}

export function codeCriterion(spec: CodeCriterionSpec): Criterion {
  return {
    id: spec.id,
    evaluate(ev) {
      const na = notApplicable(ev, spec.id);
      if (na) return na;
      const files = ev.artifacts.code[spec.role];
      if (files.length > 0) {
        const notOurs = spec.notThisModels?.(ev, files);
        if (!notOurs) return judgeFiles(ev, spec.id, files, 'codeInRepo', { count: files.length });
        return fromGithub(ev, spec.id) ?? declared(ev, spec.id) ?? notOurs;
      }
      return spec.extra?.(ev)
        ?? fromGithub(ev, spec.id)
        ?? declared(ev, spec.id)
        ?? linked(ev, spec)
        ?? mentionedInCard(ev, spec)
        ?? missing();
    },
  };
}

function fromGithub(ev: ModelEvidence, id: CodeComponent): Verdict | null {
  const remote = ev.remote;
  if (!remote) return null;
  const facts = Object.values(remote.github).filter((g) => remoteRoleOf(ev, g.repo) === id);
  const found = facts.find((g) => g.state === 'found');
  if (!found) {
    // Not found or private stays a mention (the link below); a lookup that failed says so.
    const failed = facts.find((g) => g.state === 'unavailable');
    if (!failed) return null;
    return { status: 'unknown', messageId: 'githubUnavailable', data: { repo: failed.repo, error: failed.error ?? null }, license: null, evidence: [{ kind: 'hub', url: failed.url, note: failed.error ?? 'lookup failed' }] };
  }
  const evidence = [{ kind: 'hub' as const, url: found.url, note: found.license ? `GitHub repository under ${found.license}` : 'GitHub repository without a license' }];
  return judgeRemoteLicense(id, found.license, 'codeOnGithub', { repo: found.repo }, evidence);
}

/** Which component a linked repository was queried for (see remoteQuery). */
export function remoteRoleOf(ev: ModelEvidence, repo: string): CodeComponent | null {
  for (const spec of CODE_SPECS) {
    if (linksWhere(ev, ['github'], spec.linkContext).some((l) => l.id?.toLowerCase() === repo.toLowerCase())) return spec.id;
  }
  return null;
}

function linked(ev: ModelEvidence, spec: CodeCriterionSpec): Verdict | null {
  const links = linksWhere(ev, ['github'], spec.linkContext);
  return links.length > 0 ? mentioned('codeLinked', linkEvidence(links), { repo: links[0]?.id ?? null }) : null;
}

function mentionedInCard(ev: ModelEvidence, spec: CodeCriterionSpec): Verdict | null {
  const lines = cardLinesMatching(ev, spec.mention);
  return lines.length > 0 ? mentioned('codeMentioned', lines) : null;
}

export const CODE_SPECS: CodeCriterionSpec[] = [
  {
    id: 'training-code',
    role: 'training',
    linkContext: /\b(train(ing)?|pre-?train(ing)?|fine-?tun(e|ing)|sft|rlhf|recipe|reproduc\w*)\b/i,
    mention: /\b(training|fine-?tuning|pre-?training) (code|scripts?|pipeline|recipe)\b/i,
  },
  {
    id: 'data-preprocessing-code',
    role: 'preprocessing',
    linkContext: /\b(data (pipeline|processing|preparation|curation|cleaning)|preprocess\w*|dedup\w*|filter\w*|tokeni[sz]\w*|data[- ]?prep\w*)\b/i,
    // Code, not what was done to the data: "we deduplicated the corpus" names no code.
    mention: /\b(data (processing |preprocessing |preparation |cleaning |curation )?(code|scripts?|pipeline|tool(s|kit)?)|(preprocessing|deduplication|filtering|cleaning|tokeni[sz]ation) (code|scripts?|pipeline|tool(s|kit)?))\b/i,
  },
  {
    id: 'evaluation-code',
    role: 'evaluation',
    linkContext: /\b(eval\w*|benchmark\w*|harness|leaderboard)\b/i,
    mention: /\b(evaluation (code|scripts?|harness|suite)|lm-evaluation-harness|evaluated (with|using))\b/i,
  },
  {
    id: 'inference-code',
    role: 'inference',
    linkContext: /\b(inference|serv(e|ing)|deploy\w*|demo|run(ning)? the model|quantiz\w*)\b/i,
    mention: /\b(inference (code|scripts?|server|engine)|serving)\b/i,
  },
];

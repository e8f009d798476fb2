// The one action that moves a component on, chosen by what is wrong with it: a restricted
// component needs other terms, an unlicensed one a license, a mention needs publishing or a
// declaration, an unverified pointer needs confirming, and only a missing one needs the
// catalog's "publish it" step. Never "add a README" to a repository with a long model card.
import { COMPONENTS, type ComponentId } from '../catalog.js';
import type { ComponentResult } from '../report.js';

const OPEN_TERMS: Record<'code' | 'data' | 'document', string> = {
  code: 'an OSI-approved license such as Apache-2.0 or MIT',
  data: 'an open data license such as CDLA-Permissive-2.0 or CC-BY-4.0 (or Apache-2.0)',
  document: 'an open license such as CC-BY-4.0 or Apache-2.0',
};

const plural = (phrase: string): boolean => /\b(weights|libraries|outputs|results|checkpoints)$/.test(phrase);

type Result = Pick<ComponentResult, 'status' | 'messageId' | 'data' | 'license' | 'claim'>;

/**
 * `quote` renders a value that comes from the repository (a path, a license id, an address):
 * plain text by default, a code span in Markdown, so nothing in it becomes markup or a link.
 */
export function adviceFor(id: ComponentId, result: Result, quote: (value: string) => string = (v) => v): string {
  const meta = COMPONENTS[id];
  const data = result.data ?? {};
  const str = (v: unknown): string => quote(v === null || v === undefined ? '' : String(v));
  const subject = meta.phrase.charAt(0).toUpperCase() + meta.phrase.slice(1);
  switch (result.status) {
    case 'restricted':
      if (data['licenseState'] === 'gated')
        return `Lift the access gate: ${meta.phrase} must be downloadable without a request or an agreement.`;
      return `Relicense ${meta.phrase} under ${OPEN_TERMS[meta.kind]}${result.license ? ` instead of ${str(result.license)}` : ''}.`;
    case 'unlicensed':
      return `Add a license that covers ${meta.phrase}: ${OPEN_TERMS[meta.kind]}, in a LICENSE file or the card's \`license:\` field.`;
    case 'unknown':
      if (result.claim) return `Run the check again online: ${meta.phrase} could not be looked up this time.`;
      return data['licenseState'] === 'unread'
        ? `Make the license file readable (${str(data['licensePath'] || 'LICENSE')} is not plain text here).`
        : `Make ${meta.phrase} readable to the check (see the message), or declare it in \`.github/truly-open.yml\`.`;
    case 'mentioned':
      return mentionedAdvice(id, result, subject, str);
    case 'missing':
      if (id === 'model-card' && result.messageId === 'modelCardUsageOnly') {
        return `${str(data['path'])} reads as a usage page: add sections on the architecture, the training, the evaluation and the limitations.`;
      }
      return meta.remediation;
    default:
      return meta.remediation;
  }
}

function mentionedAdvice(id: ComponentId, result: Result, subject: string, str: (v: unknown) => string): string {
  const meta = COMPONENTS[id];
  const data = result.data ?? {};
  if (result.claim) {
    if (result.claim.via === 'declaration')
      return `${subject} is declared: point the declaration at the Hub or GitHub so it can be verified online.`;
    return `Confirm it: run the check online (without \`--offline\`) to verify ${meta.phrase} at ${str(result.claim.target)}, or declare where ${plural(meta.phrase) ? 'they are' : 'it is'} and under which license in \`.github/truly-open.yml\`.`;
  }
  switch (result.messageId) {
    case 'modelCardIncomplete':
      return `Add the missing sections to ${str(data['path'])}: ${str(data['uncovered'])}.`;
    case 'modelCardTemplate':
      return `Fill in ${str(data['path'])}: replace the template's placeholders with what is known about the model.`;
    case 'fineTuningForUsers':
      return 'Publish the code that trained the model (pre-training and tuning), not only the scripts to fine-tune it further.';
    case 'declared':
      return `${subject} is declared: point the declaration at the Hub or GitHub so it can be verified online.`;
    default:
      // A document that is named but not shown: the catalog's step says where it belongs.
      if (meta.kind === 'document') return meta.remediation;
      return `Publish ${meta.phrase} (in the repository, on the Hub or on GitHub) under open terms, or declare where ${plural(meta.phrase) ? 'they are' : 'it is'} in \`.github/truly-open.yml\`.`;
  }
}

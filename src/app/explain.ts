// The reply to `/openness explain <component>`: what the component is, what was found for
// it in this repository (per model, with the evidence's location) and how to publish it.
// Pure; Markdown for a PR comment. Everything that comes from the repository (messages
// quoting the card, paths, notes) goes through mdText / mdCode: inert, no mentions.
import { COMPONENTS, type ComponentId } from '../core/catalog.js';
import type { Evidence } from '../core/evidence/types.js';
import { mdCode, mdText } from '../core/render/format.js';
import { componentDocUrl } from '../core/render/links.js';
import { mofClassLabel, statusLabel, statusSymbol } from '../core/render/symbols.js';
import type { Report } from '../core/report.js';

const MAX_EVIDENCE = 10;

export function explainComponent(id: ComponentId, report: Report | null, docsBaseUrl: string): string {
  const meta = COMPONENTS[id];
  const lines = [`### \`${id}\`: ${meta.title}`, '', meta.question, ''];
  const mof =
    meta.mofClass === null
      ? 'not part of the MOF'
      : `MOF ${mofClassLabel(meta.mofClass)}${meta.mofOptional ? ', optional' : ''}`;
  lines.push(`Kind: ${meta.kind} (${mof}).`, '');
  if (!report || report.models.length === 0) {
    lines.push('**In this repository:** no model was found at the head of this pull request.');
  } else {
    lines.push('**In this repository:**');
    for (const model of report.models) {
      const result = model.components[id];
      const where = report.models.length > 1 ? `${mdCode(model.path)} ` : '';
      lines.push(
        `- ${where}${statusSymbol(result.status)} **${statusLabel(result.status)}**: ${mdText(result.message)}` +
          (result.license ? ` (license: ${mdCode(result.license)})` : ''),
      );
      for (const evidence of result.evidence.slice(0, MAX_EVIDENCE)) lines.push(`  - ${describeEvidence(evidence)}`);
      if (result.evidence.length > MAX_EVIDENCE) lines.push(`  - … and ${result.evidence.length - MAX_EVIDENCE} more`);
    }
  }
  lines.push('', `**How to publish it:** ${meta.remediation}`, '', `More: ${componentDocUrl(docsBaseUrl, id)}`);
  return lines.join('\n');
}

function describeEvidence(e: Evidence): string {
  const at = e.path ? mdCode(`${e.path}${e.line ? `:${e.line}` : ''}`) : e.url ? mdUrl(e.url) : e.kind;
  const details = [
    e.field ? `field ${mdCode(e.field)}` : '',
    e.section ? `section “${mdText(e.section)}”` : '',
    e.url && e.path ? mdUrl(e.url) : '',
    e.license ? `license ${mdCode(e.license)}` : '',
    e.note ? mdText(e.note) : '',
  ].filter(Boolean);
  return `${e.kind}: ${at}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** An autolink for an http(s) URL without spaces or angle brackets; anything else as code. */
function mdUrl(url: string): string {
  return /^https?:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : mdCode(url);
}

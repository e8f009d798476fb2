// The Markdown report: what a check run, a job summary or `--format markdown` shows.
// Every cell goes through mdText/mdCode because messages quote card text, which may hold
// `|`, backticks or HTML that would break the table.
import { COMPONENTS, COMPONENT_IDS } from '../catalog.js';
import type { Problem } from '../evidence/types.js';
import type { ModelReport, Report } from '../report.js';
import {
  componentTitle,
  evidenceLocation,
  listWords,
  mdCode,
  mdLink,
  mdText,
  percent,
  truncate,
  verifiedOnlineSentence,
} from './format.js';
import { adviceFor } from './advice.js';
import { DEFAULT_DOCS_BASE_URL, componentDocUrl } from './links.js';
import { nextSteps } from './steps.js';
import { LADDER_STYLES, ONLINE_MARK, STATUS_STYLES, mofClassLabel, osaidElementLabel } from './symbols.js';

export interface MarkdownOptions {
  /** Base URL of the component docs; each component links to `${docsBaseUrl}/<id>.md`. */
  docsBaseUrl?: string;
}

const DETAIL_MAX = 140;
const EVIDENCE_SHOWN = 2;

const SEVERITY_ICON: Record<Problem['severity'], string> = { error: '✘', warning: '⚠', note: 'ℹ' };

function evidenceCell(model: ModelReport, id: (typeof COMPONENT_IDS)[number]): string {
  const locations = [
    ...new Set(model.components[id].evidence.map(evidenceLocation).filter((l): l is string => l !== null)),
  ];
  if (locations.length === 0) return '';
  const shown = locations.slice(0, EVIDENCE_SHOWN).map(mdCode).join(', ');
  const more = locations.length - EVIDENCE_SHOWN;
  return more > 0 ? `${shown} +${more} more` : shown;
}

export function componentTableMarkdown(model: ModelReport, docsBaseUrl: string): string {
  const lines = ['| | Component | Status | License | Evidence | Details |', '|---|---|---|---|---|---|'];
  for (const id of COMPONENT_IDS) {
    const result = model.components[id];
    const style = STATUS_STYLES[result.status];
    lines.push(
      `| ${style.symbol} | ${mdLink(COMPONENTS[id].title, componentDocUrl(docsBaseUrl, id))} | ${style.label}${result.verifiedOnline ? ` ${ONLINE_MARK.symbol}` : ''} | ${
        result.license ? mdCode(result.license) : ''
      } | ${evidenceCell(model, id)} | ${mdText(truncate(result.message, DETAIL_MAX))} |`,
    );
  }
  return lines.join('\n');
}

export function frameworksMarkdown(model: ModelReport): string {
  const { mof, osaid, osaiIndex } = model.frameworks;
  const progress = `Class III ${percent(mof.progress['3'])}, Class II ${percent(mof.progress['2'])}, Class I ${percent(
    mof.progress['1'],
  )}`;
  const osaidText = osaid.conformant
    ? 'conformant'
    : `not conformant; missing ${listWords(osaid.missing.map((e) => osaidElementLabel(e, componentTitle)))}`;
  const score = osaiIndex.score === null ? 'not graded' : osaiIndex.score.toFixed(2);
  return [
    `- **MOF**: ${mofClassLabel(mof.class)} (progress: ${progress})`,
    ...mof.warnings.map((w) => `  - ${mdText(w)}`),
    `- **OSI Open Source AI Definition 1.0**: ${mdText(osaidText)}`,
    ...osaid.notes.map((n) => `  - ${mdText(n)}`),
    `- **European Open Source AI Index**: ${score}`,
  ].join('\n');
}

/** Numbered steps, or '' when nothing blocks the next level or class. */
export function stepsMarkdown(model: ModelReport, docsBaseUrl: string): string {
  const steps = nextSteps(model);
  return steps
    .map((step, i) => {
      const meta = COMPONENTS[step.id];
      const link = mdLink(meta.title, componentDocUrl(docsBaseUrl, step.id));
      const goals = listWords(step.goals);
      return `${i + 1}. **${link}** (${STATUS_STYLES[step.status].label}; needed for ${goals}): ${adviceFor(step.id, model.components[step.id], mdCode)}`;
    })
    .join('\n');
}

export function problemsMarkdown(problems: readonly Problem[]): string {
  return problems
    .map((p) => {
      const where = p.path ? ` ${mdCode(p.line ? `${p.path}:${p.line}` : p.path)}` : '';
      return `- ${SEVERITY_ICON[p.severity]} **${p.severity}**${where}: ${mdText(p.message)}`;
    })
    .join('\n');
}

/** Headline line of a model, bold, with the level's symbol. */
export function headlineMarkdown(model: ModelReport): string {
  const level = LADDER_STYLES[model.ladder.level];
  const cap = model.ladder.cappedBy
    ? ` (capped by base model ${mdCode(model.ladder.cappedBy.model)}, ${LADDER_STYLES[model.ladder.cappedBy.level].words})`
    : '';
  return `**${mdText(model.ladder.headline)}**${cap}${level.tone === 'good' ? ' ✔' : ''}`;
}

export function modelMarkdown(model: ModelReport, docsBaseUrl: string, heading = '###'): string {
  const parts = [`${heading} ${mdText(model.name)} (${mdCode(model.path)})`, headlineMarkdown(model)];
  if (model.requirement) {
    const r = model.requirement;
    parts.push(
      `Requirement ${mdCode(r.requirement)}: ${r.met ? '✔ met' : '✘ not met'}${r.reason ? `: ${mdText(r.reason)}` : ''}`,
    );
  }
  parts.push(componentTableMarkdown(model, docsBaseUrl));
  const online = verifiedOnlineSentence(model);
  if (online) parts.push(`${ONLINE_MARK.symbol} ${mdText(online)}`);
  parts.push(`${heading}# Frameworks\n\n${frameworksMarkdown(model)}`);
  if (model.lineage && model.lineage.length > 0) {
    const rows = model.lineage.map((e) => {
      const level = e.level ? LADDER_STYLES[e.level].words : e.resolved ? 'level unknown' : 'not resolved';
      return `- ${mdCode(e.model)}: ${level}${e.note ? `: ${mdText(e.note)}` : ''}`;
    });
    parts.push(`${heading}# Base models\n\n${rows.join('\n')}`);
  }
  const steps = stepsMarkdown(model, docsBaseUrl);
  if (steps) parts.push(`${heading}# How to become truly open\n\n${steps}`);
  return parts.join('\n\n');
}

export function subjectLine(report: Report): string {
  const revision = report.subject.revision ? ` at ${mdCode(report.subject.revision.slice(0, 7))}` : '';
  const count = `${report.models.length} model${report.models.length === 1 ? '' : 's'}`;
  const online = report.online === false ? ' · offline (nothing verified online)' : '';
  return `${mdCode(report.subject.location)}${revision} · ${count}${online} · truly-open ${mdText(report.tool.version)}`;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  const parts = ['## truly-open report', subjectLine(report)];
  if (report.models.length === 0) parts.push('No model found in this repository.');
  for (const model of report.models) parts.push(modelMarkdown(model, docsBaseUrl));
  if (report.problems.length > 0) parts.push(`### Problems\n\n${problemsMarkdown(report.problems)}`);
  return `${parts.join('\n\n')}\n`;
}

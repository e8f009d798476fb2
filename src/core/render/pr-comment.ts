// The pull-request comment: what this PR changes first (that is what a reviewer came
// for), then where each model stands and what to do next. The hidden marker on the first
// line lets the app find and update its own comment instead of posting a new one.
import type { ReportDelta } from '../delta.js';
import type { ModelReport, Report } from '../report.js';
import { deltaMarkdown } from './delta-markdown.js';
import { mdCode, mdText } from './format.js';
import { fitItems, GITHUB_TEXT_LIMIT, hardCut } from './fit.js';
import { DEFAULT_DOCS_BASE_URL } from './links.js';
import { DOC_DEFINITIONS_RESERVE, headlineMarkdown, stepsMarkdown, withDocDefinitions } from './markdown.js';
import { mofClassLabel } from './symbols.js';

export const COMMENT_MARKER = '<!-- truly-open -->';

export interface PrCommentOptions {
  docsBaseUrl?: string;
  /** First line of the comment; defaults to COMMENT_MARKER. */
  marker?: string;
}

const omitted = (n: number) =>
  `… ${n} more model${n === 1 ? '' : 's'} not shown; run \`truly-open check\` for the full report.`;

function modelBrief(model: ModelReport): string {
  const { mof, osaid } = model.frameworks;
  const lines = [
    `#### ${mdText(model.name)} (${mdCode(model.path)})`,
    '',
    headlineMarkdown(model),
    '',
    `MOF: ${mofClassLabel(mof.class)} · OSAID 1.0: ${osaid.conformant ? 'conformant' : 'not conformant'}`,
  ];
  const steps = stepsMarkdown(model);
  if (steps) lines.push('', '<details><summary>Next steps</summary>', '', steps, '', '</details>');
  return lines.join('\n');
}

export function renderPrComment(report: Report, delta: ReportDelta, options: PrCommentOptions = {}): string {
  const docsBaseUrl = options.docsBaseUrl ?? DEFAULT_DOCS_BASE_URL;
  // Component names link to their docs by reference: the definitions go last, so keep room.
  const limit = GITHUB_TEXT_LIMIT - DOC_DEFINITIONS_RESERVE;
  const marker = options.marker ?? COMMENT_MARKER;
  const head = [
    marker,
    '## truly-open',
    deltaMarkdown(delta, { heading: '###', maxRows: 100 }),
    `### Where the release stands`,
  ].join('\n\n');
  const problems = report.problems.length;
  const tail =
    problems > 0
      ? `${problems} problem${problems === 1 ? '' : 's'} found; see the check run or run \`truly-open check\`.`
      : '';
  const { text } = fitItems(
    head,
    report.models.map((m) => modelBrief(m)),
    tail,
    omitted,
    { separator: '\n\n', limit },
  );
  return withDocDefinitions(
    `${hardCut(text, '\n… cut to fit; run `truly-open check` for the full report.', limit)}\n`,
    docsBaseUrl,
  );
}

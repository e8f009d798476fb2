// `evaluation-results`: reported metrics — `model-index`, result files, or a results table in the card.
import { stripBetween } from '../evidence/strip.js';
import type { ModelEvidence } from '../evidence/gather.js';
import { modelIndexHasMetrics } from '../evidence/model-card.js';
import {
  cardFieldEvidence,
  cardLicense,
  documentedSections,
  judgeFiles,
  judgeLicense,
  linkEvidence,
  mentioned,
  missing,
  sectionEvidence,
} from './shared.js';
import type { Criterion } from './types.js';
import { rx } from '../rx.js';

const RESULTS_HEADING = /\b(eval\w*|benchmark\w*|results?|performance|metrics?|leaderboard|scores?|comparison)\b/;
const BENCHMARK_NAMES = rx('i')`
    \b(MMLU|HellaSwag|GSM8K|HumanEval|MBPP|ARC|TruthfulQA|Winogrande|BBH|MATH|WER|BLEU|ROUGE|accuracy|F1|pass@1|
    perplexity|CER|FID|CLIP ?score|MT-Bench|AlpacaEval|IFEval|GPQA|DROP|PIQA|BoolQ|LAMBADA|SQuAD|GLUE|SuperGLUE|
    ImageNet|COCO|mAP)\b`;

/**
 * A link to results kept elsewhere: a leaderboard (in the address or named on the line), or
 * an address whose #fragment names results or metrics (`README.md#results`). Not a word on
 * the line or in the path alone: "may produce biased results", `compute_metrics.py` and
 * evaluate's `metrics/bleu` code speak of results without pointing at any.
 */
function linksToResults(link: { url: string; context: string }): boolean {
  if (/leaderboard/i.test(link.url) || /\bleaderboards?\b/i.test(link.context.replace(/https?:\/\/\S+/g, ' ')))
    return true;
  const fragment = link.url.slice(link.url.indexOf('#') + 1 || link.url.length);
  return /results?|metrics|scores?|evaluation/i.test(fragment);
}

/** A markdown or HTML table with numbers: a results table. */
export function hasResultsTable(text: string): boolean {
  const rows = text.split('\n').filter((l) => /^\s*\|.*\|\s*$/.test(l));
  if (rows.length >= 3 && rows.some((r) => /\d+(\.\d+)?\s*%?\s*\|/.test(r))) return true;
  return hasHtmlResultsTable(text);
}

/** Cells of an HTML `<table>` that hold a number (`<td>62.4</td>`, `<td><strong>68.4</strong></td>`). */
const NUMERIC_CELL_RE = /^\s*[-+]?\d+(\.\d+)?\s*%?\s*$/;

/** An HTML table with at least two rows and two cells that hold numbers. */
function hasHtmlResultsTable(text: string): boolean {
  const lower = text.toLowerCase();
  const start = lower.indexOf('<table');
  if (start < 0) return false;
  const table = lower.slice(start, start + 200_000);
  if (table.split('<tr').length - 1 < 2) return false;
  let numeric = 0;
  for (const cell of table.split(/<t[dh][\s>]/).slice(1)) {
    const end = cell.indexOf('</t');
    const content = (end < 0 ? cell : cell.slice(0, end)).replace(/<[^>]{0,200}>/g, ' ').replace(/^[^>]{0,200}>/, '');
    if (NUMERIC_CELL_RE.test(content) && ++numeric >= 2) return true;
  }
  return false;
}

/**
 * A results-named section that only tells readers how to evaluate ("To evaluate a trained
 * model, simply run ..."): evaluation code at most, not results.
 */
const HOW_TO_EVALUATE_RE = rx('im')`
  \b(to evaluate|you can (use|add|run|evaluate)|simply run|run the (following|script|command)|
  the following (command|script)|example scripts?|can be evaluated (with|using|by)|we use the yaml file|
  install\w*)\b|\`\`\`|<pre>|^\s*(python3?|bash|sh|torchrun|accelerate|lm_eval)\s`;
/** Numbers reported in prose: "61.2% on MMLU", "a score of 7.9". */
const NUMBER_IN_PROSE_RE = /\b\d+\.\d+\b|\b\d+(\.\d+)?\s?%/;

function onlyInstructions(body: string): boolean {
  const prose = stripBetween(stripBetween(body, '```', '```', ' '), '<pre>', '</pre>', ' ', true);
  return HOW_TO_EVALUATE_RE.test(body) && !NUMBER_IN_PROSE_RE.test(prose);
}

export const evaluationResults: Criterion = {
  id: 'evaluation-results',
  evaluate(ev) {
    if (modelIndexHasMetrics(ev.card)) {
      return judgeLicense('evaluation-results', cardLicense(ev), 'resultsModelIndex', {}, [
        cardFieldEvidence(ev, 'model-index'),
      ]);
    }
    if (ev.artifacts.evalResultFiles.length > 0)
      return judgeFiles(ev, 'evaluation-results', ev.artifacts.evalResultFiles, 'resultsFiles');
    const tables = resultSections(ev);
    if (tables.length > 0)
      return judgeLicense(
        'evaluation-results',
        cardLicense(ev),
        'resultsTable',
        { section: tables[0]?.heading ?? '' },
        sectionEvidence(ev, tables),
      );
    // A results heading over instructions, or over evaluation data, reports nothing.
    const sections = documentedSections(ev, RESULTS_HEADING).filter(
      (s) => !onlyInstructions(s.body) && !/\b(data|datasets?)\b/.test(s.heading),
    );
    const linked = ev.links.filter(linksToResults);
    return (
      (sections.length > 0 ? mentioned('resultsMentioned', sectionEvidence(ev, sections)) : null) ??
      (linked.length > 0 ? mentioned('resultsLinked', linkEvidence(linked), { url: linked[0]!.url }) : null) ??
      missing()
    );
  },
};

/**
 * Sections that report numbers: a results-like heading (below the title) over a table (in
 * markdown or HTML) or a figure, or any table that names benchmarks in the section's own text.
 */
function resultSections(ev: ModelEvidence) {
  const sections = ev.card?.sections ?? [];
  // Bounded classes that stop at the next bracket: a body of `![a](![a](…` stays linear.
  const FIGURE = /!\[[^[\]]{0,500}\]\([^()\s]{1,2000}\)|<img\s/i;
  const withTables = sections.filter(
    (s) =>
      s.documented &&
      // Below the document's title (a level-1 heading counts when it is not the title).
      (((s !== sections[0] || s.level > 1) &&
        RESULTS_HEADING.test(s.heading) &&
        (hasResultsTable(s.body) || FIGURE.test(s.ownBody))) ||
        (hasResultsTable(s.ownBody) && BENCHMARK_NAMES.test(s.ownBody))),
  );
  if (withTables.length > 0) return withTables;
  // Cards without headings over their tables: a table naming benchmarks anywhere.
  if (ev.card && sections.length === 0 && hasResultsTable(ev.card.body) && BENCHMARK_NAMES.test(ev.card.body))
    return [{ heading: '', line: ev.card.bodyLine }];
  return [];
}

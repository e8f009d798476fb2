// `evaluation-results`: reported metrics — `model-index`, result files, or a results table in the card.
import type { ModelEvidence } from '../evidence/gather.js';
import { modelIndexHasMetrics } from '../evidence/model-card.js';
import { cardFieldEvidence, cardLicense, declared, documentedSections, judgeFiles, judgeLicense, linkEvidence, mentioned, missing, notApplicable, sectionEvidence } from './shared.js';
import type { Criterion } from './types.js';

const RESULTS_HEADING = /\b(eval\w*|benchmark\w*|results?|performance|metrics?|leaderboard|scores?|comparison)\b/;
const BENCHMARK_NAMES = /\b(MMLU|HellaSwag|GSM8K|HumanEval|MBPP|ARC|TruthfulQA|Winogrande|BBH|MATH|WER|BLEU|ROUGE|accuracy|F1|pass@1|perplexity|CER|FID|CLIP ?score|MT-Bench|AlpacaEval|IFEval|GPQA|DROP|PIQA|BoolQ|LAMBADA|SQuAD|GLUE|SuperGLUE|ImageNet|COCO|mAP)\b/i;

/**
 * A link to results kept elsewhere: a leaderboard (in the address or named on the line), or
 * an address whose #fragment names results or metrics (`README.md#results`). Not a word on
 * the line or in the path alone: "may produce biased results", `compute_metrics.py` and
 * evaluate's `metrics/bleu` code speak of results without pointing at any.
 */
function linksToResults(link: { url: string; context: string }): boolean {
  if (/leaderboard/i.test(link.url) || /\bleaderboards?\b/i.test(link.context.replace(/https?:\/\/\S+/g, ' '))) return true;
  const fragment = link.url.slice(link.url.indexOf('#') + 1 || link.url.length);
  return /results?|metrics|scores?|evaluation/i.test(fragment);
}

/** A markdown table with numbers: a results table. */
export function hasResultsTable(text: string): boolean {
  const rows = text.split('\n').filter((l) => /^\s*\|.*\|\s*$/.test(l));
  return rows.length >= 3 && rows.some((r) => /\d+(\.\d+)?\s*%?\s*\|/.test(r));
}

export const evaluationResults: Criterion = {
  id: 'evaluation-results',
  evaluate(ev) {
    const na = notApplicable(ev, 'evaluation-results');
    if (na) return na;
    if (modelIndexHasMetrics(ev.card)) {
      return judgeLicense('evaluation-results', cardLicense(ev), 'resultsModelIndex', {}, [cardFieldEvidence(ev, 'model-index')]);
    }
    if (ev.artifacts.evalResultFiles.length > 0) return judgeFiles(ev, 'evaluation-results', ev.artifacts.evalResultFiles, 'resultsFiles');
    const tables = resultSections(ev);
    if (tables.length > 0) return judgeLicense('evaluation-results', cardLicense(ev), 'resultsTable', { section: tables[0]?.heading ?? '' }, sectionEvidence(ev, tables));
    const sections = documentedSections(ev, RESULTS_HEADING);
    const linked = ev.links.filter(linksToResults);
    return declared(ev, 'evaluation-results')
      ?? (sections.length > 0 ? mentioned('resultsMentioned', sectionEvidence(ev, sections)) : null)
      ?? (linked.length > 0 ? mentioned('resultsLinked', linkEvidence(linked), { url: linked[0]!.url }) : null)
      ?? missing();
  },
};

/**
 * Sections that report numbers: a results-like heading (below the title) over a table or a
 * figure, or any table that names benchmarks in the section's own text.
 */
function resultSections(ev: ModelEvidence) {
  const sections = ev.card?.sections ?? [];
  const FIGURE = /!\[[^\]]*\]\([^)]+\)|<img\s/i;
  const withTables = sections.filter(
    (s) =>
      s.documented &&
      ((s.level > 1 && RESULTS_HEADING.test(s.heading) && (hasResultsTable(s.body) || FIGURE.test(s.ownBody))) ||
        (hasResultsTable(s.ownBody) && BENCHMARK_NAMES.test(s.ownBody))),
  );
  if (withTables.length > 0) return withTables;
  // Cards without headings over their tables: a table naming benchmarks anywhere.
  if (ev.card && sections.length === 0 && hasResultsTable(ev.card.body) && BENCHMARK_NAMES.test(ev.card.body)) return [{ heading: '', line: ev.card.bodyLine }];
  return [];
}

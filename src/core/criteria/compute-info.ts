// `compute-info`: hardware, GPU-hours, energy or CO2 — in the card's sections or front matter.
import {
  cardFieldEvidence,
  cardLicense,
  cardLinesMatching,
  documentedSections,
  judgeFiles,
  judgeLicense,
  missing,
  sectionEvidence,
} from './shared.js';
import type { Criterion } from './types.js';
import { rx } from '../rx.js';

const COMPUTE_HEADING =
  /\b(environmental impact|compute|hardware|infrastructure|carbon|emissions?|energy|training resources)\b/;
const COMPUTE_LINE = rx('i')`
    \b\d[\d,.]*\s*(x\s*)?(nvidia\s+)?(a100|h100|h800|a800|v100|l40s?|mi250x?|mi300x?|tpu\s?v\d\w*|gpus?|tpus?)\b|
    \bgpu[- ]hours?\b|\b(petaflops?|pf-days|kwh|mwh|tco2|co2eq)\b`;

export const computeInfo: Criterion = {
  id: 'compute-info',
  evaluate(ev) {
    if (ev.card?.frontMatter?.['co2_eq_emissions'] !== undefined && ev.card.frontMatter['co2_eq_emissions'] !== null) {
      return judgeLicense('compute-info', cardLicense(ev), 'computeEmissions', {}, [
        cardFieldEvidence(ev, 'co2_eq_emissions'),
      ]);
    }
    const sections = documentedSections(ev, COMPUTE_HEADING).filter(
      (s) => COMPUTE_LINE.test(s.body) || /\b(gpu|tpu|hours|kg|tons?)\b/i.test(s.body),
    );
    if (sections.length > 0)
      return judgeLicense(
        'compute-info',
        cardLicense(ev),
        'computeSection',
        { section: sections[0]?.heading ?? '' },
        sectionEvidence(ev, sections),
      );
    const lines = cardLinesMatching(ev, COMPUTE_LINE);
    if (lines.length > 0) return judgeLicense('compute-info', cardLicense(ev), 'computeInText', {}, lines);
    // The batch jobs of a training run book its hardware: `#SBATCH --nodes=64 --gres=gpu:8`.
    const jobs = ev.artifacts.computeScripts;
    if (jobs.length > 0) {
      const biggest = jobs.reduce((b, j) =>
        (j.nodes ?? 1) * (j.gpusPerNode ?? 0) > (b.nodes ?? 1) * (b.gpusPerNode ?? 0) ? j : b,
      );
      return judgeFiles(
        ev,
        'compute-info',
        jobs.map((j) => j.path),
        'computeInBatchJobs',
        { count: jobs.length, nodes: biggest.nodes, gpusPerNode: biggest.gpusPerNode },
      );
    }
    return missing();
  },
};

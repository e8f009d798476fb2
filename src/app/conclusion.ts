// The check run's conclusion, from the report, the configuration and (on pull requests)
// the delta against the base. Pure.
//   failure  a configured requirement is unmet, or a PR lowers openness (fail_on_regression)
//   success  the requirement is met, or with none, every model is open source
//   neutral  no requirement and not open source; also no model found
import type { Config, Requirement } from '../config/schema.js';
import type { ReportDelta } from '../core/delta.js';
import { LADDER_LEVELS, type ModelReport, type Report, type RequirementResult } from '../core/report.js';

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface Verdict {
  conclusion: Conclusion;
  requirement?: RequirementResult;
  regressed: boolean;
}

export function decide(report: Report, config: Config, delta?: ReportDelta | null): Verdict {
  const regressed = Boolean(delta?.regressed) && config.fail_on_regression;
  const requirement = config.require ? requirementResult(report, config.require) : undefined;
  let conclusion: Conclusion;
  if (regressed) conclusion = 'failure';
  else if (report.models.length === 0) conclusion = 'neutral';
  else if (requirement) conclusion = requirement.met ? 'success' : 'failure';
  else conclusion = report.models.every((m) => m.ladder.level === 'open-source') ? 'success' : 'neutral';
  return { conclusion, regressed, ...(requirement ? { requirement } : {}) };
}

/** One result for the whole repository: met only when every model meets it. */
export function requirementResult(report: Report, requirement: Requirement): RequirementResult {
  const failing = report.models.filter((m) => !(m.requirement?.met ?? meets(m, requirement)));
  if (report.models.length === 0) return { requirement, met: false, reason: 'no model was found' };
  if (failing.length === 0) return { requirement, met: true };
  const reasons = failing.map((m) => `${m.name}: ${m.requirement?.reason ?? m.ladder.headline}`);
  return { requirement, met: false, reason: reasons.slice(0, 5).join('; ') + (reasons.length > 5 ? `; and ${reasons.length - 5} more` : '') };
}

/** Fallback when the engine did not attach a per-model requirement result. */
function meets(model: ModelReport, requirement: Requirement): boolean {
  if (requirement === 'osaid') return model.frameworks.osaid.conformant;
  const mof = /^mof-class-([123])$/.exec(requirement)?.[1];
  if (mof) return model.frameworks.mof.class !== null && model.frameworks.mof.class <= Number(mof);
  const rank = (level: string) => LADDER_LEVELS.length - LADDER_LEVELS.indexOf(level as (typeof LADDER_LEVELS)[number]);
  return rank(model.ladder.level) >= rank(requirement);
}

/** Whether a PR comment is due in `changes` mode: openness moved, or a requirement is unmet. */
export function commentDue(delta: ReportDelta, verdict: Verdict): boolean {
  const moved = delta.models.some((m) => m.change !== 'unchanged');
  return moved || verdict.requirement?.met === false;
}

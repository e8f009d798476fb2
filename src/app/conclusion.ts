// The check run's conclusion, from the report, the configuration and (on pull requests)
// the delta against the base. Pure.
//   failure  a configured requirement is unmet, or a PR lowers openness (fail_on_regression)
//   success  the requirement is met, or with none, every model is open source
//   neutral  no requirement and not open source; also no model found; and a requirement met
//            only by what the release claims (links not followed, a failed lookup): that is
//            "not verified", never a red verdict
import type { Config } from '../config/schema.js';
import type { ReportDelta } from '../core/delta.js';
import { gate } from '../core/frameworks/requirements.js';
import type { Report, RequirementResult } from '../core/report.js';

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface Verdict {
  conclusion: Conclusion;
  requirement?: RequirementResult;
  regressed: boolean;
}

export function decide(report: Report, config: Config, delta?: ReportDelta | null): Verdict {
  const regressed = Boolean(delta?.regressed) && config.fail_on_regression;
  const g = gate(report, config.require);
  const requirement: RequirementResult | undefined = g
    ? {
        requirement: g.requirement,
        met: g.met,
        ...(g.met ? {} : { reason: joinFailures(g.failures) }),
        ...(g.unverified ? { unverified: true } : {}),
      }
    : undefined;
  let conclusion: Conclusion;
  if (regressed) conclusion = 'failure';
  else if (report.models.length === 0) conclusion = 'neutral';
  else if (g) conclusion = g.met ? 'success' : g.unverified ? 'neutral' : 'failure';
  else conclusion = report.models.every((m) => m.ladder.level === 'open-source') ? 'success' : 'neutral';
  return { conclusion, regressed, ...(requirement ? { requirement } : {}) };
}

function joinFailures(failures: string[]): string {
  return failures.slice(0, 5).join('; ') + (failures.length > 5 ? `; and ${failures.length - 5} more` : '');
}

/** Whether a PR comment is due in `changes` mode: openness moved, or a requirement is unmet. */
export function commentDue(delta: ReportDelta, verdict: Verdict): boolean {
  const moved = delta.models.some((m) => m.change !== 'unchanged');
  return moved || verdict.requirement?.met === false;
}

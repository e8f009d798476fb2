// Validates a configuration that is already a value rather than text: what Probot's
// `context.config()` returns after it parsed the YAML (and merged `_extends`) itself.
// Same schema and same wording as parseConfig; no line numbers, since the merged value
// may come from several files.
import type { z } from 'zod';
import type { Problem } from '../core/evidence/types.js';
import { CONFIG_RULE_ID, describeIssue, type ParsedConfig } from './parse.js';
import { configSchema } from './schema.js';

type Issue = z.core.$ZodIssue;

export function validateConfigObject(value: unknown, path?: string): ParsedConfig {
  const problem = (message: string): Problem => ({
    severity: 'error',
    message,
    ruleId: CONFIG_RULE_ID,
    ...(path !== undefined ? { path } : {}),
  });
  if (value === null || value === undefined) return { config: configSchema.parse({}), problems: [] };
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { config: configSchema.parse({}), problems: [problem('the top level must be a mapping of settings (key: value)')] };
  }
  const result = configSchema.safeParse(value);
  if (result.success) return { config: result.data, problems: [] };
  const problems = flatten(result.error.issues, []).map(({ issue, at }) => problem(describeIssue(issue, at, value)));
  // As parseConfig does: any error means the defaults, so a typo never loosens a gate.
  return { config: configSchema.parse({}), problems };
}

/** One entry per unknown key, and the branch that got the type right inside unions. */
function flatten(issues: readonly Issue[], prefix: PropertyKey[]): { issue: Issue; at: PropertyKey[] }[] {
  const out: { issue: Issue; at: PropertyKey[] }[] = [];
  for (const issue of issues) {
    const at = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ issue, at: [...at, key] });
      continue;
    }
    if (issue.code === 'invalid_union') {
      const deeper = issue.errors.filter((branch) =>
        branch.some((inner) => !(inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value'))),
      );
      if (deeper.length === 1 && deeper[0]) {
        out.push(...flatten(deeper[0], at));
        continue;
      }
    }
    out.push({ issue, at });
  }
  return out;
}

// The configuration's defaults and the requirement names, without the zod schema. Loading
// zod takes ~60 ms, a tenth of `truly-open check` on a large directory; a run without a
// config file (the usual case) needs only these. schema.ts declares the real thing and
// test/config-defaults.test.ts keeps the two equal.
import type { Config } from './schema.js';

export { REQUIREMENTS, type Requirement } from '../core/frameworks/requirements.js';

/** What `configSchema.parse({})` gives: a fresh object each time, as callers may mutate it. */
export function defaultConfig(): Config {
  return {
    declarations: {},
    'not-applicable': {},
    ignore: [],
    hub: { private_repos: false },
    comment: 'changes',
    fail_on_regression: true,
    release: { notes: false },
  };
}

// The configuration, declared once. `.github/truly-open.yml` is validated against this
// schema; the JSON Schema for editors (schema/truly-open.schema.json) is generated from it.
import { z } from 'zod';
import { COMPONENT_IDS } from '../core/catalog.js';
import { REQUIREMENTS } from './defaults.js';

// Declared in defaults.ts so that the CLI can name them without loading zod.
export { REQUIREMENTS, type Requirement } from './defaults.js';

const componentId = z.enum(COMPONENT_IDS);

const declaration = z
  .object({
    location: z.string().min(1).describe('Where the artifact is published: a URL or a repository path.'),
    license: z.string().min(1).optional().describe('SPDX id (or Hub license id) the artifact is published under.'),
    note: z.string().optional().describe('Free text shown next to the declaration.'),
  })
  .strict();

const model = z.union([
  z.string().min(1),
  z.object({ path: z.string().min(1), name: z.string().min(1).optional() }).strict(),
]);

export const configSchema = z
  .object({
    models: z
      .array(model)
      .optional()
      .describe('Folders that hold a model (relative to the repository root). Default: found from cards and weights.'),
    require: z
      .enum(REQUIREMENTS)
      .optional()
      .describe('The level a model must reach: a ladder level, a MOF class, or `osaid`. Unmet -> exit 1 / failing check.'),
    declarations: z
      .partialRecord(componentId, declaration)
      .default({})
      .describe('Artifacts published outside this repository, per component id.'),
    'not-applicable': z
      .partialRecord(componentId, z.string().min(1, 'a reason is required'))
      .default({})
      .describe('Components that do not apply to this model, each with the reason.'),
    ignore: z.array(z.string().min(1)).default([]).describe('Glob patterns of paths to leave out of the snapshot.'),
    huggingface: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'expected `org/model`')
      .optional()
      .describe('The Hub model repository this repository releases (`org/model`).'),
    hub: z
      .union([z.literal(false), z.object({ private_repos: z.boolean().default(false) }).strict()])
      .default({ private_repos: false })
      .describe('Hugging Face Hub lookups: `false` turns them off; `private_repos: true` allows them for private repositories.'),
    comment: z
      .enum(['changes', 'always', 'never'])
      .default('changes')
      .describe('GitHub App: when to post the pull-request comment.'),
    fail_on_regression: z
      .boolean()
      .default(true)
      .describe('GitHub App: fail the check run when a pull request lowers openness against its base.'),
    release: z
      .object({ notes: z.boolean().default(false) })
      .strict()
      .default({ notes: false })
      .describe('GitHub App: add an "Openness" section to release notes.'),
    _extends: z.string().optional().describe('Probot: inherit settings from another repository (`repo` or `owner/repo:path`).'),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

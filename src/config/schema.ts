// The configuration, declared once. `.github/truly-open.yml` is validated against this
// schema; the JSON Schema for editors (schema/truly-open.schema.json) is generated from it.
import { z } from 'zod';
import { COMPONENT_IDS } from '../core/catalog.js';
import { GLOB_MAX_LENGTH, GLOB_MAX_PATTERNS } from '../core/glob.js';
import { REQUIREMENTS } from '../core/frameworks/requirements.js';

// Declared in defaults.ts so that the CLI can name them without loading zod.
export { REQUIREMENTS, type Requirement } from '../core/frameworks/requirements.js';

const componentId = z.enum(COMPONENT_IDS);

const declaration = z
  .object({
    location: z.string().min(1).describe('Where the artifact is published: a URL or a repository path.'),
    license: z.string().min(1).optional().describe('SPDX id (or Hub license id) the artifact is published under.'),
    note: z.string().optional().describe('Free text shown next to the declaration.'),
  })
  .strict();

/** Most models a configuration may list, and the longest model path. */
export const MODELS_MAX = 1000;
export const MODEL_PATH_MAX = 1024;

/**
 * A folder inside the repository: relative, no `..` segment, no drive letter or NUL.
 * `../../etc/passwd` or `/etc` would otherwise become models that are not in the repository.
 */
export function insideRepository(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\0')) return false;
  return !p.split('/').some((segment) => segment === '..');
}

const INSIDE_MESSAGE = 'expected a folder inside the repository (relative, without `..`)';
const modelPath = z.string().min(1).max(MODEL_PATH_MAX).refine(insideRepository, INSIDE_MESSAGE);

const model = z.union([
  modelPath,
  z
    .object({
      path: modelPath,
      name: z
        .string()
        .min(1)
        .max(200)
        .refine((name) => name.trim() !== '', 'expected a name that is not blank')
        .optional(),
    })
    .strict(),
]);

export const configSchema = z
  .object({
    models: z
      .array(model)
      .max(MODELS_MAX)
      .optional()
      .describe('Folders that hold a model (relative to the repository root). Default: found from cards and weights.'),
    require: z
      .enum(REQUIREMENTS)
      .optional()
      .describe(
        'The level a model must reach: a ladder level, a MOF class, or `osaid`. Unmet -> exit 1 / failing check.',
      ),
    declarations: z
      .partialRecord(componentId, declaration)
      .default({})
      .describe('Artifacts published outside this repository, per component id.'),
    'not-applicable': z
      .partialRecord(componentId, z.string().min(1, 'a reason is required'))
      .default({})
      .describe('Components that do not apply to this model, each with the reason.'),
    ignore: z
      .array(z.string().min(1).max(GLOB_MAX_LENGTH))
      .max(GLOB_MAX_PATTERNS)
      .default([])
      .describe(
        `Glob patterns of paths to leave out of the snapshot (at most ${GLOB_MAX_PATTERNS}, each at most ${GLOB_MAX_LENGTH} characters).`,
      ),
    huggingface: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'expected `org/model`')
      .optional()
      .describe('The Hub model repository this repository releases (`org/model`).'),
    hub: z
      .union([z.literal(false), z.object({ private_repos: z.boolean().default(false) }).strict()])
      .default({ private_repos: false })
      .describe(
        'Hugging Face Hub lookups: `false` turns them off; `private_repos: true` allows them for private repositories.',
      ),
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
    _extends: z
      .string()
      .optional()
      .describe('Probot: inherit settings from another repository (`repo` or `owner/repo:path`).'),
  })
  .strict();

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

// The JSON Schema editors use to check `.github/truly-open.yml` as it is typed. Generated
// from the zod schema so the two cannot disagree; schema/truly-open.schema.json is this
// function's output, committed, and a test fails when it drifts.
import { z } from 'zod';
import { configSchema } from './schema.js';

/**
 * Where the published schema lives. unpkg serves files of the npm package, so the URL is
 * valid as soon as a version is published (schema/ is part of the package).
 */
export const CONFIG_SCHEMA_URL = 'https://unpkg.com/truly-open/schema/truly-open.schema.json';

export function configJsonSchema(): Record<string, unknown> {
  // `io: 'input'` describes what users write: fields with defaults are optional.
  const generated = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_SCHEMA_URL,
    title: 'truly-open configuration (.github/truly-open.yml)',
    description: 'Settings for truly-open, which reports how open an ML model release is. See docs/configuration.md.',
    ...rest,
  };
}

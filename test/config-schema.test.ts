import { readFileSync } from 'node:fs';
import { configJsonSchema, CONFIG_SCHEMA_URL } from '../src/config/json-schema.js';
import { COMPONENT_IDS } from '../src/core/catalog.js';

const committedPath = new URL('../schema/truly-open.schema.json', import.meta.url);

describe('schema/truly-open.schema.json', () => {
  it('matches what the code generates (run `npm run schema` after changing src/config/schema.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(committedPath, 'utf8'));
    expect(committed).toEqual(configJsonSchema());
  });

  it('describes the file users write: identified, closed, component ids as declaration keys', () => {
    const schema = configJsonSchema() as {
      $id: string;
      additionalProperties: boolean;
      required?: string[];
      properties: Record<string, { propertyNames?: { enum?: string[] } }>;
    };
    expect(schema.$id).toBe(CONFIG_SCHEMA_URL);
    expect(schema.additionalProperties).toBe(false);
    // Input schema: every top-level setting has a default or is optional.
    expect(schema.required ?? []).toEqual([]);
    expect(schema.properties['declarations']?.propertyNames?.enum).toEqual([...COMPONENT_IDS]);
  });
});

// Writes schema/truly-open.schema.json from the built code (run `npm run schema`).
// test/config-schema.test.ts fails when the committed file and the code disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../lib/config/json-schema.js';

const target = fileURLToPath(new URL('../schema/truly-open.schema.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);

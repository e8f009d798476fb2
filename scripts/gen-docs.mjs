// Writes the generated parts of docs/ from the built code (run `npm run docs`).
// test/docs.test.ts fails when the committed files and the code disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderComponentIndex } from '../lib/core/render/component-index.js';

const target = fileURLToPath(new URL('../docs/components/README.md', import.meta.url));
writeFileSync(target, renderComponentIndex());
console.log(`wrote ${target}`);

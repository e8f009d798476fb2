// Small fixture repositories on disk (test/fixtures/repos/<scenario>/) read the way the CLI
// reads a checkout, for the data rules that depend on how files and card text sit together.
import { fileURLToPath } from 'node:url';
import { assess } from '../../src/core/assess.js';
import type { ComponentId } from '../../src/core/catalog.js';
import type { ComponentResult } from '../../src/core/report.js';
import { readLocalSnapshot } from '../../src/sources/local-snapshot.js';
import { config } from '../helpers/snapshot-builder.js';

const root = fileURLToPath(new URL('../fixtures/repos/', import.meta.url));

/** The components of the root model of a fixture repository, judged offline. */
export async function fixtureComponents(scenario: string): Promise<Record<ComponentId, ComponentResult>> {
  const snapshot = await readLocalSnapshot(root + scenario);
  const model = assess(snapshot, config({})).models.find((m) => m.path === '.');
  if (!model) throw new Error(`${scenario}: no model at the root`);
  return model.components;
}

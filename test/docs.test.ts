import { readdirSync, readFileSync } from 'node:fs';
import { COMPONENT_IDS, COMPONENTS, componentDocPath, STATUSES } from '../src/core/catalog.js';
import { LADDER_LEVELS, SCHEMA_VERSION, type Report } from '../src/core/report.js';
import { renderComponentIndex } from '../src/core/render/component-index.js';

const root = new URL('../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
const pages = readdirSync(new URL('docs/components/', root)).filter(
  (name) => name.endsWith('.md') && name !== 'README.md',
);

describe('docs/components', () => {
  it.each([...COMPONENT_IDS])('has a page for %s that starts with its title and names its id', (id) => {
    const text = read(componentDocPath(id));
    expect(text.split('\n')[0]).toBe(`# ${COMPONENTS[id].title}`);
    expect(text).toContain(`\`${id}\``);
  });

  it('has no page for an id the catalog does not know', () => {
    const strays = pages
      .map((name) => name.replace(/\.md$/, ''))
      .filter((id) => !(COMPONENT_IDS as readonly string[]).includes(id));
    expect(strays).toEqual([]);
  });

  it('README.md is the index generated from the catalog (run `npm run docs`)', () => {
    expect(read('docs/components/README.md')).toBe(renderComponentIndex());
  });

  it('the index links every component page exactly once', () => {
    const index = renderComponentIndex();
    for (const id of COMPONENT_IDS) {
      expect(index.split(`](${id}.md)`)).toHaveLength(2);
    }
  });
});

describe('docs/report-format.md', () => {
  const text = read('docs/report-format.md');
  const block = /```json\n([\s\S]*?)```/.exec(text)?.[1];
  const example = JSON.parse(block ?? 'null') as Report;
  const kinds = ['file', 'card-field', 'card-section', 'link', 'hub', 'declaration'];

  it('has a full example with the current schema version and every component in catalog order', () => {
    expect(example.schemaVersion).toBe(SCHEMA_VERSION);
    for (const model of example.models) {
      expect(Object.keys(model.components)).toEqual([...COMPONENT_IDS]);
      expect(LADDER_LEVELS).toContain(model.ladder.level);
    }
  });

  it('uses only statuses and evidence kinds the code knows, and documents each of them', () => {
    for (const result of Object.values(example.models[0]!.components)) {
      expect(STATUSES).toContain(result.status);
      for (const e of result.evidence) expect(kinds).toContain(e.kind);
    }
    for (const status of STATUSES) expect(text).toContain(`| \`${status}\` |`);
    for (const kind of kinds) expect(text).toContain(`| \`${kind}\` |`);
  });
});

// The table of output formats is the one list the CLI, the Action and the library read.
import { readFileSync } from 'node:fs';
import { FORMATS, isFormat, renderReport } from '../src/core/render/formats.js';
import { buildReport, OPEN_WEIGHTS_ONLY } from './helpers/report-builder.js';

describe('output formats', () => {
  const report = buildReport({ statuses: OPEN_WEIGHTS_ONLY });

  test.each(FORMATS.map((f) => [f]))('%s renders the report, ending with a newline', async (format) => {
    const out = await renderReport(report, format);
    expect(out.length).toBeGreaterThan(20);
    expect(out.endsWith('\n')).toBe(true);
    if (format === 'json' || format === 'sarif') expect(() => JSON.parse(out)).not.toThrow();
  });

  test("only the table's names are formats", () => {
    expect(isFormat('json')).toBe(true);
    expect(isFormat('yaml')).toBe(false);
    expect(isFormat('__proto__')).toBe(false);
  });

  test("the docs users read name every format: the README and the Action's input", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const action = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
    for (const f of FORMATS) {
      expect(readme).toContain(f);
      expect(action).toMatch(new RegExp(`\\b${f}\\b`));
    }
  });
});

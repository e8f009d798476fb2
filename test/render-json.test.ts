import { renderJson } from '../src/core/render/json.js';
import { buildReport, OPEN_WEIGHTS_ONLY } from './helpers/report-builder.js';

describe('renderJson', () => {
  const report = buildReport({
    statuses: OPEN_WEIGHTS_ONLY,
    problems: [
      { ruleId: 'front-matter-invalid', message: 'bad YAML', line: 2, path: 'README.md', severity: 'warning' },
    ],
  });

  test('round-trips to the same data', () => {
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });

  test('2-space indent and a trailing newline', () => {
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  test('keys follow the contract order, whatever order the object was built in', () => {
    const shuffled = JSON.parse(JSON.stringify(report));
    const model = shuffled.models[0];
    // Rebuild objects with reversed key order.
    const reverse = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).reverse());
    shuffled.models[0] = reverse(model);
    shuffled.models[0].components = reverse(model.components);
    const text = renderJson(reverse(shuffled) as unknown as typeof report);
    const topKeys = [...text.matchAll(/^ {2}"(\w+)":/gm)].map((m) => m[1]);
    expect(topKeys).toEqual(['schemaVersion', 'tool', 'subject', 'models', 'problems']);
    const modelKeys = [...text.matchAll(/^ {6}"(\w+)":/gm)].map((m) => m[1]);
    expect(modelKeys.slice(0, 5)).toEqual(['path', 'name', 'ladder', 'frameworks', 'components']);
    expect(text.indexOf('"model-architecture"')).toBeLessThan(text.indexOf('"compute-info"'));
    expect(text).toMatch(
      /"severity": "warning",\s+"path": "README.md",\s+"line": 2,\s+"message": "bad YAML",\s+"ruleId"/,
    );
  });

  test('MOF progress reads class 3, 2, 1 as in the contract (JSON.stringify would sort them)', () => {
    const text = renderJson(report);
    expect(text).toMatch(/"progress": \{\s+"3": \d+,\s+"2": \d+,\s+"1": \d+\s+\}/);
  });

  test('fields the contract does not know yet are kept, after the known ones', () => {
    const extended = { ...report, extra: { b: 1, a: 2 } } as typeof report;
    const parsed = JSON.parse(renderJson(extended));
    expect(parsed.extra).toEqual({ b: 1, a: 2 });
    expect(Object.keys(parsed).at(-1)).toBe('extra');
  });

  test('undefined fields are left out like JSON.stringify does', () => {
    const r = buildReport();
    r.models[0]!.components.weights.data = undefined;
    expect(renderJson(r)).not.toContain('"data"');
  });
});

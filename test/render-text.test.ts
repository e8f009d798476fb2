import { renderText } from '../src/core/render/text.js';
import { STATUS_STYLES } from '../src/core/render/symbols.js';
import { COMPONENTS } from '../src/core/catalog.js';
import { OPEN_WEIGHTS_ONLY, buildReport } from './helpers/report-builder.js';

const ESC = '\u001b[';

const report = buildReport({
  statuses: { ...OPEN_WEIGHTS_ONLY, 'research-paper': 'unknown', 'compute-info': 'not-applicable' },
  components: {
    'training-data': {
      status: 'mentioned',
      message: `Trained on ${'an internal corpus of scraped web pages, '.repeat(6)}end`,
    },
  },
  problems: [{ severity: 'error', path: 'README.md', line: 2, message: 'front matter is not valid YAML' }],
});

describe('renderText', () => {
  test('no ANSI codes without colour', () => {
    expect(renderText(report, { color: false })).not.toContain(ESC);
  });

  test('ANSI codes with colour, and the same text once they are stripped', () => {
    const coloured = renderText(report, { color: true });
    expect(coloured).toContain(`${ESC}32m`); // open is green
    expect(coloured).toContain(`${ESC}31m`); // missing is red
    // eslint-disable-next-line no-control-regex -- ESC is what colour codes start with
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(renderText(report, { color: false }));
  });

  test('headline first, then one row per component, then frameworks and problems', () => {
    const lines = renderText(report, { color: false }).split('\n');
    const modelLine = lines.findIndex((l) => l.startsWith('example-7b (.)'));
    expect(lines[modelLine + 1]).toBe(`  ${report.models[0]!.ladder.headline}`);
    const rows = lines.filter((l) => /^ {2}\S {2}/.test(l));
    expect(rows).toHaveLength(18);
    expect(rows[0]).toContain(COMPONENTS['model-architecture'].title);
    expect(lines.some((l) => l.startsWith('  MOF '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  OSAID 1.0 '))).toBe(true);
    expect(lines.some((l) => l.startsWith('  OSAI index '))).toBe(true);
    expect(lines).toContain('  error    README.md:2  front matter is not valid YAML');
  });

  test('columns are aligned: status and license start at the same column on every row', () => {
    const rows = renderText(report, { color: false })
      .split('\n')
      .filter((l) => /^ {2}\S {2}/.test(l));
    const statusColumns = new Set(
      rows.map((row) => {
        const status = ['open', 'restricted', 'mentioned', 'missing', 'not applicable', 'unknown', 'unlicensed'].find(
          (s) => new RegExp(` {2}${s} `).test(row),
        )!;
        return row.indexOf(`  ${status}`);
      }),
    );
    expect(statusColumns.size).toBe(1);
  });

  test('each status shows its symbol, ASCII when asked', () => {
    const unicode = renderText(report, { color: false });
    expect(unicode).toContain(`  ${STATUS_STYLES['not-applicable'].symbol}  Compute info`);
    expect(unicode).toContain(`  ${STATUS_STYLES.unknown.symbol}  Research paper`);
    const ascii = renderText(report, { color: false, ascii: true });
    expect(ascii).toContain('  +  Weights');
    expect(ascii).toContain('  x  Data card');
    expect(ascii).not.toMatch(/[✔✘◐◌–…]/);
  });

  test('long messages are cut to 100 characters, or to fit the terminal width', () => {
    const row = (text: string) => text.split('\n').find((l) => l.includes('Training data'))!;
    const wide = row(renderText(report, { color: false }));
    const message = wide.slice(wide.indexOf('Trained on'));
    expect(Array.from(message)).toHaveLength(100);
    expect(message.endsWith('…')).toBe(true);
    const narrow = row(renderText(report, { color: false, width: 90 }));
    expect(Array.from(narrow).length).toBeLessThanOrEqual(90);
    expect(narrow.endsWith('…')).toBe(true);
  });
});

test('lineage, a capped level, a requirement and offline runs are shown', () => {
  const capped = buildReport({
    online: false,
    statuses: OPEN_WEIGHTS_ONLY,
    ladder: {
      level: 'restricted-weights',
      headline: 'Restricted weights: capped by the base model',
      cappedBy: { model: 'meta-llama/Llama-3.1-8B', level: 'restricted-weights' },
    },
    lineage: [{ model: 'meta-llama/Llama-3.1-8B', depth: 1, resolved: true, level: 'restricted-weights' }],
    requirement: { requirement: 'open-weights', met: false, reason: 'capped by the base model' },
  });
  const text = renderText(capped, { color: false });
  expect(text.split('\n')[0]).toContain('(offline: nothing verified online)');
  expect(text).toContain('  capped by base model meta-llama/Llama-3.1-8B (restricted weights)');
  expect(text).toContain('  requirement open-weights: not met (capped by the base model)');
  expect(text).toContain('  base model  meta-llama/Llama-3.1-8B (restricted weights)');
});

// Hostile card shapes must not make parsing slow: regexes over whole texts with the m flag
// once backtracked on every line (a 40 KB README of blank lines ran for minutes).
import { describe, expect, test } from '@jest/globals';
import { parseModelCard } from '../src/core/evidence/model-card.js';

function timed(text: string): number {
  const started = process.hrtime.bigint();
  parseModelCard('README.md', text);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

describe('card parsing time stays linear', () => {
  test('40,000 blank lines with spaces', () => {
    expect(timed(' \n'.repeat(20_000) + '# Title\n' + ' \n'.repeat(20_000))).toBeLessThan(1000);
  });

  test('many long lines of prose without colons, and template fields among them', () => {
    const prose = ('word '.repeat(400) + '\n').repeat(200);
    const fields = '- **Developed by:** [More Information Needed]\n'.repeat(200);
    expect(timed(`# Card\n\n## Details\n\n${prose}${fields}${prose}`)).toBeLessThan(1000);
  });

  test('deeply nested headings: each body is scanned once', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${'#'.repeat((i % 6) + 1)} h${i}\n\ntext ${i}\n`).join('\n');
    expect(timed(text)).toBeLessThan(1000);
  });
});

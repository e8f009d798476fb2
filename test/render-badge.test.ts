import { renderBadge, renderBadgeSvg } from '../src/core/render/badge.js';
import { LADDER_LEVELS } from '../src/core/report.js';

describe('badges', () => {
  test('shields.io endpoint JSON per ladder level', () => {
    expect(renderBadge('open-source')).toEqual({
      schemaVersion: 1,
      label: 'truly open',
      message: 'open source',
      color: 'brightgreen',
    });
    expect(renderBadge('closed')).toMatchObject({ message: 'closed', color: 'red' });
    expect(new Set(LADDER_LEVELS.map((l) => renderBadge(l).color)).size).toBe(LADDER_LEVELS.length);
  });

  test('SVG is well-formed, labelled, and wider for longer messages', () => {
    const svg = renderBadgeSvg('restricted-weights');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('aria-label="truly open: restricted weights"');
    expect(svg).toContain('#fe7d37');
    const width = (s: string) => Number(/width="(\d+)"/.exec(s)![1]);
    expect(width(svg)).toBeGreaterThan(width(renderBadgeSvg('closed')));
    // Balanced tags: every opened element is closed.
    const opened = (svg.match(/<(?!\/)[a-zA-Z]+[^>]*[^/]>/g) ?? []).length;
    const closed = (svg.match(/<\/[a-zA-Z]+>/g) ?? []).length;
    expect(opened).toBe(closed);
  });
});

import { COMMENT_MARKER, renderPrComment } from '../src/core/render/pr-comment.js';
import { GITHUB_TEXT_LIMIT } from '../src/core/render/fit.js';
import { computeDelta } from '../src/core/delta.js';
import { ALL_OPEN, OPEN_WEIGHTS_ONLY, buildManyModels, buildReport } from './helpers/report-builder.js';

const docsBaseUrl = 'https://docs.example/components';

describe('renderPrComment', () => {
  const base = buildReport({
    models: [
      { path: '.', statuses: OPEN_WEIGHTS_ONLY },
      { path: 'old', statuses: ALL_OPEN },
    ],
  });
  const head = buildReport({
    models: [
      {
        path: '.',
        statuses: {
          ...OPEN_WEIGHTS_ONLY,
          'training-data': 'open',
          'training-code': 'open',
          'evaluation-results': 'mentioned',
        },
      },
      { path: 'new' },
    ],
  });
  const delta = computeDelta(base, head);

  test('snapshot: changes first, then where each model stands', () => {
    expect(renderPrComment(head, delta, { docsBaseUrl })).toMatchSnapshot();
  });

  test('starts with the hidden marker (default or given)', () => {
    expect(renderPrComment(head, delta, { docsBaseUrl }).split('\n')[0]).toBe(COMMENT_MARKER);
    expect(
      renderPrComment(head, delta, { docsBaseUrl, marker: '<!-- truly-open:models/a -->' }).startsWith(
        '<!-- truly-open:models/a -->\n',
      ),
    ).toBe(true);
  });

  test('lists each changed component with before and after, and the direction', () => {
    const body = renderPrComment(head, delta, { docsBaseUrl });
    expect(body).toContain('| example-7b (`.`) | ▲ Training data | ? mentioned | ✔ open |');
    expect(body).toContain('| example-7b (`.`) | ▼ Evaluation results | ✔ open | ? mentioned |');
    expect(body).toContain('| new (`new`) | model added | | Closed |');
    expect(body).toContain('| old (`old`) | model removed | Open source | |');
    expect(body).toContain('**Mixed**');
    expect(body.indexOf('What this change does')).toBeLessThan(body.indexOf('Where the release stands'));
  });

  test('says so when nothing changed', () => {
    const same = renderPrComment(head, computeDelta(head, head), { docsBaseUrl });
    expect(same).toContain('No change in openness.');
    expect(same).not.toContain('| Model | What |');
  });

  test('stays under 65,535 characters for 300 models, with a note on what was left out', () => {
    const many = buildReport({ models: buildManyModels(300) });
    const manyBase = buildReport({ models: buildManyModels(300).map((m) => ({ ...m, statuses: {} })) });
    const body = renderPrComment(many, computeDelta(manyBase, many), { docsBaseUrl });
    expect(new TextEncoder().encode(body).length).toBeLessThan(GITHUB_TEXT_LIMIT);
    const shown = (body.match(/^#### /gm) ?? []).length;
    expect(shown).toBeLessThan(300);
    expect(body).toContain(`… ${300 - shown} more models not shown; run \`truly-open check\` for the full report.`);
    expect(body).toMatch(/… \d+ more changes not shown/);
  });
});

// The card parser: front matter, sections by normalised heading, placeholders, links.
import { readFileSync } from 'node:fs';
import { findFrontMatter, parseFrontMatter } from '../src/core/evidence/front-matter.js';
import {
  fieldStrings,
  isDocumented,
  looksLikeModelCard,
  modelIndexDatasets,
  modelIndexHasMetrics,
  normaliseHeading,
  parseModelCard,
  parseSections,
} from '../src/core/evidence/model-card.js';

const heads = (body: string) => parseSections(body, 1).map((s) => [s.level, s.heading]);

describe('headings', () => {
  test('every ATX level counts, up to three spaces of indent, closing hashes dropped', () => {
    expect(
      heads(
        '# One\n## Two ##\n### Three\n#### Four\n##### Five\n   ###### Six\n    # code block, not a heading\n#NoSpace',
      ),
    ).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
      [4, 'four'],
      [5, 'five'],
      [6, 'six'],
    ]);
  });

  test.each([
    ['Training Data [optional]', 'training data'],
    ['Downstream Use [Optional]', 'downstream use'],
    ['**Bias, Risks, and Limitations**', 'bias risks and limitations'],
    ['[Evaluation](#evaluation) 📊', 'evaluation'],
    ['<a name="results"></a>Results', 'results'],
    ['`lm-eval` Results &amp; Scores', 'lm-eval results scores'],
    ['Training   Hyper-parameters:', 'training hyper-parameters'],
    ['Données d’entraînement', 'données d entraînement'],
  ])('%s -> %s', (raw, normalised) => expect(normaliseHeading(raw)).toBe(normalised));

  test('headings inside code fences are ignored, for ``` and ~~~ and nested kinds', () => {
    const body = [
      '# Title',
      '```python',
      '# a comment',
      '```',
      '## Usage',
      '~~~',
      '```',
      '# still code',
      '~~~',
      '## Limits',
      'text',
    ].join('\n');
    expect(heads(body)).toEqual([
      [1, 'title'],
      [2, 'usage'],
      [2, 'limits'],
    ]);
  });

  test('an unclosed fence hides the rest of the card', () => {
    expect(heads('# Title\n```\n## Not a heading')).toEqual([[1, 'title']]);
  });

  test('a body runs to the next heading of the same or a higher level; ownBody stops at any heading', () => {
    const [title, training, data, evaluation] = parseSections(
      '# T\nintro\n## Training\nsetup\n### Data\nweb\n## Evaluation\nscores',
      5,
    );
    expect(training).toMatchObject({
      heading: 'training',
      level: 2,
      line: 7,
      body: 'setup\n### Data\nweb',
      ownBody: 'setup',
    });
    expect(data).toMatchObject({ heading: 'data', level: 3, line: 9, body: 'web', ownBody: 'web' });
    expect(evaluation?.body).toBe('scores');
    expect(title?.body).toContain('scores');
    expect(title?.ownBody).toBe('intro');
  });
});

describe('placeholders document nothing', () => {
  test.each([
    ['', false],
    ['[More Information Needed]', false],
    ['\n  [more information needed]  \n', false],
    ['<!-- Describe the data here. -->\n\n[More Information Needed]', false],
    ['### Sub heading\n[More Information Needed]\n---\n', false],
    ['| | |\n|---|---|', false],
    ['We used Wikipedia.', true],
    ['[More Information Needed]\n\nActually: 2T tokens of web text.', true],
  ])('%j documented: %s', (body, documented) => expect(isDocumented(body)).toBe(documented));

  test('a section whose only child sections are placeholders is not documented', () => {
    const sections = parseSections(
      '## Training Details\n\n### Training Data\n\n[More Information Needed]\n\n### Training Procedure\n\n[More Information Needed]\n',
      1,
    );
    expect(sections.map((s) => s.documented)).toEqual([false, false, false]);
  });

  // The Hub template's field lines keep their labels after the placeholder is removed:
  // "- **Developed by:** [More Information Needed]" must not read as documentation.
  test('field lines whose values are all placeholders document nothing', () => {
    expect(
      isDocumented('- **Developed by:** [More Information Needed]\n- **Model type:** [More Information Needed]'),
    ).toBe(false);
  });

  test('field lines with a real value document something', () => {
    expect(isDocumented('- **Developed by:** Acme Lab\n- **Model type:** [More Information Needed]')).toBe(true);
  });

  test("the Hub's default card has no documented section", () => {
    const text = readFileSync(new URL('./fixtures/cards/hub-template.md', import.meta.url), 'utf8');
    const { card } = parseModelCard('README.md', text);
    expect(card.sections.filter((s) => s.documented).map((s) => s.heading)).toEqual([]);
  });
});

describe('front matter', () => {
  test('fields, their lines, and where the body starts', () => {
    const text =
      '---\nlicense: apache-2.0\ndatasets:\n  - acme/corpus\n"base_model": acme/base\n---\n# Title\n\n## Usage\n\nhttps://github.com/acme/x\n';
    const { card, problems } = parseModelCard('README.md', text);
    expect(problems).toEqual([]);
    expect(card.frontMatter).toEqual({ license: 'apache-2.0', datasets: ['acme/corpus'], base_model: 'acme/base' });
    expect(card.fieldLines).toEqual({ license: 2, datasets: 3, base_model: 5 });
    expect(card.bodyLine).toBe(7);
    expect(card.sections.map((s) => [s.heading, s.line])).toEqual([
      ['title', 7],
      ['usage', 9],
    ]);
    expect(card.links[0]).toMatchObject({ kind: 'github', line: 11, section: 'usage' });
  });

  test('a BOM and CRLF line endings are accepted', () => {
    const { card } = parseModelCard('README.md', '\uFEFF---\r\nlicense: mit\r\n---\r\n# T\r\n');
    expect(card.frontMatter).toEqual({ license: 'mit' });
    expect(card.sections[0]?.heading).toBe('t');
  });

  test('a front matter that is a single timestamp is a problem, not a mapping (and never crashes the engine)', () => {
    const { card, problems } = parseModelCard('README.md', '---\n1986-02-19T10:22:07.737Z\n---\n# Model\n');
    expect(card.frontMatter).toBeNull();
    expect(problems[0]).toMatchObject({
      ruleId: 'front-matter-invalid',
      message: 'front matter must be a mapping of fields, found a date',
    });
  });

  test('no front matter: the whole text is the body from line 1', () => {
    const { card } = parseModelCard('README.md', '# T\n---\nnot: front matter\n---\n');
    expect(card.frontMatter).toBeNull();
    expect(card.bodyLine).toBe(1);
  });

  test('an unclosed block is not front matter', () => {
    expect(findFrontMatter('---\nlicense: mit\n# T\n')).toBeNull();
  });

  test('an empty block is no data and no problem', () => {
    const { card, problems } = parseModelCard('README.md', '---\n---\n# T\n');
    expect(card.frontMatter).toBeNull();
    expect(problems).toEqual([]);
  });

  test('invalid YAML is a problem with the line of the error; the body is still parsed', () => {
    const { card, problems } = parseModelCard('README.md', '---\nlicense: mit\ntags: [a, b\n---\n# Title\n');
    expect(card.frontMatter).toBeNull();
    expect(card.sections[0]?.heading).toBe('title');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ruleId: 'front-matter-invalid', path: 'README.md', severity: 'warning' });
    expect(problems[0]?.message).toMatch(/not valid YAML/);
  });

  test('YAML tags that would build objects are refused (safe schema)', () => {
    const { card, problems } = parseModelCard(
      'README.md',
      '---\nx: !!js/function "function () { return 1 }"\n---\n# T\n',
    );
    expect(card.frontMatter).toBeNull();
    expect(problems[0]?.ruleId).toBe('front-matter-invalid');
  });

  test('dates become strings, so the report stays plain JSON', () => {
    const { card } = parseModelCard('README.md', '---\nreleased: 2024-05-01\n---\n');
    expect(card.frontMatter).toEqual({ released: '2024-05-01T00:00:00.000Z' });
  });

  test('front matter over 256 KiB is not parsed', () => {
    const block = findFrontMatter(`---\nx: "${'a'.repeat(300 * 1024)}"\n---\n`)!;
    const result = parseFrontMatter(block);
    expect(result.ok).toBe(false);
  });
});

describe('field readers and model-card recognition', () => {
  const card = (fm: Record<string, unknown>, path = 'sub/README.md') => ({
    ...parseModelCard(path, '# x').card,
    frontMatter: fm,
  });

  test('fieldStrings takes a string or a list and drops empty and non-string values', () => {
    expect(fieldStrings(card({ datasets: ' acme/a ' }), 'datasets')).toEqual(['acme/a']);
    expect(fieldStrings(card({ datasets: ['acme/a', '', 3, null, 'acme/b'] }), 'datasets')).toEqual([
      'acme/a',
      'acme/b',
    ]);
    expect(fieldStrings(card({ datasets: { a: 1 } }), 'datasets')).toEqual([]);
    expect(fieldStrings(null, 'datasets')).toEqual([]);
  });

  test('model-index datasets and metrics', () => {
    const index = [
      {
        name: 'm',
        results: [
          { dataset: { type: 'cais/mmlu', name: 'MMLU' }, metrics: [{ type: 'acc', value: 0.6 }] },
          { dataset: { name: 'Private set' }, metrics: [{ type: 'acc', value: null }] },
        ],
      },
    ];
    expect(modelIndexDatasets(card({ 'model-index': index }))).toEqual(['cais/mmlu', 'Private set']);
    expect(modelIndexHasMetrics(card({ 'model-index': index }))).toBe(true);
    expect(
      modelIndexHasMetrics(card({ 'model-index': [{ name: 'm', results: [{ metrics: [{ type: 'acc' }] }] }] })),
    ).toBe(false);
    expect(modelIndexDatasets(card({ 'model-index': 'nonsense' }))).toEqual([]);
  });

  test('a sub-folder README is a model card only with model-card keys or a dedicated name', () => {
    expect(looksLikeModelCard(card({ license: 'mit' }))).toBe(true);
    expect(looksLikeModelCard(card({ title: 'Docs' }))).toBe(false);
    expect(looksLikeModelCard({ ...parseModelCard('sub/MODEL_CARD.md', '# x').card })).toBe(true);
  });
});

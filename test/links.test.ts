// Link classification: only the URL's shape is read, nothing is fetched.
import { classifyUrl, extractLinks } from '../src/core/evidence/links.js';
import type { LinkKind } from '../src/core/evidence/types.js';

describe('classifyUrl', () => {
  test.each<[string, LinkKind, string | undefined]>([
    // Hub models
    ['https://huggingface.co/acme/model-7b', 'hub-model', 'acme/model-7b'],
    ['https://huggingface.co/acme/model-7b/tree/main/checkpoints', 'hub-model', 'acme/model-7b'],
    ['https://www.huggingface.co/acme/model-7b', 'hub-model', 'acme/model-7b'],
    ['https://hf.co/acme/model-7b', 'hub-model', 'acme/model-7b'],
    // Hub datasets
    ['https://huggingface.co/datasets/acme/corpus', 'hub-dataset', 'acme/corpus'],
    ['https://huggingface.co/datasets/acme/corpus/viewer/default/train', 'hub-dataset', 'acme/corpus'],
    ['https://hf.co/datasets/acme/corpus', 'hub-dataset', 'acme/corpus'],
    // Hub pages that are not repositories
    ['https://huggingface.co/spaces/acme/demo', 'other', undefined],
    ['https://huggingface.co/docs/transformers/index', 'other', undefined],
    ['https://huggingface.co/blog/acme-release', 'other', undefined],
    ['https://huggingface.co/acme', 'other', undefined],
    // arXiv, including the Hub's paper pages and arXiv's own DOIs
    ['https://arxiv.org/abs/2401.12345', 'arxiv', '2401.12345'],
    ['https://arxiv.org/pdf/2401.12345v2.pdf', 'arxiv', '2401.12345'],
    ['https://export.arxiv.org/abs/2401.12345', 'arxiv', '2401.12345'],
    ['https://huggingface.co/papers/2401.12345', 'arxiv', '2401.12345'],
    ['https://hf.co/papers/2401.12345v3', 'arxiv', '2401.12345'],
    ['https://doi.org/10.48550/arXiv.2401.12345', 'arxiv', '2401.12345'],
    ['https://arxiv.org/list/cs.CL/recent', 'other', undefined],
    // DOIs
    ['https://doi.org/10.18653/v1/2023.acl-long.1', 'doi', '10.18653/v1/2023.acl-long.1'],
    ['https://dx.doi.org/10.1038/s41586-021-03819-2', 'doi', '10.1038/s41586-021-03819-2'],
    // GitHub
    ['https://github.com/acme/trainer', 'github', 'acme/trainer'],
    ['https://github.com/acme/trainer.git', 'github', 'acme/trainer'],
    ['https://github.com/acme/trainer/tree/main/scripts/train.py', 'github', 'acme/trainer'],
    ['https://github.com/acme', 'other', undefined],
    // Venues
    ['https://aclanthology.org/2023.acl-long.1/', 'paper-venue', undefined],
    ['https://openreview.net/forum?id=abc123', 'paper-venue', undefined],
    ['https://proceedings.neurips.cc/paper/2023/hash/abc-Abstract.html', 'paper-venue', undefined],
    ['https://proceedings.mlr.press/v202/acme23a.html', 'paper-venue', undefined],
    // Everything else
    ['https://example.org/acme/model', 'other', undefined],
    ['https://', 'other', undefined],
  ])('%s -> %s', (url, kind, id) => {
    const c = classifyUrl(url);
    expect(c.kind).toBe(kind);
    expect(c.id).toBe(id);
  });

  test('trailing punctuation from prose and markdown is dropped', () => {
    expect(classifyUrl('https://github.com/acme/trainer).').url).toBe('https://github.com/acme/trainer)');
    expect(classifyUrl('https://github.com/acme/trainer.').url).toBe('https://github.com/acme/trainer');
    expect(classifyUrl('https://huggingface.co/acme/model-7b**,').id).toBe('acme/model-7b');
  });

  test('percent-encoded path parts are decoded, broken encodings kept', () => {
    expect(classifyUrl('https://huggingface.co/acme/model%2D7b').id).toBe('acme/model-7b');
    expect(classifyUrl('https://huggingface.co/acme/model%E0%A4').id).toBe('acme/model%E0%A4');
  });
});

describe('extractLinks', () => {
  const sectionAt = (line: number) => (line >= 12 ? 'training data' : line >= 10 ? 'usage' : '');

  test('links carry their line (offset by the body start), section and line text', () => {
    const body = [
      'Intro with https://huggingface.co/acme/model-7b',
      'Usage: see [the code](https://github.com/acme/trainer).',
      '',
      'Data: https://huggingface.co/datasets/acme/corpus and https://huggingface.co/datasets/acme/extra',
    ].join('\n');
    const links = extractLinks(body, 'README.md', 9, sectionAt);
    expect(links.map((l) => [l.kind, l.id, l.line, l.section])).toEqual([
      ['hub-model', 'acme/model-7b', 9, ''],
      ['github', 'acme/trainer', 10, 'usage'],
      ['hub-dataset', 'acme/corpus', 12, 'training data'],
      ['hub-dataset', 'acme/extra', 12, 'training data'],
    ]);
    expect(links[1]).toMatchObject({
      path: 'README.md',
      context: 'Usage: see [the code](https://github.com/acme/trainer).',
    });
  });

  test('DOIs and arXiv ids written as text are links too; arXiv DOIs are not DOIs', () => {
    const links = extractLinks(
      'doi: 10.1145/3442188.3445922.\narXiv:2401.12345\ndoi:10.48550/arXiv.2401.99999',
      'README.md',
      1,
      () => '',
    );
    expect(links.map((l) => [l.kind, l.id])).toEqual([
      ['doi', '10.1145/3442188.3445922'],
      ['arxiv', '2401.12345'],
    ]);
  });

  test('a URL repeated on one line counts once; an arXiv URL and its text id once', () => {
    const links = extractLinks(
      '[https://github.com/a/b](https://github.com/a/b) https://arxiv.org/abs/2401.12345 (arXiv:2401.12345)',
      'R.md',
      1,
      () => '',
    );
    expect(links.map((l) => l.kind)).toEqual(['github', 'arxiv']);
  });

  test('lines over 20,000 characters are skipped, and the count is capped', () => {
    expect(extractLinks('https://github.com/a/b ' + 'x'.repeat(20_000), 'R.md', 1, () => '')).toEqual([]);
    const many = Array.from({ length: 50 }, (_, i) => `https://github.com/a/r${i}`).join('\n');
    expect(extractLinks(many, 'R.md', 1, () => '', 10)).toHaveLength(10);
  });

  test('on a long line the context is a window around the link, not the line head', () => {
    const [link] = extractLinks(`   https://github.com/a/b ${'y'.repeat(500)}`, 'R.md', 1, () => '');
    expect(link?.context.startsWith('https://github.com/a/b ')).toBe(true);
    expect(link?.context.length).toBeLessThanOrEqual(150 + 'https://github.com/a/b'.length + 100);
    const far = extractLinks(
      `${'intro words '.repeat(60)}our [paper](https://arxiv.org/abs/2401.00001) and more`,
      'R.md',
      1,
      () => '',
    )[0]!;
    expect(far.context).toContain('our [paper](https://arxiv.org/abs/2401.00001) and more');
    expect(far.context.length).toBeLessThan(300);
  });

  test('a list under a lead-in line ("Technical reports:") carries the lead-in; prose ends it', () => {
    const text = [
      '* Technical reports for metrics:',
      '  * [One](https://example.org/one.pdf)',
      '',
      '  * [Two](https://example.org/two.pdf)',
      'Other text https://example.org/three',
      '- [Four](https://example.org/four)',
    ].join('\n');
    const links = extractLinks(text, 'R.md', 1, () => '');
    expect(links.map((l) => l.leadIn ?? null)).toEqual([
      '* Technical reports for metrics:',
      '* Technical reports for metrics:',
      null,
      null,
    ]);
  });
});

describe('code that loads a Hub model', () => {
  test('from_pretrained, snapshot_download and the CLI name a Hub model like a link does', () => {
    const text = [
      '```python',
      'model = AutoModelForCausalLM.from_pretrained("acme/lm-7b", trust_remote_code=True)',
      'path = snapshot_download(repo_id="acme/lm-7b-instruct")',
      '```',
      'huggingface-cli download acme/lm-7b-base --include "original/*"',
      'model = AutoModel.from_pretrained("./local/model")',
      'model = AutoModel.from_pretrained("path/to/model")',
    ].join('\n');
    const links = extractLinks(text, 'README.md', 1, () => 'usage');
    expect(links.map((l) => [l.kind, l.id, l.line])).toEqual([
      ['hub-model', 'acme/lm-7b', 2],
      ['hub-model', 'acme/lm-7b-instruct', 3],
      ['hub-model', 'acme/lm-7b-base', 5],
    ]);
  });
});

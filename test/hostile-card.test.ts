// Cards written to stall a backtracking matcher: many unclosed comments, brackets that never
// close, images without a target, fences that never end, headings of a million spaces. The
// strippers and patterns read them in one pass; each case also checks the answer is right.
import { stripBetween, stripComments, stripFencedCode } from '../src/core/evidence/strip.js';
import { parseModelCard } from '../src/core/evidence/model-card.js';
import { card, firstModel, FULL_CARD_SECTIONS, snapshot } from './helpers/snapshot-builder.js';

const MIB = 1024 * 1024;
const fill = (unit: string, bytes = 900 * 1024) => unit.repeat(Math.floor(bytes / unit.length));

describe('the strippers', () => {
  test('comments: closed ones go, an unclosed one runs to the end', () => {
    expect(stripComments('a<!-- x -->b<!-- y')).toBe('ab');
    expect(stripComments(fill('<!-- '))).toBe('');
  });

  test('fenced code: backticks and tildes, a closing fence at least as long, an unclosed block runs to the end', () => {
    expect(stripFencedCode('a\n```py\ncode\n```\nb\n~~~~\nx\n~~~\nstill code\n~~~~\nc')).toBe('a\nb\nc');
    expect(stripFencedCode('a\n```\nnever closed\nb')).toBe('a');
  });

  test('stripBetween is case-insensitive when asked and replaces each span', () => {
    expect(stripBetween('x<PRE>1</pre>y<pre>2', '<pre>', '</pre>', ' ', true)).toBe('x y ');
  });
});

describe('hostile cards are judged, not stalled', () => {
  const judge = (body: string) =>
    firstModel(
      snapshot({
        files: { 'README.md': card({ frontMatter: { license: 'mit' }, sections: FULL_CARD_SECTIONS }) + body },
      }),
    );

  test.each([
    ['a megabyte of unclosed comments', fill('<!-- ')],
    ['brackets that never close', fill('[', 600 * 1024) + fill('](', 200 * 1024)],
    ['images without a target', fill('![a](')],
    ['unclosed <pre> blocks under a results heading', '\n## Evaluation\n\n' + fill('<pre> 1.5% ')],
    ['fences that open and never close, with tildes', fill('```\nx x x x\n') + '~~~\n'],
  ])('%s', (_name, body) => {
    expect(body.length).toBeLessThan(MIB);
    const model = judge(body);
    // The card's own sections are still read before the hostile tail.
    expect(model.components['model-card'].status).toBe('open');
  });

  test('a heading line of a megabyte of spaces and hashes is not a heading', () => {
    const { card: parsed } = parseModelCard('README.md', `# Title\n\n#${' #'.repeat(400_000)}x\n\n## Real\n\ntext\n`);
    expect(parsed.sections.map((s) => s.heading)).toEqual(['title', 'real']);
  });
});

import { compileGlobDecider, compileGlobs } from '../src/core/glob.js';

type Case = [pattern: string | string[], path: string, expected: boolean];

const cases: Case[] = [
  // A name without a slash matches at any depth, files and folders alike.
  ['*.bin', 'model.bin', true],
  ['*.bin', 'a/b/model.bin', true],
  ['*.bin', 'model.bin.txt', false],
  ['*.bin', 'weights.bin/readme.md', true], // a folder named *.bin takes its contents along
  ['node_modules', 'web/node_modules/x/index.js', true],
  ['node_modules', 'web/node_modules_old/index.js', false],
  // `*` and `?` stay inside one segment.
  ['data/*.csv', 'data/train.csv', true],
  ['data/*.csv', 'data/2024/train.csv', false],
  ['shard-?.parquet', 'x/shard-1.parquet', true],
  ['shard-?.parquet', 'x/shard-10.parquet', false],
  ['a?b', 'a/b', false],
  // A slash anywhere but the end anchors at the root.
  ['data/*.csv', 'other/data/train.csv', false],
  ['/README.md', 'README.md', true],
  ['/README.md', 'docs/README.md', false],
  ['README.md', 'docs/README.md', true],
  // `**` as a whole segment crosses folders.
  ['**/cache', 'cache/x', true],
  ['**/cache', 'a/b/cache/x', true],
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**/b', 'a/x/y/bc', false],
  ['data/**', 'data/x/y.parquet', true],
  ['data/**', 'data', false],
  ['data/**', 'database/x', false],
  ['**', 'anything/at/all', true],
  ['data/**/*.parquet', 'data/train.parquet', true],
  ['data/**/*.parquet', 'data/a/b/train.parquet', true],
  ['data/**/*.parquet', 'data/a/b/train.json', false],
  // `**` glued to other characters is a plain `*` (as in git).
  ['data/**.csv', 'data/x.csv', true],
  ['data/**.csv', 'data/a/x.csv', false],
  // Braces.
  ['*.{bin,pt}', 'w/model.pt', true],
  ['*.{bin,pt}', 'w/model.bin', true],
  ['*.{bin,pt}', 'w/model.safetensors', false],
  ['{a,b{c,d}}.txt', 'bd.txt', true],
  ['{a,b{c,d}}.txt', 'b.txt', false],
  ['{x}.txt', '{x}.txt', true], // no comma: literal braces
  ['{x.txt', '{x.txt', true], // unclosed: literal
  // Classes.
  ['shard-[0-9].bin', 'shard-7.bin', true],
  ['shard-[0-9].bin', 'shard-x.bin', false],
  ['shard-[!0-9].bin', 'shard-x.bin', true],
  ['shard-[!0-9].bin', 'shard-7.bin', false],
  ['a[/]b', 'a/b', false],
  // Trailing slash: folders only.
  ['logs/', 'logs', false],
  ['logs/', 'logs/run.txt', true],
  ['logs/', 'a/logs/run.txt', true],
  ['logs/', 'logs/', true],
  // Escapes and regex characters are literal.
  ['\\*.md', '*.md', true],
  ['\\*.md', 'x.md', false],
  ['v1.0+(rc)', 'v1.0+(rc)', true],
  ['v1.0+(rc)', 'v1x0+(rc)', false],
  // Negation: the last match wins, but a left-out folder keeps its contents out.
  [['*.bin', '!keep.bin'], 'keep.bin', false],
  [['*.bin', '!keep.bin'], 'drop.bin', true],
  [['!keep.bin', '*.bin'], 'keep.bin', true],
  [['data/', '!data/keep.csv'], 'data/keep.csv', true],
  // Nothing and blanks match nothing.
  [[], 'x', false],
  [['', '   ', '/'], 'x', false],
  ['*', '', false],
];

describe('compileGlobs', () => {
  test.each(cases)('%j on %s -> %s', (pattern, path, expected) => {
    const match = compileGlobs(Array.isArray(pattern) ? pattern : [pattern]);
    expect(match(path)).toBe(expected);
  });

  test('leading ./ and / in the path are ignored', () => {
    const match = compileGlobs(['/data/*.csv']);
    expect(match('./data/a.csv')).toBe(true);
    expect(match('/data/a.csv')).toBe(true);
  });

  test('several patterns: any one leaves the path out', () => {
    const match = compileGlobs(['*.log', 'tmp/', '/build']);
    expect(['a.log', 'x/tmp/y', 'build/out.js'].map(match)).toEqual([true, true, true]);
    expect(['a.txt', 'x/build/out.js'].map(match)).toEqual([false, false]);
  });
});

describe('compileGlobDecider', () => {
  test('names the deciding pattern, folders only for trailing-slash patterns', () => {
    const decide = compileGlobDecider(['*.bin', 'cache/', '!keep.bin', '**/tmp/**']);
    expect(decide('a/model.bin', false)).toBe(0);
    expect(decide('keep.bin', false)).toBe(-1);
    expect(decide('cache', true)).toBe(1);
    expect(decide('cache', false)).toBe(-1);
    expect(decide('x/tmp/y/z', false)).toBe(3);
    expect(decide('README.md', false)).toBe(-1);
  });
});

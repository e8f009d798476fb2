import { isLfsTracked, parseLfsRules, type LfsRule } from '../src/sources/gitattributes.js';
import { compileLfsMatcher } from '../src/sources/lfs-matcher.js';

// The matcher is a faster isLfsTracked for the files of one folder: it must agree with it.
const ROOT_TEXT = [
  '*.safetensors filter=lfs diff=lfs merge=lfs -text',
  '*.tar.* filter=lfs',
  '*tfevents* filter=lfs',
  'tokenizer.json filter=lfs',
  '/top.bin filter=lfs',
  'ckpt/*.pt filter=lfs',
  'data/**/*.parquet filter=lfs',
  'model-0000[0-9].bin filter=lfs',
  'small.safetensors -filter',
  '* text=auto',
  '*.gz -filter',
  '*.tar.gz filter=lfs',
  '*log* filter=lfs',
  '*.log -filter',
].join('\n');
const SUB_TEXT = ['*.csv filter=lfs', '*.safetensors -filter', 'keep/*.bin filter=lfs'].join('\n');

const PATHS = [
  'model.safetensors',
  'a/b/model.safetensors',
  'small.safetensors',
  'x/small.safetensors',
  'corpus.tar.gz',
  'corpus.tar',
  'runs/events.out.tfevents.1',
  'tokenizer.json',
  'x/tokenizer.json',
  'tokenizer.json.bak',
  'top.bin',
  'x/top.bin',
  'ckpt/a.pt',
  'ckpt/x/a.pt',
  'data/p.parquet',
  'data/x/y/p.parquet',
  'other/p.parquet',
  'model-00003.bin',
  'model-0000a.bin',
  'sub/a.csv',
  'sub/deep/a.csv',
  'a.csv',
  'sub/m.safetensors',
  'sub/keep/w.bin',
  'sub/x/keep/w.bin',
  'keep/w.bin',
  'README.md',
  'a.gz',
  'a.tar.gz',
  'x/b.tar.gz',
  'train.log',
  'logbook.txt',
  'catalog',
  '.gz',
  'gz',
  'a.',
  'sub/c.csv.gz',
];

function rulesFor(path: string): LfsRule[] {
  // What the walk passes for a file: the rules of its folder and the folders above.
  const rules = parseLfsRules(ROOT_TEXT, '');
  if (path.startsWith('sub/')) rules.push(...parseLfsRules(SUB_TEXT, 'sub'));
  return rules;
}

describe('compileLfsMatcher', () => {
  it.each(PATHS)('agrees with isLfsTracked on %s', (path) => {
    const rules = rulesFor(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    expect(compileLfsMatcher(rules)(name, path)).toBe(isLfsTracked(rules, path));
  });

  it('tracks what the patterns say, last match winning', () => {
    const root = compileLfsMatcher(parseLfsRules(ROOT_TEXT, ''));
    expect(root('model.safetensors', 'a/model.safetensors')).toBe(true);
    expect(root('small.safetensors', 'small.safetensors')).toBe(false);
    expect(root('top.bin', 'x/top.bin')).toBe(false);
    const sub = compileLfsMatcher(rulesFor('sub/x'));
    expect(sub('m.safetensors', 'sub/m.safetensors')).toBe(false);
    expect(sub('w.bin', 'sub/keep/w.bin')).toBe(true);
    expect(sub('w.bin', 'sub/x/keep/w.bin')).toBe(false);
    // A later extension rule beats an earlier `*…*` one and the other way round.
    expect(root('a.tar.gz', 'a.tar.gz')).toBe(true);
    expect(root('a.gz', 'a.gz')).toBe(false);
    expect(root('train.log', 'train.log')).toBe(false);
    expect(root('logbook.txt', 'logbook.txt')).toBe(true);
  });

  it('tracks nothing without rules', () => {
    expect(compileLfsMatcher([])('a.parquet', 'a.parquet')).toBe(false);
  });
});

import { isLfsTracked, parseLfsRules } from '../src/sources/gitattributes.js';

describe('gitattributes LFS rules', () => {
  const cases: [string, string, string, boolean][] = [
    // [file text, folder of the file, path, tracked]
    ['*.safetensors filter=lfs diff=lfs merge=lfs -text', '', 'model.safetensors', true],
    ['*.safetensors filter=lfs', '', 'deep/down/model.safetensors', true],
    ['*.safetensors filter=lfs', '', 'model.safetensors.index.json', false],
    ['/weights.bin filter=lfs', '', 'weights.bin', true],
    ['/weights.bin filter=lfs', '', 'sub/weights.bin', false],
    ['ckpt/*.pt filter=lfs', '', 'ckpt/a.pt', true],
    ['ckpt/*.pt filter=lfs', '', 'ckpt/x/a.pt', false],
    ['ckpt/** filter=lfs', '', 'ckpt/x/a.pt', true],
    ['**/onnx/*.onnx filter=lfs', '', 'onnx/m.onnx', true],
    ['**/onnx/*.onnx filter=lfs', '', 'a/b/onnx/m.onnx', true],
    ['data/**/*.parquet filter=lfs', '', 'data/p.parquet', true],
    ['data/**/*.parquet filter=lfs', '', 'data/x/y/p.parquet', true],
    ['*tfevents* filter=lfs', '', 'runs/events.out.tfevents.123', true],
    ['*.tar.* filter=lfs', '', 'corpus.tar.gz', true],
    ['model-0000[0-9].bin filter=lfs', '', 'model-00003.bin', true],
    ['model-0000[!0-9].bin filter=lfs', '', 'model-00003.bin', false],
    ['*.bin filter=lfs\nsmall.bin -filter', '', 'small.bin', false],
    ['*.bin filter=lfs\nsmall.bin -filter', '', 'large.bin', true],
    ['*.bin filter=lfs\n*.bin text', '', 'a.bin', true],
    ['# *.bin filter=lfs\n', '', 'a.bin', false],
    ['weights/ filter=lfs', '', 'weights/a.bin', false],
    ['*.bin filter=lfs', 'sub', 'sub/a.bin', true],
    ['*.bin filter=lfs', 'sub', 'other/a.bin', false],
    ['*.bin   filter=lfs\r\n', '', 'a.bin', true],
  ];
  it.each(cases)('%j in %j: %s -> %s', (text, dir, path, tracked) => {
    expect(isLfsTracked(parseLfsRules(text, dir), path)).toBe(tracked);
  });

  it('lets a deeper .gitattributes override the root one', () => {
    const rules = [...parseLfsRules('*.bin filter=lfs', ''), ...parseLfsRules('*.bin -filter', 'vendor')];
    expect(isLfsTracked(rules, 'vendor/x.bin')).toBe(false);
    expect(isLfsTracked(rules, 'x.bin')).toBe(true);
  });
});

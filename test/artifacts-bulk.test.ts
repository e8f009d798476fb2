import { collectArtifacts } from '../src/core/evidence/artifacts.js';
import type { SnapshotEntry } from '../src/core/snapshot.js';

// Data shards take a fast path that looks at the name before lower-casing the path; these
// are the cases where the name alone could mislead it.
const file = (path: string, size = 5_000_000): SnapshotEntry => ({ path, size, kind: 'file' });

function classify(paths: string[]) {
  const a = collectArtifacts(
    paths.map((p) => file(p)),
    {},
    '.',
  );
  return { data: a.dataFiles, evalData: a.evalDataFiles, samples: a.samples, bytes: a.dataBytes };
}

describe('collectArtifacts: data shards', () => {
  it('sorts shards into data, evaluation data and samples by folder and name', () => {
    expect(
      classify([
        'data/train/shard-00000.parquet',
        'data/validation/shard-00000.parquet',
        'data/train/test-00000.parquet',
        'samples/out.jsonl',
        'corpus/part.jsonl.zst',
      ]),
    ).toEqual({
      data: ['data/train/shard-00000.parquet', 'corpus/part.jsonl.zst'],
      evalData: ['data/validation/shard-00000.parquet', 'data/train/test-00000.parquet'],
      samples: ['samples/out.jsonl'],
      bytes: 10_000_000,
    });
  });

  it('treats upper-case extensions and names like their lower-case forms', () => {
    expect(classify(['data/TRAIN/Shard.PARQUET', 'data/Eval/x.Parquet']).data).toEqual(['data/TRAIN/Shard.PARQUET']);
    expect(classify(['data/Eval/x.Parquet']).evalData).toEqual(['data/Eval/x.Parquet']);
  });

  it('leaves a name with "result" in it to the full rules', () => {
    const a = collectArtifacts(
      [file('eval/all_Results.csv'), file('data/RESULTS-2024.parquet'), file('results/run.jsonl')],
      {},
      '.',
    );
    expect(a.evalResultFiles).toEqual(['eval/all_Results.csv']);
    expect(a.dataFiles).toEqual(['data/RESULTS-2024.parquet', 'results/run.jsonl']);
  });

  it('classifies a path with a dotted capital I (İ) in a folder name like any other', () => {
    expect(classify(['veri/İstanbul/shard-0.parquet']).data).toEqual(['veri/İstanbul/shard-0.parquet']);
  });
});

// Memory and time of reading two 100,000-entry trees (a pull request's head and base) the
// way the App does, and assessing them: GitHub truncates the recursive listing, so the
// snapshot walks 20 sub-trees of 5,000 entries each (answers pre-built as GitHub sends
// them). Run after `npm run build`: node --expose-gc bench/tree-memory.mjs
import { readGithubSnapshot } from '../lib/sources/github-snapshot.js';
import { assess } from '../lib/core/assess.js';
import { DEFAULT_CONFIG } from '../lib/config/schema.js';
const DIRS = 20,
  PER = 5000;
const texts = new Map();
function listing(sha, recursive) {
  const key = `${sha}:${recursive}`;
  if (!texts.has(key)) {
    let data;
    if (sha === 'a'.repeat(40) && recursive) data = { sha, tree: [], truncated: true };
    else if (sha === 'a'.repeat(40))
      data = {
        sha,
        tree: [
          { path: 'README.md', mode: '100644', type: 'blob', sha: 'b'.repeat(40), size: 100, url: 'u' },
          { path: 'model.safetensors', mode: '100644', type: 'blob', sha: 'c'.repeat(40), size: 5e9, url: 'u' },
          ...Array.from({ length: DIRS }, (_, i) => ({
            path: `shard-${i}`,
            mode: '040000',
            type: 'tree',
            sha: String(i).padStart(40, '0'),
            url: 'u',
          })),
        ],
        truncated: false,
      };
    else
      data = {
        sha,
        tree: Array.from({ length: PER }, (_, i) => ({
          path: `part-${String(i).padStart(6, '0')}.parquet`,
          mode: '100644',
          type: 'blob',
          sha: 'e'.repeat(40),
          size: 1234 + i,
          url: `https://api.github.com/repos/acme/llm/git/blobs/${'e'.repeat(40)}`,
        })),
        truncated: false,
      };
    texts.set(key, JSON.stringify(data));
  }
  return texts.get(key);
}
// Pre-build the answers (the network's part), then measure the snapshot and the assessment.
listing('a'.repeat(40), true);
listing('a'.repeat(40), false);
for (let i = 0; i < DIRS; i++) listing(String(i).padStart(40, '0'), true);
global.gc();
const before = process.memoryUsage().rss;
let peak = before;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
let requests = 0;
const client = {
  async request(_route, params) {
    requests++;
    await new Promise((r) => setTimeout(r, 5));
    return { data: JSON.parse(listing(params.tree_sha, Boolean(params.recursive))) };
  },
  async graphql() {
    return {
      repository: { f0: { text: '---\nlicense: mit\n---\n# M\n', isBinary: false, byteSize: 30, isTruncated: false } },
    };
  },
};
const t0 = Date.now();
// A pull request: head and base together, as the app reads them.
const [head, base] = await Promise.all([
  readGithubSnapshot(client, { owner: 'acme', repo: 'llm', sha: 'a'.repeat(40) }),
  readGithubSnapshot(client, { owner: 'acme', repo: 'llm', sha: 'a'.repeat(40) }),
]);
const [r1] = [assess(head, DEFAULT_CONFIG), assess(base, DEFAULT_CONFIG)];
clearInterval(sample);
console.log(
  JSON.stringify({
    treeRequests: requests,
    entriesEach: head.entries.length,
    ms: Date.now() - t0,
    rssBeforeMB: Math.round(before / 1e6),
    peakRssMB: Math.round(peak / 1e6),
    perEvaluationMB: Math.round((peak - before) / 1e6),
    weights: r1.models[0].components.weights.status,
  }),
);

// Issue 14: the check run points a maintainer at the files to change. On the project's
// example repositories, a weights-only repository and a monorepo, the app's check run
// carries annotations on files (a whole file on line 1), never more than 50 per request.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  deliver,
  mockCommit,
  mockCreateRun,
  mockToken,
  mockUpdateRun,
  nockDone,
  runLog,
  SHA,
  startApp,
} from './helpers/app-harness.js';
import { defineRepo, lfsFile, type RepoDescription, type RepoFile } from './helpers/github-mocks.js';

const ROOT = new URL('..', import.meta.url).pathname;
// Online lookups would reach the Hub: these repositories are judged on their own files.
const OFFLINE = { '.github/truly-open.yml': 'hub: false\n' };

/** A folder of this repository as GitHub would serve it (the examples' weights are LFS pointers already). */
function fromDisk(dir: string): Record<string, RepoFile> {
  const files: Record<string, RepoFile> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(ROOT, dir));
  return files;
}

const CARD = (n: number) =>
  [
    '---',
    'license: apache-2.0',
    '---',
    `# Model ${n}`,
    '',
    'A language model.',
    '',
    '## Training data',
    '',
    'A web crawl that is not published.',
    '',
  ].join('\n');

const REPOS: Record<string, { repo: RepoDescription; requests: number }> = {
  'examples/open-model': { repo: defineRepo({ ...fromDisk('examples/open-model'), ...OFFLINE }), requests: 1 },
  'examples/weights-only': { repo: defineRepo({ ...fromDisk('examples/weights-only'), ...OFFLINE }), requests: 1 },
  'weights only, no card': {
    repo: defineRepo({
      '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
      'model.safetensors': lfsFile(3_000_000_000, 'w'),
      ...OFFLINE,
    }),
    requests: 1,
  },
  'a monorepo of 12 models': {
    repo: defineRepo({
      '.gitattributes': '*.safetensors filter=lfs diff=lfs merge=lfs -text\n',
      '.github/truly-open.yml': `hub: false\nmodels:\n${Array.from({ length: 12 }, (_, i) => `  - models/m-${i + 1}`).join('\n')}\n`,
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [
          [`models/m-${i + 1}/README.md`, CARD(i + 1)],
          [`models/m-${i + 1}/config.json`, '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n'],
          [`models/m-${i + 1}/model.safetensors`, lfsFile(1_000_000_000 + i, `m${i}`)],
        ]).flat(),
      ),
    }),
    requests: 2,
  },
};

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

describe('annotations on files', () => {
  it.each(Object.entries(REPOS))(
    '%s: at least one annotation on a file of the commit, at most 50 per request',
    async (_name, { repo, requests }) => {
      const scope = api();
      mockToken(scope);
      mockCommit(scope, SHA.push, repo);
      const log = runLog();
      mockCreateRun(scope, log);
      // The run is created completed with the first 50; updates carry the rest.
      if (requests > 1) mockUpdateRun(scope, log, { times: requests - 1 });

      await deliver(probot, 'push', 'push');

      expect(log.updates).toHaveLength(requests);
      expect(log.updates[0]).toMatchObject({ status: 'completed' });
      const batches = log.updates.map(
        (u) =>
          (u.output?.annotations ?? []) as {
            path: string;
            start_line: number;
            end_line: number;
            annotation_level: string;
          }[],
      );
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(50);
      const all = batches.flat();
      expect(all.length).toBeGreaterThan(0);
      const paths = new Set(repo.entries.filter((e) => e.type === 'blob').map((e) => e.path));
      for (const a of all) {
        expect(paths.has(a.path)).toBe(true);
        expect(a.start_line).toBeGreaterThanOrEqual(1);
        expect(a.end_line).toBe(a.start_line);
      }
      // Every later request repeats the summary the first one completed the run with.
      for (const u of log.updates.slice(1)) expect(u.output.summary).toBe(log.updates[0].output.summary);
    },
  );
});

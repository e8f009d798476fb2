// A repository with many models: the check-run summary and the PR comment the app sends
// stay under GitHub's 65,535-character limit (cut with a note), checked as snapshots.
import { afterEach, beforeEach, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import type { RepoFile } from './helpers/github-mocks.js';
import { lfsFile } from './helpers/github-mocks.js';
import {
  api,
  CARD,
  deliver,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockToken,
  mockUpdateRun,
  modelRepo,
  nockDone,
  runLog,
  SHA,
  startApp,
} from './helpers/app-harness.js';

const LIMIT = 65_535;
const MODELS = 60;

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

/** `count` model folders, each with a card, a config and weights; `weights: false` drops them. */
function manyModels(count: number, { weights = true } = {}) {
  const files: Record<string, RepoFile | undefined> = {
    '.github/truly-open.yml': `models:\n${Array.from({ length: count }, (_, i) => `  - models/m-${String(i + 1).padStart(3, '0')}`).join('\n')}\n`,
    'README.md': undefined,
    'config.json': undefined,
    'model.safetensors': undefined,
  };
  for (let i = 1; i <= count; i++) {
    const dir = `models/m-${String(i).padStart(3, '0')}`;
    files[`${dir}/README.md`] = CARD.replace('# Acme LLM 7B', `# Model ${i}`);
    files[`${dir}/config.json`] = '{"architectures": ["LlamaForCausalLM"], "model_type": "llama"}\n';
    if (weights) files[`${dir}/model.safetensors`] = lfsFile(1_000_000_000 + i, `w${i}`);
  }
  return modelRepo(files);
}

it(`check-run summary for ${MODELS} models fits the Checks API`, async () => {
  const scope = api();
  mockToken(scope);
  mockCommit(scope, SHA.push, manyModels(MODELS));
  const log = runLog();
  mockCreateRun(scope, log);
  // More than 50 annotations: the run is created completed with 50, one more request the rest.
  mockUpdateRun(scope, log);

  await deliver(probot, 'push', 'push');

  const output = log.updates[0].output;
  expect(log.updates[0].conclusion).not.toBeUndefined();
  expect(output.title).toMatch(/^60 models/);
  expect(Buffer.byteLength(output.summary)).toBeLessThan(LIMIT);
  if (output.text) expect(Buffer.byteLength(output.text)).toBeLessThan(LIMIT);
  // Too many for full tables: the compact table still names every model.
  expect(output.summary).toContain('| m-060 |');
  expect(log.updates.map((u) => u.output.annotations.length)).toEqual([50, 50]);
  expect(output.summary).toMatchSnapshot();
});

it(`PR comment for ${MODELS} models that all lose their weights fits a comment`, async () => {
  const scope = api();
  mockToken(scope);
  mockCommit(scope, SHA.head, manyModels(MODELS, { weights: false }));
  mockCommit(scope, SHA.base, manyModels(MODELS));
  const log = runLog();
  mockCreateRun(scope, log);
  mockGetPull(scope);
  const bodies: string[] = [];
  mockCreateComment(scope, bodies);
  mockUpdateRun(scope, log);

  await deliver(probot, 'pull_request', 'opened');

  expect(log.updates[0]).toMatchObject({ conclusion: 'failure' });
  expect(Buffer.byteLength(log.updates[0].output.summary)).toBeLessThan(LIMIT);
  expect(Buffer.byteLength(bodies[0]!)).toBeLessThan(LIMIT);
  // Cut with a note that says how much is missing and where to get it.
  expect(bodies[0]).toMatch(/… \d+ more models not shown; run `truly-open check` for the full report\./);
  expect(bodies[0]).toMatchSnapshot();
});

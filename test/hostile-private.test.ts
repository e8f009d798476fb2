// Issue 10, item 2: GitHub lookups use the installation token, which can read the
// organisation's private repositories. A public card linking one must not learn from it:
// the report of a public repository is public. A private (or internal) repository counts
// exactly as a missing one: same status, same words, same link, so the report is no
// oracle for whether it exists.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import { GithubClient } from '../src/sources/remote/github-client.js';
import { enrichSnapshot } from '../src/sources/remote/online.js';
import { emptyRemoteFacts } from '../src/sources/remote/resolve.js';
import { DEFAULT_CONFIG } from '../src/config/schema.js';
import { assess } from '../src/core/assess.js';
import {
  api,
  CARD,
  deliver,
  mockCommit,
  mockCreateRun,
  mockToken,
  modelRepo,
  nock,
  nockDone,
  OWNER,
  runLog,
  startApp,
} from './helpers/app-harness.js';
import { snapshot } from './helpers/snapshot-builder.js';

const LINKED = `${OWNER}/secret-trainer`;
const CARD_LINKING = CARD.replace(
  '## Training data',
  `The training code is at https://github.com/${LINKED} (training recipe).\n\n## Training data`,
);

/** `GET /repos/{owner}/{repo}` as GitHub answers the installation for each case. */
const ANSWERS: Record<string, [number, object]> = {
  private: [
    200,
    {
      full_name: 'acme/Renamed-Trainer',
      html_url: 'https://github.com/acme/Renamed-Trainer',
      private: true,
      visibility: 'private',
      license: { key: 'apache-2.0', spdx_id: 'Apache-2.0', name: 'Apache License 2.0' },
    },
  ],
  internal: [
    200,
    {
      full_name: LINKED,
      html_url: `https://github.com/${LINKED}`,
      private: false,
      visibility: 'internal',
      license: { key: 'mit', spdx_id: 'MIT', name: 'MIT License' },
    },
  ],
  missing: [
    404,
    { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository' },
  ],
  public: [
    200,
    {
      full_name: LINKED,
      html_url: `https://github.com/${LINKED}`,
      private: false,
      visibility: 'public',
      license: { key: 'apache-2.0', spdx_id: 'Apache-2.0', name: 'Apache License 2.0' },
    },
  ],
};

let probot: Probot;
let tokenMocked = false;
beforeEach(async () => {
  probot = await startApp();
  tokenMocked = false;
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

/** A push to a public model repository whose card links LINKED; the check run's output. */
let pushes = 0;
async function pushLinking(answer: keyof typeof ANSWERS) {
  // A new commit each time: the same one again would be answered from the assessment cache.
  const sha = String(++pushes).padStart(40, 'f');
  const scope = api();
  // Probot keeps the installation token for the app's life.
  if (!tokenMocked) mockToken(scope);
  tokenMocked = true;
  mockCommit(scope, sha, modelRepo({ 'README.md': CARD_LINKING }));
  const [status, body] = ANSWERS[answer]!;
  let looked = 0;
  scope.get(`/repos/${LINKED}`).reply(() => (looked++, [status, body]));
  const log = runLog();
  mockCreateRun(scope, log);
  await deliver(probot, 'push', 'push', (payload) => {
    payload.after = sha;
    payload.repository.private = false;
    payload.repository.visibility = 'public';
  });
  expect(looked).toBe(1);
  return log.updates[0]!.output as { title: string; summary: string; text: string };
}

describe('a public repository linking a private one of the same installation', () => {
  it('shows no fact of it: not its license, not its new name, not that it was verified', async () => {
    const output = await pushLinking('private');
    const all = `${output.title}\n${output.summary}\n${output.text}`;
    expect(all).not.toMatch(/Renamed-Trainer/);
    const trainingCode = all.split('\n').filter((line) => /Training code/.test(line));
    expect(trainingCode.length).toBeGreaterThan(0);
    expect(trainingCode.join('\n')).not.toMatch(/Apache-2\.0|verified online|\(open|\| open/);
    expect(output.text).toMatch(/\*\*Training code\*\* \(mentioned\)/);
    expect(output.text).not.toMatch(/\*\*Training code\*\*[^\n]*verified online/);
  });

  it('is indistinguishable from a repository that does not exist (no existence oracle)', async () => {
    const secret = await pushLinking('private');
    const missing = await pushLinking('missing');
    const internal = await pushLinking('internal');
    expect(secret).toEqual(missing);
    expect(internal).toEqual(missing);
  });

  it('a public linked repository is still verified (the lookup itself works)', async () => {
    const output = await pushLinking('public');
    expect(output.text).toMatch(/\*\*Training code\*\* \(open, `Apache-2\.0`, verified online\)/);
  });
});

describe('at the source of the facts', () => {
  it('the GitHub client answers a private repository exactly like a 404', async () => {
    const request = async (_route: string, params: Record<string, unknown>) => {
      if (params['repo'] === 'gone') throw Object.assign(new Error('Not Found'), { status: 404 });
      return {
        status: 200,
        data: {
          private: true,
          license: { spdx_id: 'MIT', name: 'MIT License' },
          html_url: 'https://github.com/org/other-name',
        },
      };
    };
    const gh = new GithubClient({ request });
    const secret = await gh.repoInfo('org/secret');
    const gone = await gh.repoInfo('org/gone');
    expect({ ...secret, repo: 'x', url: 'x' }).toEqual({ ...gone, repo: 'x', url: 'x' });
    expect(secret.url).toBe('https://github.com/org/secret');
  });

  it('a repository answer without a visibility flag is not taken as public', async () => {
    const gh = new GithubClient({
      request: async () => ({ status: 200, data: { license: { spdx_id: 'MIT', name: 'MIT' } } }),
    });
    expect(await gh.repoInfo('org/unknown')).toMatchObject({ state: 'not-found', license: null });
  });

  it('enrichSnapshot hides private facts whatever the resolver returned', async () => {
    const snap = snapshot({ files: { 'README.md': CARD_LINKING, 'model.safetensors': { size: 5e9 } } });
    const resolve = async () => ({
      ...emptyRemoteFacts(),
      github: {
        [LINKED]: {
          repo: LINKED,
          component: 'training-code' as const,
          state: 'found' as const,
          url: 'https://github.com/acme/x',
          license: 'Apache-2.0',
          private: true,
        },
      },
    });
    const enriched = await enrichSnapshot(snap, DEFAULT_CONFIG, { resolve });
    expect(enriched.remote?.github[LINKED]).toMatchObject({
      state: 'not-found',
      license: null,
      private: false,
      url: `https://github.com/${LINKED}`,
    });
    const report = assess(enriched, DEFAULT_CONFIG);
    expect(report.models[0]?.components['training-code']).toMatchObject({ status: 'mentioned' });
  });
});

// The Hub is never contacted in these tests: no dataset is named.
void nock;

// A stopping server (SIGTERM from docker stop or a rolling deploy) lets running
// evaluations finish for a while, then closes the check runs still open as neutral, so
// none stays "in progress" on GitHub. drain() is what the SIGTERM handler runs.
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { completeCheckRun, interruptedCompletion } from '../src/app/publish.js';
import { drain, idle, opened, track } from '../src/app/runtime.js';
import { GITHUB_API, testOctokit } from './helpers/github-mocks.js';

afterEach(async () => {
  await idle();
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const repo = { owner: 'acme', repo: 'llm' };

/** An open run whose evaluation finishes after `ms`, closing it as evaluate() does. */
function slowEvaluation(id: number, ms: number): void {
  const octokit = testOctokit();
  const run = { id, url: null };
  const close = opened({
    label: `acme/llm (check run ${id})`,
    interrupt: () => completeCheckRun(octokit, repo, run, interruptedCompletion()).then(() => undefined),
  });
  track(new Promise<void>((resolve) => setTimeout(resolve, ms)).then(close.close));
}

describe('drain', () => {
  it('completes a run still open after the grace period as neutral, "interrupted by a restart"', async () => {
    const bodies: any[] = [];
    nock(GITHUB_API)
      .patch('/repos/acme/llm/check-runs/31')
      .reply(200, (_u, body) => (bodies.push(body), { id: 31 }));
    slowEvaluation(31, 400);

    const interrupted = await drain(30);

    expect(interrupted).toEqual(['acme/llm (check run 31)']);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({ status: 'completed', conclusion: 'neutral' });
    expect(bodies[0].output.title).toBe('Not evaluated: interrupted by a restart; use Re-run');
  });

  it('leaves alone a run whose evaluation finishes within the grace period', async () => {
    slowEvaluation(32, 20);

    // No PATCH mock: interrupting would be an unmatched request (and a pending mock check fails otherwise).
    expect(await drain(2_000)).toEqual([]);
  });
});

// completeCheckRun: the conclusion is set by the completing request; a later annotation
// batch that GitHub refuses must not turn the verdict into anything else.
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { completeCheckRun } from '../src/app/publish.js';
import type { Annotation } from '../src/core/render/check-run.js';
import { GITHUB_API, testOctokit } from './helpers/github-mocks.js';

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({
  path: 'README.md',
  start_line: i + 1,
  end_line: i + 1,
  annotation_level: 'warning',
  title: 'Problem',
  message: `problem ${i + 1}`,
}));

describe('completeCheckRun', () => {
  it('keeps the conclusion when a later annotation batch fails, and says how many were added', async () => {
    const bodies: any[] = [];
    const record = (_uri: string, body: unknown) => {
      bodies.push(body);
      return { id: 77 };
    };
    nock(GITHUB_API)
      .patch('/repos/acme/llm/check-runs/77')
      .reply(200, record)
      .patch('/repos/acme/llm/check-runs/77')
      .reply(200, record)
      .patch('/repos/acme/llm/check-runs/77')
      .reply(422, { message: 'Unprocessable Entity' })
      .patch('/repos/acme/llm/check-runs/77')
      .reply(200, record);

    const error = await completeCheckRun(
      testOctokit(),
      { owner: 'acme', repo: 'llm' },
      { id: 77, url: null },
      {
        conclusion: 'failure',
        title: 'Open weights: data missing',
        summary: 'The report.',
        annotations,
      },
    );

    expect((error as { status?: number }).status).toBe(422);
    expect(bodies[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(bodies[0].output.annotations).toHaveLength(50);
    expect(bodies[1].output.annotations).toHaveLength(50);
    // The note request changes the summary only: no conclusion, no status.
    expect(bodies[2]).not.toHaveProperty('conclusion');
    expect(bodies[2].output.summary).toMatch(
      /^> \*\*Note:\*\* Only 100 of 120 annotations were added: GitHub API refused a request \(HTTP 422\)/,
    );
    expect(bodies[2].output.summary).toContain('The report.');
  });
});

// `/openness` slash commands in PR comments: each by a writer (work, reaction, reply) and
// by a reader (one polite refusal, nothing runs); bots, other issues and chatter ignored.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Probot } from 'probot';
import {
  api,
  deliver,
  mockCommit,
  mockCreateComment,
  mockCreateRun,
  mockGetPull,
  mockPermission,
  mockProbotConfig,
  mockReaction,
  mockToken,
  modelRepo,
  nockDone,
  runLog,
  SHA,
  startApp,
} from './helpers/app-harness.js';

let probot: Probot;
beforeEach(async () => {
  probot = await startApp();
});
afterEach(() => {
  expect(nockDone()).toEqual({ pending: [], unmatched: [] });
});

const say =
  (body: string, user = 'bob') =>
  (p: any) => {
    p.comment.body = body;
    p.comment.user.login = user;
    p.sender.login = user;
  };

describe('/openness recheck', () => {
  it('by a writer: a reaction, then the PR flow on the current head', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'write');
    mockReaction(scope, 3001, 'eyes');
    mockGetPull(scope, SHA.head);
    mockCommit(scope, SHA.head, modelRepo());
    mockCommit(scope, SHA.base, modelRepo());
    const log = runLog();
    // Nothing changes and no comment exists (the head's GraphQL request says so): no comment
    // request at all, and the run is created completed.
    mockCreateRun(scope, log);

    await deliver(probot, 'issue_comment', 'created', say('/openness recheck'));

    expect(log.created[0]).toMatchObject({ head_sha: SHA.head, external_id: 'pr:7' });
    expect(log.updates[0]).toMatchObject({ status: 'completed' });
  });

  it('by a maintainer (role maintain) is allowed too', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'carol', 'write', 'maintain');
    mockReaction(scope, 3001, '+1');
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness help', 'carol'));

    expect(replies[0]).toMatch(/\/openness recheck/);
  });

  it('by a reader: one polite refusal per PR, and nothing runs, however often they ask', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'dave', 'read');
    const replies: string[] = [];
    mockCreateComment(scope, replies);
    await deliver(probot, 'issue_comment', 'created', say('/openness recheck', 'dave'));

    // The permission is remembered for a minute: no second lookup, and no second reply.
    await deliver(probot, 'issue_comment', 'created', say('/openness recheck', 'dave'));

    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/@dave/);
    expect(replies[0]).toMatch(/write access/);
  });

  it('by someone who is not a collaborator at all (404): refused the same way', async () => {
    const scope = api();
    mockToken(scope);
    scope.get('/repos/acme/llm/collaborators/erin/permission').reply(404, { message: 'Not Found' });
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness recheck', 'erin'));

    expect(replies).toHaveLength(1);
  });
});

describe('/openness explain', () => {
  it('by a writer: what the component is, its evidence here and how to publish it', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'admin');
    mockReaction(scope, 3001, 'eyes');
    mockGetPull(scope, SHA.head);
    mockCommit(scope, SHA.head, modelRepo());
    mockProbotConfig(scope, null);
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness explain weights'));

    const reply = replies[0]!;
    expect(reply).toMatch(/^### `weights`: Weights/);
    expect(reply).toMatch(/final trained parameters/);
    expect(reply).toMatch(/\*\*In this repository:\*\*/);
    expect(reply).toContain('model.safetensors');
    expect(reply).toMatch(/\*\*How to publish it:\*\*/);
    expect(reply).toContain('/docs/components/weights.md');
  });

  it('by a writer with an unknown component: the list of ids', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'write');
    mockReaction(scope, 3001, '+1');
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness explain wieghts'));

    expect(replies[0]).toMatch(/`wieghts` is not a component id/);
    expect(replies[0]).toContain('`training-data`');
  });

  it('by a reader: refused, nothing read', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'dave', 'read');
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness explain weights', 'dave'));

    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(/reserved for people with write access/);
  });
});

describe('/openness help', () => {
  it('by a writer: a +1 and the list of commands', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'bob', 'write');
    mockReaction(scope, 3001, '+1');
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness help'));

    expect(replies[0]).toMatch(/`\/openness explain <component>`/);
  });

  it('by a reader: refused', async () => {
    const scope = api();
    mockToken(scope);
    mockPermission(scope, 'dave', 'none');
    const replies: string[] = [];
    mockCreateComment(scope, replies);

    await deliver(probot, 'issue_comment', 'created', say('/openness help', 'dave'));

    expect(replies).toHaveLength(1);
  });
});

describe('comments that are not for us', () => {
  it('ignores bots, edited comments, comments on issues, and comments that do not start with /openness, without a request', async () => {
    await deliver(probot, 'issue_comment', 'created', (p) => {
      p.action = 'edited';
      p.changes = { body: { from: 'typo' } };
    });
    await deliver(probot, 'issue_comment', 'created', (p) => {
      p.sender.type = 'Bot';
      p.sender.login = 'renovate[bot]';
    });
    await deliver(probot, 'issue_comment', 'created', (p) => delete p.issue.pull_request);
    await deliver(probot, 'issue_comment', 'created', say('Looks good! Maybe run /openness recheck later.'));
  });
});
